/**
 * The ask for token logprobs is the interlingua's `ChatRequest.logprobs`: each dialect's caller
 * sends its own spelling back to an upstream of its own dialect as it came, including what asks
 * for nothing (Chat `logprobs: false`, Gemini `logprobs` without `responseLogprobs`, Ollama
 * `logprobs: false`), and a target without logprobs (Anthropic, Bedrock Converse) reports the ask
 * as left out. Spellings: https://platform.openai.com/docs/api-reference/chat/create#chat-create-logprobs,
 * https://platform.openai.com/docs/api-reference/responses/create#responses-create-include,
 * https://ai.google.dev/api/generate-content#generationconfig, https://docs.ollama.com/api/chat.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dialect } from '../../src/interlingua/dialect.js';
import { openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../src/dialects/openai-responses/index.js';
import { geminiDialect } from '../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../src/dialects/ollama/index.js';
import { ollamaGenerateDialect } from '../../src/dialects/ollama-generate/index.js';
import { anthropicDialect } from '../../src/dialects/anthropic/index.js';
import { bedrockDialect } from '../../src/dialects/bedrock/index.js';

const options = (model: string) => ({ model, defaultMaxOutputTokens: 4096 });

function roundTrip(dialect: Dialect, body: Record<string, unknown>, model: string): { asked: unknown; sent: Record<string, unknown> } {
  const { request } = dialect.parseRequest(body, {});
  const { body: sent, warnings } = dialect.emitRequest(request, options(model));
  assert.deepEqual(warnings, []);
  return { asked: request.logprobs, sent: sent as Record<string, unknown> };
}

describe('a caller\'s ask, sent to an upstream of its own dialect', () => {
  const messages = [{ role: 'user', content: 'hi' }];

  test('Chat: logprobs and top_logprobs, or logprobs: false beside a top_logprobs that asks nothing', () => {
    const asked = roundTrip(openaiChatDialect, { model: 'gpt-4.1', messages, logprobs: true, top_logprobs: 2 }, 'gpt-4.1');
    assert.deepEqual(asked.asked, { topLogprobs: 2 });
    assert.deepEqual([asked.sent['logprobs'], asked.sent['top_logprobs']], [true, 2]);
    const off = roundTrip(openaiChatDialect, { model: 'gpt-4.1', messages, logprobs: false, top_logprobs: 2 }, 'gpt-4.1');
    assert.equal(off.asked, undefined);
    assert.deepEqual([off.sent['logprobs'], off.sent['top_logprobs']], [false, 2]);
  });

  test('Responses: the includable keeps its place in include, and top_logprobs alone stays alone', () => {
    const include = ['message.output_text.logprobs', 'reasoning.encrypted_content', 'file_search_call.results'];
    const listed = roundTrip(openaiResponsesDialect, { model: 'gpt-4.1', input: 'hi', include, top_logprobs: 2, store: false }, 'gpt-4.1');
    assert.deepEqual(listed.asked, { topLogprobs: 2 });
    assert.deepEqual([listed.sent['include'], listed.sent['top_logprobs']], [include, 2]);
    const alone = roundTrip(openaiResponsesDialect, { model: 'gpt-4.1', input: 'hi', top_logprobs: 3, store: true }, 'gpt-4.1');
    assert.deepEqual(alone.asked, { topLogprobs: 3 });
    assert.deepEqual([alone.sent['include'], alone.sent['top_logprobs']], [undefined, 3]);
  });

  test('Gemini: responseLogprobs and logprobs, or logprobs alone, which asks nothing', () => {
    const contents = [{ role: 'user', parts: [{ text: 'hi' }] }];
    const asked = roundTrip(geminiDialect, { model: 'models/gemini-2.5-flash', contents, generationConfig: { responseLogprobs: true, logprobs: 4 } }, 'gemini-2.5-flash');
    assert.deepEqual(asked.asked, { topLogprobs: 4 });
    assert.deepEqual(asked.sent['generationConfig'], { responseLogprobs: true, logprobs: 4 });
    const alone = roundTrip(geminiDialect, { model: 'models/gemini-2.5-flash', contents, generationConfig: { logprobs: 4 } }, 'gemini-2.5-flash');
    assert.equal(alone.asked, undefined);
    assert.deepEqual(alone.sent['generationConfig'], { logprobs: 4 });
  });

  test('Ollama chat and generate: logprobs and top_logprobs, or logprobs: false', () => {
    const chat = roundTrip(ollamaDialect, { model: 'q', messages, stream: false, logprobs: true, top_logprobs: 3 }, 'q');
    assert.deepEqual(chat.asked, { topLogprobs: 3 });
    assert.deepEqual([chat.sent['logprobs'], chat.sent['top_logprobs']], [true, 3]);
    const off = roundTrip(ollamaGenerateDialect, { model: 'q', prompt: 'hi', stream: false, logprobs: false, top_logprobs: 3 }, 'q');
    assert.equal(off.asked, undefined);
    assert.deepEqual([off.sent['logprobs'], off.sent['top_logprobs']], [false, 3]);
  });
});

describe('a target without token logprobs', () => {
  const { request } = openaiChatDialect.parseRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], logprobs: true, top_logprobs: 2 }, {});

  for (const [name, dialect, model] of [['Anthropic', anthropicDialect, 'claude-sonnet-4-20250514'], ['Bedrock Converse', bedrockDialect, 'anthropic.claude-sonnet-4-20250514-v1:0']] as const) {
    test(`${name} reports the ask as left out, once`, () => {
      const { warnings } = dialect.emitRequest(request, options(model));
      assert.deepEqual(warnings.filter((warning) => warning.feature.includes('logprobs')).map((warning) => [warning.type, warning.feature]), [['unsupported', 'logprobs']]);
    });
  }
});
