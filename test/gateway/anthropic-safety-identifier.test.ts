/**
 * An OpenAI caller's `safety_identifier` (the openai SDK as the client, Responses and Chat
 * Completions alike), which "supersedes the previous user parameter which was previously present
 * for the same purpose" (https://help.openai.com/en/articles/5428082-how-to-incorporate-a-safety-identifier),
 * reaches an Anthropic upstream as `metadata.user_id`, its end-user id for abuse monitoring
 * (https://docs.claude.com/en/api/messages), instead of being reported as having no equivalent;
 * a `user` beside it stays the id, as before, and one Anthropic would refuse goes as its digest.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { readFixtureJson } from '../support/fixtures.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const client = () => new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const answer = () => harness.upstreams.anthropic.enqueue({ kind: 'json', body: readFixtureJson('anthropic/fantasy-sonnet4-simple.response.json') });
const sentMetadata = () => (harness.upstreams.anthropic.requests.at(-1)?.body as { metadata?: unknown }).metadata;
const warned = (headers: Headers) => (JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);

test('a Responses caller\'s safety_identifier is the user_id Anthropic gets, with no warning', async () => {
  answer();
  const { response } = await client().responses.create({ model: modelFor('anthropic'), input: 'hi', safety_identifier: 'user_7f3a' }).withResponse();
  assert.deepEqual(sentMetadata(), { user_id: 'user_7f3a' });
  assert.ok(!warned(response.headers).includes('safety_identifier'), warned(response.headers).join(', '));
});

test('so is a Chat caller\'s, and one holding an email address goes as its digest', async () => {
  answer();
  const { response } = await client().chat.completions.create({ model: modelFor('anthropic'), messages: [{ role: 'user', content: 'hi' }], safety_identifier: 'alice@example.com' }).withResponse();
  assert.match((sentMetadata() as { user_id: string }).user_id, /^[0-9a-f]{64}$/);
  assert.deepEqual(warned(response.headers), ['user']);
});

test('a user beside it stays the id, and the safety_identifier is reported as left out', async () => {
  answer();
  const { response } = await client().responses.create({ model: modelFor('anthropic'), input: 'hi', user: 'u-1', safety_identifier: 'user_7f3a' }).withResponse();
  assert.deepEqual(sentMetadata(), { user_id: 'u-1' });
  assert.ok(warned(response.headers).includes('safety_identifier'));
});
