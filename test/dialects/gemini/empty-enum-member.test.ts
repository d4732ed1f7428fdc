/**
 * Gemini refuses an empty string among enum values ("…properties[action].enum[3]: cannot be empty",
 * https://github.com/sbroenne/mcp-server-excel/issues/607): it leaves the enum and the description
 * says so, in tool parameters and in a response schema alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { jsonSchemaToGeminiSchema } from '../../../src/dialects/gemini/json-schema-to-gemini.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const base: ChatRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }], sampling: {}, stream: false };
const judged = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'key' }, body });

test('an empty string leaves a STRING enum and is named in the description; an enum of "" alone goes', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(
    {
      type: 'object',
      properties: {
        action: { type: 'string', enum: ['list', 'open', 'close', ''], description: 'What to do.' },
        mode: { const: '' },
        kind: { enum: ['', 'shell', null] },
        level: { type: 'integer', enum: [1, 2] },
      },
      required: ['action'],
    },
    'the parameters of tool "excel_range"',
    'excel_range',
  );
  assert.deepEqual(schema, {
    type: 'OBJECT',
    properties: {
      action: { type: 'STRING', enum: ['list', 'open', 'close'], description: 'What to do. May also be empty.' },
      mode: { type: 'STRING', description: 'Must be empty.' },
      kind: { type: 'STRING', enum: ['shell'], nullable: true, description: 'May also be empty.' },
      level: { type: 'INTEGER', description: 'One of: 1, 2.' },
    },
    required: ['action'],
  });
  const empty = warnings.filter((warning) => warning.feature === 'json_schema.enum.empty');
  assert.equal(empty.length, 1);
  assert.equal(empty[0]?.type, 'compatibility');
  assert.equal(empty[0]?.tool, 'excel_range');
});

test('a tool and a response schema with "" among their enums reach Gemini in a form it takes', () => {
  const tools = geminiDialect.emitRequest(
    { ...base, tools: [{ name: 'excel_range', description: 'Excel op', parameters: { type: 'object', properties: { action: { type: 'string', enum: ['list', 'open', 'close', ''] }, mode: { const: '' } }, required: ['action'] } }] },
    { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 4096 },
  );
  assert.equal(judged(tools.body)?.message, undefined);
  const format = geminiDialect.emitRequest(
    { ...base, responseFormat: { type: 'json', schema: { type: 'object', properties: { owner: { type: 'string', enum: ['', 'cto', 'analyst'] } }, required: ['owner'] } } },
    { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 4096 },
  );
  assert.equal(judged(format.body)?.message, undefined);
  assert.ok(format.warnings.some((warning) => warning.feature === 'json_schema.enum.empty'));
});
