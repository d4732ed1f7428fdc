/**
 * DeepSeek answers with one choice only: n above 1 is refused with HTTP 400 "Invalid n value (currently
 * only n = 1 is supported)" (deepseek-chat, https://github.com/vibrantlabsai/ragas/issues/1072; "the
 * deepseek api only support n = 1", https://github.com/deepseek-ai/DeepSeek-V2/issues/55), where OpenAI
 * takes up to 128 (https://platform.openai.com/docs/api-reference/chat/create) and Gemini's
 * candidateCount asks for several too. Through the `deepseek` preset the ask goes as one, and the caller
 * is told; judged by DeepSeek's rules (test/support/vendor-rules/deepseek.ts). The official `openai`
 * SDK is the caller.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

const setup = gatewayOverOneUpstream(
  (baseUrl) => ({
    providers: { ds: { dialect: 'deepseek', baseUrl, apiKey: 'sk-deepseek' } },
    models: { chat: [{ provider: 'ds', model: 'deepseek-chat' }] },
  }),
  { vendor: 'deepseek' },
);
const client = (): OpenAI => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

test('n: 3 reaches DeepSeek as one choice, and the caller is told', async () => {
  setup.upstream.enqueue(upstreamScenarios['openai-chat'].text.reply);
  const { data: completion, response } = await client().chat.completions.create({ model: 'chat', n: 3, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal(completion.choices.length, 1);
  assert.equal((setup.upstream.requests[0]?.body as Record<string, unknown>)['n'], 1);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /"feature":"candidate_count"/);
});
