/**
 * Gemini callers write schemas with the upper-case names of Gemini's `Type` enum (`Type.OBJECT` in
 * @google/genai, as Gemini CLI does) and `nullable: true`, in `responseJsonSchema`,
 * `responseSchema`, `parameters` and `parametersJsonSchema` alike
 * (https://ai.google.dev/api/caching#Type, https://ai.google.dev/api/caching#Schema). OpenAI and
 * Anthropic take JSON Schema, so what they receive has lower-case types and `null` as a type.
 * The caller is the official SDK; the assertions read what each upstream received.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI, Type } from '@google/genai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

type Body = Record<string, unknown>;
const targets = ['openai-chat', 'openai-responses', 'anthropic'] as const;
type Target = (typeof targets)[number];

/** Gemini CLI's shape: an object of a string, a nullable integer and an array of strings. */
const upperCaseSchema = {
  type: Type.OBJECT,
  properties: {
    path: { type: Type.STRING, description: 'File to read' },
    limit: { type: Type.INTEGER, nullable: true },
    tags: { type: Type.ARRAY, items: { type: Type.STRING } },
  },
  required: ['path'],
};
const expectedSchema = {
  type: 'object',
  properties: {
    path: { type: 'string', description: 'File to read' },
    limit: { type: ['integer', 'null'] },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['path'],
};

/** Where each target carries the structured-output schema. */
const responseSchemaOf: Record<Target, (body: Body) => unknown> = {
  'openai-chat': (body) => ((body.response_format as Body | undefined)?.json_schema as Body | undefined)?.schema,
  'openai-responses': (body) => (((body.text as Body | undefined)?.format as Body | undefined)?.schema),
  // The harness's Claude (Sonnet 4) cannot be held to a schema: it is asked for in the system prompt (src/catalog/fit-request.ts).
  anthropic: (body) => schemaInInstruction(body.system),
};

function schemaInInstruction(system: unknown): unknown {
  const text = Array.isArray(system) ? system.map((part: Body) => part.text).join('\n') : String(system);
  const marker = 'matches this JSON Schema, and nothing else: ';
  const at = text.indexOf(marker);
  return at === -1 ? undefined : JSON.parse(text.slice(at + marker.length));
}

/** Where each target carries the first function tool's parameters. */
const toolSchemaOf: Record<Target, (body: Body) => unknown> = {
  'openai-chat': (body) => ((body.tools as Body[] | undefined)?.[0]?.function as Body | undefined)?.parameters,
  'openai-responses': (body) => (body.tools as Body[] | undefined)?.[0]?.parameters,
  anthropic: (body) => (body.tools as Body[] | undefined)?.[0]?.input_schema,
};

async function generate(target: Target, config: Record<string, unknown>): Promise<Body> {
  harness.upstreams[target].enqueue(upstreamScenarios[target].text.reply);
  const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  await ai.models.generateContent({ model: modelFor(target), contents: 'Read the file.', config });
  const upstream = harness.upstreams[target].requests[0]?.body as Body | undefined;
  assert.ok(upstream !== undefined, `${target} received the request`);
  return upstream;
}

describe('Gemini upper-case schema types reach other vendors as JSON Schema', () => {
  for (const target of targets) {
    test(`${target}: responseJsonSchema`, async () => {
      const upstream = await generate(target, { responseMimeType: 'application/json', responseJsonSchema: upperCaseSchema });
      assert.deepEqual(responseSchemaOf[target](upstream), expectedSchema);
    });

    test(`${target}: responseSchema`, async () => {
      const upstream = await generate(target, { responseMimeType: 'application/json', responseSchema: upperCaseSchema });
      assert.deepEqual(responseSchemaOf[target](upstream), expectedSchema);
    });

    test(`${target}: function parametersJsonSchema`, async () => {
      const upstream = await generate(target, { tools: [{ functionDeclarations: [{ name: 'read_file', description: 'Read a file', parametersJsonSchema: upperCaseSchema }] }] });
      assert.deepEqual(toolSchemaOf[target](upstream), expectedSchema);
    });

    test(`${target}: function parameters`, async () => {
      const upstream = await generate(target, { tools: [{ functionDeclarations: [{ name: 'read_file', description: 'Read a file', parameters: upperCaseSchema }] }] });
      assert.deepEqual(toolSchemaOf[target](upstream), expectedSchema);
    });
  }

  test('nested schemas ($defs, anyOf, additionalProperties) are normalised too', async () => {
    const schema = {
      type: 'OBJECT',
      $defs: { point: { type: 'OBJECT', properties: { x: { type: 'NUMBER' } } } },
      properties: {
        where: { anyOf: [{ $ref: '#/$defs/point' }, { type: 'STRING' }] },
        labels: { type: 'OBJECT', additionalProperties: { type: 'BOOLEAN' } },
        // A property named "type" is a name, not a keyword.
        type: { type: 'STRING', enum: ['OBJECT', 'STRING'] },
      },
    };
    const upstream = await generate('openai-chat', { responseMimeType: 'application/json', responseJsonSchema: schema });
    assert.deepEqual(responseSchemaOf['openai-chat'](upstream), {
      type: 'object',
      $defs: { point: { type: 'object', properties: { x: { type: 'number' } } } },
      properties: {
        where: { anyOf: [{ $ref: '#/$defs/point' }, { type: 'string' }] },
        labels: { type: 'object', additionalProperties: { type: 'boolean' } },
        type: { type: 'string', enum: ['OBJECT', 'STRING'] },
      },
    });
  });
});
