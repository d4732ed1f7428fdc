/**
 * Ollama's `done_reason` has no word for an answer a vendor stopped for its content: only `stop`
 * and `length` (and `load` / `unload` for an empty conversation, https://docs.ollama.com/api/chat).
 * Claude's `refusal` ("Claude refused to respond due to safety concerns",
 * https://docs.claude.com/en/api/handling-stop-reasons) reaches an Ollama caller as `stop`, the
 * nearest word, and the warnings say what it was, so the caller need not take a refusal for a whole answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant-test' } },
  models: { claude: [{ provider: 'an', model: 'claude-sonnet-4-5' }] },
  retry: { attempts: 0 },
}));

const refused = {
  id: 'msg_refused',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'I' }],
  stop_reason: 'refusal',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 1 },
};

const answerText = { id: 'msg_ok', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'Hello.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 12, output_tokens: 2 } };

function chat(): Promise<Response> {
  return fetch(`${setup.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }], stream: false }) });
}

function finishWarnings(response: Response): Array<{ type: string; feature: string; message: string }> {
  const all = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ type: string; feature: string; message: string }>;
  return all.filter((warning) => warning.feature === 'finish_reason');
}

test("a refusal reaches an Ollama caller as 'stop', with a warning that names it", async () => {
  setup.upstream.enqueue({ kind: 'json', body: refused });
  const response = await chat();
  assert.equal(response.status, 200);
  const body = (await response.json()) as { done_reason: string };
  assert.equal(body.done_reason, 'stop');
  const warnings = finishWarnings(response);
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.match(warnings[0]!.message, /refusal/);
});

test('a natural end is told with no finish warning', async () => {
  setup.upstream.enqueue({ kind: 'json', body: answerText });
  const response = await chat();
  assert.equal(response.status, 200);
  assert.deepEqual(finishWarnings(response), []);
});
