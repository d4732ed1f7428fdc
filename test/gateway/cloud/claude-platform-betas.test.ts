/**
 * Claude on Bedrock and Vertex AI takes Anthropic's beta switches in its own place — Bedrock in the
 * body's `anthropic_beta` list, Vertex in the `anthropic-beta` header — and only those it has
 * enabled; any other fails the request ("invalid beta flag", "Unexpected value(s) … for the
 * `anthropic-beta` header"). A conversation written from another dialect asks a model with
 * preserved thinking to drop stale thinking blocks, which needs a beta; a 1-hour cache breakpoint,
 * whose beta Anthropic's API takes, needs none there; an Anthropic caller's own betas go where the
 * platform reads them, those it takes. Converse takes Claude's thinking and betas in its model
 * fields. Both upstreams judge each request by their platform's rules; Bedrock's requests are
 * SigV4-signed and Vertex's carry an OAuth token from a local token endpoint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import type { TestUpstream, UpstreamReply } from '../../support/test-upstream.js';
import { cloudGateway } from '../../support/cloud-gateway.js';
import { agentStep, anthropicReply, shellTool, type AgentStep } from '../support/agent-upstream-turns.js';

type Json = Record<string, unknown>;

const setup = cloudGateway(['bedrock', 'vertex'], (urls, credentialsFile) => ({
  providers: {
    'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: urls.bedrock },
    'aws-converse': { dialect: 'bedrock', region: 'us-east-1', baseUrl: urls.bedrock },
    'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: urls.vertex, credentialsFile },
  },
  models: {
    'bedrock-opus55': [{ provider: 'aws-claude', model: 'us.anthropic.claude-opus-5-5-v1:0' }],
    'converse-opus55': [{ provider: 'aws-converse', model: 'us.anthropic.claude-opus-5-5-v1:0' }],
    'converse-haiku': [{ provider: 'aws-converse', model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' }],
    'vertex-opus55': [{ provider: 'gcp-claude', model: 'claude-opus-5-5' }],
    'bedrock-haiku': [{ provider: 'aws-claude', model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' }],
    'vertex-haiku': [{ provider: 'gcp-claude', model: 'claude-haiku-4-5@20251001' }],
  },
  retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));
const { bedrock, vertex } = setup.upstreams;

const responses = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
const responsesTools = [{ type: 'function' as const, name: shellTool.name, description: shellTool.description, strict: false, parameters: { type: 'object', properties: shellTool.properties } }];

/** A Responses caller's two turns, the second replaying the first's signed thinking and call; the upstream's second request. */
async function twoTurns(upstream: TestUpstream, model: string): Promise<{ body: Json; headers: TestUpstream['requests'][number]['headers'] }> {
  const step = agentStep('anthropic', 1);
  upstream.enqueue(anthropicReply(step, false), anthropicReply(agentStep('anthropic', 4), false));
  const ask = { model, include: ['reasoning.encrypted_content' as const], store: false, tools: responsesTools };
  const first = await responses().responses.create({ ...ask, input: 'List the files.' });
  const output = first.output as ResponseInputItem[];
  assert.ok(output.some((item) => item.type === 'reasoning'), 'the caller holds the signed thinking');
  const second = await responses().responses.create({
    ...ask,
    input: [{ role: 'user', content: 'List the files.' }, ...output, { type: 'function_call_output', call_id: step.call?.id ?? '', output: 'README.md' }],
  });
  assert.equal(second.output_text, 'The repository has a README and a src folder.');
  assert.equal(upstream.requests.length, 2);
  const received = upstream.requests[1]!;
  const assistant = ((received.body as Json)['messages'] as Array<{ role: string; content: Json[] }>).find((message) => message.role === 'assistant');
  assert.equal(assistant?.content[0]?.['type'], 'thinking', 'the platform’s own signed thinking is replayed');
  return { body: received.body as Json, headers: received.headers };
}

const binding = { type: 'adaptive', block_binding: { prefix_mismatch_behavior: 'drop_block' } };

test('Bedrock: a conversation from another dialect asks Opus 5.5 to drop stale thinking, with the beta in the body’s anthropic_beta', async () => {
  const { body, headers } = await twoTurns(bedrock, 'bedrock-opus55');
  assert.deepEqual(body['thinking'], binding);
  assert.deepEqual(body['anthropic_beta'], ['thinking-binding-controls-2026-08-01']);
  assert.equal(headers['anthropic-beta'], undefined, 'Bedrock reads betas from the body only');
});

test('Vertex AI: a conversation from another dialect asks Opus 5.5 to drop stale thinking, with the beta in the anthropic-beta header', async () => {
  const { body, headers } = await twoTurns(vertex, 'vertex-opus55');
  assert.deepEqual(body['thinking'], binding);
  assert.equal(headers['anthropic-beta'], 'thinking-binding-controls-2026-08-01');
  assert.equal(body['anthropic_beta'], undefined);
});

/** Converse's answer to one agent step: its signed reasoning, then the call or the text. */
function converseReply(step: AgentStep): UpstreamReply {
  const content: Json[] = [{ reasoningContent: { reasoningText: { text: step.thinking, signature: step.signature } } }];
  content.push(step.call === undefined ? { text: step.text } : { toolUse: { toolUseId: step.call.id, name: 'shell', input: { cmd: step.call.cmd } } });
  return {
    kind: 'json',
    body: { output: { message: { role: 'assistant', content } }, stopReason: step.call === undefined ? 'end_turn' : 'tool_use', usage: { inputTokens: 400, outputTokens: 60, totalTokens: 460 }, metrics: { latencyMs: 900 } },
  };
}

