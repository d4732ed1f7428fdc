/**
 * OpenAI's `allowed_tools` tool choice reaches Gemini as `functionCallingConfig`: `required` as
 * mode ANY with the allowed names, `auto` as AUTO (which takes no names), instead of being lost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const options = { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 };
const parameters = { type: 'object', properties: { q: { type: 'string' } } };
const chatTools = ['a', 'b', 'c'].map((name) => ({ type: 'function', function: { name, parameters } }));
const judged = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'k' }, body });

function fromChat(toolChoice: unknown) {
  const parsed = openaiChatDialect.parseRequest({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }], tools: chatTools, tool_choice: toolChoice }, {}).request;
  return geminiDialect.emitRequest(parsed, options);
}

test('Chat allowed_tools required: mode ANY with the allowed function names, no warning', () => {
  const emitted = fromChat({ type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'a' } }, { type: 'function', function: { name: 'c' } }] } });
  assert.deepEqual((emitted.body as { toolConfig?: unknown }).toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'c'] } });
  assert.deepEqual(emitted.warnings, []);
  assert.equal(judged(emitted.body), undefined);
});

test('allowed_tools auto: mode AUTO, with a warning when fewer tools were allowed than declared', () => {
  const some = fromChat({ type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'a' } }] } });
  assert.deepEqual((some.body as { toolConfig?: unknown }).toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
  assert.deepEqual(some.warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'tool_choice.allowed_tools']]);
  assert.equal(judged(some.body), undefined);
  const all = fromChat({ type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: chatTools.map(({ function: { name } }) => ({ type: 'function', function: { name } })) } });
  assert.deepEqual(all.warnings, []);
});

test('Responses allowed_tools required, beside a built-in tool: ANY with the function names, the built-in one reported', () => {
  const parsed = openaiResponsesDialect.parseRequest(
    {
      model: 'gemini-2.5-flash',
      input: 'hi',
      tools: [{ type: 'function', name: 'a', parameters }, { type: 'function', name: 'b', parameters }],
      tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'b' }, { type: 'image_generation' }] },
    },
    {},
  ).request;
  const emitted = geminiDialect.emitRequest(parsed, options);
  assert.deepEqual((emitted.body as { toolConfig?: unknown }).toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['b'] } });
  assert.deepEqual(emitted.warnings.map((warning) => [warning.type, warning.feature]), [['unsupported', 'tool_choice.allowed_tools']]);
  assert.equal(judged(emitted.body), undefined);
});
