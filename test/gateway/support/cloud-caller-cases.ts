import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFor, upstreamModels, type DialectName, type Harness } from './harness.js';
import { arithmeticTools, type CallerResult } from './callers.js';
import { upstreamScenarios, type Expected } from './upstream-scenarios.js';
import { expectedPath, inspectUpstream } from './upstream-inspection.js';
import type { CloudCaller } from './aws-callers.js';

/** A 1×1 PNG. */
const pixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The upstreams a cloud caller is driven against. */
export const cloudCaseUpstreams = ['openai-chat', 'anthropic', 'gemini'] as const satisfies readonly DialectName[];

/** The caller's own finish words: for a plain answer, and for an answer that called tools. */
export interface FinishWords {
  stop: string;
  toolCalls: string;
}

function onlyRequest(harness: Harness, upstream: DialectName) {
  const requests = harness.upstreams[upstream].requests;
  assert.equal(requests.length, 1, `the ${upstream} upstream should get exactly one request`);
  return requests[0]!;
}

function assertReachedUpstream(harness: Harness, upstream: DialectName, stream: boolean) {
  const request = onlyRequest(harness, upstream);
  const view = inspectUpstream(upstream, request);
  assert.equal(view.path, expectedPath(upstream, stream));
  assert.ok(view.authenticated, `the gateway authenticates to ${upstream} as the vendor requires`);
  assert.equal(view.streamRequested, stream);
  if (upstream !== 'gemini') assert.equal((request.body as { model?: unknown }).model, upstreamModels[upstream]);
  return view;
}

function assertCalls(result: CallerResult, expected: Expected, idsVisible: boolean) {
  assert.deepEqual(
    result.calls.map((call) => ({ name: call.name, args: call.args })),
    expected.calls,
  );
  if (idsVisible) assert.equal(new Set(result.calls.map((call) => call.id)).size, 2, 'each call has its own id');
}

/**
 * One cloud SDK as a caller against the OpenAI, Anthropic and Gemini test upstreams: plain and
 * streamed text, two parallel tool calls (plain and streamed), a turn carrying both tool results,
 * an inline image, and an upstream 429 reaching the SDK as its own throttling error.
 */
export function describeCloudCaller(harness: () => Harness, makeCaller: (gatewayUrl: string) => CloudCaller, finish: FinishWords, idsVisible = true): void {
  for (const upstream of cloudCaseUpstreams) {
    describe(`→ ${upstream} upstream`, () => {
      const scenarios = upstreamScenarios[upstream];
      const model = modelFor(upstream);
      let caller: CloudCaller;
      before(() => {
        caller = makeCaller(harness().gatewayUrl);
      });

      for (const stream of [false, true]) {
        test(stream ? 'streamed text' : 'plain text', async () => {
          const scenario = stream ? scenarios.streamText : scenarios.text;
          harness().upstreams[upstream].enqueue(scenario.reply);
          const result = await caller.turn({ model, system: 'You are terse.', prompt: 'Say hi in Portuguese', maxTokens: 300, stream });
          assert.equal(result.text, scenario.expected.text);
          assert.equal(result.finish, finish.stop);
          if (scenario.expected.inputTokens !== undefined) assert.equal(result.inputTokens, scenario.expected.inputTokens, 'input tokens');
          if (scenario.expected.outputTokens !== undefined) assert.equal(result.outputTokens, scenario.expected.outputTokens, 'output tokens');
          if (stream && scenario.expected.deltas > 1) assert.ok(result.deltas > 1, `text arrives in pieces (${result.deltas} deltas)`);
          const view = assertReachedUpstream(harness(), upstream, stream);
          assert.equal(view.system, 'You are terse.');
          assert.equal(view.maxTokens, 300);
        });

        test(stream ? 'two parallel tool calls, streamed' : 'two parallel tool calls', async () => {
          const scenario = stream ? scenarios.streamTools : scenarios.tools;
          harness().upstreams[upstream].enqueue(scenario.reply);
          const result = await caller.turn({ model, prompt: 'Add and multiply the number 2 and 3', tools: arithmeticTools, stream });
          assertCalls(result, scenario.expected, idsVisible);
          assert.equal(result.finish, finish.toolCalls);
          const view = assertReachedUpstream(harness(), upstream, stream);
          assert.deepEqual(view.tools, [
            { name: 'add', parameterNames: ['a', 'b'] },
            { name: 'multiply', parameterNames: ['a', 'b'] },
          ]);
        });
      }

      test('a turn carrying both tool results', async () => {
        harness().upstreams[upstream].enqueue(scenarios.followUp.reply);
        const result = await caller.turn({
          model,
          prompt: 'Add and multiply the number 2 and 3',
          tools: arithmeticTools,
          toolTurn: {
            calls: [
              { id: 'toolu_01add', name: 'add', args: { a: 2, b: 3 } },
              { id: 'toolu_01mul', name: 'multiply', args: { a: 2, b: 3 } },
            ],
            results: ['5', '6'],
          },
        });
        assert.equal(result.text, scenarios.followUp.expected.text);
        assert.equal(result.finish, finish.stop);
        const view = inspectUpstream(upstream, onlyRequest(harness(), upstream));
        assert.deepEqual(view.roles, ['user', 'assistant', 'tool']);
        assert.equal(view.callIds.length, 2);
        assert.deepEqual(view.resultIds, view.callIds, 'each tool result answers its own call');
      });

      test('an image given inline', async () => {
        harness().upstreams[upstream].enqueue(scenarios.image.reply);
        const result = await caller.turn({ model, prompt: 'Describe the image', image: { base64: pixelPng, mediaType: 'image/png' } });
        assert.equal(result.text, scenarios.image.expected.text);
        const view = inspectUpstream(upstream, onlyRequest(harness(), upstream));
        assert.deepEqual(view.images, ['base64']);
        assert.deepEqual(view.imageData, [pixelPng]);
      });

      test('an upstream 429 reaches the caller as its SDK throttling error', async () => {
        const target = harness().upstreams[upstream];
        target.enqueue(scenarios.rateLimit, scenarios.rateLimit);
        await assert.rejects(caller.turn({ model, prompt: 'hi' }), (error) => caller.isRateLimitError(error));
        assert.ok(target.requests.length >= 1 && target.requests.length <= 2, 'retried at most once as configured');
      });
    });
  }
}
