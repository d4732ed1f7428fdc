/**
 * Each Azure Responses provider's codec marks the encrypted reasoning it reads as that provider's
 * (src/dialects/openai-responses/provider-origins.ts): a Responses caller holds it in an envelope
 * that names the provider, and when it comes back only that provider's codec sends it on.
 * Streamed here, from a recorded OpenAI stream whose reasoning carries `encrypted_content`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureOpenaiResponsesDialectFor } from '../../../src/dialects/openai-responses/azure-platform.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { upstreamDialect } from '../../../src/dialects/registry.js';
import { asObject, contextFor, decodeFrames, readStreamFrames } from './helpers.js';

const recorded = 'openai-responses/fantasy-o4mini-summary-thinking-streaming.i0.response.sse';
const resourceA = azureOpenaiResponsesDialectFor('resource-a');
const resourceB = azureOpenaiResponsesDialectFor('resource-b');

/** The recorded answer as resource A streamed it, then as a Responses caller that keeps its history was handed it. */
function callerOutput(): Array<Record<string, unknown>> {
  const events = decodeFrames(readStreamFrames(recorded), resourceA.createStreamDecoder());
  assert.ok(events.some((event) => event.type === 'reasoning-start' && event.signatureOrigin === 'azure-openai-responses:resource-a'));
  const encoder = openaiResponsesDialect.createStreamEncoder(contextFor({ vendor: { 'openai-responses': { store: false, include: ['reasoning.encrypted_content'] } } }));
  for (const event of events) encoder.encode(event);
  return asObject(encoder.finalResponse?.()).output as Array<Record<string, unknown>>;
}

function nativeEncryptedContent(): string {
  const frames = readStreamFrames(recorded).map((frame) => JSON.parse(frame.data) as Record<string, unknown>);
  const done = frames.find((frame) => frame['type'] === 'response.output_item.done' && asObject(frame['item'])['type'] === 'reasoning');
  const value = asObject(done?.['item'])['encrypted_content'];
  assert.equal(typeof value, 'string');
  return value as string;
}

/** The caller's next turn, replaying the output it holds, as each codec would send it on. */
function replayed(output: Array<Record<string, unknown>>) {
  const calls = output.filter((item) => item['type'] === 'function_call');
  const body = {
    model: 'caller-model',
    store: false,
    include: ['reasoning.encrypted_content'],
    input: [{ role: 'user', content: 'hi' }, ...output, ...calls.map((call) => ({ type: 'function_call_output', call_id: call['call_id'], output: 'ok' }))],
  };
  const { request } = openaiResponsesDialect.parseRequest(body, {});
  return (dialect: typeof resourceA) => dialect.emitRequest(request, { model: 'gpt-5-mini', defaultMaxOutputTokens: 1024 });
}

test('a Responses caller holds one Azure resource’s encrypted reasoning in an envelope, not as the resource sealed it', () => {
  const reasoning = callerOutput().find((item) => item['type'] === 'reasoning');
  assert.equal(typeof reasoning?.['encrypted_content'], 'string');
  assert.notEqual(reasoning?.['encrypted_content'], nativeEncryptedContent());
});

test('the encrypted reasoning goes back, as sealed, to the resource that issued it, and to no other', () => {
  const emit = replayed(callerOutput());
  const toA = emit(resourceA);
  const sentToA = (asObject(toA.body).input as Array<Record<string, unknown>>).filter((item) => item['type'] === 'reasoning');
  assert.deepEqual(
    sentToA.map((item) => item['encrypted_content']),
    [nativeEncryptedContent()],
  );
  const toB = emit(resourceB);
  assert.deepEqual((asObject(toB.body).input as Array<Record<string, unknown>>).filter((item) => item['type'] === 'reasoning'), []);
  assert.ok(toB.warnings.some((warning) => warning.feature === 'reasoning.history'));
  // Nor to OpenAI's API.
  const toOpenai = emit(openaiResponsesDialect);
  assert.deepEqual((asObject(toOpenai.body).input as Array<Record<string, unknown>>).filter((item) => item['type'] === 'reasoning'), []);
});

test('encrypted reasoning of no known provider (OpenAI’s, or a caller’s own) goes to OpenAI’s API but not to an Azure resource', () => {
  const native = nativeEncryptedContent();
  const output = [
    { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: native },
    { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
  ];
  const emit = replayed(output);
  const reasoningOf = (body: unknown) => (asObject(body).input as Array<Record<string, unknown>>).filter((item) => item['type'] === 'reasoning');
  assert.deepEqual(
    reasoningOf(emit(openaiResponsesDialect).body).map((item) => item['encrypted_content']),
    [native],
  );
  assert.deepEqual(reasoningOf(emit(resourceA).body), []);
});

test('the registry builds each Azure Responses provider its own codec, named for the provider', () => {
  const a = upstreamDialect({ dialect: 'azure-openai-responses', name: 'resource-a', quirks: {} });
  const events = decodeFrames(readStreamFrames(recorded), a.createStreamDecoder());
  assert.ok(events.some((event) => event.type === 'reasoning-start' && event.signatureOrigin === 'azure-openai-responses:resource-a'));
  assert.equal(a.name, 'azure-openai-responses');
});