test('Bedrock Converse: a conversation from another dialect asks Opus 5.5 to drop stale thinking, in additionalModelRequestFields', async () => {
  const step = agentStep('anthropic', 1);
  bedrock.enqueue(converseReply(step), converseReply(agentStep('anthropic', 4)));
  const ask = { model: 'converse-opus55', include: ['reasoning.encrypted_content' as const], store: false, tools: responsesTools };
  const first = await responses().responses.create({ ...ask, input: 'List the files.' });
  const output = first.output as ResponseInputItem[];
  await responses().responses.create({
    ...ask,
    input: [{ role: 'user', content: 'List the files.' }, ...output, { type: 'function_call_output', call_id: step.call?.id ?? '', output: 'README.md' }],
  });
  assert.equal(bedrock.requests.length, 2);
  const body = bedrock.requests[1]!.body as { messages: Array<{ role: string; content: Json[] }>; additionalModelRequestFields?: Json };
  assert.ok(body.messages.find((message) => message.role === 'assistant')?.content[0]?.['reasoningContent'] !== undefined, 'Bedrock’s signed reasoning is replayed');
  assert.deepEqual(body.additionalModelRequestFields, { thinking: binding, anthropic_beta: ['thinking-binding-controls-2026-08-01'] });
  assert.equal((bedrock.requests[0]!.body as Json)['additionalModelRequestFields'], undefined, 'the first turn replayed nothing');
});

for (const [platform, model, upstream] of [
  ['Bedrock', 'bedrock-haiku', () => bedrock],
  ['Vertex AI', 'vertex-haiku', () => vertex],
] as const) {
  test(`${platform}: a 1-hour cache breakpoint goes as it is, without the beta Anthropic's API takes for it`, async () => {
    upstream().enqueue(anthropicReply(agentStep('anthropic', 4), false, ''));
    const answer = await anthropic().messages.create({
      model,
      max_tokens: 256,
      system: [{ type: 'text', text: 'You answer questions about a repository.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [{ role: 'user', content: 'What is in it?' }],
    });
    assert.equal(answer.content.find((block) => block.type === 'text')?.text, 'The repository has a README and a src folder.');
    const received = upstream().requests[0]!;
    const body = received.body as Json;
    assert.deepEqual((body['system'] as Json[])[0]?.['cache_control'], { type: 'ephemeral', ttl: '1h' });
    assert.equal(body['anthropic_beta'], undefined);
    assert.equal(received.headers['anthropic-beta'], undefined);
  });
}

for (const [platform, model, upstream] of [
  ['Bedrock', 'bedrock-haiku', () => bedrock],
  ['Vertex AI', 'vertex-haiku', () => vertex],
] as const) {
  test(`${platform}: an Anthropic caller's betas that ${platform} takes reach it; the others are reported, not sent`, async () => {
    upstream().enqueue(anthropicReply(agentStep('anthropic', 4), false, ''));
    const response = await fetch(`${setup.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'caller', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14, context-1m-2025-08-07' },
      body: JSON.stringify({ model, max_tokens: 256, messages: [{ role: 'user', content: 'What is in it?' }] }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const received = upstream().requests[0]!;
    const sent = platform === 'Bedrock' ? (received.body as Json)['anthropic_beta'] : received.headers['anthropic-beta'];
    assert.deepEqual(sent, platform === 'Bedrock' ? ['interleaved-thinking-2025-05-14', 'context-1m-2025-08-07'] : 'interleaved-thinking-2025-05-14,context-1m-2025-08-07');
    const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>;
    assert.deepEqual(
      warnings.filter((warning) => warning.feature === 'anthropic-beta').map((warning) => warning.message),
      [`Claude on ${platform} does not take the beta claude-code-20250219; it was left out.`],
    );
  });
}

test('Bedrock Converse: an Anthropic caller’s betas that Converse takes go into additionalModelRequestFields; the others are reported', async () => {
  bedrock.enqueue(converseReply(agentStep('anthropic', 4)));
  const response = await fetch(`${setup.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'caller', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,context-1m-2025-08-07' },
    body: JSON.stringify({ model: 'converse-haiku', max_tokens: 256, messages: [{ role: 'user', content: 'What is in it?' }] }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  assert.deepEqual((bedrock.requests[0]!.body as Json)['additionalModelRequestFields'], { anthropic_beta: ['context-1m-2025-08-07'] });
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>;
  assert.deepEqual(
    warnings.filter((warning) => warning.feature === 'anthropic-beta').map((warning) => warning.message),
    ['Claude on Bedrock Converse does not take the beta claude-code-20250219; it was left out.', 'Claude on Bedrock Converse does not take the beta interleaved-thinking-2025-05-14; it was left out.'],
  );
});

test('a caller of Vertex’s Claude route, read as Anthropic’s API, has its header’s betas reach Claude on Bedrock in anthropic_beta', async () => {
  bedrock.enqueue(anthropicReply(agentStep('anthropic', 4), false, ''));
  const response = await fetch(`${setup.url}/v1/projects/p/locations/us-east5/publishers/anthropic/models/bedrock-haiku:rawPredict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer caller', 'anthropic-beta': 'interleaved-thinking-2025-05-14,claude-code-20250219' },
    body: JSON.stringify({ anthropic_version: 'vertex-2023-10-16', max_tokens: 256, messages: [{ role: 'user', content: 'What is in it?' }] }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  assert.deepEqual((bedrock.requests[0]!.body as Json)['anthropic_beta'], ['interleaved-thinking-2025-05-14']);
});
