/**
 * The InvokeModel judge reads Claude's body as Anthropic's (docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html):
 * Anthropic's request, content, tool and cache rules apply to it as on Vertex, and its betas come in the
 * body's `anthropic_beta` (@anthropic-ai/bedrock-sdk moves the `anthropic-beta` header there), where the
 * interleaved-thinking beta lifts the budget's limit below max_tokens (docs.claude.com extended-thinking,
 * "interleaved thinking"). Recorded InvokeModel requests that Bedrock served still pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';
import { readFixtureJson } from '../support/fixtures.js';

const model = 'anthropic.claude-sonnet-4-20250514-v1:0';
const headers = { authorization: 'Bearer bedrock-api-key-test' };
const invoke = (body: unknown, modelId = model) => judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(modelId)}/invoke`, headers, body });
const base = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 4000 };

test('the interleaved-thinking beta in the body lets the budget exceed max_tokens on InvokeModel', () => {
  const body = { ...base, thinking: { type: 'enabled', budget_tokens: 6000 }, tools: [{ name: 'f', input_schema: { type: 'object' } }], messages: [{ role: 'user', content: 'a' }] };
  assert.equal(invoke({ ...body, anthropic_beta: ['interleaved-thinking-2025-05-14'] }), undefined);
  assert.equal(invoke(body)?.rule, 'bedrock.invoke.anthropic.thinking.budget-below-max-tokens');
  // On Anthropic's API the beta is a header, and the body's list is not where it reads betas.
  const anthropicBody = { model: 'claude-sonnet-4-20250514', max_tokens: 4000, thinking: body.thinking, messages: body.messages };
  const anthropic = (betaHeader?: string) =>
    judgeRequest({ method: 'POST', url: '/v1/messages', headers: { 'anthropic-version': '2023-06-01', ...(betaHeader === undefined ? {} : { 'anthropic-beta': betaHeader }) }, body: anthropicBody });
  assert.equal(anthropic('interleaved-thinking-2025-05-14'), undefined);
  assert.equal(anthropic()?.rule, 'anthropic.thinking.budget-below-max-tokens');
});

test("Anthropic's request, content, tool and cache rules judge Claude's InvokeModel body", () => {
  const messages = [{ role: 'user', content: 'hi' }];
  assert.equal(invoke({ ...base, system: ' ', messages })?.rule, 'bedrock.invoke.anthropic.system.non-whitespace');
  assert.equal(invoke({ ...base, messages: [...messages, { role: 'system', content: 'x' }] })?.rule, 'bedrock.invoke.anthropic.messages.system-role');
  assert.equal(invoke({ ...base, temperature: 1.5, messages })?.rule, 'bedrock.invoke.anthropic.temperature.range');
  assert.equal(invoke({ ...base, tools: [{ name: 'a b', input_schema: { type: 'object' } }], messages })?.rule, 'bedrock.invoke.anthropic.tools.name-pattern');
  assert.equal(invoke({ ...base, tool_choice: { type: 'tool', name: 'f' }, tools: [{ name: 'g', input_schema: { type: 'object' } }], messages })?.rule, 'bedrock.invoke.anthropic.tool_choice.declared-tool');
  const cached = { type: 'text', text: 'x', cache_control: { type: 'ephemeral' } };
  assert.equal(invoke({ ...base, messages: [{ role: 'user', content: [cached, cached, cached, cached, cached] }] })?.rule, 'bedrock.invoke.anthropic.cache_control.max-breakpoints');
  // A prefill beside tools keeps Bedrock's own recorded words (bedrock.model.claude-tools-no-prefill).
  const prefill = { ...base, tools: [{ name: 'f', input_schema: { type: 'object' } }], messages: [...messages, { role: 'assistant', content: 'I will' }] };
  assert.equal(invoke(prefill)?.rule, 'bedrock.model.claude-tools-no-prefill');
  // Not a Claude model: not judged by Claude's rules.
  assert.equal(invoke({ ...base, system: ' ', messages }, 'amazon.titan-text-express-v1'), undefined);
});

test('recorded InvokeModel requests that Bedrock served pass the judge', () => {
  const recorded: Array<[string, string, string]> = [
    ['bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.request.json', 'us.anthropic.claude-3-haiku-20240307-v1:0', 'invoke-with-response-stream'],
    ['bedrock/fantasy-invoke-stream-claude3haiku-tool.i1.request.json', 'us.anthropic.claude-3-haiku-20240307-v1:0', 'invoke-with-response-stream'],
    ['bedrock/mirascope-invoke-claude-haiku45-parallel-tools.i0.request.json', 'us.anthropic.claude-haiku-4-5-20251001-v1:0', 'invoke'],
    ['bedrock/mirascope-invoke-claude-haiku45-parallel-tools.i1.request.json', 'us.anthropic.claude-haiku-4-5-20251001-v1:0', 'invoke'],
  ];
  for (const [name, modelId, operation] of recorded) {
    const refused = judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(modelId)}/${operation}`, headers, body: readFixtureJson(name) });
    assert.equal(refused, undefined, `${name}: ${refused?.rule} ${refused?.message}`);
  }
});
