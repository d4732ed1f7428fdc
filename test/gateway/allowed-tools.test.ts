/**
 * OpenAI's `allowed_tools` tool choice (every tool declared, the calls limited to some) reaches
 * each upstream as well as it can say it: Anthropic as a forced tool when one is allowed, else
 * with only the allowed tools declared and a warning; the other OpenAI API in its own spelling.
 * The test upstreams judge each request by the vendor's rules (test/support/vendor-rules), which
 * refuse a choice naming a tool that is not declared. Callers are the official openai SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

interface Entry {
  type: string;
  feature: string;
}

const client = (): OpenAI => new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const parameters = { type: 'object', properties: { city: { type: 'string' } } };
const names = ['get_weather', 'get_time', 'get_news'];
const chatTools: OpenAI.ChatCompletionTool[] = names.map((name) => ({ type: 'function', function: { name, description: name, parameters } }));
const responsesTools: OpenAI.Responses.FunctionTool[] = names.map((name) => ({ type: 'function', name, description: name, parameters, strict: false }));

function chatAllowed(mode: 'auto' | 'required', allowed: string[]): OpenAI.ChatCompletionToolChoiceOption {
  return { type: 'allowed_tools', allowed_tools: { mode, tools: allowed.map((name) => ({ type: 'function', function: { name } })) } };
}

function received(dialect: 'anthropic' | 'openai-chat' | 'openai-responses'): Record<string, unknown> {
  const body = harness.upstreams[dialect].requests[0]?.body as Record<string, unknown> | undefined;
  assert.ok(body !== undefined, `${dialect} received the request`);
  return body;
}

function warningsOf(response: Response): Entry[] {
  return JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Entry[];
}

function toolNames(tools: unknown): string[] {
  return (tools as Array<{ name: string }>).map((tool) => tool.name);
}

test('Chat allowed_tools required with one tool reaches Anthropic as that forced tool, every tool declared', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client()
    .chat.completions.create({ model: modelFor('anthropic'), tools: chatTools, tool_choice: chatAllowed('required', ['get_time']), messages: [{ role: 'user', content: 'Time in Paris?' }] })
    .withResponse();
  const body = received('anthropic');
  assert.deepEqual(body['tool_choice'], { type: 'tool', name: 'get_time' });
  assert.deepEqual(toolNames(body['tools']), names);
  assert.deepEqual(warningsOf(response).filter((warning) => warning.feature.startsWith('tool_choice')), []);
});

test('Chat allowed_tools required with two of three tools reaches Anthropic as `any` over those two, with a warning', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client()
    .chat.completions.create({ model: modelFor('anthropic'), tools: chatTools, tool_choice: chatAllowed('required', ['get_weather', 'get_news']), messages: [{ role: 'user', content: 'Paris?' }] })
    .withResponse();
  const body = received('anthropic');
  assert.deepEqual(body['tool_choice'], { type: 'any' });
  assert.deepEqual(toolNames(body['tools']), ['get_weather', 'get_news']);
  assert.deepEqual(
    warningsOf(response).filter((warning) => warning.feature === 'tool_choice.allowed_tools').map((warning) => warning.type),
    ['compatibility'],
  );
});

test('Chat allowed_tools reaches a Responses upstream in the Responses spelling', async () => {
  harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
  const { response } = await client()
    .chat.completions.create({ model: modelFor('openai-responses'), tools: chatTools, tool_choice: chatAllowed('auto', ['get_weather', 'get_time']), messages: [{ role: 'user', content: 'Paris?' }] })
    .withResponse();
  const body = received('openai-responses');
  assert.deepEqual(body['tool_choice'], { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'get_weather' }, { type: 'function', name: 'get_time' }] });
  assert.equal(toolNames(body['tools']).length, 3);
  assert.deepEqual(warningsOf(response).filter((warning) => warning.feature.startsWith('tool_choice')), []);
});

test('Responses allowed_tools reaches a Chat upstream in the Chat spelling', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const { response } = await client()
    .responses.create({
      model: modelFor('openai-chat'),
      input: 'Paris?',
      tools: responsesTools,
      tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'get_news' }] },
    })
    .withResponse();
  const body = received('openai-chat');
  assert.deepEqual(body['tool_choice'], { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_news' } }] } });
  assert.equal((body['tools'] as unknown[]).length, 3);
  assert.deepEqual(warningsOf(response).filter((warning) => warning.feature.startsWith('tool_choice')), []);
});

test('an allowed tool that is not declared is refused by the judges, so the gateway leaves it out with a warning', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const { response } = await client()
    .responses.create({
      model: modelFor('openai-chat'),
      input: 'Paris?',
      tools: responsesTools,
      tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'get_weather' }, { type: 'function', name: 'missing' }] },
    })
    .withResponse();
  const body = received('openai-chat');
  assert.deepEqual(body['tool_choice'], { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_weather' } }] } });
  assert.ok(warningsOf(response).some((warning) => warning.type === 'unsupported' && warning.feature === 'tool_choice.allowed_tools'));
});
