/**
 * A Chat caller hands a Gemini 3 answer's signatures back in `reasoning_details`, all before the
 * message's text; the call's own signature goes back onto the call (contents-emit.ts,
 * signatureOntoFirstCall), not onto an empty text part with the call given Google's stand-in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dialects } from '../../../src/dialects/registry.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];

/** Gemini 3's answer: words, then a call that carries the step's signature. */
const answer = dialects.gemini.parseResponse({
  candidates: [
    {
      content: { role: 'model', parts: [{ text: 'I will check the weather.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'a1' }, thoughtSignature: 'SIG_A' }] },
      finishReason: 'STOP',
    },
  ],
  usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
  modelVersion: 'gemini-3-pro-preview',
});

test('the call signature a Chat caller hands back goes back onto the call', () => {
  const asked = dialects['openai-chat'].parseRequest({ model: 'm', tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] }, {}).request;
  const message = (dialects['openai-chat'].emitResponse(answer, { requestedModel: 'm', request: asked }) as { choices: Array<{ message: { tool_calls: Array<{ id: string }> } }> }).choices[0]!.message;
  const next = dialects['openai-chat'].parseRequest(
    { model: 'm', tools, messages: [{ role: 'user', content: 'Weather in Paris?' }, message, { role: 'tool', tool_call_id: message.tool_calls[0]!.id, content: 'sunny' }] },
    {},
  ).request;
  const emitted = dialects.gemini.emitRequest(next, { model: 'gemini-3-pro-preview', defaultMaxOutputTokens: 1024 });
  const body = emitted.body as { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> };
  assert.deepEqual(body.contents[1]?.parts, [{ text: 'I will check the weather.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'a1' }, thoughtSignature: 'SIG_A' }]);
  assert.ok(!emitted.warnings.some((warning) => warning.feature === 'thought_signature'), JSON.stringify(emitted.warnings));
  assert.equal(judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-3-pro-preview:generateContent', headers: { 'x-goog-api-key': 'k' }, body })?.message, undefined);
});
