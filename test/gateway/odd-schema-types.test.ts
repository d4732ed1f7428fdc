/**
 * A caller's JSON Schema whose `type` list holds something other than type names (`[{"toString":1}]`)
 * is the caller's mistake, answered as the upstream answers it. Its root was checked for "object"
 * with `String(entry)`, which throws on such an object: the request ended as a 500, the gateway's fault.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
    ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-key' },
  },
  models: { claude: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }], gemini: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
  retry: { attempts: 0 },
}));

const odd = { type: [{ toString: 1 }], properties: {} };

const anthropicAnswer = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3, output_tokens: 1 } };
const geminiAnswer = { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 } };

test('a schema type list holding an object is never a 500, as tool parameters or as a response schema', async () => {
  setup.upstream.answerUnqueuedWith((request) => ({ kind: 'json', body: request.url.includes(':generateContent') ? geminiAnswer : anthropicAnswer }));
  for (const model of ['claude', 'gemini']) {
    for (const extra of [
      { tools: [{ type: 'function', function: { name: 'f', parameters: odd } }] },
      { response_format: { type: 'json_schema', json_schema: { name: 'out', schema: odd } } },
    ]) {
      const answer = await fetch(`${setup.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer caller' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra }),
      });
      const text = await answer.text();
      assert.notEqual(answer.status, 500, `${model} ${Object.keys(extra)[0]}: ${text}`);
      assert.doesNotMatch(text, /The gateway failed while handling this request/);
    }
  }
});
