/**
 * Every caller dialect × every upstream dialect, through the official SDKs: plain and streamed
 * text, two parallel tool calls (plain and streamed), a follow-up turn with tool results,
 * images (inline and by URL), and upstream 429 / 400. Upstream answers are recorded vendor
 * traffic (see support/upstream-scenarios.ts for the files).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dialectNames, modelFor, startHarness, upstreamModels, type DialectName, type Harness } from './support/harness.js';
import { arithmeticTools, callerFor, type CallerClient, type CallerResult } from './support/callers.js';
import { upstreamScenarios, type Expected } from './support/upstream-scenarios.js';
import { expectedPath, inspectUpstream, type UpstreamView } from './support/upstream-inspection.js';

const stopWord: Record<DialectName, string> = { 'openai-chat': 'stop', anthropic: 'end_turn', gemini: 'STOP', ollama: 'stop', 'openai-responses': 'completed' };
/** Ollama, like Gemini, says "stop" when the model called tools. */
const toolCallWord: Record<DialectName, string> = { 'openai-chat': 'tool_calls', anthropic: 'tool_use', gemini: 'STOP', ollama: 'stop', 'openai-responses': 'completed' };

/** A 1×1 PNG, served over HTTP for the image-by-URL case. */
const pixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let harness: Harness;
let imageServer: Server;
let imageUrl: string;

