import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geminiJudge } from '../support/vendor-rules/gemini.js';
import { judgeRequest, type JudgedRequest } from '../support/vendor-rules/index.js';
import { fixtureNames, readFixtureJson, recordedFixturesRoot } from '../support/fixtures.js';

/**
 * Each Gemini rule refuses the request that breaks it, with Google's error body, and lets the
 * same request through once fixed; and every real request recorded from Gemini passes them all.
 */

const flash = '/v1beta/models/gemini-2.5-flash:generateContent';
const gemini3 = '/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse';

function request(body: unknown, url = flash, headers: JudgedRequest['headers'] = { 'x-goog-api-key': 'key' }): JudgedRequest {
  return { method: 'POST', url, headers, body };
}

const user = (text: string) => ({ role: 'user', parts: [{ text }] });
const call = (name: string, extra: Record<string, unknown> = {}) => ({ functionCall: { name, args: {} }, ...extra });
const response = (name: string) => ({ functionResponse: { name, response: { output: 'ok' } } });
const weather = { functionDeclarations: [{ name: 'weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } } }] };

interface Case {
  rule: string;
  bad: JudgedRequest;
  good: JudgedRequest;
  /** A piece of the error message Google sends, as a source shows it. */
  message: RegExp;
  status?: number;
}

const cases: Case[] = [
  { rule: 'gemini.api-key.required', bad: request({ contents: [user('hi')] }, flash, {}), good: request({ contents: [user('hi')] }, `${flash}?key=abc`, {}), message: /unregistered callers/, status: 403 },
  { rule: 'gemini.request.unknown-field', bad: request({ contents: [user('hi')], temperature: 1 }), good: request({ contents: [user('hi')], generation_config: { temperature: 1 } }), message: /Unknown name "temperature": Cannot find field/ },
  {
    rule: 'gemini.request.unknown-field',
    bad: request({ generateContentRequest: { model: 'models/gemini-2.5-flash', contents: [user('hi')], max_tokens: 5 } }, '/v1beta/models/gemini-2.5-flash:countTokens'),
    good: request({ generateContentRequest: { model: 'models/gemini-2.5-flash', contents: [user('hi')] } }, '/v1beta/models/gemini-2.5-flash:countTokens'),
    message: /Unknown name "max_tokens" at 'generate_content_request'/,
  },
  {
    rule: 'gemini.cached-content.name',
    bad: request({ contents: [user('hi')], cachedContent: 'projects/p/locations/us-central1/cachedContents/1' }),
    good: request({ contents: [user('hi')], cachedContent: 'cachedContents/1' }),
    message: /not a cached content of this API/,
  },
  {
    // A tool only Vertex serves (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/Tool); Google Search both do.
    rule: 'gemini.tool.vertex-only',
    bad: request({ contents: [user('hi')], tools: [{ googleSearch: {} }, { enterpriseWebSearch: {} }] }),
    good: request({ contents: [user('hi')], tools: [{ googleSearch: {} }] }),
    message: /Unknown name "enterpriseWebSearch" at 'tools\[1\]'/,
  },
  { rule: 'gemini.generation-config.unknown-field', bad: request({ contents: [user('hi')], generationConfig: { maxTokens: 5 } }), good: request({ contents: [user('hi')], generationConfig: { max_output_tokens: 5 } }), message: /Unknown name "maxTokens" at 'generation_config'/ },
  {
    rule: 'gemini.function-declaration.unknown-field',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', strict: true }] }] }),
    good: request({ contents: [user('hi')], tools: [{ function_declarations: [{ name: 'f', description: 'F.' }] }] }),
    message: /Unknown name "strict" at 'tools\[0\]\.function_declarations\[0\]': Cannot find field/,
  },
  { rule: 'gemini.content.unknown-field', bad: request({ contents: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }), good: request({ contents: [user('hi')] }), message: /Unknown name "type" at 'contents\[0\]\.parts\[0\]'/ },
  { rule: 'gemini.contents.required', bad: request({ contents: [] }), good: request({ contents: { parts: { text: 'hi' } } }), message: /contents is not specified/ },
  { rule: 'gemini.contents.role', bad: request({ contents: [user('hi'), { role: 'assistant', parts: [{ text: 'hello' }] }] }), good: request({ contents: [user('hi'), { role: 'model', parts: [{ text: 'hello' }] }] }), message: /Please use a valid role: user, model\./ },
  { rule: 'gemini.contents.parts.required', bad: request({ contents: [user('hi'), { role: 'model', parts: [] }, user('again')] }), good: request({ contents: [user('hi'), user('again')] }), message: /contents\[1\]\.parts: contents\.parts must not be empty/ },
  { rule: 'gemini.part.one-data-field', bad: request({ contents: [{ role: 'user', parts: [{ thought: true }] }] }), good: request({ contents: [{ role: 'user', parts: [{ text: 'hi', thought: false }] }] }), message: /required oneof field 'data' must have one initialized field/ },
  { rule: 'gemini.part.one-data-field', bad: request({ contents: [{ role: 'user', parts: [{ text: 'hi', inlineData: { mimeType: 'image/png', data: 'AA==' } }] }] }), good: request({ contents: [{ role: 'user', parts: [{ text: 'hi' }, { inlineData: { mimeType: 'image/png', data: 'AA==' } }] }] }), message: /oneof field 'data' is already set/ },
  {
    rule: 'gemini.part.text-not-empty',
    bad: request({ contents: [user('weather?'), { role: 'model', parts: [{ text: '' }, call('weather')] }, { role: 'user', parts: [response('weather')] }], tools: [weather] }),
    good: request({ contents: [user('weather?'), { role: 'model', parts: [call('weather'), { text: '', thoughtSignature: 'c2ln' }] }, { role: 'user', parts: [response('weather')] }], tools: [weather] }),
    message: /^Unable to submit request because it has an empty text parameter\./,
  },
  {
    rule: 'gemini.function-call.turn-order',
    bad: request({ contents: [{ role: 'model', parts: [call('weather')] }, { role: 'user', parts: [response('weather')] }], tools: [weather] }),
    good: request({ contents: [user('weather?'), { role: 'model', parts: [call('weather')] }, { role: 'user', parts: [response('weather')] }], tools: [weather] }),
    message: /function call turn comes immediately after a user turn or after a function response turn/,
  },
  {
    rule: 'gemini.function-response.turn-order',
    bad: request({ contents: [user('weather?'), { role: 'user', parts: [response('weather')] }], tools: [weather] }),
    good: request({ contents: [user('weather?'), { role: 'model', parts: [call('weather')] }, { role: 'user', parts: [response('weather')] }], tools: [weather] }),
    message: /function response turn comes immediately after a function call turn/,
  },
  {
    rule: 'gemini.function-response.count',
    bad: request({ contents: [user('weather?'), { role: 'model', parts: [call('weather'), call('weather')] }, { role: 'user', parts: [response('weather')] }], tools: [weather] }),
    good: request({ contents: [user('weather?'), { role: 'model', parts: [call('weather'), call('weather')] }, { role: 'user', parts: [response('weather'), response('weather')] }], tools: [weather] }),
    message: /number of function response parts is equal to the number of function call parts/,
  },
  {
    rule: 'gemini.function-response.name',
    bad: request({ contents: [user('weather?'), { role: 'model', parts: [call('weather')] }, { role: 'user', parts: [{ functionResponse: { name: '', response: {} } }] }], tools: [weather] }),
    good: request({ contents: [user('weather?'), { role: 'model', parts: [call('weather')] }, { role: 'user', parts: [{ function_response: { name: 'weather', response: {} } }] }], tools: [weather] }),
    message: /function_response\.name: Name cannot be empty/,
  },
  {
    rule: 'gemini.inline-data.fields',
    bad: request({ contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'data:image/png;base64,AA==' } }] }] }),
    good: request({ contents: [{ role: 'user', parts: [{ inline_data: { mime_type: 'image/png', data: 'AA==' } }] }] }),
    message: /Base64 decoding failed/,
  },
  { rule: 'gemini.inline-data.fields', bad: request({ contents: [{ role: 'user', parts: [{ inlineData: { data: 'AA==' } }] }] }), good: request({ contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/jpeg', data: 'AA==' } }] }] }), message: /mime_type must be specified/ },
  {
    rule: 'gemini.inline-data.image-mime-type',
    bad: request({ contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/gif', data: 'R0lGODlh' } }] }] }),
    good: request({ contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/heic', data: 'AA==' } }, { inlineData: { mimeType: 'application/pdf', data: 'AA==' } }] }] }),
    message: /^Unsupported MIME type: image\/gif$/,
  },
  {
    rule: 'gemini.inline-data.image-mime-type',
    bad: request({ contents: [user('Shoot.'), { role: 'model', parts: [{ functionCall: { name: 'shot', args: {} } }] }, { role: 'user', parts: [{ functionResponse: { name: 'shot', response: {}, parts: [{ inlineData: { mimeType: 'image/jpg', data: 'AA==' } }] } }] }] }),
    good: request({ contents: [user('Shoot.'), { role: 'model', parts: [{ functionCall: { name: 'shot', args: {} } }] }, { role: 'user', parts: [{ functionResponse: { name: 'shot', response: {}, parts: [{ inlineData: { mimeType: 'image/jpeg', data: 'AA==' } }] } }] }] }),
    message: /^Unsupported MIME type: image\/jpg$/,
  },
  {
    rule: 'gemini.system-instruction.text-only',
    bad: request({ contents: [user('hi')], systemInstruction: { parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } }] } }),
    good: request({ contents: [user('hi')], systemInstruction: { role: 'user', parts: [{ text: 'Be brief.' }] } }),
    message: /system_instruction/,
  },
  {
    rule: 'gemini.function-declaration.name',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: '1-lookup' }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'mcp:files.read-file_2' }] }] }),
    message: /Invalid function name\. Must start with a letter or an underscore/,
  },
  { rule: 'gemini.function-declaration.name', bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'a'.repeat(65) }] }] }), good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'a'.repeat(64) }] }] }), message: /maximum length of 64/ },
  {
    rule: 'gemini.function-declaration.parameters-exclusive',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { a: { type: 'STRING' } } }, parametersJsonSchema: { type: 'object' } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object', additionalProperties: false, properties: { a: { type: 'string', const: 'x' } } } }] }] }),
    message: /mutually exclusive/,
  },
  {
    rule: 'gemini.function-declaration.parameters-schema',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } }] }] }),
    message: /Unknown name "additionalProperties" at 'tools\[0\]\.function_declarations\[0\]\.parameters': Cannot find field/,
  },
  {
    rule: 'gemini.function-declaration.parameters-schema',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: { n: { type: 'integer' }, m: { anyOf: [{ type: 'integer', exclusiveMinimum: 0 }] } } } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: { n: { type: 'integer' }, m: { anyOf: [{ type: 'integer', minimum: 1 }] } } } }] }] }),
    message: /Unknown name "exclusiveMinimum" at 'tools\[0\]\.function_declarations\[0\]\.parameters\.properties\[1\]\.value\.any_of\[0\]'/,
  },
  {
    rule: 'gemini.function-declaration.parameters-schema',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: { a: { type: ['string', 'null'] } } } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'string', nullable: true } } } }] }] }),
    message: /Proto field is not repeating, cannot start list/,
  },
  {
    rule: 'gemini.function-declaration.array-items',
    bad: request({
      contents: [user('hi')],
      tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { filter: { type: 'OBJECT', properties: { ids: { anyOf: [{ type: 'STRING' }, { type: 'ARRAY' }] } } } } } }] }],
    }),
    good: request({
      contents: [user('hi')],
      tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { filter: { type: 'OBJECT', properties: { ids: { anyOf: [{ type: 'STRING' }, { type: 'ARRAY', items: {} }] } } } } } }] }],
    }),
    message: /^\* GenerateContentRequest\.tools\[0\]\.function_declarations\[0\]\.parameters\.properties\[filter\]\.properties\[ids\]\.any_of\[1\]\.items: missing field\.$/m,
  },
  {
    rule: 'gemini.function-declaration.required-declared',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { text: { type: 'STRING' } }, required: ['text', 'ref'] } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { text: { type: 'STRING' }, ref: {} }, required: ['text', 'ref'] } }] }] }),
    message: /^\* GenerateContentRequest\.tools\[0\]\.function_declarations\[0\]\.parameters\.required\[1\]: property is not defined$/m,
  },
  {
    rule: 'gemini.function-declaration.object-keywords-on-object',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { data: { type: 'STRING', properties: { title: { type: 'STRING' } } } } } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { data: { type: 'STRING' } } } }] }] }),
    message: /^\* GenerateContentRequest\.tools\[0\]\.function_declarations\[0\]\.parameters\.properties\[data\]\.properties: only allowed for OBJECT type$/m,
  },
  {
    rule: 'gemini.function-declaration.enum-on-string',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { mode: { enum: ['a', 'b'] } } } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { mode: { type: 'STRING', enum: ['a', 'b'] } } } }] }] }),
    message: /^\* GenerateContentRequest\.tools\[0\]\.function_declarations\[0\]\.parameters\.properties\[mode\]\.enum: only allowed for STRING type$/m,
  },
  {
    rule: 'gemini.function-declaration.enum-on-string',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { level: { type: 'INTEGER', enum: ['1', '2'] } } } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { level: { type: 'INTEGER', description: 'One of: 1, 2.' } } } }] }] }),
    message: /properties\[level\]\.enum: only allowed for STRING type/,
  },
  {
    rule: 'gemini.function-declaration.enum-not-empty',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { action: { type: 'STRING', enum: ['list', 'open', 'close', ''] } } } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { action: { type: 'STRING', enum: ['list', 'open', 'close'], description: 'May also be empty.' } } } }] }] }),
    message: /^\* GenerateContentRequest\.tools\[0\]\.function_declarations\[0\]\.parameters\.properties\[action\]\.enum\[3\]: cannot be empty$/m,
  },
  {
    rule: 'gemini.generation-config.response-schema-enum-not-empty',
    bad: request({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { owner: { type: 'STRING', enum: ['', 'cto'] } } } } }),
    good: request({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { owner: { type: 'STRING', enum: ['cto'] } } } } }),
    message: /generation_config\.response_schema\.properties\[owner\]\.enum\[0\]: cannot be empty/,
  },
  {
    rule: 'gemini.function-declaration.string-format',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { links: { type: 'ARRAY', items: { type: 'OBJECT', properties: { url: { type: 'STRING', format: 'uri' } } } } } } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { links: { type: 'ARRAY', items: { type: 'OBJECT', properties: { url: { type: 'STRING', format: 'date-time' } } } } } } }] }] }),
    message: /^\* GenerateContentRequest\.tools\[0\]\.function_declarations\[0\]\.parameters\.properties\[links\]\.items\.properties\[url\]\.format: only 'enum' and 'date-time' are supported for STRING type$/m,
  },
  {
    rule: 'gemini.function-declaration.count',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: Array.from({ length: 513 }, (_, index) => ({ name: `tool_${index}` })) }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: Array.from({ length: 512 }, (_, index) => ({ name: `tool_${index}` })) }] }),
    message: /tools\[0\]\.function_declarations: \[FIELD_INVALID\] At most 512 function declarations can be specified\./,
  },
  {
    rule: 'gemini.function-declaration.unique-names',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'search' }] }, { functionDeclarations: [{ name: 'search' }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'search' }, { name: 'search_issues' }] }] }),
    message: /^Duplicate function declaration found: search$/,
  },
  {
    rule: 'gemini.function-declaration.parameters-object-properties',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: {} } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f' }] }] }),
    message: /properties: should be non-empty for OBJECT type/,
  },
  {
    rule: 'gemini.function-declaration.parameters-object-properties',
    bad: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { params: { type: 'OBJECT' } } } }] }] }),
    good: request({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { params: {} } } }] }] }),
    message: /^\* GenerateContentRequest\.tools\[0\]\.function_declarations\[0\]\.parameters\.properties\[params\]\.properties: should be non-empty for OBJECT type$/m,
  },
  {
    rule: 'gemini.generation-config.response-schema-object-properties',
    bad: request({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { go_back: { type: 'OBJECT', properties: {} } } } } }),
    good: request({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { go_back: { type: 'BOOLEAN' } } } } }),
    message: /generation_config\.response_schema\.properties\[go_back\]\.properties: should be non-empty for OBJECT type/,
  },
  {
    rule: 'gemini.tool-config.needs-declarations',
    bad: request({ contents: [user('hi')], tools: [{ googleSearch: {} }], toolConfig: { functionCallingConfig: { mode: 'ANY' } } }),
    good: request({ contents: [user('hi')], tools: [{ googleSearch: {} }], toolConfig: { functionCallingConfig: { mode: 'NONE' } } }),
    message: /Function calling config is set without function_declarations\./,
  },
  {
    rule: 'gemini.tool-config.allowed-names-mode',
    bad: request({ contents: [user('hi')], tools: [weather], toolConfig: { functionCallingConfig: { mode: 'AUTO', allowedFunctionNames: ['weather'] } } }),
    good: request({ contents: [user('hi')], tools: [weather], tool_config: { function_calling_config: { mode: 'VALIDATED', allowed_function_names: ['weather'] } } }),
    message: /allowed_function_names/,
  },
  {
    rule: 'gemini.tool-config.allowed-names-declared',
    bad: request({ contents: [user('hi')], tools: [weather], toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['forecast'] } } }),
    good: request({ contents: [user('hi')], tools: [weather], toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] } } }),
    message: /"forecast" is not declared/,
  },
  {
    rule: 'gemini.generation-config.stop-sequences',
    bad: request({ contents: [user('hi')], generationConfig: { stopSequences: ['a', 'b', 'c', 'd', 'e', 'f'] } }),
    good: request({ contents: [user('hi')], generationConfig: { stopSequences: ['a', 'b', 'c', 'd', 'e'] } }),
    message: /the number of stop_sequences must not exceed 5/,
  },
  {
    rule: 'gemini.inline-data.document-mime-type',
    bad: request({ contents: [{ role: 'user', parts: [{ text: 'read' }, { inlineData: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data: 'UEsDBA==' } }] }] }),
    good: request({ contents: [{ role: 'user', parts: [{ text: 'read' }, { inlineData: { mimeType: 'text/plain', data: 'aGk=' } }] }] }),
    message: /Unsupported MIME type: application\/vnd\.openxmlformats/,
  },
  { rule: 'gemini.generation-config.seed-int32', bad: request({ contents: [user('hi')], generationConfig: { seed: 2 ** 40 } }), good: request({ contents: [user('hi')], generationConfig: { seed: 2 ** 31 - 1 } }), message: /TYPE_INT32/ },
  {
    rule: 'gemini.generation-config.thinking-level-with-budget',
    bad: request({ contents: [user('hi')], generationConfig: { thinkingConfig: { thinkingLevel: 'LOW', thinkingBudget: 1024 } } }, gemini3),
    good: request({ contents: [user('hi')], generationConfig: { thinkingConfig: { thinkingLevel: 'LOW' } } }, gemini3),
    message: /^You can only set only one of thinking budget and thinking level\.$/,
  },
  {
    rule: 'gemini.generation-config.penalty-range',
    // Gemini 2.0 takes penalties (the model rules refuse any on 2.5 and 3); the range's top is exclusive.
    bad: request({ contents: [user('hi')], generationConfig: { presencePenalty: 2 } }, '/v1beta/models/gemini-2.0-flash:generateContent'),
    good: request({ contents: [user('hi')], generationConfig: { presencePenalty: 1.99, frequencyPenalty: -2 } }, '/v1beta/models/gemini-2.0-flash:generateContent'),
    message: /presence_penalty: must be in the range \[-2\.0, 2\.0\)/,
  },
  {
    rule: 'gemini.generation-config.logprobs-range',
    bad: request({ contents: [user('hi')], generationConfig: { responseLogprobs: true, logprobs: 21 } }),
    good: request({ contents: [user('hi')], generationConfig: { responseLogprobs: true, logprobs: 20 } }),
    message: /logprobs must be in the range \[0, 20\], got 21/,
  },
  { rule: 'gemini.generation-config.temperature-range', bad: request({ contents: [user('hi')], generationConfig: { temperature: 2.5 } }), good: request({ contents: [user('hi')], generationConfig: { temperature: 2 } }), message: /temperature/ },
  {
    rule: 'gemini.generation-config.response-schema-mime-type',
    bad: request({ contents: [user('hi')], generationConfig: { responseSchema: { type: 'STRING' } } }),
    good: request({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'STRING' } } }),
    message: /response_mime_type/,
  },
  {
    rule: 'gemini.generation-config.response-schema-exclusive',
    bad: request({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'STRING' }, responseJsonSchema: { type: 'string' } } }),
    good: request({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseJsonSchema: { type: 'string', additionalProperties: false } } }),
    message: /mutually exclusive/,
  },
  {
    rule: 'gemini.generation-config.response-schema-keywords',
    bad: request({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } }, additionalProperties: false } } }),
    good: request({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } }, propertyOrdering: ['a'] } } }),
    message: /Unknown name "additionalProperties" at 'generation_config\.response_schema'/,
  },
  {
    rule: 'gemini.thought-signature.current-turn',
    bad: request({ contents: [user('weather?'), { role: 'model', parts: [call('weather')] }, { role: 'user', parts: [response('weather')] }], tools: [weather] }, gemini3),
    good: request({ contents: [user('weather?'), { role: 'model', parts: [call('weather', { thoughtSignature: 'skip_thought_signature_validator' }), call('weather')] }, { role: 'user', parts: [response('weather'), response('weather')] }], tools: [weather] }, gemini3),
    message: /Function call is missing a thought_signature in functionCall parts\..*`default_api:weather`/,
  },
];

