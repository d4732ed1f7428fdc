/**
 * Codex-style tools (the openai SDK's `NamespaceTool`, `CustomTool`, built-in tools;
 * resources/responses/responses.d.ts): a namespace's member functions travel to every target as
 * flat-named functions and come back to the caller as name plus namespace; a custom (freeform) tool
 * travels as a function taking its text in one string argument and comes back as a
 * `custom_tool_call`; every tool type a target cannot take is reported under its own name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { groupWarnings } from '../../../src/core/warning-groups.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';

const nodeRepl = {
  type: 'namespace',
  name: 'mcp__node_repl',
  description: 'Run JavaScript in a persistent kernel.',
  tools: [
    { type: 'function', name: 'js', description: 'Run code.', strict: false, parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] } },
    { type: 'function', name: 'js_reset', parameters: { type: 'object', properties: {} }, strict: false },
  ],
};
const codexTools = [
  { type: 'function', name: 'shell', parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } } }, strict: false },
  nodeRepl,
  { type: 'custom', name: 'apply_patch', description: 'Apply a patch.', format: { type: 'grammar', syntax: 'lark', definition: 'start: /.+/' } },
  { type: 'web_search' },
  { type: 'local_shell' },
  { type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example/sse' },
  { type: 'file_search', vector_store_ids: ['vs_1'] },
];
const codexRequest = { model: 'gpt-5-codex', input: 'list files', tools: codexTools };

test('namespace members become flat-named functions, a custom tool a one-argument function; the other tool types stay with Responses', () => {
  const { request, warnings } = openaiResponsesDialect.parseRequest(codexRequest, {});
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.tools?.map((tool) => tool.name), ['shell', 'mcp__node_repl__js', 'mcp__node_repl__js_reset', 'apply_patch']);
  // The namespace's description ("shown to the model", NamespaceTool) leads each member's, which has no namespace elsewhere.
  assert.equal(request.tools?.[1]?.description, 'Run JavaScript in a persistent kernel.\n\nRun code.');
  assert.equal(request.tools?.[2]?.description, 'Run JavaScript in a persistent kernel.');
  const applyPatch = request.tools?.[3];
  assert.equal(applyPatch?.description, 'Apply a patch.');
  assert.deepEqual(applyPatch?.parameters['required'], ['input']);
  assert.match(JSON.stringify(applyPatch?.parameters), /lark grammar:\\nstart: \/\.\+\//);
});

for (const [name, dialect, model] of [
  ['anthropic', anthropicDialect, 'claude-sonnet-4-5'],
  ['openai-chat', openaiChatDialect, 'gpt-4o'],
  ['gemini', geminiDialect, 'gemini-2.5-flash'],
] as const) {
  test(`${name}: the functions arrive, and each tool type left out is named in its own warning`, () => {
    const { request } = openaiResponsesDialect.parseRequest(codexRequest, {});
    const emitted = dialect.emitRequest(request, { model, defaultMaxOutputTokens: 100 });
    const body = JSON.stringify(emitted.body);
    for (const tool of ['shell', 'mcp__node_repl__js', 'mcp__node_repl__js_reset', 'apply_patch']) assert.ok(body.includes(`"${tool}"`), tool);
    const droppedTypes = ['tools.web_search', 'tools.local_shell', 'tools.mcp', 'tools.file_search'];
    const groups = groupWarnings(emitted.warnings);
    const toolWarnings = groups.filter((warning) => droppedTypes.includes(warning.feature));
    assert.deepEqual(toolWarnings.map((warning) => [warning.type, warning.feature]), droppedTypes.map((feature) => ['unsupported', feature]));
    for (const warning of toolWarnings) assert.match(warning.message, new RegExp(warning.feature.replace('.', '\\.')));
    const custom = groups.filter((warning) => warning.feature === 'tools.custom');
    assert.deepEqual(custom.map((warning) => [warning.type, warning.tools]), [['compatibility', ['apply_patch']]]);
    assert.ok(body.includes(JSON.stringify('Run JavaScript in a persistent kernel.\n\nRun code.')), 'the namespace description leads the member\'s');
    const namespaced = groups.filter((warning) => warning.feature.includes('namespace'));
    assert.deepEqual(namespaced.map((warning) => [warning.type, warning.feature, warning.tools]), [['compatibility', 'tools.namespace.description', ['mcp__node_repl__js', 'mcp__node_repl__js_reset']]]);
  });
}

test('to a Responses upstream the tools go back as they came', () => {
  const { request } = openaiResponsesDialect.parseRequest(codexRequest, {});
  const emitted = openaiResponsesDialect.emitRequest(request, { model: 'gpt-5-codex', defaultMaxOutputTokens: 100 });
  assert.deepEqual(emitted.warnings, []);
  const tools = (emitted.body as { tools: unknown[] }).tools;
  assert.deepEqual(
    [...tools].sort((left, right) => JSON.stringify(left).localeCompare(JSON.stringify(right))),
    [...codexTools].sort((left, right) => JSON.stringify(left).localeCompare(JSON.stringify(right))),
  );
  assert.ok(!('tools.web_search' in (emitted.body as Record<string, unknown>)), 'the kept tools are written into tools only');
});

test('a namespace without a description leaves its members\' descriptions as they are, with no warning', () => {
  const { description: _description, ...undescribed } = nodeRepl;
  const { request } = openaiResponsesDialect.parseRequest({ model: 'gpt-5-codex', input: 'x', tools: [undescribed] }, {});
  assert.deepEqual(request.tools?.map((tool) => tool.description), ['Run code.', undefined]);
  assert.deepEqual(anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 100 }).warnings, []);
});

test('a namespaced call in the history is the flat-named call, and goes back to Responses with its namespace', () => {
  const body = {
    ...codexRequest,
    input: [
      { role: 'user', content: 'run it' },
      { type: 'function_call', call_id: 'call_1', name: 'js', namespace: 'mcp__node_repl', arguments: '{"code":"1+1"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '2' },
    ],
  };
  const { request } = openaiResponsesDialect.parseRequest(body, {});
  const assistant = request.messages[1];
  assert.ok(assistant?.role === 'assistant');
  assert.deepEqual(assistant.content, [{ type: 'tool-call', id: 'call_1', name: 'mcp__node_repl__js', arguments: '{"code":"1+1"}' }]);
  const anthropic = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 100 });
  assert.ok(JSON.stringify(anthropic.body).includes('"name":"mcp__node_repl__js"'));
  const responses = openaiResponsesDialect.emitRequest(request, { model: 'gpt-5-codex', defaultMaxOutputTokens: 100 });
  const call = (responses.body as { input: Array<Record<string, unknown>> }).input[1];
  assert.deepEqual(call, { type: 'function_call', call_id: 'call_1', name: 'js', namespace: 'mcp__node_repl', arguments: '{"code":"1+1"}' });
});

const answer: ChatResponse = {
  id: 'msg_1',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'tool-call', id: 'toolu_1', name: 'mcp__node_repl__js', arguments: '{"code":"1+1"}' }],
  finishReason: { unified: 'tool-calls', raw: 'tool_use' },
  usage: { inputTokens: 3, outputTokens: 4 },
};

test('a call to a namespace member reaches the Responses caller as name plus namespace, whole and streamed', () => {
  const { request } = openaiResponsesDialect.parseRequest(codexRequest, {});
  const context = { requestedModel: 'gpt-5-codex', request };
  const whole = openaiResponsesDialect.emitResponse(answer, context) as { output: Array<Record<string, unknown>> };
  assert.equal(whole.output[0]?.['name'], 'js');
  assert.equal(whole.output[0]?.['namespace'], 'mcp__node_repl');
  const encoder = openaiResponsesDialect.createStreamEncoder(context);
  const text = responseToEvents(answer).map((event) => encoder.encode(event)).join('');
  const events = text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
  const items = events.filter((event) => event['type'] === 'response.output_item.added' || event['type'] === 'response.output_item.done').map((event) => event['item'] as Record<string, unknown>);
  assert.equal(items.length, 2);
  for (const item of items) assert.deepEqual([item['name'], item['namespace']], ['js', 'mcp__node_repl']);
  const done = events.find((event) => event['type'] === 'response.function_call_arguments.done');
  assert.equal(done?.['name'], 'js');
});

test('a call to a plain function has no namespace', () => {
  const { request } = openaiResponsesDialect.parseRequest(codexRequest, {});
  const plain: ChatResponse = { ...answer, content: [{ type: 'tool-call', id: 'toolu_2', name: 'shell', arguments: '{}' }] };
  const whole = openaiResponsesDialect.emitResponse(plain, { requestedModel: 'gpt-5-codex', request }) as { output: Array<Record<string, unknown>> };
  assert.equal(whole.output[0]?.['name'], 'shell');
  assert.ok(!('namespace' in (whole.output[0] ?? {})));
});

test('a custom tool call in the history is the function call, and goes back to Responses as a custom_tool_call with its output', () => {
  const body = {
    ...codexRequest,
    input: [
      { role: 'user', content: 'fix it' },
      { type: 'custom_tool_call', call_id: 'call_2', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' },
      { type: 'custom_tool_call_output', call_id: 'call_2', output: 'Done!' },
    ],
  };
  const { request } = openaiResponsesDialect.parseRequest(body, {});
  const [, assistant, tool] = request.messages;
  assert.ok(assistant?.role === 'assistant' && tool?.role === 'tool');
  assert.deepEqual(assistant.content, [{ type: 'tool-call', id: 'call_2', name: 'apply_patch', arguments: '{"input":"*** Begin Patch\\n*** End Patch"}' }]);
  assert.deepEqual(tool.content[0]?.content, [{ type: 'text', text: 'Done!' }]);
  const responses = openaiResponsesDialect.emitRequest(request, { model: 'gpt-5-codex', defaultMaxOutputTokens: 100 });
  assert.deepEqual((responses.body as { input: unknown[] }).input.slice(1), body.input.slice(1));
});

test('a call to a custom tool reaches the Responses caller as a custom_tool_call with its text, whole and streamed', () => {
  const { request } = openaiResponsesDialect.parseRequest(codexRequest, {});
  const context = { requestedModel: 'gpt-5-codex', request };
  const patch = '*** Begin Patch\n*** Add File: a.txt\n+"quoted"\n*** End Patch';
  const call: ChatResponse = { ...answer, content: [{ type: 'tool-call', id: 'toolu_3', name: 'apply_patch', arguments: JSON.stringify({ input: patch }) }] };
  const whole = openaiResponsesDialect.emitResponse(call, context) as { output: Array<Record<string, unknown>> };
  assert.deepEqual([whole.output[0]?.['type'], whole.output[0]?.['name'], whole.output[0]?.['input'], whole.output[0]?.['call_id']], ['custom_tool_call', 'apply_patch', patch, 'toolu_3']);
  assert.match(String(whole.output[0]?.['id']), /^ctc_/);
  const encoder = openaiResponsesDialect.createStreamEncoder(context);
  const text = responseToEvents(call).map((event) => encoder.encode(event)).join('');
  const events = text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
  assert.ok(!events.some((event) => String(event['type']).startsWith('response.function_call')));
  assert.equal(events.filter((event) => event['type'] === 'response.custom_tool_call_input.delta').map((event) => event['delta']).join(''), patch);
  assert.equal(events.find((event) => event['type'] === 'response.custom_tool_call_input.done')?.['input'], patch);
  const done = events.find((event) => event['type'] === 'response.output_item.done')?.['item'] as Record<string, unknown>;
  assert.deepEqual([done['type'], done['input']], ['custom_tool_call', patch]);
  // Decoded again, the stream gives back the same call.
  const decoder = openaiResponsesDialect.createStreamDecoder();
  const frames = text.split('\n\n').filter((frame) => frame.trim() !== '').map((frame) => {
    const data = frame.split('\n').find((line) => line.startsWith('data: '))?.slice(6) ?? '';
    const event = frame.split('\n').find((line) => line.startsWith('event: '))?.slice(7);
    return event === undefined ? { data } : { event, data };
  });
  const decoded = [...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()];
  const folded = decoded.filter((event) => event.type === 'tool-call-delta').map((event) => (event.type === 'tool-call-delta' ? event.delta : '')).join('');
  assert.deepEqual(JSON.parse(folded), { input: patch });
});

test('a tool type spelled like an object property is a type like any other', () => {
  const parsed = openaiResponsesDialect.parseRequest({ model: 'gpt-5', input: 'Hi', tools: [{ type: '__proto__', name: 'odd' }, { type: 'toString' }] }, {});
  const emitted = openaiChatDialect.emitRequest(parsed.request, { model: 'gpt-4o', defaultMaxOutputTokens: 1 });
  const features = emitted.warnings.map((warning) => warning.feature);
  assert.ok(features.includes('tools.__proto__') && features.includes('tools.toString'), JSON.stringify(features));
  assert.equal((emitted.body as Record<string, unknown>)['tools'], undefined);
});

test('fields of a function tool only Responses has (defer_loading, allowed_callers, output_schema) go back to a Responses upstream and are reported by path elsewhere', () => {
  // `FunctionTool`, `CustomTool` and `NamespaceTool.Function` in the openai SDK's resources/responses/responses.d.ts.
  const deferred = { type: 'function', name: 'lookup', description: 'Find a customer', strict: false, defer_loading: true, allowed_callers: ['programmatic'], output_schema: { type: 'object', properties: { ok: { type: 'boolean' } } }, parameters: { type: 'object', properties: {} } };
  const namespace = { type: 'namespace', name: 'crm', description: 'Customer records.', tools: [{ type: 'function', name: 'export', parameters: { type: 'object', properties: {} }, defer_loading: true }] };
  const custom = { type: 'custom', name: 'patch', defer_loading: true };
  const tools = [deferred, namespace, custom, { type: 'tool_search' }];
  const { request, warnings } = openaiResponsesDialect.parseRequest({ model: 'gpt-5.4', input: 'x', tools }, {});
  assert.deepEqual(warnings, []);
  const toResponses = openaiResponsesDialect.emitRequest(request, { model: 'gpt-5.4', defaultMaxOutputTokens: 100 });
  assert.deepEqual(toResponses.warnings, []);
  const sorted = (list: readonly unknown[]) => [...list].sort((left, right) => JSON.stringify(left).localeCompare(JSON.stringify(right)));
  assert.deepEqual(sorted((toResponses.body as { tools: unknown[] }).tools), sorted(tools));
  assert.ok(!('^message_fields' in (toResponses.body as Record<string, unknown>)), 'the paths are never written as a field');
  const leftOut = ['tools[0].defer_loading', 'tools[0].allowed_callers', 'tools[0].output_schema', 'tools[1].tools[0].defer_loading', 'tools[2].defer_loading'];
  for (const [dialect, model] of [[anthropicDialect, 'claude-sonnet-4-5'], [openaiChatDialect, 'gpt-4o'], [geminiDialect, 'gemini-2.5-flash']] as const) {
    const emitted = dialect.emitRequest(request, { model, defaultMaxOutputTokens: 100 });
    const reported = emitted.warnings.filter((warning) => warning.feature.startsWith('tools['));
    assert.deepEqual(reported.map((warning) => [warning.type, warning.feature]), leftOut.map((path) => ['unsupported', path]), dialect.name);
    assert.ok(!JSON.stringify(emitted.body).includes('defer_loading'), dialect.name);
  }
});
