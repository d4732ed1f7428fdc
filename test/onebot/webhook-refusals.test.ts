/**
 * What the webhook answers a post it refuses. The webhook standard counts any status but 204 and
 * 200 as a failed push, and reads a 200's body as action requests to run
 * (https://12.onebot.dev/connect/communication/http-webhook/, "响应"), so every refusal is a 4xx.
 * Refusals made before the body is read are told by the status the HTTP communication page names
 * (https://12.onebot.dev/connect/communication/http/, "错误": 405 for a method other than POST, 401
 * when the access token fails, 415 for an unsupported `Content-Type`), with the header RFC 9110
 * requires of a 405 (`Allow`, §15.5.6) and a 401 (`WWW-Authenticate`, §15.5.2). A body that is
 * over the limit, not JSON, or not an event (https://12.onebot.dev/connect/data-protocol/event/)
 * gets a OneBot 12 action response, `status: failed`, `retcode` 10001 Bad Request
 * (https://12.onebot.dev/connect/data-protocol/action-response/, "1xxxx 动作请求错误").
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type OutgoingHttpHeaders } from 'node:http';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';

const webhookPath = '/onebot/v12/webhook';
const token = 'onebot-secret';
const maxBodyBytes = 4096;
let upstream: TestUpstream;
let gateway: Gateway;
let port: number;

before(async () => {
  upstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      onebot: { bots: [{ transport: 'webhook', url: webhookPath, accessToken: token, model: 'chat' }], maxMessageBytes: maxBodyBytes },
    }),
    { logger: silentLogger },
  );
  port = (await gateway.listen(0, '127.0.0.1')).port;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP request to the webhook, as an implementation sends it unless `headers` say otherwise. */
function post(body: string | undefined, headers: OutgoingHttpHeaders = {}, method = 'POST', path = webhookPath): Promise<Answer> {
  const sent: OutgoingHttpHeaders = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    'x-onebot-version': '12',
    'x-impl': 'test',
    ...headers,
  };
  for (const [name, value] of Object.entries(sent)) if (value === undefined) delete sent[name];
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, method, headers: sent }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const heartbeat = { id: 'e-1', impl: 'test', time: 1632847927.599, type: 'meta', detail_type: 'heartbeat', sub_type: '', interval: 5000 };

function assertBare(answer: Answer, status: number): void {
  assert.equal(answer.status, status);
  assert.equal(answer.body, '');
}

function assertFailedAction(answer: Answer, status: number, message: RegExp): void {
  assert.equal(answer.status, status);
  assert.equal(answer.headers['content-type'], 'application/json');
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['data', 'message', 'retcode', 'status']);
  assert.equal(body.status, 'failed');
  assert.equal(body.retcode, 10001);
  assert.equal(body.data, null);
  assert.match(String(body.message), message);
}

test('a method other than POST is refused 405 with the methods the webhook takes', async () => {
  for (const method of ['GET', 'PUT']) {
    const answer = await post(undefined, {}, method);
    assertBare(answer, 405);
    assert.equal(answer.headers.allow, 'POST');
  }
});

test('a missing or wrong access token is refused 401 with a Bearer challenge', async () => {
  for (const headers of [{ authorization: undefined }, { authorization: 'Bearer wrong' }, { authorization: 'Basic b25lYm90' }]) {
    const answer = await post(JSON.stringify(heartbeat), headers);
    assertBare(answer, 401);
    assert.equal(answer.headers['www-authenticate'], 'Bearer');
  }
});

test('a Content-Type other than JSON is refused 415', async () => {
  for (const contentType of ['application/msgpack', 'text/plain', 'application/x-www-form-urlencoded']) {
    assertBare(await post(JSON.stringify(heartbeat), { 'content-type': contentType }), 415);
  }
});

test('a body over the limit is refused 413 as a OneBot action response, declared or found while read', async () => {
  const large = JSON.stringify({ ...heartbeat, padding: 'x'.repeat(maxBodyBytes) });
  assertFailedAction(await post(large), 413, /over the 4096-byte limit/);
  assertFailedAction(await post(large, { 'transfer-encoding': 'chunked' }), 413, /over the 4096-byte limit/);
});

test('a body that is not JSON is refused 400 as a OneBot action response', async () => {
  assertFailedAction(await post('{"type":'), 400, /not JSON/);
});

test('JSON that is not an event is refused 400 as a OneBot action response', async () => {
  for (const body of ['[]', '"hello"', '{}', JSON.stringify({ ...heartbeat, type: undefined }), JSON.stringify({ ...heartbeat, detail_type: 5 })]) {
    assertFailedAction(await post(body), 400, /not a OneBot 12 event/);
  }
});

test('an event is taken, whatever the case and parameters of its JSON Content-Type', async () => {
  for (const contentType of ['application/json', 'Application/JSON; charset=utf-8']) {
    assertBare(await post(JSON.stringify(heartbeat), { 'content-type': contentType }), 204);
  }
  // The token in the query, for implementations that cannot set the header.
  assertBare(await post(JSON.stringify(heartbeat), { authorization: undefined }, 'POST', `${webhookPath}?access_token=${token}`), 204);
});
