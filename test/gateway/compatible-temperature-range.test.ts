/**
 * OpenAI takes a temperature up to 2 (https://platform.openai.com/docs/api-reference/chat/create), and
 * two compatible services stop lower: Mistral at 1.5, inclusive (422 `less_than_equal` for 1.51 and 2,
 * probed live in https://github.com/mnfst/modelparams.dev/pull/234), and DashScope (Qwen) below 2
 * ("[0, 2)"; 2 refused, 1.99 served: https://github.com/mnfst/modelparams.dev/pull/232). An OpenAI
 * caller's temperature beyond either goes as the highest the service takes, with a warning, judged by
 * each vendor's rules (test/support/vendor-rules/mistral.ts, dashscope.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureDataLines, readFixtureText } from '../support/fixtures.js';

// Mistral's path is OpenAI's, so its judge is named; DashScope's is known by its path.
const setup = gatewayOverOneUpstream(
  (baseUrl) => ({
    providers: {
      mistral: { dialect: 'mistral', baseUrl: `${baseUrl}/v1`, apiKey: 'mistral-key' },
      qwen: { dialect: 'qwen', baseUrl: `${baseUrl}/compatible-mode/v1`, apiKey: 'sk-dashscope' },
    },
    models: { 'mistral-small': [{ provider: 'mistral', model: 'mistral-small-latest' }], qwen: [{ provider: 'qwen', model: 'qwen-plus' }] },
  }),
  { vendor: (request) => (request.url.startsWith('/v1/') ? 'mistral' : undefined) },
);
const client = (): OpenAI => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

/** The recorded DashScope stream framed as SSE again: the qwen preset asks for every answer as a stream. */
function qwenStream(): string {
  return `${readFixtureDataLines('openai-compat/alibaba-qwen-stream-tool-call-empty-id.data.ndjson').map((frame) => `data: ${frame.data}\n\n`).join('')}data: [DONE]\n\n`;
}

async function temperatureSent(model: string, temperature: number): Promise<{ sent: unknown; warnings: string }> {
  const { response } = await client().chat.completions.create({ model, temperature, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  return { sent: (setup.upstream.requests[0]?.body as Record<string, unknown>)['temperature'], warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('a temperature above 1.5 goes to Mistral as 1.5, with a warning', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureText('mistral/pa-chat-penalties.response.json') });
  const { sent, warnings } = await temperatureSent('mistral-small', 1.8);
  assert.equal(sent, 1.5);
  assert.match(warnings, /"feature":"temperature"/);
});

test('a temperature of 1.5 goes to Mistral as it is', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureText('mistral/pa-chat-penalties.response.json') });
  const { sent, warnings } = await temperatureSent('mistral-small', 1.5);
  assert.equal(sent, 1.5);
  assert.doesNotMatch(warnings, /"feature":"temperature"/);
});

test('a temperature of 2 goes to DashScope just below 2, with a warning', async () => {
  setup.upstream.enqueue({ kind: 'stream', text: qwenStream() });
  const { sent, warnings } = await temperatureSent('qwen', 2);
  assert.equal(sent, 1.99);
  assert.match(warnings, /"feature":"temperature"/);
});
