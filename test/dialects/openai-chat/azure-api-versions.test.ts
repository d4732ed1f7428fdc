/**
 * What a dated Azure OpenAI api-version predates (src/dialects/openai-chat/azure-api-versions.ts):
 * `reasoning_effort` came with 2024-12-01-preview, so an older version gets none, the emitter's or
 * the caller's own, and the caller is told.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureApiVersionQuirks } from '../../../src/dialects/openai-chat/azure-api-versions.js';
import { createAzureOpenaiDialect } from '../../../src/dialects/openai-chat/azure-platform.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';

test('api-versions before 2024-12-01-preview do not know reasoning_effort; it and the v1 API (no version) do', () => {
  for (const version of ['2024-06-01', '2024-08-01-preview', '2024-09-01-preview', '2024-10-21', '2024-10-01-preview']) {
    assert.equal(azureApiVersionQuirks(version).reasoningEffort, false, version);
  }
  for (const version of ['2024-12-01-preview', '2025-01-01-preview', '2025-04-01-preview', undefined]) {
    assert.equal(azureApiVersionQuirks(version).reasoningEffort, undefined, String(version));
  }
  assert.deepEqual(azureApiVersionQuirks('2024-10-21'), { reasoningEffort: false, developerRole: false }, 'the fields of September stay');
});

test('before 2024-12-01-preview a developer message later in the conversation goes as a system message', () => {
  const { request } = openaiChatDialect.parseRequest(
    {
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'developer', content: 'Now answer in German.' },
        { role: 'user', content: 'How are you?' },
      ],
    },
    {},
  );
  const roles = (version: string) =>
    ((createAzureOpenaiDialect(azureApiVersionQuirks(version)).emitRequest(request, { model: 'gpt-4o', defaultMaxOutputTokens: 1024 }).body as { messages: Array<{ role: string }> }).messages).map((message) => message.role);
  assert.deepEqual(roles('2024-10-21'), ['user', 'assistant', 'system', 'user']);
  assert.deepEqual(roles('2024-12-01-preview'), ['user', 'assistant', 'developer', 'user']);
});

test('on 2024-08-01-preview an effort, a budget or a caller’s own word is left out with an unsupported warning', () => {
  const dialect = createAzureOpenaiDialect(azureApiVersionQuirks('2024-08-01-preview'));
  const options = { model: 'my-o1-deployment', defaultMaxOutputTokens: 1024 };
  const fromOpenai = openaiChatDialect.parseRequest({ model: 'o1', reasoning_effort: 'low', max_completion_tokens: 500, messages: [{ role: 'user', content: 'Hi' }] }, {});
  const fromAnthropic = anthropicDialect.parseRequest({ model: 'o1', max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'Hi' }] }, {});
  const ownWord = openaiChatDialect.parseRequest({ model: 'o1', reasoning_effort: 'none', messages: [{ role: 'user', content: 'Hi' }] }, {});
  for (const { request } of [fromOpenai, fromAnthropic, ownWord]) {
    const emitted = dialect.emitRequest(request, options);
    assert.equal((emitted.body as Record<string, unknown>)['reasoning_effort'], undefined);
    assert.ok(emitted.warnings.some((warning) => warning.type === 'unsupported' && warning.feature === 'reasoning_effort'), JSON.stringify(emitted.warnings));
  }
  const current = createAzureOpenaiDialect(azureApiVersionQuirks('2024-12-01-preview')).emitRequest(fromOpenai.request, options);
  assert.equal((current.body as Record<string, unknown>)['reasoning_effort'], 'low');
});
