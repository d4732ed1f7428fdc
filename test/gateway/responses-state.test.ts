/**
 * The Responses API's conversation state kept by the gateway (`store`, `previous_response_id`,
 * `GET`/`DELETE /v1/responses/{id}`), through the openai SDK, against every upstream dialect:
 * none of them holds the conversation, so the gateway must replay it. Upstream answers are the
 * recorded vendor traffic of support/upstream-scenarios.ts. The error texts are OpenAI's: "Previous
 * response with id '…' not found." (code previous_response_not_found, seen in
 * https://github.com/maximhq/bifrost/issues/2441) and the SDK's NotFoundError for a missing id.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { dialectNames, modelFor, startHarness, type DialectName, type Harness } from './support/harness.js';
import { arithmeticTools } from './support/callers.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { inspectUpstream } from './support/upstream-inspection.js';

let harness: Harness;
let client: OpenAI;

before(async () => {
  harness = await startHarness();
  client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller-key', maxRetries: 0 });
});
after(() => harness.close());
beforeEach(() => harness.reset());

const tools = arithmeticTools.map((tool) => ({ type: 'function' as const, name: tool.name, description: tool.description, parameters: tool.parameters, strict: false }));

function lastRequest(upstream: DialectName) {
  const request = harness.upstreams[upstream].requests.at(-1);
  assert.ok(request, `the ${upstream} upstream got a request`);
  return request;
}

/** Streams a Responses call, returning the text its deltas spell and the completed response. */
async function streamed(body: OpenAI.Responses.ResponseCreateParamsNonStreaming): Promise<{ text: string; response: OpenAI.Responses.Response }> {
  let text = '';
  let response: OpenAI.Responses.Response | undefined;
  for await (const event of await client.responses.create({ ...body, stream: true })) {
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.completed' || event.type === 'response.incomplete') response = event.response;
  }
  assert.ok(response, 'the stream completed');
  return { text, response };
}

