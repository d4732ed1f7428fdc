/**
 * At temperature 0 Mistral samples greedily and refuses any top_p but 1: "top_p must be 1 when using
 * greedy sampling." (HTTP 400 from Mistral Large and Codestral, github.com/devoxx/DevoxxGenieIDEAPlugin/issues/338),
 * where OpenAI takes the two together (https://platform.openai.com/docs/api-reference/chat/create). An
 * OpenAI caller's top_p beside a temperature of 0 reaches Mistral as 1, which changes nothing when the
 * most likely token is always taken, and the caller is told. Mistral also refuses a top_p of 0 (422
 * `greater_than`, probed live in https://github.com/mnfst/modelparams.dev/pull/231), which keeps only
 * the most likely token: it goes as temperature 0 with top_p 1, which does the same. Judged by Mistral's rules
 * (test/support/vendor-rules/mistral.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureText } from '../support/fixtures.js';

const setup = gatewayOverOneUpstream(
  (baseUrl) => ({
    providers: { mistral: { dialect: 'mistral', baseUrl: `${baseUrl}/v1`, apiKey: 'mistral-key' } },
    models: { 'mistral-large': [{ provider: 'mistral', model: 'mistral-large-latest' }] },
  }),
  { vendor: 'mistral' },
);
const client = (): OpenAI => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

async function sampling(ask: { temperature?: number; top_p?: number }): Promise<{ sent: Record<string, unknown>; warnings: string }> {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureText('mistral/pa-chat-penalties.response.json') });
  const { response } = await client().chat.completions.create({ model: 'mistral-large', ...ask, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  const body = setup.upstream.requests[0]?.body as Record<string, unknown>;
  return { sent: { temperature: body['temperature'], top_p: body['top_p'] }, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('temperature 0 with top_p 0.9 reaches Mistral with top_p 1, and the caller is told', async () => {
  const { sent, warnings } = await sampling({ temperature: 0, top_p: 0.9 });
  assert.deepEqual(sent, { temperature: 0, top_p: 1 });
  assert.match(warnings, /"feature":"top_p"/);
});

test('temperature 0 alone reaches Mistral without top_p, whose default is 1', async () => {
  const { sent, warnings } = await sampling({ temperature: 0 });
  assert.deepEqual(sent, { temperature: 0, top_p: undefined });
  assert.doesNotMatch(warnings, /"feature":"top_p"/);
});

test('another temperature keeps the caller\'s top_p', async () => {
  const { sent, warnings } = await sampling({ temperature: 0.3, top_p: 0.9 });
  assert.deepEqual(sent, { temperature: 0.3, top_p: 0.9 });
  assert.doesNotMatch(warnings, /"feature":"top_p"/);
});

test('top_p 0 reaches Mistral as temperature 0 with top_p 1, and the caller is told', async () => {
  const { sent, warnings } = await sampling({ temperature: 0.7, top_p: 0 });
  assert.deepEqual(sent, { temperature: 0, top_p: 1 });
  assert.match(warnings, /"feature":"top_p"/);
});
