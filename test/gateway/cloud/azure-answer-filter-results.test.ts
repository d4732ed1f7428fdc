/**
 * Azure's content-filter results in a whole (unstreamed) Chat Completion from an Azure OpenAI
 * upstream — the prompt's `prompt_filter_results` and the choice's `content_filter_results` — reach an
 * `AzureOpenAI` caller where Azure put them, as clients read them (`completion.prompt_filter_results`,
 * `completion.choices[0].content_filter_results`: openai/openai-cookbook examples/azure/chat_cell23.py);
 * an Anthropic caller gets the answer and one warning, in `x-interlingua-warnings`, that they were left out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureOpenAI } from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';
import { readFixtureJson } from '../../support/fixtures.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { azure: { dialect: 'azure-openai', baseUrl, apiVersion: '2024-10-21', apiKey: 'azure-test-key' } },
  models: { smart: [{ provider: 'azure', model: 'gpt-4o-mini' }] },
  retry: { attempts: 1 },
}));

// test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json: a recorded answer with
// prompt_filter_results and its choice's content_filter_results (hate, protected_material_text, self_harm, sexual, violence).
const answer = () => readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json') as Record<string, unknown> & { choices: Array<Record<string, unknown>> };

test('an AzureOpenAI caller gets prompt_filter_results and the choice’s content_filter_results as Azure sent them', async () => {
  const sent = answer();
  setup.upstream.enqueue({ kind: 'json', body: sent });
  const client = new AzureOpenAI({ endpoint: setup.url, apiKey: 'caller', apiVersion: '2024-10-21', deployment: 'smart', maxRetries: 0 });
  const completion = (await client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'Hello' }] })) as unknown as typeof sent;
  assert.deepEqual(completion['prompt_filter_results'], sent['prompt_filter_results']);
  assert.ok(Array.isArray(sent['prompt_filter_results']));
  assert.deepEqual(completion.choices[0]?.['content_filter_results'], sent.choices[0]?.['content_filter_results']);
  assert.ok(sent.choices[0]?.['content_filter_results'] !== undefined);
});

test('an anthropic caller gets the answer and one warning that Azure’s filter results were left out', async () => {
  setup.upstream.enqueue({ kind: 'json', body: answer() });
  const { data: message, response } = await new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 })
    .messages.create({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] })
    .withResponse();
  assert.ok(message.content.length > 0);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.deepEqual(warnings.map((warning) => warning.feature).filter((feature) => feature === 'output.azure_content_filter'), ['output.azure_content_filter'], JSON.stringify(warnings));
});
