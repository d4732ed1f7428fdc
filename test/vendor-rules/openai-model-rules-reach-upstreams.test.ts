/**
 * OpenAI's model rules reach the upstream: an Azure deployment named after its model (Azure's default
 * naming; recorded: `deployments/gpt-5-mini`, test/fixtures/recorded/azure-openai fantasy-gpt5mini-chat-tool.i0)
 * refuses what that model refuses, in OpenAI's words (github.com/lobehub/lobehub/issues/5909), so it is sent
 * what the model takes; and a reasoning model is not asked for log probabilities (403 "You are not allowed to
 * request logprobs from this model", github.com/confident-ai/deepeval/pull/2184), except gpt-5.1 on with
 * reasoning_effort none (github.com/vercel/ai/pull/10940). The test upstream judges every request by the
 * vendor's rules, so a request the vendor would refuse fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { catalogVendorOf } from '../../src/gateway/catalog-vendor.js';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: {
    azure: { dialect: 'azure-openai', baseUrl: upstreamUrl, apiVersion: '2025-04-01-preview', apiKey: 'azure-test-key' },
    'azure-v1': { dialect: 'azure-openai', baseUrl: upstreamUrl, apiKey: 'azure-test-key' },
    'azure-responses': { dialect: 'azure-openai-responses', baseUrl: upstreamUrl, apiKey: 'azure-test-key' },
    openai: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'sk-test' },
    'openai-responses': { dialect: 'openai-responses', baseUrl: `${upstreamUrl}/v1`, apiKey: 'sk-test' },
  },
  models: {
    'az-o3': [{ provider: 'azure', model: 'o3' }],
    'az-o4-mini': [{ provider: 'azure', model: 'o4-mini' }],
    'az-gpt-5.1': [{ provider: 'azure', model: 'gpt-5.1' }],
    'az-v1-gpt-5': [{ provider: 'azure-v1', model: 'gpt-5' }],
    'az-responses-gpt-5': [{ provider: 'azure-responses', model: 'gpt-5' }],
    'c-o3': [{ provider: 'openai', model: 'o3' }],
    'c-gpt-5.1': [{ provider: 'openai', model: 'gpt-5.1' }],
    'r-gpt-5': [{ provider: 'openai-responses', model: 'gpt-5' }],
  },
  retry: { attempts: 0 },
  routing: { cooldown: false },
}));

const chatAnswer = (model: string) => ({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, finish_reason: 'stop', logprobs: null }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
const responsesAnswer = (model: string) => ({
  id: 'resp_1', object: 'response', created_at: 1, status: 'completed', model,
  output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'ok', annotations: [] }] }],
  usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
});

async function send(path: string, body: unknown, answer: unknown): Promise<Record<string, unknown>> {
  setup.upstream.enqueue({ kind: 'json', body: answer });
  const response = await fetch(`${setup.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer caller', 'x-api-key': 'caller', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.deepEqual(setup.upstream.takeRefusals(), []);
  assert.equal(response.status, 200, text);
  const sent = setup.upstream.requests.at(-1)?.body;
  assert.ok(typeof sent === 'object' && sent !== null);
  return sent as Record<string, unknown>;
}

test('an Anthropic caller’s sampling, stop sequences and parallel-call switch are fitted to an Azure deployment named o3, o4-mini, gpt-5.1 (reasoning off by default) or gpt-5', async () => {
  for (const model of ['az-o3', 'az-o4-mini', 'az-gpt-5.1', 'az-v1-gpt-5']) {
    const sent = await send(
      '/v1/messages',
      {
        model,
        max_tokens: 2000,
        temperature: 0.2,
        top_p: 0.5,
        stop_sequences: ['END'],
        tools: [{ name: 'f', input_schema: { type: 'object', properties: {} } }],
        tool_choice: { type: 'auto', disable_parallel_tool_use: true },
        messages: [{ role: 'user', content: 'hi' }],
      },
      chatAnswer(model),
    );
    // gpt-5.1 does not reason unless asked, and then takes temperature and top_p (reasoning-off.ts cites OpenAI).
    const refused = model === 'az-gpt-5.1' ? ['stop'] : ['temperature', 'top_p', 'stop'];
    for (const field of refused) assert.equal(sent[field], undefined, `${model} ${field}`);
    if (model === 'az-gpt-5.1') assert.deepEqual([sent['temperature'], sent['top_p']], [0.2, 0.5], model);
    if (model === 'az-o3' || model === 'az-o4-mini') assert.equal(sent['parallel_tool_calls'], undefined, model);
  }
});

test('a Responses caller’s temperature is left out for an azure-openai-responses deployment named gpt-5', async () => {
  const sent = await send('/v1/responses', { model: 'az-responses-gpt-5', input: 'hi', temperature: 0.3, top_p: 0.5 }, responsesAnswer('gpt-5'));
  assert.equal(sent['temperature'], undefined);
  assert.equal(sent['top_p'], undefined);
});

test('a catalog entry of the deployment’s name still overrides the rules of the model it is named after', () => {
  const vendor = catalogVendorOf({ dialect: 'azure-openai' }, 'o3');
  assert.equal(vendor, 'openai');
  assert.deepEqual(new ModelCatalog().factsFor(vendor, 'o3')?.refusedSampling?.includes('temperature'), true);
  assert.deepEqual(new ModelCatalog({ o3: { refusedSampling: [] } }).factsFor(vendor, 'o3')?.refusedSampling, []);
  assert.equal(catalogVendorOf({ dialect: 'azure-openai-responses' }, 'my-deployment'), undefined);
});

test('log probabilities are left out for a reasoning model, and kept for gpt-5.1 with reasoning_effort none', async () => {
  const o3 = await send('/v1/chat/completions', { model: 'c-o3', messages: [{ role: 'user', content: 'hi' }], logprobs: true, top_logprobs: 2 }, chatAnswer('o3'));
  assert.equal(o3['logprobs'], undefined);
  assert.equal(o3['top_logprobs'], undefined);
  const azure = await send('/v1/chat/completions', { model: 'az-o3', messages: [{ role: 'user', content: 'hi' }], logprobs: true }, chatAnswer('o3'));
  assert.equal(azure['logprobs'], undefined);
  const reasoning = await send('/v1/chat/completions', { model: 'c-gpt-5.1', reasoning_effort: 'low', messages: [{ role: 'user', content: 'hi' }], logprobs: true, top_logprobs: 2 }, chatAnswer('gpt-5.1'));
  assert.equal(reasoning['logprobs'], undefined);
  const off = await send('/v1/chat/completions', { model: 'c-gpt-5.1', reasoning_effort: 'none', messages: [{ role: 'user', content: 'hi' }], logprobs: true, top_logprobs: 2 }, chatAnswer('gpt-5.1'));
  assert.equal(off['logprobs'], true);
  assert.equal(off['top_logprobs'], 2);
  const responses = await send('/v1/responses', { model: 'r-gpt-5', input: 'hi', top_logprobs: 2, include: ['message.output_text.logprobs', 'reasoning.encrypted_content'] }, responsesAnswer('gpt-5'));
  assert.equal(responses['top_logprobs'], undefined);
  assert.deepEqual(responses['include'], ['reasoning.encrypted_content']);
});
