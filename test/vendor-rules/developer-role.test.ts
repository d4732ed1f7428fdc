/**
 * DashScope, Moonshot and Azure OpenAI before api-version 2024-12-01-preview refuse the `developer`
 * role (test/support/vendor-rules/dashscope.ts, moonshot.ts, azure-openai.ts); a Chat caller's
 * developer message later in the conversation goes to them as a system message (the qwen and
 * moonshot presets, dialects/openai-chat/azure-api-versions.ts), and OpenAI itself still gets it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';
import { builtInPresets } from '../../src/providers/presets.js';
import { createOpenaiChatDialect, openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { createAzureOpenaiDialect } from '../../src/dialects/openai-chat/azure-platform.js';
import { azureApiVersionQuirks } from '../../src/dialects/openai-chat/azure-api-versions.js';
import type { Dialect } from '../../src/interlingua/dialect.js';

const { request } = openaiChatDialect.parseRequest(
  {
    model: 'any',
    messages: [
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'developer', content: 'Now answer in German.' },
      { role: 'user', content: 'How are you?' },
    ],
  },
  {},
);

function emitted(dialect: Dialect, model: string): Record<string, unknown> {
  return dialect.emitRequest(request, { model, defaultMaxOutputTokens: 1024 }).body as Record<string, unknown>;
}

const roles = (body: Record<string, unknown>) => (body['messages'] as Array<{ role: string }>).map((message) => message.role);
const ask = [{ role: 'user', content: 'Hi' }];

test('the judges refuse a developer message in each vendor’s words', () => {
  const qwen = judgeRequest({ method: 'POST', url: '/compatible-mode/v1/chat/completions', headers: {}, body: { model: 'qwen-plus', messages: [...ask, { role: 'developer', content: 'x' }] } });
  assert.equal(qwen?.message, "developer is not one of ['system', 'assistant', 'user', 'tool', 'function'] - 'messages.[1].role'");
  const kimi = judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body: { model: 'kimi-k2.5', messages: [{ role: 'developer', content: 'x' }, ...ask] } }, 'moonshot');
  assert.equal(kimi?.message, 'invalid request: unsupported role ROLE_UNSPECIFIED');
  const azure = judgeRequest({
    method: 'POST',
    url: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
    headers: { 'api-key': 'k' },
    body: { messages: [...ask, { role: 'developer', content: 'x' }] },
  });
  assert.deepEqual(azure?.body, {
    error: { message: "Invalid value: 'developer'. Supported values are: 'system', 'assistant', 'user', 'function', and 'tool'.", type: 'invalid_request_error', param: 'messages[1].role', code: 'invalid_value' },
  });
  const current = judgeRequest({
    method: 'POST',
    url: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-12-01-preview',
    headers: { 'api-key': 'k' },
    body: { model: 'gpt-4o', messages: [...ask, { role: 'developer', content: 'x' }] },
  });
  assert.equal(current, undefined);
});

test('Qwen and Kimi get a later developer message as a system message, and take the request', () => {
  const qwen = emitted(createOpenaiChatDialect(builtInPresets['qwen']?.quirks), 'qwen-plus');
  assert.deepEqual(roles(qwen), ['system', 'user', 'assistant', 'system', 'user']);
  assert.equal(judgeRequest({ method: 'POST', url: '/compatible-mode/v1/chat/completions', headers: {}, body: { ...qwen, stream: true } })?.rule, undefined);
  const kimi = emitted(createOpenaiChatDialect(builtInPresets['moonshot']?.quirks), 'moonshot-v1-8k');
  assert.deepEqual(roles(kimi), ['system', 'user', 'assistant', 'system', 'user']);
  assert.equal(judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body: kimi }, 'moonshot')?.rule, undefined);
});

test('Azure before 2024-12-01-preview gets it as a system message; later versions and OpenAI keep the role', () => {
  const old = emitted(createAzureOpenaiDialect(azureApiVersionQuirks('2024-10-21')), 'gpt-4o');
  assert.deepEqual(roles(old), ['system', 'user', 'assistant', 'system', 'user']);
  assert.equal(judgeRequest({ method: 'POST', url: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', headers: { 'api-key': 'k' }, body: old })?.rule, undefined);
  assert.deepEqual(roles(emitted(createAzureOpenaiDialect(azureApiVersionQuirks('2024-12-01-preview')), 'gpt-4o')), ['system', 'user', 'assistant', 'developer', 'user']);
  assert.deepEqual(roles(emitted(openaiChatDialect, 'gpt-4o')), ['system', 'user', 'assistant', 'developer', 'user']);
});
