/**
 * OpenAI takes a temperature up to 2 (https://platform.openai.com/docs/api-reference/chat/create), and
 * two compatible services stop lower: Mistral at 1.5, inclusive (422 `less_than_equal` for 1.51 and 2,
 * probed live in https://github.com/mnfst/modelparams.dev/pull/234), and DashScope (Qwen) below 2
 * ("[0, 2)"; 2 refused, 1.99 served: https://github.com/mnfst/modelparams.dev/pull/232). An OpenAI
 * caller's temperature beyond either goes as the highest the service takes, with a warning, judged by
 * each vendor's rules (test/support/vendor-rules/mistral.ts, dashscope.ts).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureDataLines, readFixtureText } from '../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  // Mistral's path is OpenAI's, so its judge is named; DashScope's is known by its path.
  upstream = await new TestUpstream({ vendor: (request) => (request.url.startsWith('/v1/') ? 'mistral' : undefined) }).start();
  const config = resolveConfig({
    providers: {
      mistral: { dialect: 'mistral', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'mistral-key' },
      qwen: { dialect: 'qwen', baseUrl: `${upstream.baseUrl}/compatible-mode/v1`, apiKey: 'sk-dashscope' },
    },
    models: { 'mistral-small': [{ provider: 'mistral', model: 'mistral-small-latest' }], qwen: [{ provider: 'qwen', model: 'qwen-plus' }] },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());

/** The recorded DashScope stream framed as SSE again: the qwen preset asks for every answer as a stream. */
function qwenStream(): string {
  return `${readFixtureDataLines('openai-compat/alibaba-qwen-stream-tool-call-empty-id.data.ndjson').map((frame) => `data: ${frame.data}\n\n`).join('')}data: [DONE]\n\n`;
}

async function temperatureSent(model: string, temperature: number): Promise<{ sent: unknown; warnings: string }> {
  const { response } = await client.chat.completions.create({ model, temperature, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  return { sent: (upstream.requests[0]?.body as Record<string, unknown>)['temperature'], warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('a temperature above 1.5 goes to Mistral as 1.5, with a warning', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('mistral/pa-chat-penalties.response.json') });
  const { sent, warnings } = await temperatureSent('mistral-small', 1.8);
  assert.equal(sent, 1.5);
  assert.match(warnings, /"feature":"temperature"/);
});

test('a temperature of 1.5 goes to Mistral as it is', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('mistral/pa-chat-penalties.response.json') });
  const { sent, warnings } = await temperatureSent('mistral-small', 1.5);
  assert.equal(sent, 1.5);
  assert.doesNotMatch(warnings, /"feature":"temperature"/);
});

test('a temperature of 2 goes to DashScope just below 2, with a warning', async () => {
  upstream.enqueue({ kind: 'stream', text: qwenStream() });
  const { sent, warnings } = await temperatureSent('qwen', 2);
  assert.equal(sent, 1.99);
  assert.match(warnings, /"feature":"temperature"/);
});
