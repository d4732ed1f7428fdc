/**
 * parseRequest beyond the recorded requests: each input item kind, settings, and invalid bodies
 * refused with OpenAI's field naming. Shapes follow node_modules/openai/resources/responses/
 * responses.d.ts (`ResponseCreateParamsBase`, `ResponseInputItem`) and the recorded requests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';

const parse = (body: unknown) => openaiResponsesDialect.parseRequest(body, {});

function refused(body: unknown, param: string | undefined, message?: RegExp): void {
  assert.throws(
    () => parse(body),
    (error: unknown) => {
      assert.ok(error instanceof InterlinguaError, String(error));
      assert.equal(error.code, 'invalid_request');
      assert.equal(error.param, param);
      if (message !== undefined) assert.match(error.message, message);
      return true;
    },
  );
}

test('a string input is one user message; instructions are the system prompt (dd-response_stream.request.json)', () => {
  const { request } = parse(readFixtureJson('openai-responses/dd-response_stream.request.json'));
  assert.deepEqual(request.messages, [{ role: 'user', content: [{ type: 'text', text: 'Hello world' }] }]);
  assert.equal(request.stream, true);
  assert.equal(request.streamUsage, true);
  const withInstructions = parse({ model: 'm', instructions: 'Be terse.', input: 'hi' }).request;
  assert.deepEqual(withInstructions.system, [{ type: 'text', text: 'Be terse.' }]);
  assert.deepEqual(parse({ model: 'm', instructions: '', input: 'hi' }).request.system, [], 'empty instructions say nothing');
});

test('leading developer/system items are the system prompt, marked with their role; later ones stay in place', () => {
  const { request } = parse({
    model: 'm',
    input: [
      { role: 'developer', content: 'Rule one.' },
      { role: 'user', content: 'hi' },
      { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Rule two.' }] },
      { role: 'developer', content: 'Rule three.' },
    ],
  });
  assert.deepEqual(request.system, [{ type: 'text', text: 'Rule one.', vendor: { 'openai-responses': { role: 'developer' } } }]);
  assert.deepEqual(request.messages.slice(1), [
    { role: 'system', content: [{ type: 'text', text: 'Rule two.' }] },
    { role: 'system', content: [{ type: 'text', text: 'Rule three.' }], vendor: { 'openai-responses': { role: 'developer' } } },
  ]);
});

test('images: data URLs inline, http URLs by reference, detail kept (pa-input-image-url.request.json)', () => {
  const { request } = parse(readFixtureJson('openai-responses/pa-input-image-url.request.json'));
  const [user] = request.messages;
  assert.ok(user?.role === 'user');
  const image = user.content[1];
  assert.ok(image?.type === 'image');
  assert.equal(image.source.kind, 'url');
  assert.equal(image.detail, 'auto');
  const inline = parse({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'original' }] }] });
  const [message] = inline.request.messages;
  assert.ok(message?.role === 'user');
  assert.deepEqual(message.content, [{ type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' }, detail: 'original' }]);
});

test('an item_reference is reported and left out; an input_image or input_file by id is an image or file only Responses reads', () => {
  const { request, warnings } = parse({
    model: 'm',
    input: [
      { role: 'user', content: [{ type: 'input_image', file_id: 'file-1', detail: 'auto' }, { type: 'input_file', file_id: 'file-2' }, { type: 'input_text', text: 'see' }] },
      { type: 'item_reference', id: 'msg_1' },
    ],
  });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['input.item_reference']);
  assert.deepEqual(request.messages, [
    {
      role: 'user',
      content: [
        { type: 'image', source: { kind: 'file-id', fileId: 'file-1', origin: 'openai-responses' }, detail: 'auto' },
        { type: 'file', source: { kind: 'file-id', fileId: 'file-2', origin: 'openai-responses' } },
        { type: 'text', text: 'see' },
      ],
    },
  ]);
});

test('function calls join one assistant turn; outputs join one tool turn and learn the tool name (fantasy-gpt5-multi_tool_streaming.i1.request.json)', () => {
  const { request } = parse(readFixtureJson('openai-responses/fantasy-gpt5-multi_tool_streaming.i1.request.json'));
  const [, assistant, tool] = request.messages;
  assert.ok(assistant?.role === 'assistant');
  assert.deepEqual(assistant.content, [
    { type: 'tool-call', id: 'call_inViAUr9eV0GDtyOywkCxp59', name: 'add', arguments: '{"a":2,"b":3}' },
    { type: 'tool-call', id: 'call_Op66UUnzuOoKmgGeFJQJFTUY', name: 'multiply', arguments: '{"a":2,"b":3}' },
  ]);
  assert.ok(tool?.role === 'tool');
  assert.deepEqual(tool.content.map((result) => [result.toolCallId, result.toolName, result.content]), [
    ['call_inViAUr9eV0GDtyOywkCxp59', 'add', [{ type: 'text', text: '5' }]],
    ['call_Op66UUnzuOoKmgGeFJQJFTUY', 'multiply', [{ type: 'text', text: '6' }]],
  ]);
});

test('a reasoning item is a reasoning part signed by OpenAI, its id kept (pa-reasoning-item-replay.i1.request.json)', () => {
  const { request } = parse(readFixtureJson('openai-responses/pa-reasoning-item-replay.i1.request.json'));
  const assistant = request.messages[1];
  assert.ok(assistant?.role === 'assistant');
  const [reasoning, text] = assistant.content;
  assert.ok(reasoning?.type === 'reasoning' && text?.type === 'text');
  assert.equal(reasoning.signatureOrigin, 'openai-responses');
  assert.match(reasoning.signature ?? '', /^gAAAAABoxCyz/);
  assert.match(reasoning.text, /^\*\*Considering street crossing safety\*\*/);
  assert.equal(reasoning.vendor?.['openai-responses']?.['id'], 'rs_68c42c90b950819c9e32c46d4f8326ca07460311b0c8d3de');
  assert.deepEqual(text.vendor, { 'openai-responses': { item: { id: 'msg_68c42cb1aaec819cb992bd92a8c7766007460311b0c8d3de', status: 'completed' } } });
});

