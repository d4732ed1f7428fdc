/**
 * emitRequest(parseRequest(x)) reproduces every recorded Anthropic request body
 * (test/fixtures/recorded/anthropic/*.request.json, sources in its MANIFEST.md, and the
 * doc-format-* ones written from the documented format), compared whole after
 * only shape-preserving canonicalisation (string content ↔ one text block), so a dropped or
 * changed field — a thinking signature, a cache_control, a server tool — fails the test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { fixtureNames, readFixtureJson } from '../../support/fixtures.js';
import { canonicalRequest } from './support.js';

const requestFixtures = fixtureNames('anthropic')
  .filter((name) => name.endsWith('.request.json'))
  .map((name) => `anthropic/${name}`);

/**
 * Recorded bodies Anthropic rejects: dd-error-400 sends a bare string as a message; the 2024
 * dd-stream-tool-result-followup answers a tool call with another call's id, which Anthropic has since
 * refused ("unexpected `tool_use_id` found in `tool_result` blocks"), so the emitter repairs it (below).
 */
const invalidFixtures = new Set(['anthropic/dd-error-400.request.json', 'anthropic/dd-stream-tool-result-followup.request.json']);

/** Warnings a fixture is expected to raise while parsing (features the interlingua cannot hold). */
const expectedParseWarnings: Record<string, string[]> = {
  'anthropic/doc-format-stream-web-search.request.json': ['tools.web_search_20250305'],
};

function modelOf(body: unknown): string {
  assert.ok(body !== null && typeof body === 'object' && 'model' in body && typeof body.model === 'string');
  return body.model;
}

test('the fixture set is the one this test was written against', () => {
  assert.ok(requestFixtures.length >= 29, `found ${requestFixtures.length} request fixtures`);
});

for (const fixture of requestFixtures) {
  if (invalidFixtures.has(fixture)) continue;
  test(`round trip reproduces ${fixture}`, () => {
    const body = readFixtureJson(fixture);
    const parsed = anthropicDialect.parseRequest(body, {});
    assert.deepEqual(parsed.warnings.map((warning) => warning.feature), expectedParseWarnings[fixture] ?? []);
    const emitted = anthropicDialect.emitRequest(parsed.request, { model: modelOf(body), defaultMaxOutputTokens: 1 });
    assert.deepEqual(emitted.warnings, []);
    assert.deepEqual(canonicalRequest(emitted.body), canonicalRequest(body));
    // Parsing what was emitted gives the same interlingua: the mapping is stable both ways.
    assert.deepEqual(anthropicDialect.parseRequest(emitted.body, {}).request, parsed.request);
  });
}

test('the comparison notices a lost thinking signature (fantasy-sonnet4-thinking.i1.request.json)', () => {
  const body = readFixtureJson('anthropic/fantasy-sonnet4-thinking.i1.request.json');
  const parsed = anthropicDialect.parseRequest(body, {});
  const assistant = parsed.request.messages[1];
  assert.equal(assistant?.role, 'assistant');
  const reasoning = assistant.content[0];
  assert.equal(reasoning?.type, 'reasoning');
  assert.equal(reasoning.signatureOrigin, 'anthropic');
  assert.match(reasoning.signature ?? '', /^Es8DCkYICxgCKkBROcM3239/);
  delete reasoning.signature;
  const emitted = anthropicDialect.emitRequest(parsed.request, { model: modelOf(body), defaultMaxOutputTokens: 1 });
  assert.notDeepEqual(canonicalRequest(emitted.body), canonicalRequest(body));
  // The unsigned block is left out, so the tool turn being answered has no thinking: thinking goes off too.
  assert.deepEqual(emitted.warnings.map((warning) => warning.feature), ['reasoning', 'reasoning.tool_turn']);
  assert.equal((emitted.body as { thinking?: unknown }).thinking, undefined);
});

test('dd-error-400.request.json (a bare string as a message) is rejected naming messages.0', () => {
  assert.throws(
    () => anthropicDialect.parseRequest(readFixtureJson('anthropic/dd-error-400.request.json'), {}),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.param === 'messages.0' && /^messages\.0:/.test(error.message),
  );
});

test('a recorded tool result answering another id is repaired: the call answered with an error, the stray result sent as text', () => {
  const body = readFixtureJson('anthropic/dd-stream-tool-result-followup.request.json');
  const emitted = anthropicDialect.emitRequest(anthropicDialect.parseRequest(body, {}).request, { model: modelOf(body), defaultMaxOutputTokens: 1 });
  assert.deepEqual(emitted.warnings.map((warning) => warning.feature).sort(), ['tool_result.missing', 'tool_result.orphan']);
  const messages = (emitted.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages;
  assert.deepEqual(messages[2]?.content.map((block) => block['type']), ['tool_result', 'text']);
  assert.equal(messages[2]?.content[0]?.['tool_use_id'], 'toolu_01UiyhG7tywQKaqdgxyqa8z9');
  assert.equal(messages[2]?.content[1]?.['text'], 'Result of tool call toolu_01DYJo37oETVsCdLTTcCWcdq: The weather is 73f');
});
