/**
 * emitRequest(parseRequest(x)) reproduces every recorded Responses request x
 * (test/fixtures/recorded/openai-responses/*.request.json, see MANIFEST.md), up to the emitter's
 * documented rewrites (helpers.ts `normalizeRequest`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { normalizeRequest, requestFixtures } from './helpers.js';

const emitOptions = (model: string) => ({ model, defaultMaxOutputTokens: 4096 });

test('there are request fixtures to replay', () => {
  assert.ok(requestFixtures.length >= 20, `only ${requestFixtures.length} request fixtures found`);
});

/** Requests recorded with the 400 OpenAI answered them with: the gateway refuses them the same way, before sending. */
const refusedByOpenai: Record<string, string> = { 'openai-responses/pa-error-400-decimal-below-min.request.json': 'temperature' };

for (const path of requestFixtures) {
  const refusedParam = refusedByOpenai[path];
  if (refusedParam !== undefined) {
    test(`refused as OpenAI refused it: ${path}`, () => {
      const recorded = readFixtureJson(path.replace('.request.json', '.response.json')) as { error: { param: string } };
      assert.equal(recorded.error.param, refusedParam);
      assert.throws(
        () => openaiResponsesDialect.parseRequest(readFixtureJson(path), {}),
        (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.param === refusedParam,
      );
    });
    continue;
  }
  test(`request round trip: ${path}`, () => {
    const original = readFixtureJson(path);
    const { request, warnings: parseWarnings } = openaiResponsesDialect.parseRequest(original, {});
    assert.deepEqual(parseWarnings, [], 'a recorded request parses without loss');
    assert.equal(request.streamUsage, true, 'a Responses stream always carries usage');
    const { body, warnings } = openaiResponsesDialect.emitRequest(request, emitOptions(request.model));
    assert.deepEqual(warnings, []);
    assert.deepEqual(normalizeRequest(body), normalizeRequest(original));
  });
}

test('the comparison notices a dropped field (guards the normalizer itself)', () => {
  const original = readFixtureJson('openai-responses/fantasy-gpt5-multi_tool_streaming.i1.request.json');
  const { request } = openaiResponsesDialect.parseRequest(original, {});
  const emit = (changed: typeof request) => normalizeRequest(openaiResponsesDialect.emitRequest(changed, emitOptions(request.model)).body);
  assert.deepEqual(emit(request), normalizeRequest(original));
  assert.notDeepEqual(emit({ ...request, tools: [] }), normalizeRequest(original));
  assert.notDeepEqual(emit({ ...request, toolChoice: undefined }), normalizeRequest(original));
  assert.notDeepEqual(emit({ ...request, messages: request.messages.slice(0, -1) }), normalizeRequest(original));
  assert.notDeepEqual(emit({ ...request, sampling: {} }), normalizeRequest(original));
  assert.notDeepEqual(emit({ ...request, system: [] }), normalizeRequest(original));

  const withInclude = readFixtureJson('openai-responses/fantasy-o4mini-summary-thinking.i1.request.json');
  const parsed = openaiResponsesDialect.parseRequest(withInclude, {}).request;
  const { vendor: _vendor, ...withoutVendor } = parsed;
  const emitted = openaiResponsesDialect.emitRequest(withoutVendor, emitOptions(parsed.model)).body as Record<string, unknown>;
  // A caller of another dialect has no `include` of its own; with reasoning on and store off the
  // gateway asks for the encrypted reasoning itself, so that it can come back on the next turn.
  assert.deepEqual(emitted['include'], ['reasoning.encrypted_content']);
  const storing = openaiResponsesDialect.emitRequest({ ...withoutVendor, vendor: { 'openai-responses': { store: true } } }, emitOptions(parsed.model)).body as Record<string, unknown>;
  assert.equal(storing['include'], undefined, 'a caller that stores its responses asked for what it wanted itself');
  const { reasoning: _reasoning, ...withoutReasoning } = withoutVendor;
  const plain = openaiResponsesDialect.emitRequest(withoutReasoning, emitOptions(parsed.model)).body as Record<string, unknown>;
  assert.equal(plain['include'], undefined, 'no reasoning asked for, no encrypted reasoning asked for');
});

test('a reasoning item replayed with its summary parts and encrypted content comes back whole (fixtures/openai-responses/pa-reasoning-item-replay.i1.request.json)', () => {
  const original = readFixtureJson('openai-responses/pa-reasoning-item-replay.i1.request.json') as { input: Array<Record<string, unknown>> };
  const { request } = openaiResponsesDialect.parseRequest(original, {});
  const body = openaiResponsesDialect.emitRequest(request, emitOptions('gpt-5')).body as { input: Array<Record<string, unknown>> };
  const reasoning = body.input.find((item) => item['type'] === 'reasoning');
  const recorded = original.input.find((item) => item['type'] === 'reasoning');
  assert.ok(reasoning !== undefined && recorded !== undefined);
  assert.deepEqual(reasoning['summary'], recorded['summary'], 'six summary parts, split where they were joined');
  assert.equal(reasoning['encrypted_content'], recorded['encrypted_content']);
  assert.equal('id' in reasoning, false, 'with store off, the rs_ id would make OpenAI look the item up and fail');
});
