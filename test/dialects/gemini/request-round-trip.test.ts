import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { collectSignatures, normalizeRequest, requestFixtures } from './helpers.js';

const emitOptions = { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 4096 };

test('there are request fixtures to replay', () => {
  assert.ok(requestFixtures.length >= 30, `only ${requestFixtures.length} request fixtures found`);
});

for (const name of requestFixtures) {
  test(`emitRequest(parseRequest(x)) reproduces fixtures/gemini/${name}`, () => {
    const body = readFixtureJson(`gemini/${name}`);
    const { request } = geminiDialect.parseRequest(body, { model: 'gemini-2.5-flash', stream: name.includes('stream') });
    // Gemini 3 upstreams get a stand-in for missing signatures: real Gemini histories never need one.
    // A thinking level is Gemini 3's alone: earlier models get a budget for it.
    const level = JSON.stringify(body).includes('"thinkingLevel"');
    for (const model of level ? ['gemini-3-pro-preview'] : ['gemini-2.5-flash', 'gemini-3-pro-preview']) {
      const emitted = geminiDialect.emitRequest(request, { ...emitOptions, model });
      assert.deepEqual(normalizeRequest(emitted.body), normalizeRequest(body));
      assert.deepEqual(collectSignatures(emitted.body), collectSignatures(body));
      assert.deepEqual(emitted.warnings, []);
    }
  });
}

test('the round-trip comparison notices a dropped thought signature (fixtures/gemini/fantasy-gemini25flash-tool.i1.request.json)', () => {
  const body = readFixtureJson('gemini/fantasy-gemini25flash-tool.i1.request.json');
  const { request } = geminiDialect.parseRequest(body, { model: 'gemini-2.5-flash' });
  const stripped: ChatRequest = {
    ...request,
    messages: request.messages.map((message) =>
      message.role === 'assistant' ? { ...message, content: message.content.map(({ vendor: _vendor, ...part }) => part) } : message,
    ),
  };
  assert.notDeepEqual(normalizeRequest(geminiDialect.emitRequest(stripped, emitOptions).body), normalizeRequest(body));
});

test('parses the interlingua fields of a tool conversation (fixtures/gemini/fantasy-gemini25flash-multi_tool_streaming.i1.request.json)', () => {
  const body = readFixtureJson('gemini/fantasy-gemini25flash-multi_tool_streaming.i1.request.json');
  const { request, warnings } = geminiDialect.parseRequest(body, { model: 'gemini-2.5-flash', stream: true });
  assert.deepEqual(warnings, []);
  assert.equal(request.model, 'gemini-2.5-flash');
  assert.equal(request.stream, true);
  assert.equal(request.streamUsage, true);
  assert.deepEqual(request.system, [{ type: 'text', text: 'You are a helpful assistant. Always use both add and multiply at the same time.' }]);
  assert.deepEqual(request.sampling, { maxOutputTokens: 4000 });
  assert.deepEqual(request.toolChoice, { type: 'auto' });
  assert.deepEqual(request.tools?.[0], {
    name: 'add',
    description: 'Add two numbers',
    parameters: {
      type: 'object',
      properties: { a: { type: 'integer', description: 'first number' }, b: { type: 'integer', description: 'second number' } },
      required: ['a', 'b'],
    },
  });
  assert.deepEqual(
    request.messages.map((message) => message.role),
    ['user', 'assistant', 'tool'],
  );
  const assistant = request.messages[1];
  assert.equal(assistant?.role, 'assistant');
  if (assistant?.role !== 'assistant') return;
  const [add, multiply] = assistant.content;
  assert.equal(add?.type === 'tool-call' && add.arguments, '{"a":2,"b":3}');
  assert.equal(add?.type === 'tool-call' && add.id, '1');
  assert.equal(typeof add?.vendor?.['gemini']?.['thoughtSignature'], 'string');
  assert.equal(multiply?.type === 'tool-call' && multiply.id, '2');
  const tool = request.messages[2];
  assert.deepEqual(tool?.content, [
    { type: 'tool-result', toolCallId: '1', toolName: 'add', content: [{ type: 'text', text: '{"result":"5"}' }] },
    { type: 'tool-result', toolCallId: '2', toolName: 'multiply', content: [{ type: 'text', text: '{"result":"6"}' }] },
  ]);
});

test('snake_case fields and single objects are read (fixtures/gemini/doc-format-request-system-instruction-snake-case-single-objects.json)', () => {
  const body = readFixtureJson('gemini/doc-format-request-system-instruction-snake-case-single-objects.json');
  const { request } = geminiDialect.parseRequest(body, { model: 'gemini-2.0-flash' });
  assert.deepEqual(request.system, [{ type: 'text', text: 'Answer like a lighthouse keeper.' }]);
  assert.deepEqual(request.messages, [{ role: 'user', content: [{ type: 'text', text: 'What do you see tonight?' }] }]);
});

