/**
 * What Bedrock Converse refuses some models: Meta's models call tools on Converse but not on
 * ConverseStream, only Claude, Nova (`tool`) and Mistral Large (`any`) take a forcing tool choice,
 * Titan Text, Mistral 7B and Mixtral take no system prompt, and only Claude, Nova and Llama 4 take
 * an image inside a tool result (test/support/vendor-rules/bedrock.ts). The callers are the
 * official openai, Anthropic and AWS SDKs; the upstream judges as Bedrock, so a request Bedrock
 * would refuse fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson } from '../support/fixtures.js';
import { bedrockRuntimeClient } from './support/aws-callers.js';
import { eventStream } from '../support/aws-event-stream-replies.js';

const llama = 'us.meta.llama4-maverick-17b-instruct-v1:0';
const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: {
    llama: [{ provider: 'aws', model: llama }],
    nova: [{ provider: 'aws', model: 'us.amazon.nova-pro-v1:0' }],
    'mistral-large': [{ provider: 'aws', model: 'mistral.mistral-large-2407-v1:0' }],
    claude: [{ provider: 'aws', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }],
    mixtral: [{ provider: 'aws', model: 'mistral.mixtral-8x7b-instruct-v0:1' }],
    'gpt-sol': [{ provider: 'aws', model: 'us.openai.gpt-5.6-sol' }],
    pixtral: [{ provider: 'aws', model: 'us.mistral.pixtral-large-2502-v1:0' }],
  },
}));
const client = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

/** A recorded Converse answer with two calls of `secret_retrieval_tool` (Amazon Nova, via mirascope). */
const twoCalls = () => ({ kind: 'json' as const, body: readFixtureJson('bedrock/mirascope-converse-nova-parallel-tools.i0.response.json') });
const tool = (name: string): OpenAI.ChatCompletionTool => ({ type: 'function', function: { name, parameters: { type: 'object', properties: { password: { type: 'string' } } } } });
const question: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'What are the secrets of "mellon" and "radiance"?' }];

interface ConverseBody {
  toolConfig?: { toolChoice?: Record<string, unknown> };
}

test('an OpenAI caller streaming with tools to Llama on Bedrock: Converse answers whole, relayed as a stream with every call', async () => {
  setup.upstream.enqueue(twoCalls());
  const { data: stream, response } = await client().chat.completions.create({ model: 'llama', messages: question, tools: [tool('secret_retrieval_tool')], stream: true }).withResponse();
  const calls = new Map<number, { name: string; args: string }>();
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      const seen = calls.get(call.index) ?? { name: '', args: '' };
      calls.set(call.index, { name: seen.name + (call.function?.name ?? ''), args: seen.args + (call.function?.arguments ?? '') });
    }
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(setup.upstream.requests[0]?.url, `/model/${encodeURIComponent(llama)}/converse`);
  assert.deepEqual([...calls.values()].map((call) => [call.name, JSON.parse(call.args)]), [
    ['secret_retrieval_tool', { password: 'mellon' }],
    ['secret_retrieval_tool', { password: 'radiance' }],
  ]);
  assert.equal(finish, 'tool_calls');
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /"stream"/);
});

test('a ConverseStream caller with tools to Llama: answered from Converse, in event-stream framing', async () => {
  setup.upstream.enqueue(twoCalls());
  const aws = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  const output = await aws.send(
    new ConverseStreamCommand({
      modelId: 'llama',
      messages: [{ role: 'user', content: [{ text: 'What are the secrets of "mellon" and "radiance"?' }] }],
      toolConfig: { tools: [{ toolSpec: { name: 'secret_retrieval_tool', inputSchema: { json: { type: 'object' } } } }] },
    }),
  );
  const inputs: string[] = [];
  let stopReason: string | undefined;
  for await (const event of output.stream ?? []) {
    if (event.contentBlockDelta?.delta?.toolUse?.input !== undefined) inputs.push(event.contentBlockDelta.delta.toolUse.input);
    stopReason = event.messageStop?.stopReason ?? stopReason;
  }
  assert.equal(setup.upstream.requests[0]?.url, `/model/${encodeURIComponent(llama)}/converse`);
  assert.deepEqual(inputs.map((input) => JSON.parse(input)), [{ password: 'mellon' }, { password: 'radiance' }]);
  assert.equal(stopReason, 'tool_use');
});

