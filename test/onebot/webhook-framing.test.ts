/**
 * A webhook post Node's HTTP parser cannot read, on the OneBot listener of its own
 * (`onebot.listen`) and on the gateway's port: once its path is known to be a webhook's, it is
 * refused with a 400 whose body is a OneBot 12 action response, `retcode` 10001 Bad Request
 * (https://12.onebot.dev/connect/data-protocol/action-response/, "1xxxx 动作请求错误": "格式错误、
 * 必要字段缺失或字段类型错误"; the same table in nonebot/adapter-onebot
 * nonebot/adapters/onebot/v12/exception.py `BadRequest`), with `Connection: close`, instead of
 * Node's bodiless default (https://nodejs.org/api/http.html#event-clienterror). What is not a
 * request at all keeps Node's plain 400.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { recordingLogger } from '../support/recording-logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { parseRawAnswer as parseAnswer, rawExchange as exchange } from '../support/raw-http-exchange.js';

const webhookPath = '/onebot/v12/webhook';
const logger = recordingLogger();
let upstream: TestUpstream;
let separate: Gateway;
let shared: Gateway;
let onebotPort: number;
let sharedPort: number;
let running = 0;

async function handlersEnded(): Promise<void> {
  for (let waited = 0; running > 0 && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}

before(async () => {
  upstream = await new TestUpstream().start();
  const settings = {
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
  };
  const bots = [{ transport: 'webhook' as const, url: webhookPath, model: 'chat' }];
  separate = createGateway(resolveConfig({ ...settings, onebot: { bots, listen: { port: 0 } } }), { logger });
  await separate.listen(0, '127.0.0.1');
  onebotPort = separate.onebotAddress?.port ?? 0;
  // Counts the webhook handlers still running: one still reading a refused body would never end.
  const handle = separate.onebot.handleRequest.bind(separate.onebot);
  separate.onebot.handleRequest = (request, response) => {
    running++;
    return handle(request, response).finally(() => running--);
  };
  shared = createGateway(resolveConfig({ ...settings, onebot: { bots } }), { logger });
  sharedPort = (await shared.listen(0, '127.0.0.1')).port;
});
after(async () => {
  await separate.close(0);
  await shared.close(0);
  await upstream.stop();
});

const chunkedHead = (path: string) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-OneBot-Version: 12\r\nX-Impl: test\r\nTransfer-Encoding: chunked\r\n\r\n`;
const badChunk = '5\r\n{"typ\r\nZZ\r\n';

function assertOnebotRefusal(text: string): void {
  const answer = parseAnswer(text);
  assert.equal(answer.answers, 1, text);
  assert.equal(answer.status, 400);
  assert.equal(answer.headers.connection, 'close');
  assert.equal(answer.headers['content-type'], 'application/json');
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['data', 'message', 'retcode', 'status']);
  assert.equal(body.status, 'failed');
  assert.equal(body.retcode, 10001);
  assert.equal(body.data, null);
  assert.match(String(body.message), /not valid HTTP\/1\.1 \(Invalid character in chunk size\)/);
}

test('a broken chunk size in a webhook post on the OneBot port is refused as a OneBot 12 action response', async () => {
  // The head first, so the webhook is already reading the body when its framing breaks.
  assertOnebotRefusal(await exchange(onebotPort, [chunkedHead(webhookPath), badChunk], 100));
  assertOnebotRefusal(await exchange(onebotPort, [chunkedHead(webhookPath) + badChunk]));
  // The webhook that was reading the body was told of the refusal: it ended, and wrote nothing more.
  await handlersEnded();
  assert.equal(running, 0);
  assert.ok(!logger.lines.some((line) => line.message === 'onebot request failed'));
});

test('the same on the gateway\'s own port, where the webhook shares it', async () => {
  assertOnebotRefusal(await exchange(sharedPort, [chunkedHead(webhookPath), badChunk], 100));
});

test('a request line that is not HTTP keeps Node\'s plain 400 on the OneBot port', async () => {
  assert.equal(await exchange(onebotPort, ['GARBAGE\r\n\r\n']), 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
});

test('a broken body on a path no webhook owns: the 404 already sent stands alone, then the connection closes', async () => {
  const answer = parseAnswer(await exchange(onebotPort, [chunkedHead('/elsewhere'), badChunk], 100));
  assert.equal(answer.answers, 1);
  assert.equal(answer.status, 404);
  assert.deepEqual(JSON.parse(answer.body), { error: { message: 'not a OneBot path' } });
});

test('the OneBot port serves the next webhook post', async () => {
  const event = JSON.stringify({ id: 'e1', time: 1, type: 'meta', detail_type: 'heartbeat', sub_type: '', interval: 5000 });
  const response = await fetch(`http://127.0.0.1:${onebotPort}${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-onebot-version': '12', 'x-impl': 'test' }, body: event });
  assert.equal(response.status, 204);
});
