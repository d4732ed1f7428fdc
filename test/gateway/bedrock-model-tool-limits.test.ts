/**
 * What Bedrock Converse refuses some models' tool use: only Claude, Nova (`tool`) and Mistral
 * Large (`any`) take a forcing tool choice (test/support/vendor-rules/bedrock.ts). The caller is
 * the official openai SDK; the upstream judges as Bedrock, so a request Bedrock would refuse fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson } from '../support/fixtures.js';

const llama = 'us.meta.llama4-maverick-17b-instruct-v1:0';
const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: {
    llama: [{ provider: 'aws', model: llama }],
    nova: [{ provider: 'aws', model: 'us.amazon.nova-pro-v1:0' }],
    'mistral-large': [{ provider: 'aws', model: 'mistral.mistral-large-2407-v1:0' }],
    claude: [{ provider: 'aws', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }],
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
