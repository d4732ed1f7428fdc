/**
 * OpenAI takes `presence_penalty` and `frequency_penalty` as a "Number between -2.0 and 2.0"
 * (https://platform.openai.com/docs/api-reference/chat/create) and refuses others; Ollama takes any
 * number. An Ollama caller's penalties beyond the range go as the nearest bound, with a warning, as
 * its temperature beyond OpenAI's does, so the judge (test/support/vendor-rules/openai-chat/parameters.ts) takes them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const post = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: 'Bearer sk-test' }, body });

test("an Ollama caller's penalties beyond OpenAI's range are fitted, with warnings", () => {
  const { request } = ollamaDialect.parseRequest(
    { model: 'llama3', messages: [{ role: 'user', content: 'hi' }], stream: false, options: { temperature: 3, presence_penalty: 2.5, frequency_penalty: -3 } },
    {},
  );
  const { body, warnings } = openaiChatDialect.emitRequest(request, { model: 'gpt-4.1', defaultMaxOutputTokens: 4096 });
  const sent = body as Record<string, unknown>;
  assert.equal(sent['presence_penalty'], 2);
  assert.equal(sent['frequency_penalty'], -2);
  assert.equal(sent['temperature'], 2);
  assert.deepEqual(
    warnings.map((warning) => [warning.type, warning.feature]).sort(),
    [['compatibility', 'frequency_penalty'], ['compatibility', 'presence_penalty'], ['compatibility', 'temperature']],
  );
  assert.equal(post(body), undefined);
});

test('penalties within the range go as they are, without a warning', () => {
  const { request } = ollamaDialect.parseRequest({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }], options: { presence_penalty: -2, frequency_penalty: 1.5 } }, {});
  const { body, warnings } = openaiChatDialect.emitRequest(request, { model: 'gpt-4.1', defaultMaxOutputTokens: 4096 });
  assert.equal((body as Record<string, unknown>)['presence_penalty'], -2);
  assert.equal((body as Record<string, unknown>)['frequency_penalty'], 1.5);
  assert.deepEqual(warnings, []);
});