test('Llama streams as asked when no tools go with the request', async () => {
  setup.upstream.enqueue(eventStream([['messageStart', { role: 'assistant' }], ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello.' } }], ['messageStop', { stopReason: 'end_turn' }]]));
  const { data: stream, response } = await client().chat.completions.create({ model: 'llama', messages: question, stream: true }).withResponse();
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  assert.equal(text, 'Hello.');
  assert.equal(setup.upstream.requests[0]?.url, `/model/${encodeURIComponent(llama)}/converse-stream`);
  assert.doesNotMatch(response.headers.get('x-interlingua-warnings') ?? '', /"stream"/);
});

async function sentChoice(model: string, tools: OpenAI.ChatCompletionTool[], choice: OpenAI.ChatCompletionToolChoiceOption): Promise<{ toolChoice: unknown; warnings: string }> {
  setup.upstream.enqueue(twoCalls());
  const { response } = await client().chat.completions.create({ model, messages: question, tools, tool_choice: choice }).withResponse();
  const body = setup.upstream.requests.at(-1)?.body as ConverseBody;
  return { toolChoice: body.toolConfig?.toolChoice, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('a forced tool call goes only to the models that take one; a single tool makes "any" and "this tool" one request', async () => {
  const secret = tool('secret_retrieval_tool');
  const other = tool('other_tool');
  const named: OpenAI.ChatCompletionToolChoiceOption = { type: 'function', function: { name: 'secret_retrieval_tool' } };

  assert.deepEqual(await sentChoice('claude', [secret, other], 'required'), { toolChoice: { any: {} }, warnings: '' });
  assert.deepEqual((await sentChoice('nova', [secret, other], named)).toolChoice, { tool: { name: 'secret_retrieval_tool' } });
  assert.deepEqual((await sentChoice('nova', [secret], 'required')).toolChoice, { tool: { name: 'secret_retrieval_tool' } });
  assert.deepEqual((await sentChoice('mistral-large', [secret], named)).toolChoice, { any: {} });

  const nova = await sentChoice('nova', [secret, other], 'required');
  assert.deepEqual(nova.toolChoice, { auto: {} });
  assert.match(nova.warnings, /tool_choice\.required/);
  const llamaNamed = await sentChoice('llama', [secret], named);
  assert.deepEqual(llamaNamed.toolChoice, { auto: {} });
  assert.match(llamaNamed.warnings, /tool_choice\.tool/);
});

test('a model without system prompts on Converse gets the instructions at the start of the first user turn', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const { response } = await client()
    .chat.completions.create({ model: 'mixtral', messages: [{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'Hello!' }, { role: 'assistant', content: 'Bonjour !' }, { role: 'user', content: 'Thanks.' }] })
    .withResponse();
  const body = setup.upstream.requests[0]?.body as { system?: unknown; messages: Array<{ role: string; content: unknown[] }> };
  assert.equal(body.system, undefined);
  assert.deepEqual(body.messages[0], { role: 'user', content: [{ text: 'Answer in French.' }, { text: 'Hello!' }] });
  assert.equal(body.messages.length, 3);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /"system"/);
});

test('blank instructions to such a model are left out rather than sent as a blank text block, which Converse refuses', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  await client().chat.completions.create({ model: 'mixtral', messages: [{ role: 'system', content: '\n' }, { role: 'user', content: 'Hello!' }] });
  const body = setup.upstream.requests[0]?.body as { messages: Array<{ role: string; content: unknown[] }> };
  assert.deepEqual(body.messages[0], { role: 'user', content: [{ text: 'Hello!' }] });
});

/** An Anthropic caller's tool round whose result is a screenshot, as Claude Code's Read of a PNG sends it. */
async function sentScreenshotResult(model: string): Promise<{ turns: Array<{ role: string; content: Array<Record<string, unknown>> }>; warnings: string }> {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const anthropic = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const { response } = await anthropic.messages
    .create({
      model,
      max_tokens: 100,
      tools: [{ name: 'screenshot', input_schema: { type: 'object' } }],
      messages: [
        { role: 'user', content: 'What is on the screen?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'screenshot', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }] }] },
      ],
    })
    .withResponse();
  const body = setup.upstream.requests.at(-1)?.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }> };
  return { turns: body.messages, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('an image a tool returned goes beside the results to models that take none inside them', async () => {
  const gpt = await sentScreenshotResult('gpt-sol');
  const last = gpt.turns.at(-1)!;
  assert.deepEqual(Object.keys(last.content[0]!), ['toolResult']);
  assert.deepEqual((last.content[0]!['toolResult'] as { content: unknown[] }).content, [{ text: '(The image this tool returned follows the tool results.)' }]);
  assert.deepEqual(Object.keys(last.content[1]!), ['image']);
  assert.match(gpt.warnings, /tool_result\.image/);

  // Pixtral's prompt template also wants the results alone in their turn: the image follows in a turn of its own.
  const pixtral = await sentScreenshotResult('pixtral');
  assert.deepEqual(pixtral.turns.slice(-3).map((turn) => [turn.role, turn.content.map((block) => Object.keys(block)[0])]), [
    ['user', ['toolResult']],
    ['assistant', ['text']],
    ['user', ['image']],
  ]);

  const claude = await sentScreenshotResult('claude');
  assert.ok(((claude.turns.at(-1)!.content[0]!['toolResult'] as { content: Array<Record<string, unknown>> }).content[0]!['image'] !== undefined));
  assert.doesNotMatch(claude.warnings, /tool_result\.image/);
});
