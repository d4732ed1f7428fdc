/**
 * Generated upstream answers (Anthropic's, OpenAI Chat's, Gemini's, Responses' and Ollama's),
 * streams cut into pieces anywhere and whole answers alike (text, signed thinking, several tool
 * calls whose arguments arrive a few characters at a time, pings, usage), relayed through the
 * gateway to every caller dialect: each caller's answer is judged by its dialect's answer rules
 * (test/support/answer-rules: event order, block indexes, tool arguments that join into JSON,
 * finish reasons) and must carry every word, every piece of thinking and every tool call the
 * upstream made, arguments whole. The recorded answers are a handful of shapes; these are many.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dialectNames, modelFor, startHarness, type Harness } from './support/harness.js';
import { answer, expectedCalls, expectedPieces } from './support/generated-answer.js';
import { streamOf, wholeOf } from './support/upstream-answer-writers.js';
import { callsIn, textIn, thinkingIn, wholeParts } from './support/caller-answer-readers.js';
import { callerRequest } from './support/raw-caller-requests.js';
import { answerJudges } from '../support/answer-rules/index.js';
import { postJson } from './support/sweep-post.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());

for (const upstream of dialectNames) {
  test(`generated whole ${upstream} answers reach every caller dialect as its clients rely on, every word, thought and tool call whole`, async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (generated) => {
        const problems: string[] = [];
        for (const caller of dialectNames) {
          harness.reset();
          harness.upstreams[upstream].enqueue({ kind: 'json', body: wholeOf[upstream](generated) });
          const { path, headers, body } = callerRequest(caller, modelFor(upstream), false);
          const response = await postJson(`${harness.gatewayUrl}${path}`, headers, body);
          const { text } = response;
          for (const problem of answerJudges[caller]({ stream: false, ...response })) problems.push(`${caller}: ${problem}`);
          if (problems.length > 0) continue;
          const got = wholeParts(caller, text);
          assert.deepEqual(got.calls, expectedCalls(generated), `${caller}'s tool calls`);
          assert.equal(got.text, expectedPieces(generated, 'text'), `${caller}'s words`);
          assert.equal(got.thinking, expectedPieces(generated, 'thinking'), `${caller}'s thinking`);
        }
        assert.deepEqual(problems, []);
      }),
      { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
    );
  });
}

for (const upstream of dialectNames) {
  test(`generated ${upstream} streams reach every caller dialect as its clients rely on, every word, thought and tool call whole`, async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (generated) => {
        const problems: string[] = [];
        for (const caller of dialectNames) {
          harness.reset();
          harness.upstreams[upstream].enqueue({ kind: 'stream', text: streamOf[upstream](generated), ...(upstream === 'ollama' ? { contentType: 'application/x-ndjson' } : {}) });
          const { path, headers, body } = callerRequest(caller, modelFor(upstream), true);
          const response = await postJson(`${harness.gatewayUrl}${path}`, headers, body);
          const { text } = response;
          for (const problem of answerJudges[caller]({ stream: true, ...response })) problems.push(`${caller}: ${problem}`);
          if (problems.length > 0) continue;
          assert.deepEqual(callsIn(caller, text), expectedCalls(generated), `${caller}'s tool calls`);
          assert.equal(textIn(caller, text), expectedPieces(generated, 'text'), `${caller}'s words`);
          assert.equal(thinkingIn(caller, text), expectedPieces(generated, 'thinking'), `${caller}'s thinking`);
        }
        assert.deepEqual(problems, []);
      }),
      { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
    );
  });
}