test('tools: function tools are definitions, built-in tools travel in vendor data (dd-response_tools_stream.request.json)', () => {
  const { request, warnings } = parse(readFixtureJson('openai-responses/dd-response_tools_stream.request.json'));
  assert.deepEqual(request.tools, []);
  assert.deepEqual(request.vendor?.['openai-responses']?.['tools.web_search_preview'], [{ type: 'web_search_preview' }]);
  assert.deepEqual(warnings, [], 'nothing is lost here; another target reports it when it cannot carry it');
  const other = openaiResponsesDialect.emitRequest(request, { model: 'x', defaultMaxOutputTokens: 1 });
  assert.deepEqual((other.body as { tools?: unknown }).tools, [{ type: 'web_search_preview' }]);
});

test('tool_choice, parallel_tool_calls, text.format, reasoning and the rest', () => {
  const { request } = parse({
    model: 'm',
    input: 'x',
    tool_choice: { type: 'function', name: 'f' },
    parallel_tool_calls: false,
    text: { format: { type: 'json_object' }, verbosity: 'low' },
    reasoning: { effort: 'xhigh', summary: 'detailed' },
    store: true,
    previous_response_id: 'resp_prev',
    metadata: { k: 'v' },
    include: ['reasoning.encrypted_content'],
    truncation: 'auto',
    service_tier: 'flex',
    user: 'u-1',
  });
  assert.deepEqual(request.toolChoice, { type: 'tool', name: 'f' });
  assert.equal(request.parallelToolCalls, false);
  assert.deepEqual(request.responseFormat, { type: 'json' });
  assert.deepEqual(request.reasoning, { enabled: true, effort: 'high', includeThoughts: true });
  assert.equal(request.user, 'u-1');
  assert.deepEqual(request.vendor?.['openai-responses'], {
    store: true,
    previous_response_id: 'resp_prev',
    metadata: { k: 'v' },
    // The encrypted reasoning is carried to every target (reasoning-carrier.ts): kept as written, never reported.
    '@include': ['reasoning.encrypted_content'],
    truncation: 'auto',
    service_tier: 'flex',
    text: { verbosity: 'low' },
    '@reasoning': { effort: 'xhigh', summary: 'detailed' },
    // Other targets say which word the caller asked for (openai-family/shared-request-fields.ts).
    '~reasoning.effort': { message: 'Reasoning effort "xhigh" is above the highest effort other upstreams share; it was sent as the highest they take, "high".' },
  });
  const allowed = parse({ model: 'm', input: 'x', tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'f' }, { type: 'mcp', server_label: 'wiki' }] } }).request;
  assert.deepEqual(allowed.toolChoice, { type: 'auto', allowed: ['f'] });
  assert.deepEqual(allowed.vendor?.['openai-responses'], { 'tool_choice.allowed_tools': [{ type: 'mcp', server_label: 'wiki' }] });
  assert.deepEqual(parse({ model: 'm', input: 'x', reasoning: { effort: 'none' } }).request.reasoning, { enabled: false });
});

test('the model may come from the route', () => {
  assert.equal(openaiResponsesDialect.parseRequest({ input: 'x' }, { model: 'from-path' }).request.model, 'from-path');
});

test('invalid bodies are refused naming the field the way OpenAI does', () => {
  refused('text', undefined, /JSON object/);
  refused({ input: 'x' }, 'model', /Missing required parameter: 'model'/);
  refused({ model: 'm', input: 42 }, 'input');
  refused({ model: 'm', input: [{ role: 'user' }] }, 'input[0].content');
  refused({ model: 'm', input: [{ role: 'robot', content: 'x' }] }, 'input[0].role');
  refused({ model: 'm', input: [{ content: 'x' }] }, 'input[0].type');
  refused({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_text' }] }] }, 'input[0].content[0].text');
  refused({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', detail: 'auto' }] }] }, 'input[0].content[0].image_url');
  refused({ model: 'm', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'input[0].call_id');
  refused({ model: 'm', input: [{ type: 'function_call_output', call_id: 'c', output: 5 }] }, 'input[0].output');
  refused({ model: 'm', input: [{ type: 'reasoning', summary: 'x' }] }, 'input[0].summary');
  refused({ model: 'm', input: 'x', tools: [{ type: 'function' }] }, 'tools[0].name');
  refused({ model: 'm', input: 'x', tool_choice: 'sometimes' }, 'tool_choice');
  refused({ model: 'm', input: 'x', text: { format: { type: 'xml' } } }, 'text.format.type');
  refused({ model: 'm', input: 'x', max_output_tokens: -1 }, 'max_output_tokens');
  refused({ model: 'm', input: 'x', temperature: 'warm' }, 'temperature');
});
