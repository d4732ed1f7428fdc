/**
 * Stored Responses belong to the gateway key that made them, through the openai SDK: another
 * key, or an anonymous caller, gets exactly what an unknown id gets (404 on `GET`, `DELETE` and
 * `input_items`; the 400 "Previous response with id '…' not found." on `previous_response_id`),
 * so not even the response's existence crosses between keys. The gateway is open (no
 * `auth.required`): a key it does not know is let through as anonymous.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
let owner: OpenAI;
let other: OpenAI;
let anonymous: OpenAI;

before(async () => {
  harness = await startHarness();
  const client = async (name: string) => {
    const { key } = await harness.gateway.services.keys.create({ name });
    return new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: key, maxRetries: 0 });
  };
  owner = await client('owner');
  other = await client('other');
  anonymous = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'not-a-gateway-key', maxRetries: 0 });
});
after(() => harness.close());
beforeEach(() => harness.reset());

const model = modelFor('openai-chat');
const reply = upstreamScenarios['openai-chat'].text.reply;

async function storedBy(client: OpenAI): Promise<string> {
  harness.upstreams['openai-chat'].enqueue(reply);
  return (await client.responses.create({ model, input: 'Keep this between us.' })).id;
}

/** What an SDK call failed with, reduced to what a caller can see of it. */
async function failure(call: Promise<unknown>): Promise<{ status: number | undefined; message: string; param: string | null | undefined }> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof OpenAI.APIError, String(error));
    return { status: error.status, message: error.message, param: error.param };
  }
  assert.fail('the call succeeded');
}

/** Every way a caller reaches a stored response, failing the way an unknown id fails. */
async function assertHiddenFrom(client: OpenAI, id: string): Promise<void> {
  const unknown = `resp_${'0'.repeat(32)}`;
  const same = async (attempt: (target: string) => Promise<unknown>) => {
    const seen = await failure(attempt(id));
    const expected = await failure(attempt(unknown));
    assert.deepEqual(seen, { ...expected, message: expected.message.replaceAll(unknown, id) });
    return seen;
  };
  assert.equal((await same((target) => client.responses.retrieve(target))).status, 404);
  assert.equal((await same((target) => client.responses.inputItems.list(target))).status, 404);
  assert.equal((await same((target) => client.responses.delete(target))).status, 404);
  const continued = await same((target) => client.responses.create({ model, input: 'Go on.', previous_response_id: target }));
  assert.equal(continued.status, 400);
  assert.equal(continued.param, 'previous_response_id');
  assert.equal(harness.upstreams['openai-chat'].requests.length, 0, 'no refused turn reached the upstream');
}

describe('stored responses are their key\'s own', () => {
  test('another key cannot read, list, continue or delete a response', async () => {
    const id = await storedBy(owner);
    harness.reset();
    await assertHiddenFrom(other, id);
    assert.equal((await owner.responses.retrieve(id)).id, id, 'the attempted delete left it in place');
  });

  test('an anonymous caller cannot reach a keyed response, nor a key an anonymous one', async () => {
    const keyed = await storedBy(owner);
    const unkeyed = await storedBy(anonymous);
    harness.reset();
    await assertHiddenFrom(anonymous, keyed);
    await assertHiddenFrom(owner, unkeyed);
    assert.equal((await anonymous.responses.retrieve(unkeyed)).id, unkeyed, 'anonymous callers share what anonymous callers stored');
  });

  test('the owner still reads, lists, continues and deletes its own', async () => {
    const id = await storedBy(owner);
    assert.equal((await owner.responses.retrieve(id)).id, id);
    assert.equal((await owner.responses.inputItems.list(id)).data.length, 1);
    harness.upstreams['openai-chat'].enqueue(reply);
    const next = await owner.responses.create({ model, input: 'Go on.', previous_response_id: id });
    const sent = harness.upstreams['openai-chat'].requests.at(-1)?.body as { messages: unknown[] };
    assert.equal(sent.messages.length, 3, 'the stored turn was replayed');
    assert.deepEqual(await owner.responses.delete(next.id), { id: next.id, object: 'response', deleted: true });
  });
});
