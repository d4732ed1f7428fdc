/**
 * The pieces generated requests share across caller dialects: tool names other vendors refuse,
 * texts (blank ones included), JSON Schemas Gemini refuses, a pixel, a small PDF, signatures.
 */
import fc from 'fast-check';

export type Json = Record<string, unknown>;

/** Tool names: OpenAI's own, an MCP client's dotted one, and one longer than Gemini's and OpenAI's 64. */
export const toolName = fc.constantFrom('get_weather', 'search', 'mcp.fs.read', 'a-b', 'tool_with_a_really_long_name_that_goes_on_and_on_beyond_sixty_four_characters_total');
export const text = fc.oneof(fc.constantFrom('', ' ', '\n', 'Hi.', 'Answer in JSON.'), fc.string({ maxLength: 16 }));
const schemaNode = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record({ type: fc.constantFrom('string', 'integer', 'number', 'boolean') }),
    fc.record({ type: fc.constant('string'), format: fc.constantFrom('uri', 'date-time', 'email') }),
    fc.record({ type: fc.constant('integer'), enum: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ enum: fc.array(fc.constantFrom('x', 1, null, true), { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('array'), items: tie('node') }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('object'), properties: fc.dictionary(fc.constantFrom('p', 'q'), tie('node'), { maxKeys: 2 }), additionalProperties: fc.boolean() }, { requiredKeys: ['type'] }),
    fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ type: fc.constant(['string', 'null']) }),
    fc.constant({}),
  ),
})).node;
export const parameters = fc.record(
  { type: fc.constant('object'), properties: fc.dictionary(fc.constantFrom('p', 'city', 'n'), schemaNode, { maxKeys: 3 }), required: fc.subarray(['p', 'city']), additionalProperties: fc.constant(false) },
  { requiredKeys: ['type'] },
);
export const tool = fc.record({
  type: fc.constant('function'),
  function: fc.record({ name: toolName, description: fc.option(fc.constantFrom('', 'Does it.', 'x'.repeat(1500)), { nil: undefined }), parameters: fc.option(parameters, { nil: undefined }) }, { requiredKeys: ['name'] }),
});
export const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
/** A small PDF as OpenAI's file part carries one. */
export const pdf = { type: 'file', file: { filename: 'note.pdf', file_data: `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64')}` } };
export const signature = fc.base64String({ minLength: 8, maxLength: 24 }).filter((value) => value.length > 0);
export const pngData = pixel.slice(pixel.indexOf(',') + 1);
/** A one-pixel GIF, which Anthropic and OpenAI read and Gemini does not. */
export const gifData = 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
/** The same PNG labelled as a JPEG, as clients often send screenshots; OpenAI reads the bytes and takes it. */
export const mislabelledPixel = `data:image/jpeg;base64,${pngData}`;