for (const { rule, bad, good, message, status = 400 } of cases) {
  test(`${rule} refuses ${JSON.stringify(bad.body).slice(0, 80)} and serves the fixed request`, () => {
    const refusal = judgeRequest(bad);
    assert.equal(refusal?.rule, rule, `expected ${rule}, got ${refusal?.rule}: ${refusal?.message}`);
    assert.equal(refusal.status, status);
    assert.match(refusal.message, message);
    assert.deepEqual(refusal.body, { error: { code: status, message: refusal.message, status: status === 403 ? 'PERMISSION_DENIED' : 'INVALID_ARGUMENT' } });
    assert.equal(judgeRequest(good), undefined, `the fixed request was refused: ${judgeRequest(good)?.message}`);
  });
}

test('every Gemini rule has a case above, a source and an id in the gemini namespace', () => {
  const covered = new Set(cases.map((testCase) => testCase.rule));
  for (const rule of geminiJudge.rules) {
    assert.ok(covered.has(rule.id), `${rule.id} has no case`);
    assert.ok(rule.source.length > 10, `${rule.id} cites no source`);
    assert.match(rule.id, /^gemini\./);
  }
});

test('Gemini 3 checks only the current turn, and not Gemini 2.5 or image models', () => {
  const earlierTurnUnsigned = {
    contents: [user('weather?'), { role: 'model', parts: [call('weather')] }, { role: 'user', parts: [response('weather')] }, { role: 'model', parts: [{ text: 'Cold.' }] }, user('and tomorrow?')],
    tools: [weather],
  };
  assert.equal(judgeRequest(request(earlierTurnUnsigned, gemini3)), undefined);
  const unsigned = { contents: [user('weather?'), { role: 'model', parts: [call('weather')] }, { role: 'user', parts: [response('weather')] }], tools: [weather] };
  assert.equal(judgeRequest(request(unsigned, flash)), undefined);
  assert.equal(judgeRequest(request(unsigned, '/v1beta/models/gemini-3-pro-image-preview:generateContent')), undefined);
});

