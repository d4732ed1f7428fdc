/**
 * What an Anthropic caller's tools lose on another vendor is reported by the caller's own field path
 * (`tools[1].defer_loading`, `tools[2]` for a server tool), not by the gateway's internal key names;
 * `strict: true` is carried as the interlingua's ToolDefinition.strict
 * (strict tool use: https://platform.claude.com/docs/en/build-with-claude/structured-outputs);
 * structured output (`output_config.format`) is not marked strict (request-parse.ts says why).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';

const body = {
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  tools: [
    { name: 'Read', input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'], additionalProperties: false }, strict: true },
    { name: 'Grep', input_schema: { type: 'object' }, defer_loading: true },
    { type: 'web_search_20250305', name: 'web_search' },
  ],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
};

test("a tool's strict is the interlingua's, and what is left out is named by the caller's path", () => {
  const { request } = anthropicDialect.parseRequest(body, {});
  assert.equal(request.tools?.[0]?.strict, true);
  assert.equal(request.tools?.[1]?.strict, undefined);
  const emitted = openaiChatDialect.emitRequest(request, { model: 'gpt-5', defaultMaxOutputTokens: 4096 });
  const unsupported = emitted.warnings.filter((warning) => warning.type === 'unsupported').map((warning) => warning.feature);
  assert.deepEqual(unsupported.sort(), ['tools[1].defer_loading', 'tools[2]']);
  for (const warning of emitted.warnings) assert.doesNotMatch(warning.message, /tool_fields|server_tools/);
});

test('an Anthropic upstream gets the tools as written, strict included, without a warning', () => {
  const { request } = anthropicDialect.parseRequest(body, {});
  const emitted = anthropicDialect.emitRequest(request, { model: body.model, defaultMaxOutputTokens: 1 });
  assert.deepEqual(emitted.warnings, []);
  assert.deepEqual(emitted.body, body);
});

test('output_config.format is a JSON response format not marked strict: OpenAI refuses strict schemas outside a subset no source lists whole', () => {
  const schema = { type: 'object', properties: { colour: { type: 'string', minLength: 1 } }, required: ['colour'], additionalProperties: false };
  const { request } = anthropicDialect.parseRequest({ model: 'claude-sonnet-4-5', max_tokens: 100, output_config: { format: { type: 'json_schema', schema } }, messages: [{ role: 'user', content: 'colour?' }] }, {});
  assert.deepEqual(request.responseFormat, { type: 'json', schema });
});
