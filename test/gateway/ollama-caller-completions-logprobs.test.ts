/**
 * An Ollama caller asks a model behind OpenAI's legacy Completions API for token logprobs with
 * Ollama's `logprobs` and `top_logprobs` (https://docs.ollama.com/api/generate): the ask reaches
 * `/v1/completions` as its `logprobs` count, "the log probabilities on the logprobs most likely
 * output tokens, as well the chosen tokens", whose "maximum value … is 5"
 * (https://platform.openai.com/docs/api-reference/completions/create#completions-create-logprobs),
 * judged by the Completions rules (test/support/vendor-rules/openai-completions.ts), not reported
 * as left out. OpenAI's own API gets a count beyond 5 as 5, with a warning; a self-hosted server
 * (vLLM, llama.cpp: any base URL but api.openai.com) gets it as asked.
 *
 * The answer is a completion in OpenAI's documented shape
 * (https://platform.openai.com/docs/api-reference/completions/object).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { judgeRequest } from '../support/vendor-rules/index.js';
import { ollamaGenerateDialect } from '../../src/dialects/ollama-generate/index.js';
import { openaiCompletionsDialect } from '../../src/dialects/openai-completions/index.js';

const completion = {
  id: 'cmpl-test',
  object: 'text_completion',
  created: 1_700_000_000,
  model: 'gpt-3.5-turbo-instruct',
  choices: [{ text: 'Olá!', index: 0, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
};

function warnings(response: Response): Array<{ type: string; feature: string }> {
  return JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ type: string; feature: string }>;
}

describe('an Ollama caller asking a Completions upstream for logprobs', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { oa: { dialect: 'openai-completions', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { instruct: [{ provider: 'oa', model: 'gpt-3.5-turbo-instruct' }] },
    retry: { attempts: 0 },
  }));
  const generate = (body: Record<string, unknown>) =>
    fetch(`${setup.url}/api/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'instruct', prompt: 'Say hello in Portuguese', stream: false, ...body }) });

  test('sends top_logprobs as the logprobs count, reporting nothing left out', async () => {
    setup.upstream.enqueue({ kind: 'json', body: completion });
    const response = await generate({ logprobs: true, top_logprobs: 2 });
    assert.equal(response.status, 200);
    assert.equal((setup.upstream.requests[0]?.body as Record<string, unknown>)['logprobs'], 2);
    assert.deepEqual(warnings(response).filter((warning) => warning.feature.includes('logprobs')), []);
  });

  test('logprobs alone asks for the chosen tokens, as logprobs: 0', async () => {
    setup.upstream.enqueue({ kind: 'json', body: completion });
    const response = await generate({ logprobs: true });
    assert.equal(response.status, 200);
    assert.equal((setup.upstream.requests[0]?.body as Record<string, unknown>)['logprobs'], 0);
  });

  test('a self-hosted server (this test upstream) gets the count as asked', async () => {
    setup.upstream.enqueue({ kind: 'json', body: completion });
    const response = await generate({ logprobs: true, top_logprobs: 3 });
    assert.equal(response.status, 200);
    assert.equal((setup.upstream.requests[0]?.body as Record<string, unknown>)['logprobs'], 3);
  });
});

describe('an Ollama caller\'s ask for OpenAI\'s own Completions API', () => {
  test('a count beyond 5 is sent as 5, and the caller is told', () => {
    const { request } = ollamaGenerateDialect.parseRequest({ model: 'instruct', prompt: 'Say hello in Portuguese', stream: false, logprobs: true, top_logprobs: 8 }, {});
    const { body, warnings } = openaiCompletionsDialect.emitRequest(request, { model: 'gpt-3.5-turbo-instruct', defaultMaxOutputTokens: 256 });
    assert.equal((body as Record<string, unknown>)['logprobs'], 5);
    assert.deepEqual(warnings.filter((warning) => warning.feature.includes('logprobs')).map((warning) => [warning.type, warning.feature]), [['compatibility', 'logprobs']]);
    assert.equal(judgeRequest({ method: 'POST', url: '/v1/completions', headers: { authorization: 'Bearer sk-test' }, body }), undefined);
  });
});
