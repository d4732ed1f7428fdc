/**
 * Ollama's `options.temperature`, `presence_penalty` and `frequency_penalty` have no upper bound
 * (https://github.com/ollama/ollama/blob/main/docs/modelfile.md, "temperature … Higher values make
 * the model answer more creatively"; the penalties are plain floats in api/types.go `Options`), while
 * OpenAI's Responses and legacy Completions APIs refuse a temperature above 2 and a penalty outside
 * -2 to 2 ("temperature … between 0 and 2", https://platform.openai.com/docs/api-reference/responses/create;
 * "temperature … between 0 and 2", "presence_penalty … Number between -2.0 and 2.0",
 * https://platform.openai.com/docs/api-reference/completions/create). The value goes as the nearest
 * bound, with a warning, as it already does for Chat Completions; the test upstream refuses what
 * OpenAI refuses (test/support/vendor-rules/openai-responses/parameters.ts, openai-completions.ts).
 * The official `ollama` SDK is the caller.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { judgeRequest } from '../support/vendor-rules/index.js';
import { ollamaDialect } from '../../src/dialects/ollama/index.js';
import { openaiResponsesDialect } from '../../src/dialects/openai-responses/index.js';
import { ollamaGenerateDialect } from '../../src/dialects/ollama-generate/index.js';
import { createOpenaiCompletionsDialect, openaiCompletionsDialect } from '../../src/dialects/openai-completions/index.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    responses: { dialect: 'openai-responses', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' },
  },
  models: { 'gpt-4.1': [{ provider: 'responses', model: 'gpt-4.1' }] },
  retry: { attempts: 0 },
}));

function client(): Ollama {
  return new Ollama({ host: setup.url });
}

function sent(): Record<string, unknown> {
  return setup.upstream.requests[0]?.body as Record<string, unknown>;
}

describe('an Ollama caller\'s temperature above 2', () => {
  test('reaches the Responses API as 2', async () => {
    setup.upstream.enqueue(upstreamScenarios['openai-responses'].text.reply);
    const answer = await client().chat({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }], options: { temperature: 3 } });
    assert.equal(answer.message.role, 'assistant');
    assert.equal(sent()['temperature'], 2);
  });

  test('is reported as sent to the Responses API as 2', () => {
    const { request } = ollamaDialect.parseRequest({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }], stream: false, options: { temperature: 3 } }, {});
    const { warnings } = openaiResponsesDialect.emitRequest(request, { model: 'gpt-4.1', defaultMaxOutputTokens: 256 });
    assert.deepEqual(warnings.filter((warning) => warning.feature === 'temperature').map((warning) => warning.type), ['compatibility']);
  });

  test('with penalties beyond -2 to 2 reaches OpenAI\'s own Completions API within them, and the caller is told', () => {
    // The gateway sends to api.openai.com only by its base URL (dialects/registry.ts), so OpenAI's own
    // Completions dialect is driven directly here, as in ollama-caller-completions-logprobs.test.ts.
    const { request } = ollamaGenerateDialect.parseRequest({ model: 'instruct', prompt: 'Say hello', stream: false, options: { temperature: 3, presence_penalty: 2.5, frequency_penalty: -3 } }, {});
    const { body, warnings } = openaiCompletionsDialect.emitRequest(request, { model: 'gpt-3.5-turbo-instruct', defaultMaxOutputTokens: 256 });
    const sentBody = body as Record<string, unknown>;
    assert.deepEqual([sentBody['temperature'], sentBody['presence_penalty'], sentBody['frequency_penalty']], [2, 2, -2]);
    assert.deepEqual(
      warnings.filter((warning) => ['temperature', 'presence_penalty', 'frequency_penalty'].includes(warning.feature)).map((warning) => [warning.type, warning.feature]),
      [['compatibility', 'temperature'], ['compatibility', 'presence_penalty'], ['compatibility', 'frequency_penalty']],
    );
    assert.equal(judgeRequest({ method: 'POST', url: '/v1/completions', headers: { authorization: 'Bearer sk-test' }, body }), undefined);
  });

  test('reaches a self-hosted completions server as asked, which takes any temperature', () => {
    const { request } = ollamaGenerateDialect.parseRequest({ model: 'instruct', prompt: 'Say hello', stream: false, options: { temperature: 3 } }, {});
    const selfHosted = createOpenaiCompletionsDialect({ upstream: 'self-hosted' });
    const { body, warnings } = selfHosted.emitRequest(request, { model: 'qwen', defaultMaxOutputTokens: 256 });
    assert.equal((body as Record<string, unknown>)['temperature'], 3);
    assert.deepEqual(warnings.filter((warning) => warning.feature === 'temperature'), []);
  });
});