before(async () => {
  harness = await startHarness();
  imageServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': pixelPng.length });
    response.end(pixelPng);
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}/pixel.png`;
});

after(async () => {
  await harness.close();
  await new Promise<void>((resolve) => imageServer.close(() => resolve()));
});

beforeEach(() => harness.reset());

function onlyRequest(upstream: DialectName) {
  const requests = harness.upstreams[upstream].requests;
  assert.equal(requests.length, 1, `the ${upstream} upstream should get exactly one request`);
  const request = requests[0];
  assert.ok(request);
  return request;
}

function assertCommon(upstream: DialectName, view: UpstreamView, body: unknown, stream: boolean) {
  assert.equal(view.path, expectedPath(upstream, stream));
  assert.ok(view.authenticated, `the gateway authenticates to ${upstream} as the vendor requires`);
  assert.equal(view.streamRequested, stream);
  if (upstream !== 'gemini') assert.equal((body as { model?: unknown }).model, upstreamModels[upstream]);
}

function assertUsage(result: CallerResult, expected: Expected) {
  if (expected.inputTokens !== undefined) assert.equal(result.inputTokens, expected.inputTokens, 'input tokens');
  if (expected.outputTokens !== undefined) assert.equal(result.outputTokens, expected.outputTokens, 'output tokens');
}

/** Gemini and Ollama callers see calls by function name; the other dialects give each call an id. */
const idsVisible = (dialect: DialectName) => dialect !== 'gemini' && dialect !== 'ollama';

function assertCalls(caller: DialectName, result: CallerResult, expected: Expected) {
  assert.equal(result.calls.length, 2, 'two parallel tool calls');
  assert.deepEqual(
    result.calls.map((call) => ({ name: call.name, args: call.args })),
    expected.calls,
  );
  if (idsVisible(caller)) {
    const ids = result.calls.map((call) => call.id);
    assert.ok(ids.every((id) => typeof id === 'string' && id.length > 0), 'every call has an id');
    assert.equal(new Set(ids).size, 2, 'call ids are distinct');
  }
}

for (const callerDialect of dialectNames) {
  for (const upstreamDialect of dialectNames) {
    describe(`${callerDialect} caller → ${upstreamDialect} upstream`, () => {
      const scenarios = upstreamScenarios[upstreamDialect];
      const model = modelFor(upstreamDialect);
      let caller: CallerClient;
      before(() => {
        caller = callerFor(callerDialect, harness.gatewayUrl);
      });

      for (const stream of [false, true]) {
        test(stream ? 'streamed text' : 'plain text', async () => {
          const scenario = stream ? scenarios.streamText : scenarios.text;
          harness.upstreams[upstreamDialect].enqueue(scenario.reply);
          const result = await caller.turn({ model, system: 'You are terse.', prompt: 'Say hi in Portuguese', temperature: 0.5, maxTokens: 300, stream });
          assert.equal(result.text, scenario.expected.text);
          assert.equal(result.finish, stopWord[callerDialect]);
          assertUsage(result, scenario.expected);
          if (stream && scenario.expected.deltas > 1) assert.ok(result.deltas > 1, `text arrives in pieces (${result.deltas} deltas)`);

          const request = onlyRequest(upstreamDialect);
          const view = inspectUpstream(upstreamDialect, request);
          assertCommon(upstreamDialect, view, request.body, stream);
          assert.equal(view.system, 'You are terse.');
          assert.deepEqual(view.roles, ['user']);
          assert.equal(view.maxTokens, 300);
          // gpt-5 (the Responses upstream) refuses temperature: the catalog has it left out (src/catalog/).
          assert.equal(view.temperature, upstreamDialect === 'openai-responses' ? undefined : 0.5);
        });

        test(stream ? 'two parallel tool calls, streamed' : 'two parallel tool calls', async () => {
          const scenario = stream ? scenarios.streamTools : scenarios.tools;
          harness.upstreams[upstreamDialect].enqueue(scenario.reply);
          const result = await caller.turn({ model, prompt: 'Add and multiply the number 2 and 3', tools: arithmeticTools, stream });
          assertCalls(callerDialect, result, scenario.expected);
          assert.equal(result.finish, toolCallWord[callerDialect]);
          assertUsage(result, scenario.expected);

          const request = onlyRequest(upstreamDialect);
          const view = inspectUpstream(upstreamDialect, request);
          assertCommon(upstreamDialect, view, request.body, stream);
          assert.deepEqual(view.tools, [
            { name: 'add', parameterNames: ['a', 'b'] },
            { name: 'multiply', parameterNames: ['a', 'b'] },
          ]);
          if (upstreamDialect === 'anthropic') assert.equal(view.maxTokens, 1024, 'the provider default max_tokens fills the gap');
        });
      }

      test('follow-up turn carrying both tool results', async () => {
        harness.upstreams[upstreamDialect].enqueue(scenarios.followUp.reply);
        const ids = callerDialect === 'anthropic' ? ['toolu_01add', 'toolu_01mul'] : ['call_add_1', 'call_mul_2'];
        const result = await caller.turn({
          model,
          prompt: 'Add and multiply the number 2 and 3',
          tools: arithmeticTools,
          toolTurn: {
            calls: [
              { id: ids[0] ?? '', name: 'add', args: { a: 2, b: 3 } },
              { id: ids[1] ?? '', name: 'multiply', args: { a: 2, b: 3 } },
            ],
            results: ['5', '6'],
          },
        });
        assert.equal(result.text, scenarios.followUp.expected.text);
        assert.equal(result.finish, stopWord[callerDialect]);

        const view = inspectUpstream(upstreamDialect, onlyRequest(upstreamDialect));
        assert.deepEqual(view.roles, ['user', 'assistant', 'tool']);
        assert.equal(view.callIds.length, 2);
        assert.deepEqual(view.resultIds, view.callIds, 'each tool result answers its own call');
        if (!idsVisible(upstreamDialect)) assert.deepEqual(view.resultIds, ['add', 'multiply'], 'results name their function');
        else if (idsVisible(callerDialect)) assert.deepEqual(view.callIds, ids, 'caller ids are kept');
        else assert.equal(new Set(view.callIds).size, 2, 'ids synthesized for calls that came without are distinct');
      });

      test('image given inline', async () => {
        harness.upstreams[upstreamDialect].enqueue(scenarios.image.reply);
        const result = await caller.turn({ model, prompt: 'Describe the image', image: { base64: pixelPng.toString('base64'), mediaType: 'image/png' } });
        assert.equal(result.text, scenarios.image.expected.text);
        const view = inspectUpstream(upstreamDialect, onlyRequest(upstreamDialect));
        assert.deepEqual(view.images, ['base64']);
        assert.deepEqual(view.imageData, [pixelPng.toString('base64')]);
      });

      // Ollama's API takes images only inline (`images: [base64]`), so its callers have no URL case.
      if (callerDialect !== 'ollama') test('image given by URL', async () => {
        harness.upstreams[upstreamDialect].enqueue(scenarios.image.reply);
        const result = await caller.turn({ model, prompt: 'Describe the image', image: { url: imageUrl } });
        assert.equal(result.text, scenarios.image.expected.text);
        const view = inspectUpstream(upstreamDialect, onlyRequest(upstreamDialect));
        if (upstreamDialect === 'gemini' && callerDialect === 'gemini') {
          assert.deepEqual(view.images, ['url'], 'a Gemini fileData part goes back to Gemini as the caller wrote it');
          assert.deepEqual(view.imageData, [imageUrl]);
        } else if (upstreamDialect === 'gemini' || upstreamDialect === 'ollama') {
          assert.deepEqual(view.images, ['base64'], `${upstreamDialect} takes only inline data: the gateway fetched the URL`);
          assert.deepEqual(view.imageData, [pixelPng.toString('base64')]);
        } else {
          assert.deepEqual(view.images, ['url']);
          assert.deepEqual(view.imageData, [imageUrl]);
        }
      });

      test('upstream 429 reaches the caller as its SDK rate-limit error', async () => {
        const upstream = harness.upstreams[upstreamDialect];
        upstream.enqueue(scenarios.rateLimit, scenarios.rateLimit);
        await assert.rejects(caller.turn({ model, prompt: 'hi' }), (error) => caller.isRateLimitError(error));
        assert.ok(upstream.requests.length >= 1 && upstream.requests.length <= 2, 'retried at most once as configured');
      });

      test('upstream 400 reaches the caller as its SDK bad-request error, not retried', async () => {
        harness.upstreams[upstreamDialect].enqueue(scenarios.badRequest);
        await assert.rejects(caller.turn({ model, prompt: 'hi' }), (error) => caller.isBadRequestError(error));
        assert.equal(harness.upstreams[upstreamDialect].requests.length, 1);
      });
    });
  }
}
