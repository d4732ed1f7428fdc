/** Emitting requests that came from other dialects: what Gemini cannot take is converted or reported. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { isObject } from './helpers.js';

const base: ChatRequest = { model: 'gpt-4o', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], sampling: {}, stream: false };
const options = { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 4096 };

function emit(request: Partial<ChatRequest>, model = options.model) {
  return geminiDialect.emitRequest({ ...base, ...request }, { ...options, model });
}

function features(request: Partial<ChatRequest>): string[] {
  return emit(request).warnings.map((warning) => warning.feature);
}

test('a system message in the middle is hoisted into systemInstruction with a warning; same roles merge', () => {
  const { body, warnings } = emit({
    system: [{ type: 'text', text: 'First.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      { role: 'system', content: [{ type: 'text', text: 'Second.' }] },
      { role: 'user', content: [{ type: 'text', text: 'b' }] },
    ],
  });
  assert.deepEqual(body, {
    contents: [{ role: 'user', parts: [{ text: 'a' }, { text: 'b' }] }],
    systemInstruction: { parts: [{ text: 'First.' }, { text: 'Second.' }] },
  });
  assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'system_message.position']]);
});

test('images: base64 becomes inlineData, a Gemini file URI goes back as fileData, an http URL is refused', () => {
  const { body, warnings } = emit({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'low' },
          { type: 'image', source: { kind: 'url', url: 'gs://bucket/cat.jpg' }, vendor: { gemini: { fileMimeType: 'image/jpeg' } } },
        ],
      },
    ],
  });
  assert.deepEqual(isObject(body) && body['contents'], [
    { role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }, { fileData: { mimeType: 'image/jpeg', fileUri: 'gs://bucket/cat.jpg' } }] },
  ]);
  assert.deepEqual(warnings.map((warning) => warning.feature), ['image.detail']);
  assert.throws(
    () => emit({ messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } }] }] }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && /messages\[0\]/.test(error.message),
  );
});

test('tool choice maps to functionCallingConfig modes', () => {
  const tools = [{ name: 'f', parameters: { type: 'object', properties: { x: { type: 'string' } } } }];
  const configOf = (toolChoice: ChatRequest['toolChoice']) => {
    const { body } = emit({ tools, toolChoice });
    return isObject(body) ? body['toolConfig'] : undefined;
  };
  assert.deepEqual(configOf({ type: 'auto' }), { functionCallingConfig: { mode: 'AUTO' } });
  assert.deepEqual(configOf({ type: 'none' }), { functionCallingConfig: { mode: 'NONE' } });
  assert.deepEqual(configOf({ type: 'required' }), { functionCallingConfig: { mode: 'ANY' } });
  assert.deepEqual(configOf({ type: 'tool', name: 'f' }), { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } });
});

test('tools: schemas converted with warnings, an argument-less function has no parameters, strict and parallel calls reported', () => {
  const { body, warnings } = emit({
    tools: [
      { name: 'search', description: 'Search', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'], additionalProperties: false }, strict: true },
      { name: 'now', parameters: { type: 'object', properties: {} } },
    ],
    parallelToolCalls: false,
  });
  assert.deepEqual(isObject(body) && body['tools'], [
    {
      functionDeclarations: [
        { name: 'search', description: 'Search', parameters: { type: 'OBJECT', properties: { q: { type: 'STRING' } }, required: ['q'] } },
        { name: 'now' },
      ],
    },
  ]);
  assert.deepEqual(warnings.map((warning) => warning.feature).sort(), ['json_schema.additionalProperties', 'parallel_tool_calls', 'tool.strict']);
  // The tool is named as data, so the same loss in many tools groups into one reported entry.
  assert.equal(warnings.find((warning) => warning.feature === 'json_schema.additionalProperties')?.tool, 'search');
});

test('sampling, JSON output and reasoning effort become generationConfig', () => {
  const { body, warnings } = emit({
    sampling: { temperature: 0.5, topP: 0.9, topK: 40, maxOutputTokens: 300, stopSequences: ['END'], seed: 7, presencePenalty: 0.1, frequencyPenalty: 0.2, candidateCount: 2 },
    responseFormat: { type: 'json', name: 'answer', schema: { type: 'object', properties: { a: { type: ['string', 'null'] } } } },
    reasoning: { effort: 'medium', includeThoughts: true },
  });
  assert.deepEqual(isObject(body) && body['generationConfig'], {
    temperature: 0.5,
    topP: 0.9,
    topK: 40,
    maxOutputTokens: 300,
    stopSequences: ['END'],
    candidateCount: 2,
    seed: 7,
    presencePenalty: 0.1,
    frequencyPenalty: 0.2,
    responseMimeType: 'application/json',
    responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING', nullable: true } } },
    thinkingConfig: { thinkingBudget: 8192, includeThoughts: true },
  });
  assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'reasoning.effort']]);
  const budget = emit({ reasoning: { enabled: true, budgetTokens: 2048 } }).body;
  assert.deepEqual(isObject(budget) && budget['generationConfig'], { thinkingConfig: { thinkingBudget: 2048 } });
  const off = emit({ reasoning: { enabled: false } }).body;
  assert.deepEqual(isObject(off) && off['generationConfig'], { thinkingConfig: { thinkingBudget: 0 } });
});

test('reasoning from another vendor is left out of the history; a Gemini 3 call without a signature gets the documented stand-in', () => {
  const messages: ChatRequest['messages'] = [
    { role: 'user', content: [{ type: 'text', text: 'Go' }] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'hmm', signature: 'EqQBCkYI', signatureOrigin: 'anthropic' },
        { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{}' },
        { type: 'tool-call', id: 'toolu_2', name: 'f', arguments: 'not json' },
      ],
    },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', toolName: 'f', content: [{ type: 'text', text: 'ok' }], isError: true }, { type: 'tool-result', toolCallId: 'toolu_2', toolName: 'f', content: [{ type: 'text', text: 'ok' }] }] },
  ];
  const gemini3 = emit({ messages }, 'gemini-3-pro-preview');
  assert.deepEqual(isObject(gemini3.body) && gemini3.body['contents'], [
    { role: 'user', parts: [{ text: 'Go' }] },
    {
      role: 'model',
      parts: [
        { functionCall: { name: 'f', args: {}, id: 'toolu_1' }, thoughtSignature: 'skip_thought_signature_validator' },
        { functionCall: { name: 'f', args: { _raw_arguments: 'not json' }, id: 'toolu_2' } },
      ],
    },
    {
      role: 'user',
      parts: [{ functionResponse: { name: 'f', response: { error: 'ok' }, id: 'toolu_1' } }, { functionResponse: { name: 'f', response: { output: 'ok' }, id: 'toolu_2' } }],
    },
  ]);
  assert.deepEqual(gemini3.warnings.map((warning) => warning.feature).sort(), ['reasoning', 'thought_signature', 'tool_call.arguments']);
  const gemini25 = emit({ messages });
  assert.equal(JSON.stringify(gemini25.body).includes('skip_thought_signature_validator'), false);
});

test('fields of other dialects are reported; the user id has no place', () => {
  assert.deepEqual(features({ vendor: { 'openai-chat': { logprobs: true } }, user: 'u-1' }).sort(), ['logprobs', 'user']);
});

test('JSON output beside tools: Gemini 3 takes both, an earlier model gets the JSON asked for in the system instruction', () => {
  const request: ChatRequest = { ...base, tools: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }], responseFormat: { type: 'json' } };
  const three = geminiDialect.emitRequest(request, { ...options, model: 'gemini-3-flash-preview' });
  assert.deepEqual((three.body as Record<string, unknown>)['generationConfig'], { responseMimeType: 'application/json' });
  assert.equal((three.body as Record<string, unknown>)['systemInstruction'], undefined);
  const earlier = geminiDialect.emitRequest(request, options);
  assert.equal((earlier.body as Record<string, unknown>)['generationConfig'], undefined);
  assert.deepEqual((earlier.body as Record<string, unknown>)['systemInstruction'], { parts: [{ text: 'Respond with a single JSON object and nothing else.' }] });
  assert.ok(earlier.warnings.some((warning) => warning.feature === 'response_format'));
  const noTools = geminiDialect.emitRequest({ ...request, tools: [] }, options);
  assert.deepEqual((noTools.body as Record<string, unknown>)['generationConfig'], { responseMimeType: 'application/json' });
});

test('a Gemini 3 thinking level routed to Gemini 2.5, which refuses levels, goes as the budget for its effort', () => {
  const { request: parsed } = geminiDialect.parseRequest(
    { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true } } },
    { model: 'gemini-3-pro-preview' },
  );
  const older = emit(parsed);
  const config = isObject(older.body) ? older.body['generationConfig'] : undefined;
  assert.ok(isObject(config) && isObject(config['thinkingConfig']));
  assert.equal(config['thinkingConfig']['thinkingLevel'], undefined);
  assert.equal(typeof config['thinkingConfig']['thinkingBudget'], 'number');
  assert.ok(older.warnings.some((warning) => warning.feature === 'reasoning.effort'));
  const newer = emit(parsed, 'gemini-3-pro-preview').body;
  assert.deepEqual(isObject(newer) && newer['generationConfig'], { thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true } });
});

test('a response schema that is an object without properties, which Gemini refuses, goes as JSON output alone', () => {
  const { body, warnings } = emit({ responseFormat: { type: 'json', schema: { type: 'object', properties: {}, additionalProperties: false } } });
  assert.deepEqual(isObject(body) && body['generationConfig'], { responseMimeType: 'application/json' });
  assert.ok(warnings.some((warning) => warning.feature === 'response_format.schema'));
});