test("the shape of Google's system_instruction REST sample passes: snake_case names, single objects for repeated fields", () => {
  // https://ai.google.dev/api/generate-content, the system_instruction curl sample (its licence keeps it out of test/fixtures).
  const sample = { system_instruction: { parts: { text: 'You are a cat.' } }, contents: { parts: { text: 'Hello there' } } };
  assert.equal(judgeRequest(request(sample)), undefined);
});

/** The URL each recorded request was sent to, from the manifest line that describes it. */
function recordedUrls(): Map<string, string> {
  const manifest = readFileSync(join(recordedFixturesRoot, 'MANIFEST.md'), 'utf8');
  const urls = new Map<string, string>();
  for (const line of manifest.split('\n')) {
    const match = /^- `gemini\/([^`]+\.request\.json)`.*POST (https:\/\/\S+?)(?:;|\s|$)/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) urls.set(match[1], match[2]);
  }
  return urls;
}

test('every request recorded from Gemini passes every rule (the rules do not refuse what Google served)', () => {
  const urls = recordedUrls();
  const names = fixtureNames('gemini').filter((name) => name.endsWith('.request.json'));
  const judged = names.filter((name) => /:(streamGenerateContent|generateContent)/.test(urls.get(name) ?? ''));
  assert.ok(judged.length >= 25, `only ${judged.length} recorded generateContent requests found`);
  for (const name of judged) {
    const url = new URL(urls.get(name) ?? '');
    // Vertex AI takes an OAuth token where the Gemini API takes a key; recordings keep neither.
    const headers = url.hostname.endsWith('aiplatform.googleapis.com') ? { authorization: 'Bearer ya29.token' } : { 'x-goog-api-key': 'key' };
    const refusal = judgeRequest(request(readFixtureJson(`gemini/${name}`), url.pathname + url.search, headers));
    assert.equal(refusal, undefined, `${name}: ${refusal?.rule} ${refusal?.message}`);
  }
});
