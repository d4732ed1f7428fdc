import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { createJsonLogger } from '../../src/gateway/logger.js';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { TestUpstream } from '../support/test-upstream.js';

const parse = (line: string | undefined) => JSON.parse(line ?? '') as Record<string, unknown>;

test('a log line is one JSON object whose own keys no field can overwrite', () => {
  const lines: string[] = [];
  createJsonLogger((line) => lines.push(line)).warn('request failed', { message: 'upstream said no', level: 'x', code: 'rate_limited' });
  assert.equal(lines.length, 1);
  assert.ok(lines[0]?.endsWith('\n'));
  const entry = parse(lines[0]);
  assert.equal(entry.message, 'request failed');
  assert.equal(entry.level, 'warn');
  assert.equal(entry.code, 'rate_limited');
  assert.deepEqual(entry.fields, { message: 'upstream said no', level: 'x' });
  assert.ok(!Number.isNaN(Date.parse(String(entry.time))));
});

test('each line carries the ISO time it was written at, formatted anew once the millisecond changes', async () => {
  const lines: string[] = [];
  const logger = createJsonLogger((line) => lines.push(line));
  const first = Date.now();
  logger.info('one');
  await new Promise((resolve) => setTimeout(resolve, 5));
  logger.info('two');
  const last = Date.now();
  const times = lines.map((line) => String(parse(line).time));
  for (const time of times) {
    assert.match(time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(Date.parse(time) >= first && Date.parse(time) <= last, `${time} within the test`);
  }
  assert.ok(Date.parse(times[1] as string) - Date.parse(times[0] as string) >= 4, `a later line has a later time: ${times.join(' ')}`);
});

test('lines below the level are not written; secrets are redacted; a request\'s log carries its id', () => {
  const lines: string[] = [];
  const logger = createJsonLogger((line) => lines.push(line), { level: 'warn' });
  logger.info('quiet');
  logger.forRequest?.('req-42').error('loud', { headers: { authorization: 'Bearer sk-secret' }, apiKey: 'sk-other' });
  assert.equal(lines.length, 1);
  assert.ok(!lines[0]?.includes('sk-secret') && !lines[0]?.includes('sk-other'), lines[0]);
  assert.equal(parse(lines[0]).requestId, 'req-42');
});

const upstream = new TestUpstream();
let gateway: Gateway;
let url: string;
const lines: string[] = [];
before(async () => {
  await upstream.start();
  const config = resolveConfig({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-upstream-secret' } },
    models: { m: [{ provider: 'oa', model: 'gpt-4o' }] },
  });
  gateway = createGateway(config, { logger: createJsonLogger((line) => lines.push(line)) });
  url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});

const answer = {
  kind: 'json' as const,
  body: { id: 'c1', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'the secret answer' }, finish_reason: 'stop' }] },
};

async function chat(headers: Record<string, string> = {}) {
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer caller-secret', ...headers },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'the secret question' }] }),
  });
  await response.body.dump();
  return response;
}

test('every answer echoes a request id that its log lines carry, with no secrets and no message content', async () => {
  lines.length = 0;
  upstream.enqueue(answer);
  const response = await chat();
  const id = response.headers['x-request-id'];
  assert.match(String(id), /^[0-9a-f-]{36}$/);
  const served = lines.map(parse).find((entry) => entry.message === 'request served');
  assert.equal(served?.requestId, id);
  const text = lines.join('');
  for (const secret of ['the secret', 'caller-secret', 'sk-upstream-secret']) assert.ok(!text.includes(secret), `${secret} in ${text}`);
  // A caller's own id is kept; an unreasonable one is replaced.
  upstream.enqueue(answer);
  assert.equal((await chat({ 'x-request-id': 'trace-7' })).headers['x-request-id'], 'trace-7');
  const health = await request(`${url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
  await health.body.dump();
  assert.notEqual(health.headers['x-request-id'], 'bad id with spaces');
  assert.match(String(health.headers['x-request-id']), /^[0-9a-f-]{36}$/);
});

test('with logging.bodies on, the request and the answer are logged', async () => {
  lines.length = 0;
  gateway.services.config.logging.bodies = true;
  try {
    upstream.enqueue(answer);
    await chat();
  } finally {
    gateway.services.config.logging.bodies = false;
  }
  const text = lines.join('');
  assert.ok(text.includes('the secret question') && text.includes('the secret answer'));
  assert.ok(!text.includes('caller-secret'));
});
