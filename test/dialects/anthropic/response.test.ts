/**
 * Non-streamed answers: every recorded Anthropic message object (fixtures response-*.json,
 * fantasy-*.response.json, dd-image-base64, pa-*-source; see MANIFEST.md) is parsed
 * and emitted back whole: content with thinking signatures, tool_use and server tool blocks,
 * stop reason and usage with its cache counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { fixtureNames, readFixtureJson } from '../../support/fixtures.js';
import { responseContext } from './support.js';
import { wrapSignature } from '../../../src/core/signature-envelope.js';

type JsonObject = Record<string, unknown>;

const messageFixtures = fixtureNames('anthropic')
  .filter((name) => /^(response-.*\.json|.*\.response\.json)$/.test(name))
  .map((name) => `anthropic/${name}`)
  .filter((fixture) => {
    const body = readFixtureJson(fixture);
    return body !== null && typeof body === 'object' && 'type' in body && body.type === 'message';
  });

function asObject(value: unknown): JsonObject {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value));
  return value as JsonObject;
}

test('the fixture set is the one this test was written against', () => {
  assert.ok(messageFixtures.length >= 17, `found ${messageFixtures.length} message fixtures`);
});

for (const fixture of messageFixtures) {
  test(`parse then emit keeps ${fixture}`, () => {
    const original = asObject(readFixtureJson(fixture));
    const response = anthropicDialect.parseResponse(original);
    const emitted = asObject(anthropicDialect.emitResponse(response, responseContext(String(original['model']))));
    const usage = asObject(original['usage']);
    // Anthropic omits the cache counts on older models and stop_sequence on some answers; the emitter writes them.
    const expected = {
      ...original,
      stop_sequence: original['stop_sequence'] ?? null,
      usage: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...usage },
    };
    assert.deepEqual(emitted, expected);
  });
}

test('usage: inputTokens includes cache reads and writes; emitting takes them back out', () => {
  const original = asObject(readFixtureJson('anthropic/response-text.json'));
  const withCache = { ...original, usage: { ...asObject(original['usage']), input_tokens: 12, cache_read_input_tokens: 100, cache_creation_input_tokens: 30 } };
  const response = anthropicDialect.parseResponse(withCache);
  assert.equal(response.usage.inputTokens, 142);
  assert.equal(response.usage.cachedInputTokens, 100);
  assert.equal(response.usage.cacheWriteTokens, 30);
  assert.equal(response.usage.outputTokens, 29);
  assert.equal(response.usage.totalTokens, 171);
  const emitted = asObject(anthropicDialect.emitResponse(response, responseContext()));
  assert.deepEqual(
    Object.fromEntries(Object.entries(asObject(emitted['usage'])).filter(([key]) => key.endsWith('tokens'))),
    { input_tokens: 12, output_tokens: 29, cache_creation_input_tokens: 30, cache_read_input_tokens: 100 },
  );
});

test('thinking and tool_use become reasoning and tool calls (response-thinking, fantasy-sonnet4-thinking.i0)', () => {
  const thinking = anthropicDialect.parseResponse(readFixtureJson('anthropic/response-thinking.json'));
  assert.equal(thinking.content[0]?.type, 'reasoning');
  assert.equal(thinking.content[0].signatureOrigin, 'anthropic');
  assert.match(thinking.content[0].signature ?? '', /^Er4BCkYICxgCKkCox/);
  const tool = anthropicDialect.parseResponse(readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.response.json'));
  assert.deepEqual(tool.content[1], {
    type: 'tool-call',
    id: 'toolu_014azqsWLU8Djh6RhmBGRC2u',
    name: 'weather',
    arguments: '{"location":"Florence, Italy"}',
    vendor: { anthropic: { caller: { type: 'direct' } } },
  });
  assert.deepEqual(tool.finishReason, { unified: 'tool-calls', raw: 'tool_use' });
});

test('stop reasons map both ways', () => {
  const parsed = (stopReason: string) => anthropicDialect.parseResponse({ ...asObject(readFixtureJson('anthropic/response-text.json')), stop_reason: stopReason }).finishReason.unified;
  assert.deepEqual(
    ['end_turn', 'stop_sequence', 'max_tokens', 'tool_use', 'refusal', 'pause_turn', 'model_context_window_exceeded', 'something_new'].map(parsed),
    ['stop', 'stop', 'length', 'tool-calls', 'content-filter', 'other', 'length', 'other'],
  );
  const emitted = (response: Pick<ChatResponse, 'finishReason' | 'stopSequence'>) =>
    asObject(anthropicDialect.emitResponse({ id: 'chatcmpl-1', model: 'gpt', content: [], usage: {}, ...response }, responseContext()));
  assert.equal(emitted({ finishReason: { unified: 'stop', raw: 'stop' } })['stop_reason'], 'end_turn');
  const bySequence = emitted({ finishReason: { unified: 'stop', raw: 'stop' }, stopSequence: 'END' });
  assert.equal(bySequence['stop_reason'], 'stop_sequence');
  assert.equal(bySequence['stop_sequence'], 'END');
  assert.equal(emitted({ finishReason: { unified: 'length', raw: 'length' } })['stop_reason'], 'max_tokens');
  assert.equal(emitted({ finishReason: { unified: 'tool-calls', raw: 'tool_calls' } })['stop_reason'], 'tool_use');
  assert.equal(emitted({ finishReason: { unified: 'content-filter', raw: 'content_filter' } })['stop_reason'], 'refusal');
  assert.equal(emitted({ finishReason: { unified: 'other', raw: 'pause_turn' } })['stop_reason'], 'pause_turn');
  assert.equal(emitted({ finishReason: { unified: 'error' } })['stop_reason'], 'end_turn');
});

test('a response from another dialect: msg_ id, requested model, foreign signatures in envelopes, foreign tool ids kept', () => {
  const emitted = asObject(
    anthropicDialect.emitResponse(
      {
        id: 'chatcmpl-abc',
        model: 'gpt-5',
        content: [
          { type: 'reasoning', text: 'summary' },
          { type: 'reasoning', text: 'thought', signature: 'gemini-sig', signatureOrigin: 'gemini' },
          { type: 'reasoning', text: '', signature: 'bare-gemini-sig', signatureOrigin: 'gemini' },
          { type: 'text', text: 'Hi' },
          { type: 'tool-call', id: 'call_123', name: 'f', arguments: '{"x":1}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: { inputTokens: 50, outputTokens: 10, cachedInputTokens: 20 },
      },
      responseContext('claude-alias'),
    ),
  );
  assert.match(String(emitted['id']), /^msg_[A-Za-z0-9_-]+$/);
  assert.equal(emitted['model'], 'claude-alias');
  assert.deepEqual(emitted['content'], [
    { type: 'thinking', thinking: 'summary', signature: '' },
    { type: 'thinking', thinking: 'thought', signature: wrapSignature({ origin: 'gemini', kind: 'signature', value: 'gemini-sig' }) },
    { type: 'thinking', thinking: '', signature: wrapSignature({ origin: 'gemini', kind: 'signature', value: 'bare-gemini-sig' }) },
    { type: 'text', text: 'Hi' },
    { type: 'tool_use', id: 'call_123', name: 'f', input: { x: 1 } },
  ]);
  assert.deepEqual(emitted['usage'], { input_tokens: 30, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 20, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } });
});

test('cache counts larger than the input never make input_tokens negative', () => {
  const emitted = asObject(
    anthropicDialect.emitResponse(
      { id: 'msg_1', model: 'm', content: [], finishReason: { unified: 'stop' }, usage: { inputTokens: 5, cachedInputTokens: 9 } },
      responseContext(),
    ),
  );
  assert.equal(asObject(emitted['usage'])['input_tokens'], 0);
});

test('an upstream body that is not a message is an upstream_error naming the field', () => {
  assert.throws(
    () => anthropicDialect.parseResponse({ id: 'msg_1', model: 'm', content: [{ type: 'text' }], usage: {} }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error' && error.param === 'content.0.text',
  );
  assert.throws(() => anthropicDialect.parseResponse('nope'), InterlinguaError);
});
