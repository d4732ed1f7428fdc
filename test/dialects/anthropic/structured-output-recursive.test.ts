/**
 * A recursive response schema (a tree whose node refers to itself), which OpenAI's strict mode and
 * Gemini take and Anthropic's structured output refuses: asked for in the system prompt instead,
 * with a warning, on Anthropic's API and on Bedrock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { anthropicJudge } from '../../support/vendor-rules/anthropic.js';
import { applyJudge } from '../../support/vendor-rules/rule.js';

const tree = {
  type: 'object',
  properties: { root: { $ref: '#/$defs/Node' } },
  required: ['root'],
  additionalProperties: false,
  $defs: {
    Node: {
      type: 'object',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
      required: ['name', 'children'],
      additionalProperties: false,
    },
  },
};

function refusalOf(body: unknown): string | undefined {
  return applyJudge(anthropicJudge, { method: 'POST', url: '/v1/messages', headers: { 'anthropic-version': '2023-06-01' }, body })?.message;
}

function openaiRequest() {
  return openaiChatDialect.parseRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Draw a family tree.' }], response_format: { type: 'json_schema', json_schema: { name: 'tree', strict: true, schema: tree } } }, {}).request;
}

test('Anthropic\'s judge refuses a recursive schema as Anthropic does', () => {
  const body = { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], output_config: { format: { type: 'json_schema', schema: tree } } };
  assert.equal(
    refusalOf(body),
    'output_config.format.schema: Circular reference detected in schema definitions: Node -> Node. Self-referencing or mutually-referencing definitions are not supported.',
  );
});

test('a recursive schema is asked for in the system prompt, whole, with a warning, and Anthropic takes the request', () => {
  const emitted = anthropicDialect.emitRequest(openaiRequest(), { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 });
  const body = emitted.body as { output_config?: unknown; system?: unknown };
  assert.equal(body.output_config, undefined);
  assert.ok(JSON.stringify(body.system).includes(JSON.stringify(JSON.stringify(tree)).slice(1, -1)), 'the caller\'s schema, whole');
  const warning = emitted.warnings.find((entry) => entry.feature === 'response_format.json_schema');
  assert.match(warning?.message ?? '', /no recursive schema \(#\/\$defs\/Node -> #\/\$defs\/Node\)/);
  assert.equal(refusalOf(emitted.body), undefined);
});

test('a schema that only reuses a definition still goes to output_config.format', () => {
  const shared = { type: 'object', properties: { from: { $ref: '#/$defs/Place' }, to: { $ref: '#/$defs/Place' } }, required: ['from', 'to'], additionalProperties: false, $defs: { Place: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } } };
  const request = { ...openaiRequest(), responseFormat: { type: 'json' as const, schema: shared } };
  const body = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 }).body as { output_config?: { format?: { schema: unknown } } };
  assert.deepEqual(body.output_config?.format?.schema, shared);
});
