/**
 * Vertex AI refuses a schema node holding `anyOf` beside other fields ("schema specified other
 * fields alongside any_of"): for Vertex the fields beside it go into each branch, and a default
 * is left out with a warning. The Gemini API's body is left as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonSchemaToGeminiSchema } from '../../../src/dialects/gemini/json-schema-to-gemini.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { vertexGeminiDialect } from '../../../src/dialects/gemini/vertex-platform.js';
import { vertexSchemaRules } from '../../../src/dialects/gemini/schema-any-of-alone.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

/** Pydantic's `paths: str | list[str] | None = None`, and a type list. */
const parameters = {
  type: 'object',
  title: 'read_files_args',
  properties: {
    paths: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }], default: null, title: 'Paths', description: 'One path or a list of paths' },
    limit: { type: ['integer', 'string'], description: 'Max lines' },
  },
};

const request: ChatRequest = {
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'read a.txt' }] }],
  tools: [{ name: 'read_files', parameters }],
  sampling: {},
  stream: false,
};

const options = { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 };
const vertex = (body: unknown) =>
  judgeRequest({ method: 'POST', url: '/v1beta1/projects/p/locations/global/publishers/google/models/gemini-2.5-flash:generateContent', headers: { authorization: 'Bearer t' }, body });

test('for Vertex, what sits beside anyOf goes into each branch and a default is left out, with warnings', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(parameters, 'the parameters of a tool', 'read_files', vertexSchemaRules);
  assert.deepEqual(schema, {
    type: 'OBJECT',
    title: 'read_files_args',
    properties: {
      paths: {
        anyOf: [
          { type: 'STRING', title: 'Paths', description: 'One path or a list of paths', nullable: true },
          { type: 'ARRAY', items: { type: 'STRING' }, title: 'Paths', description: 'One path or a list of paths', nullable: true },
        ],
      },
      limit: { anyOf: [{ type: 'INTEGER', description: 'Max lines' }, { type: 'STRING', description: 'Max lines' }] },
    },
  });
  assert.deepEqual(
    warnings.map((warning) => warning.feature).sort(),
    ['json_schema.anyOf.default', 'json_schema.anyOf.siblings', 'json_schema.type'],
  );
});

test('an object beside anyOf: its properties join the object branches, its own description comes first', () => {
  const { schema } = jsonSchemaToGeminiSchema(
    { description: 'A target.', properties: { id: { type: 'string' } }, anyOf: [{ type: 'object', properties: { kind: { type: 'string' } }, description: 'By kind.' }, { type: 'string' }] },
    'the response schema',
    undefined,
    vertexSchemaRules,
  );
  assert.deepEqual(schema, {
    anyOf: [
      { type: 'OBJECT', properties: { id: { type: 'STRING' }, kind: { type: 'STRING' } }, description: 'A target. By kind.' },
      { type: 'STRING', description: 'A target.' },
    ],
  });
});

test('the Vertex judge refuses anyOf beside other fields; the Vertex body passes it, the Gemini API body is unchanged', () => {
  const geminiBody = geminiDialect.emitRequest(request, options).body;
  const refused = vertex(geminiBody);
  assert.equal(refused?.rule, 'vertex.gemini.any-of-alone');
  assert.match(String((refused.body as { error: { message: string } }).error.message), /^Unable to submit request because `read_files` functionDeclaration `parameters\.paths` schema specified other fields alongside any_of\./);
  const paths = (geminiBody as { tools: Array<{ functionDeclarations: Array<{ parameters: { properties: Record<string, unknown> } }> }> }).tools[0]?.functionDeclarations[0]?.parameters.properties['paths'];
  assert.deepEqual(Object.keys(paths as object).sort(), ['anyOf', 'default', 'description', 'nullable', 'title']);
  const vertexBody = vertexGeminiDialect.emitRequest(request, options).body;
  assert.equal(vertex(vertexBody), undefined);
});
