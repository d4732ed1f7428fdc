/**
 * Documents Gemini cannot read inline. Gemini and Vertex AI read `application/pdf` and `text/plain`
 * documents (cloud.google.com/vertex-ai/generative-ai/docs/multimodal/document-understanding;
 * ai.google.dev/gemini-api/docs/document-processing) and refuse other types, 400 INVALID_ARGUMENT
 * "Unsupported MIME type: application/vnd.openxmlformats-officedocument.wordprocessingml.document"
 * (github.com/googleapis/python-genai/issues/829, github.com/google/generative-ai-go/issues/161).
 * Text in another type (JSON, CSV, YAML) goes as text/plain; an Office file is left out, with a warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const zipBytes = b64('PK\u0003\u0004x');

const paths = (model: string) => [`/v1beta/models/${model}:generateContent`, `/v1/projects/p/locations/us-central1/publishers/google/models/${model}:generateContent`];
const judge = (model: string, body: unknown) =>
  paths(model).map((url) => judgeRequest({ method: 'POST', url, headers: { authorization: 'Bearer t', 'x-goog-api-key': 'k' }, body })?.rule);
const features = (warnings: ReadonlyArray<{ type: string; feature: string }>) => warnings.map((warning) => [warning.type, warning.feature]);

test('an OpenAI Chat .docx file is left out with a warning, and the judge refuses it on Gemini and Vertex', () => {
  const { request } = openaiChatDialect.parseRequest(
    { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'text', text: 'read' }, { type: 'file', file: { filename: 'r.docx', file_data: `data:${docx};base64,${zipBytes}` } }] }] },
    {},
  );
  const { body, warnings } = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  assert.deepEqual((body as { contents: unknown }).contents, [{ role: 'user', parts: [{ text: 'read' }] }]);
  assert.deepEqual(features(warnings), [['unsupported', 'file.media_type']]);
  assert.match(warnings[0]!.message, /wordprocessingml/);
  assert.deepEqual(judge('gemini-2.5-flash', body), [undefined, undefined]);
  // What was sent before: refused on both platforms.
  const before = { contents: [{ role: 'user', parts: [{ text: 'read' }, { inlineData: { mimeType: docx, data: zipBytes } }] }] };
  assert.deepEqual(judge('gemini-2.5-flash', before), ['gemini.inline-data.document-mime-type', 'gemini.inline-data.document-mime-type']);
  const refusal = judgeRequest({ method: 'POST', url: paths('gemini-2.5-flash')[0]!, headers: { 'x-goog-api-key': 'k' }, body: before });
  assert.deepEqual(refusal?.body, { error: { code: 400, message: `Unsupported MIME type: ${docx}`, status: 'INVALID_ARGUMENT' } });
});

test('a Responses input_file of JSON goes as a text/plain document with the same bytes', () => {
  const json = b64('{"a":1}');
  const { request } = openaiResponsesDialect.parseRequest(
    { model: 'gemini-2.5-flash', input: [{ role: 'user', content: [{ type: 'input_text', text: 'read' }, { type: 'input_file', filename: 'a.json', file_data: `data:application/json;base64,${json}` }] }] },
    {},
  );
  const { body, warnings } = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  assert.deepEqual((body as { contents: unknown }).contents, [{ role: 'user', parts: [{ text: 'read' }, { inlineData: { mimeType: 'text/plain', data: json } }] }]);
  assert.deepEqual(features(warnings), [['compatibility', 'file.media_type']]);
  assert.deepEqual(judge('gemini-2.5-flash', body), [undefined, undefined]);
  assert.deepEqual(judge('gemini-2.5-flash', { contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'application/json', data: json } }] }] }), [
    'gemini.inline-data.document-mime-type',
    'gemini.inline-data.document-mime-type',
  ]);
});

test('bytes that are not text in a text-like type are left out, not relabelled', () => {
  const { request } = openaiChatDialect.parseRequest(
    { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'text', text: 'read' }, { type: 'file', file: { filename: 'a.json', file_data: `data:application/json;base64,${b64('\u0000\u0001binary')}` } }] }] },
    {},
  );
  const { body, warnings } = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  assert.deepEqual((body as { contents: unknown }).contents, [{ role: 'user', parts: [{ text: 'read' }] }]);
  assert.deepEqual(features(warnings), [['unsupported', 'file.media_type']]);
});

const toolTurns = (document: unknown) => ({
  model: 'gemini-3-flash-preview',
  max_tokens: 50,
  tools: [{ name: 't', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }],
  messages: [
    { role: 'user', content: 'go' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 't', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'here' }, document] }] },
  ],
});

test('inside a Gemini 3 function response: an .xlsx is left out, a CSV goes as text/plain, a PDF as it is', () => {
  const emit = (document: unknown) => {
    const { request } = anthropicDialect.parseRequest(toolTurns(document), {});
    const { body, warnings } = geminiDialect.emitRequest(request, { model: 'gemini-3-flash-preview', defaultMaxOutputTokens: 100 });
    const last = (body as { contents: Array<{ parts: Array<{ functionResponse?: { parts?: unknown } }> }> }).contents.at(-1);
    return { body, warnings: features(warnings), inside: last?.parts[0]?.functionResponse?.parts };
  };
  const office = emit({ type: 'document', source: { type: 'base64', media_type: xlsx, data: zipBytes } });
  assert.equal(office.inside, undefined);
  assert.ok(office.warnings.some(([type, feature]) => type === 'unsupported' && feature === 'file.media_type'));
  assert.deepEqual(judge('gemini-3-flash-preview', office.body), [undefined, undefined]);
  const csv = emit({ type: 'document', source: { type: 'base64', media_type: 'text/csv', data: b64('a,b\n1,2\n') } });
  assert.deepEqual(csv.inside, [{ inlineData: { mimeType: 'text/plain', data: b64('a,b\n1,2\n') } }]);
  const pdf = emit({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQK' } });
  assert.deepEqual(pdf.inside, [{ inlineData: { mimeType: 'application/pdf', data: 'JVBERi0xLjQK' } }]);
  assert.ok(!pdf.warnings.some(([, feature]) => feature === 'file.media_type'));
  // What was sent before: the spreadsheet inside functionResponse.parts, refused on both platforms.
  const before = {
    contents: [
      { role: 'user', parts: [{ text: 'go' }] },
      { role: 'model', parts: [{ functionCall: { name: 't', args: {}, id: 'toolu_1' }, thoughtSignature: 'skip_thought_signature_validator' }] },
      { role: 'user', parts: [{ functionResponse: { name: 't', response: { output: 'here' }, id: 'toolu_1', parts: [{ inlineData: { mimeType: xlsx, data: zipBytes } }] } }] },
    ],
  };
  assert.deepEqual(judge('gemini-3-flash-preview', before), ['gemini.inline-data.document-mime-type', 'gemini.inline-data.document-mime-type']);
});

test('the judge takes documents Gemini reads and media: PDF, text, images, audio, video', () => {
  for (const mimeType of ['application/pdf', 'text/plain', 'text/csv', 'image/png', 'audio/wav', 'video/mp4']) {
    assert.deepEqual(judge('gemini-2.5-flash', { contents: [{ role: 'user', parts: [{ text: 'x' }, { inlineData: { mimeType, data: 'AAAA' } }] }] }), [undefined, undefined], mimeType);
  }
});
