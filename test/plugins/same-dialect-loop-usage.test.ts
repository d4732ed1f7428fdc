/**
 * A plugin loop's usage as a caller of the upstream's own dialect reads it: the tokens of every
 * model call summed, not one call's usage object written back as the vendor sent it. A Gemini
 * upstream answers with a recorded weather tool call (made a calculator call here) and then the
 * recorded answer, streamed and whole; the Gemini caller is the official SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI, type GenerateContentResponseUsageMetadata } from '@google/genai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: { ge: { dialect: 'gemini', baseUrl: upstream.baseUrl, apiKey: 'gemini-test-key' } },
      plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
      models: { looper: { deployments: [{ provider: 'ge', model: 'gemini-2.5-flash' }], plugins: ['calculator'], maxSteps: 4 } },
      retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});
beforeEach(() => upstream.reset());

const recordedCall = '"name": "weather","args": {"location": "Florence,Italy"}';
const calculatorCall = '"name": "calculator", "args": {"expression": "6*7"}';

/** A recorded streamed tool call turn with its call made the calculator's. */
function calculatorTurn(fixture: string): string {
  const recorded = readFixtureText(fixture);
  assert.ok(recorded.includes(recordedCall));
  return recorded.replace(recordedCall, calculatorCall);
}

/**
 * The recorded streamed calls: the first ends with `usageMetadata` prompt 54, candidates 15,
 * thoughts 43, total 112; the second's last chunk says prompt 127, candidates 12, total 139.
 */
function enqueueStreamedTurns(): void {
  upstream.enqueue(
    { kind: 'stream', text: calculatorTurn('gemini/fantasy-gemini25flash-tool_streaming.i0.response.sse') },
    { kind: 'stream', text: readFixtureText('gemini/fantasy-gemini25flash-tool_streaming.i1.response.sse') },
  );
}

/** The recorded whole calls: prompt 54, candidates 15, thoughts 48, total 117; then prompt 84, candidates 12, total 96. */
function enqueueWholeTurns(): void {
  const callTurn = readFixtureJson('gemini/fantasy-gemini25flash-tool.i0.response.json') as { candidates: Array<{ content: { parts: Array<{ functionCall?: unknown }> } }> };
  const call = callTurn.candidates[0]?.content.parts[0];
  assert.ok(call !== undefined);
  assert.deepEqual(call.functionCall, { name: 'weather', args: { location: 'Florence,Italy' } });
  call.functionCall = { name: 'calculator', args: { expression: '6*7' } };
  upstream.enqueue(
    { kind: 'json', body: callTurn },
    { kind: 'json', body: readFixtureJson('gemini/fantasy-gemini25flash-tool.i1.response.json') },
  );
}

function counts(metadata: GenerateContentResponseUsageMetadata | undefined): Record<string, number | undefined> {
  return {
    promptTokenCount: metadata?.promptTokenCount,
    candidatesTokenCount: metadata?.candidatesTokenCount,
    thoughtsTokenCount: metadata?.thoughtsTokenCount,
    totalTokenCount: metadata?.totalTokenCount,
  };
}

const client = (): GoogleGenAI => new GoogleGenAI({ apiKey: 'caller-key', httpOptions: { baseUrl: gatewayUrl } });
const request = { model: 'looper', contents: 'What is 6 times 7?' };

test('a streamed Gemini answer of two Gemini calls reports both calls\' tokens in its last usageMetadata', async () => {
  enqueueStreamedTurns();
  let last: GenerateContentResponseUsageMetadata | undefined;
  let text = '';
  for await (const chunk of await client().models.generateContentStream(request)) {
    text += chunk.text ?? '';
    last = chunk.usageMetadata ?? last;
  }
  assert.equal(upstream.requests.length, 2, 'the calculator ran and the model was asked again');
  assert.equal(text, 'The weather in Florence,Italy is 40 C.');
  assert.deepEqual(counts(last), { promptTokenCount: 54 + 127, candidatesTokenCount: 15 + 12, thoughtsTokenCount: 43, totalTokenCount: 112 + 139 });
});

test('a whole Gemini answer of two Gemini calls reports both calls\' tokens', async () => {
  enqueueWholeTurns();
  const response = await client().models.generateContent(request);
  assert.equal(upstream.requests.length, 2);
  assert.deepEqual(counts(response.usageMetadata), { promptTokenCount: 54 + 84, candidatesTokenCount: 15 + 12, thoughtsTokenCount: 48, totalTokenCount: 117 + 96 });
});