for (const upstream of dialectNames) {
  describe(`Responses caller, conversation kept by the gateway, ${upstream} upstream`, () => {
    const scenarios = upstreamScenarios[upstream];

    test('a streamed turn continues a stored one: the upstream gets the whole conversation', async () => {
      harness.upstreams[upstream].enqueue(scenarios.text.reply, scenarios.streamText.reply);
      const first = await client.responses.create({ model: modelFor(upstream), instructions: 'Answer briefly.', input: 'Say hello.' });
      assert.match(first.id, /^resp_/);
      assert.equal((first as unknown as { store?: unknown }).store, true, 'store is on unless the caller turns it off, as at OpenAI');

      const second = await streamed({ model: modelFor(upstream), input: 'Once more, please.', previous_response_id: first.id });
      assert.equal(second.text, scenarios.streamText.expected.text);
      assert.equal(second.response.previous_response_id, first.id);

      const view = inspectUpstream(upstream, lastRequest(upstream));
      assert.deepEqual(view.roles, ['user', 'assistant', 'user'], 'earlier turn, its answer, then the new input');
      assert.equal(view.system, undefined, "an earlier turn's instructions are not carried over (OpenAI's rule)");
      const body = lastRequest(upstream).body as Record<string, unknown>;
      assert.equal(body['previous_response_id'], undefined, 'no upstream is sent the gateway-issued id');

      const retrieved = await client.responses.retrieve(second.response.id);
      assert.equal(retrieved.id, second.response.id);
      assert.equal(retrieved.status, 'completed');
      assert.equal(retrieved.output_text, second.text);
    });

    test('tool results continue a stored turn that called tools', async () => {
      harness.upstreams[upstream].enqueue(scenarios.tools.reply, scenarios.followUp.reply);
      const first = await client.responses.create({ model: modelFor(upstream), input: 'What is 3 + 4 and 5 * 6?', tools });
      const calls = first.output.filter((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call');
      assert.equal(calls.length, scenarios.tools.expected.calls.length);
      assert.ok(calls.length >= 1);

      const second = await client.responses.create({
        model: modelFor(upstream),
        previous_response_id: first.id,
        tools,
        input: calls.map((call, index) => ({ type: 'function_call_output' as const, call_id: call.call_id, output: String(index + 7) })),
      });
      assert.equal(second.output_text, scenarios.followUp.expected.text);

      const view = inspectUpstream(upstream, lastRequest(upstream));
      assert.deepEqual(view.roles, ['user', 'assistant', 'tool']);
      assert.deepEqual(view.resultIds, view.callIds, 'every replayed call is answered by its result');
      assert.equal(view.callIds.length, calls.length);
    });
  });
}

describe('stored responses', () => {
  test('store: false keeps nothing, and a turn cannot continue from it', async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const unstored = await client.responses.create({ model: modelFor('openai-chat'), input: 'Hi', store: false });
    assert.equal((unstored as unknown as { store?: unknown }).store, false);
    await assert.rejects(client.responses.retrieve(unstored.id), (error: unknown) => error instanceof OpenAI.NotFoundError && error.message.includes(unstored.id));
    await assert.rejects(
      client.responses.create({ model: modelFor('openai-chat'), input: 'Again', previous_response_id: unstored.id }),
      (error: unknown) =>
        error instanceof OpenAI.BadRequestError &&
        error.message.includes(`Previous response with id '${unstored.id}' not found.`) &&
        error.param === 'previous_response_id' &&
        error.type === 'invalid_request_error' &&
        // OpenAI's own code, which clients key on to resend the whole conversation.
        error.code === 'previous_response_not_found',
    );
    assert.equal(harness.upstreams['openai-chat'].requests.length, 1, 'a turn with an unknown previous response never reaches an upstream');
  });

  test('DELETE removes a stored response', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const stored = await client.responses.create({ model: modelFor('anthropic'), input: 'Hi' });
    // The SDK types the answer as void; OpenAI's reference shows this body
    // (https://developers.openai.com/api/reference/resources/beta/subresources/responses/methods/delete).
    const deleted: unknown = await client.responses.delete(stored.id);
    assert.deepEqual(deleted, { id: stored.id, object: 'response', deleted: true });
    await assert.rejects(client.responses.retrieve(stored.id), OpenAI.NotFoundError);
    await assert.rejects(client.responses.delete(stored.id), OpenAI.NotFoundError);
  });

  test('a Responses upstream is asked not to store, whatever the caller asked of the gateway', async () => {
    harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
    await client.responses.create({ model: modelFor('openai-responses'), input: 'Hi', store: true });
    const body = lastRequest('openai-responses').body as Record<string, unknown>;
    assert.equal(body['store'], false);
    assert.equal(body['previous_response_id'], undefined);
  });

  test("input_items lists what a stored turn was asked, in whole items with stable ids, by page", async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const stored = await client.responses.create({
      model: modelFor('openai-chat'),
      input: [
        { role: 'developer', content: 'Be terse.' },
        { role: 'user', content: 'First question.' },
        { role: 'user', content: [{ type: 'input_text', text: 'Second question.' }] },
      ],
    });
    const page = await client.responses.inputItems.list(stored.id, { order: 'asc' });
    const items = page.data as unknown as Array<{ id: string; type: string; role: string; status: string; content: Array<{ type: string; text: string }> }>;
    assert.deepEqual(items.map((item) => [item.type, item.role, item.content[0]?.type, item.content[0]?.text]), [
      ['message', 'developer', 'input_text', 'Be terse.'],
      ['message', 'user', 'input_text', 'First question.'],
      ['message', 'user', 'input_text', 'Second question.'],
    ]);
    assert.ok(items.every((item) => item.status === 'completed' && item.id.startsWith('msg_')));
    const again = await client.responses.inputItems.list(stored.id, { order: 'asc' });
    assert.deepEqual(again.data.map((item) => item.id), items.map((item) => item.id), 'ids stay the same on every read');

    const newestFirst = await client.responses.inputItems.list(stored.id, { limit: 2 });
    assert.deepEqual(newestFirst.data.map((item) => item.id), [items[2]?.id, items[1]?.id], 'desc unless asked otherwise');
    assert.equal(newestFirst.hasNextPage(), true);
    const next = await newestFirst.getNextPage();
    assert.deepEqual(next.data.map((item) => item.id), [items[0]?.id]);
    await assert.rejects(client.responses.inputItems.list('resp_unknown'), OpenAI.NotFoundError);
  });

  test('the id the caller got is the id it retrieves, streamed or not', async () => {
    harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.streamText.reply);
    const { response } = await streamed({ model: modelFor('gemini'), input: 'Hi' });
    const retrieved = await client.responses.retrieve(response.id);
    assert.deepEqual(retrieved.output, response.output);
    assert.equal(retrieved.model, modelFor('gemini'));
  });
});

test('stored responses outlive the gateway process in its SQLite file', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-store-'));
  const upstream = await new TestUpstream().start();
  const config = resolveConfig(
    {
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'k' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      database: { url: 'sqlite:state/interlingua.db' },
    },
    'test config',
    directory,
  );
  const answer = { kind: 'json' as const, body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };
  try {
    upstream.enqueue(answer, answer);
    const firstProcess = createGateway(config, { logger: silentLogger });
    const firstUrl = `http://127.0.0.1:${(await firstProcess.listen(0, '127.0.0.1')).port}/v1`;
    const stored = await new OpenAI({ baseURL: firstUrl, apiKey: 'k', maxRetries: 0 }).responses.create({ model: 'chat', input: 'Remember me.' });
    await firstProcess.close();

    const secondProcess = createGateway(config, { logger: silentLogger });
    const secondUrl = `http://127.0.0.1:${(await secondProcess.listen(0, '127.0.0.1')).port}/v1`;
    const again = new OpenAI({ baseURL: secondUrl, apiKey: 'k', maxRetries: 0 });
    assert.equal((await again.responses.retrieve(stored.id)).id, stored.id);
    await again.responses.create({ model: 'chat', input: 'Who am I?', previous_response_id: stored.id });
    const messages = (upstream.requests.at(-1)?.body as { messages: Array<{ role: string; content: unknown }> }).messages;
    assert.deepEqual(messages.map((message) => message.role), ['user', 'assistant', 'user']);
    assert.equal(messages[0]?.content, 'Remember me.');
    await secondProcess.close();
  } finally {
    await upstream.stop();
    rmSync(directory, { recursive: true, force: true });
  }
});
