/**
 * Encrypted reasoning goes back only to the Azure provider that issued it: Azure refuses another
 * resource's `encrypted_content` with `400 invalid_encrypted_content`
 * (src/dialects/openai-responses/provider-origins.ts). A Responses caller that keeps its own
 * history (`store: false`, with the encrypted reasoning included) replays a turn one Azure
 * resource answered; when that resource is rate limited and the model's next deployment, another
 * resource, answers instead, the reasoning is left out of its request, with a warning. The same
 * provider still gets it back as it issued it, and a caller's own encrypted reasoning (none the
 * gateway handed out) still goes to OpenAI's API as it came.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { cloudGateway } from '../../support/cloud-gateway.js';
import { ask, done, reasoningThenCall as sealedReasoningThenCall } from '../support/sealed-reasoning-replies.js';
import type { UpstreamReply } from '../../support/test-upstream.js';

type Json = Record<string, unknown>;

const setup = cloudGateway(['resourceA', 'resourceB', 'openai'], (urls) => ({
  providers: {
    'azure-a': { dialect: 'azure-openai-responses', baseUrl: urls.resourceA, apiVersion: '2025-04-01-preview', apiKey: 'key-a' },
    'azure-b': { dialect: 'azure-openai-responses', baseUrl: urls.resourceB, apiVersion: '2025-04-01-preview', apiKey: 'key-b' },
    oai: { dialect: 'openai-responses', baseUrl: urls.openai, apiKey: 'sk-test' },
  },
  models: {
    fbr: [
      { provider: 'azure-a', model: 'gpt-5-mini' },
      { provider: 'azure-b', model: 'gpt-5-mini' },
    ],
    'only-a': [{ provider: 'azure-a', model: 'gpt-5-mini' }],
    'openai-only': [{ provider: 'oai', model: 'gpt-5-mini' }],
  },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));
const { resourceA, resourceB, openai } = setup.upstreams;

const client = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

/** Resource A's sealed reasoning: what only resource A can open. */
const sealedByA = 'gAAAAA-sealed-by-resource-a';

const reasoningThenCall = sealedReasoningThenCall(sealedByA);

/** Azure's 429 (the body the harness recorded for a rate-limited resource). */
const rateLimited: UpstreamReply = { kind: 'json', status: 429, body: { error: { code: '429', message: 'Rate limit is exceeded. Try again in 1 seconds.' } } };

/** The caller's second turn (resource A's first answer, then `fromA`): its first turn's output, as the caller holds it, with the call's result. */
async function secondTurn(model: string, fromA: UpstreamReply): Promise<{ text: string; warnings: string }> {
  resourceA.enqueue(reasoningThenCall, fromA);
  const first = await client().responses.create({ ...ask, model, input: 'hi' });
  const { data, response } = await client()
    .responses.create({
      ...ask,
      model,
      input: [{ role: 'user', content: 'hi' }, ...(first.output as ResponseInputItem[]), { type: 'function_call_output', call_id: 'call_1', output: 'ok' }],
    })
    .withResponse();
  return { text: data.output_text, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

function reasoningItems(body: unknown): Json[] {
  return ((body as Json)['input'] as Json[]).filter((item) => item['type'] === 'reasoning');
}

test('resource A’s encrypted reasoning is left out of resource B’s request when A is rate limited', async () => {
  resourceB.enqueue(done);
  // The first turn is answered by A; the second finds A rate limited.
  const { text, warnings } = await secondTurn('fbr', rateLimited);
  assert.equal(text, 'done');
  assert.equal(resourceA.requests.length, 2);
  assert.equal(resourceB.requests.length, 1);
  const toB = resourceB.requests[0]!;
  assert.deepEqual(reasoningItems(toB.body), []);
  assert.ok(!toB.bodyText.includes(sealedByA), 'resource B is not sent what resource A sealed');
  assert.match(warnings, /reasoning\.history/);
  // The call and its result still go.
  const types = ((toB.body as Json)['input'] as Json[]).map((item) => item['type'] ?? item['role']);
  assert.deepEqual(types, ['user', 'function_call', 'function_call_output']);
});

test('resource A gets its own encrypted reasoning back as it issued it', async () => {
  const { text } = await secondTurn('only-a', done);
  assert.equal(text, 'done');
  assert.equal(resourceA.requests.length, 2);
  const replayed = reasoningItems(resourceA.requests[1]!.body);
  assert.equal(replayed.length, 1);
  assert.equal(replayed[0]!['encrypted_content'], sealedByA);
});

test('a caller’s own encrypted reasoning goes to OpenAI’s API as it came', async () => {
  openai.enqueue(done);
  const own = 'gAAAAA-sealed-for-the-callers-own-organization';
  const answer = await client().responses.create({
    ...ask,
    model: 'openai-only',
    input: [
      { role: 'user', content: 'hi' },
      { type: 'reasoning', id: 'rs_own', summary: [], encrypted_content: own },
      { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'ok' },
    ],
  });
  assert.equal(answer.output_text, 'done');
  const replayed = reasoningItems(openai.requests[0]!.body);
  assert.equal(replayed.length, 1);
  assert.equal(replayed[0]!['encrypted_content'], own);
});