test('thinking settings: budget, level and includeThoughts (fixtures fantasy-gemini25pro-thinking.i0, fantasy-gemini3pro-thinking.i0, pa-finish-max-tokens)', () => {
  const budget = geminiDialect.parseRequest(readFixtureJson('gemini/fantasy-gemini25pro-thinking.i0.request.json'), { model: 'm' }).request;
  assert.deepEqual(budget.reasoning, { enabled: true, budgetTokens: 128, includeThoughts: true });
  const level = geminiDialect.parseRequest(readFixtureJson('gemini/fantasy-gemini3pro-thinking.i0.request.json'), { model: 'm' }).request;
  assert.deepEqual(level.reasoning, { effort: 'high', includeThoughts: true });
  const off = geminiDialect.parseRequest(readFixtureJson('gemini/pa-finish-max-tokens.request.json'), { model: 'm' }).request;
  assert.deepEqual(off.reasoning, { enabled: false });
});

test('structured output and thought parts of a replayed turn (fixtures pa-thinking-parts-replay.i1, fantasy-gemini25flash-simple_object)', () => {
  const replay = geminiDialect.parseRequest(readFixtureJson('gemini/pa-thinking-parts-replay.i1.request.json'), { model: 'm' }).request;
  const assistant = replay.messages[1];
  assert.equal(assistant?.content[0]?.type, 'reasoning');
  assert.equal(assistant?.content[0]?.type === 'reasoning' && assistant.content[0].signatureOrigin, 'gemini');
  assert.equal(typeof assistant?.content[1]?.vendor?.['gemini']?.['thoughtSignature'], 'string');
  const object = geminiDialect.parseRequest(readFixtureJson('gemini/fantasy-gemini25flash-simple_object.request.json'), { model: 'm' }).request;
  assert.equal(object.responseFormat?.type, 'json');
  assert.deepEqual(object.responseFormat?.type === 'json' && object.responseFormat.schema?.['required'], ['name', 'age', 'city']);
});

test('non-function tools are kept for Gemini with a warning (fixture dd-generatecontent-2.5-flash)', () => {
  const code = geminiDialect.parseRequest(readFixtureJson('gemini/dd-generatecontent-2.5-flash.request.json'), { model: 'm' });
  assert.deepEqual(code.warnings.map((warning) => warning.feature), ['tools.codeExecution']);
  assert.deepEqual(code.request.vendor?.['gemini']?.['@builtInTools'], [{ codeExecution: {} }]);
  // Back to Gemini nothing is lost, so nothing is reported.
  assert.deepEqual(geminiDialect.emitRequest(code.request, emitOptions).warnings, []);
});

test('a fileData PDF is a file part marked as Gemini\'s, and goes back as fileData (fixture pa-vertex-filedata-gs-pdf)', () => {
  const body = readFixtureJson('gemini/pa-vertex-filedata-gs-pdf.request.json');
  const pdf = geminiDialect.parseRequest(body, { model: 'm' });
  assert.deepEqual(pdf.warnings, []);
  assert.deepEqual(pdf.request.messages[0]?.content, [
    { type: 'text', text: 'What is the main content of this URL?' },
    {
      type: 'file',
      source: { kind: 'url', url: 'gs://pydantic-ai-dev/Gemini_1_5_Pro_Technical_Report_Arxiv_1805.pdf', mediaType: 'application/pdf' },
      vendor: { gemini: { fileMimeType: 'application/pdf' } },
    },
  ]);
  const emitted = geminiDialect.emitRequest(pdf.request, emitOptions);
  assert.deepEqual(emitted.warnings, []);
  assert.deepEqual((emitted.body as { contents: unknown[] }).contents[0], {
    role: 'user',
    parts: [{ text: 'What is the main content of this URL?' }, { fileData: { mimeType: 'application/pdf', fileUri: 'gs://pydantic-ai-dev/Gemini_1_5_Pro_Technical_Report_Arxiv_1805.pdf' } }],
  });
});

test('an invalid body is an invalid_request naming the field', () => {
  const cases: Array<[unknown, string]> = [
    [{ contents: [{ role: 'user', parts: [{ text: 5 }] }] }, 'contents[0].parts[0].text'],
    [{ contents: [{ role: 'model', parts: [{ functionCall: { args: {} } }] }] }, 'contents[0].parts[0].functionCall.name'],
    [{ contents: [], generationConfig: { temperature: 'hot' } }, 'generationConfig.temperature'],
    [{ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }, 'contents[0].role'],
    [{}, 'contents'],
  ];
  for (const [body, field] of cases) {
    assert.throws(
      () => geminiDialect.parseRequest(body, { model: 'm' }),
      (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.message.includes(field) && error.param === field,
      field,
    );
  }
  assert.throws(() => geminiDialect.parseRequest({ contents: [] }, {}), (error: unknown) => error instanceof InterlinguaError && /model/.test(error.message));
});
