/**
 * Codex's tools through the gateway (the openai SDK as the Responses client): the member functions
 * of a `namespace` tool (how Codex declares each MCP server, envoyproxy/ai-gateway#2317) reach an
 * Anthropic upstream as functions, and the model's call comes back as the member's name plus its
 * namespace, whole and streamed; a custom (freeform) tool goes as a one-argument function and its call
 * returns as a `custom_tool_call`; each tool type Anthropic cannot take is named in its own warning.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const tools: OpenAI.Responses.Tool[] = [
  { type: 'function', name: 'shell', parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } } }, strict: false },
  {
    type: 'namespace',
    name: 'mcp__node_repl',
    description: 'Run JavaScript in a persistent kernel.',
    tools: [{ type: 'function', name: 'js', description: 'Run code.', parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] }, strict: false }],
  },
  { type: 'custom', name: 'apply_patch', description: 'Apply a patch.' },
  { type: 'web_search' },
  { type: 'local_shell' },
];

/** The recorded tool-use answer (fantasy-sonnet4-multi_tool.i0), calling the namespace member instead. */
function anthropicCallsJs(): Record<string, unknown> {
  const body = readFixtureJson('anthropic/fantasy-sonnet4-multi_tool.i0.response.json') as { content: Array<Record<string, unknown>> };
  const call = { ...body.content[1], name: 'mcp__node_repl__js', input: { code: '1+1' } };
  return { ...body, content: [body.content[0], call] };
}

const client = () => new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });

test('the namespace member reaches Anthropic as a function and its call returns with its namespace; each dropped tool type is named', async () => {
  harness.upstreams.anthropic.enqueue({ kind: 'json', body: anthropicCallsJs() });
  const { data, response } = await client().responses.create({ model: modelFor('anthropic'), input: 'What is 1+1 in JS?', tools }).withResponse();
  const upstream = harness.upstreams.anthropic.requests[0]?.body as { tools: Array<{ name: string }> };
  assert.deepEqual(upstream.tools.map((tool) => tool.name), ['shell', 'mcp__node_repl__js', 'apply_patch']);
  const call = data.output.find((item) => item.type === 'function_call');
  assert.ok(call?.type === 'function_call');
  assert.deepEqual([call.name, call.namespace, call.arguments], ['js', 'mcp__node_repl', '{"code":"1+1"}']);
  const features = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>).map((warning) => warning.feature);
  for (const type of ['tools.custom', 'tools.web_search', 'tools.local_shell']) assert.equal(features.filter((feature) => feature === type).length, 1, `${type} in ${features.join(', ')}`);
});

test('a custom (freeform) tool reaches Anthropic as a one-argument function, and its call returns as a custom_tool_call', async () => {
  const body = anthropicCallsJs();
  const content = body['content'] as Array<Record<string, unknown>>;
  const patch = '*** Begin Patch\n*** End Patch';
  body['content'] = [content[0], { ...content[1], name: 'apply_patch', input: { input: patch } }];
  harness.upstreams.anthropic.enqueue({ kind: 'json', body });
  const data = await client().responses.create({ model: modelFor('anthropic'), input: 'Patch it.', tools });
  const upstream = harness.upstreams.anthropic.requests[0]?.body as { tools: Array<{ name: string; input_schema: { required?: string[] } }> };
  assert.deepEqual(upstream.tools.find((tool) => tool.name === 'apply_patch')?.input_schema.required, ['input']);
  const call = data.output.find((item) => item.type === 'custom_tool_call');
  assert.ok(call?.type === 'custom_tool_call');
  assert.deepEqual([call.name, call.input], ['apply_patch', patch]);
});

/** The recorded streamed tool-use answer (fantasy-sonnet4-multi_tool_streaming.i0), its two calls renamed to namespace members. */
function anthropicStreamsJs(): string {
  return readFixtureText('anthropic/fantasy-sonnet4-multi_tool_streaming.i0.response.sse').replace('"name":"add"', '"name":"mcp__node_repl__js"').replace('"name":"multiply"', '"name":"shell"');
}

test('streamed, the call item carries the namespace from output_item.added on; a plain function has none', async () => {
  harness.upstreams.anthropic.enqueue({ kind: 'stream', text: anthropicStreamsJs() });
  const stream = await client().responses.create({ model: modelFor('anthropic'), input: 'What is 1+1 in JS?', tools, stream: true });
  const calls: Array<[string, string | undefined]> = [];
  for await (const event of stream) {
    if ((event.type === 'response.output_item.added' || event.type === 'response.output_item.done') && event.item.type === 'function_call') calls.push([event.item.name, event.item.namespace]);
  }
  assert.deepEqual(calls, [
    ['js', 'mcp__node_repl'],
    ['js', 'mcp__node_repl'],
    ['shell', undefined],
    ['shell', undefined],
  ]);
});

/** Codex's request shape: a stateless turn that asks for the encrypted reasoning back. */
const encryptedReasoning: OpenAI.Responses.ResponseIncludable = 'reasoning.encrypted_content';

function warningFeatures(response: Response): string[] {
  return (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
}

test('include: the encrypted reasoning, which every target carries, is not reported as left out; another value is', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const carried = await client().responses.create({ model: modelFor('anthropic'), input: 'Hi', store: false, include: [encryptedReasoning] }).withResponse();
  assert.ok(!warningFeatures(carried.response).includes('include'), warningFeatures(carried.response).join(', '));

  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const mixed = await client().responses.create({ model: modelFor('anthropic'), input: 'Hi', store: false, include: [encryptedReasoning, 'web_search_call.action.sources'] }).withResponse();
  const warning = (JSON.parse(mixed.response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>).find((entry) => entry.feature === 'include');
  assert.ok(warning !== undefined, 'a value no other target has is still reported');

  harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
  await client().responses.create({ model: modelFor('openai-responses'), input: 'Hi', store: false, include: [encryptedReasoning, 'web_search_call.action.sources'] });
  const sent = harness.upstreams['openai-responses'].requests[0]?.body as { include?: unknown };
  assert.deepEqual(sent.include, [encryptedReasoning, 'web_search_call.action.sources'], 'a Responses upstream gets the list as written');
});

test('tool_choice naming a custom tool forces the call it travels as, and goes back as `custom` to a Responses upstream', async () => {
  const choice: OpenAI.Responses.ToolChoiceCustom = { type: 'custom', name: 'apply_patch' };
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const forced = await client().responses.create({ model: modelFor('anthropic'), input: 'Patch it.', tools, tool_choice: choice }).withResponse();
  const anthropic = harness.upstreams.anthropic.requests[0]?.body as { tool_choice?: unknown };
  assert.deepEqual(anthropic.tool_choice, { type: 'tool', name: 'apply_patch' });
  assert.ok(!warningFeatures(forced.response).includes('tool_choice'), warningFeatures(forced.response).join(', '));
  assert.deepEqual(forced.data.tool_choice, choice, 'the response echoes the choice as the caller wrote it');

  harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
  await client().responses.create({ model: modelFor('openai-responses'), input: 'Patch it.', tools, tool_choice: choice });
  const responses = harness.upstreams['openai-responses'].requests[0]?.body as { tool_choice?: unknown };
  assert.deepEqual(responses.tool_choice, choice);
});
