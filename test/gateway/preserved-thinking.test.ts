/**
 * Claude models with preserved thinking (Opus 5.5, Sonnet 5.5, Haiku 5.5, Fable and Mythos 5.1
 * and 5.2) refuse a replayed thinking block whose prefix changed, unless asked to drop it
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking). A conversation the
 * gateway writes from another dialect asks for the drop; an Anthropic caller's own stays as sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { agentStep, anthropicReply, shellTool } from './support/agent-upstream-turns.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { an: { dialect: 'anthropic', baseUrl: upstreamUrl, apiKey: 'sk-ant-test' } },
  models: { opus55: [{ provider: 'an', model: 'claude-opus-5-5' }], opus5: [{ provider: 'an', model: 'claude-opus-5' }] },
  retry: { attempts: 1 },
}));

type Json = Record<string, unknown>;
const responsesTools = [{ type: 'function' as const, name: shellTool.name, description: shellTool.description, strict: false, parameters: { type: 'object', properties: shellTool.properties } }];
const responses = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

/** A Responses caller's two turns: the first answered with a signed thinking block and a call, the second replaying them. */
async function twoTurns(model: string): Promise<{ body: Json; beta: string }> {
  const step = agentStep('anthropic', 1);
  setup.upstream.enqueue(anthropicReply(step, false), anthropicReply(agentStep('anthropic', 4), false));
  const ask = { model, include: ['reasoning.encrypted_content' as const], store: false, tools: responsesTools };
  const first = await responses().responses.create({ ...ask, input: 'List the files.' });
  const output = first.output as ResponseInputItem[];
  assert.ok(output.some((item) => item.type === 'reasoning'), 'the caller holds the signed thinking');
  await responses().responses.create({
    ...ask,
    input: [{ role: 'user', content: 'List the files.' }, ...output, { type: 'function_call_output', call_id: step.call?.id ?? '', output: 'README.md' }],
  });
  const second = setup.upstream.requests[1]!;
  return { body: second.body as Json, beta: String(second.headers['anthropic-beta'] ?? '') };
}

test('a conversation written from another dialect asks Opus 5.5 to drop a thinking block whose prefix changed, with the beta header', async () => {
  const { body, beta } = await twoTurns('opus55');
  const assistant = (body['messages'] as Array<{ role: string; content: Json[] }>).find((message) => message.role === 'assistant');
  assert.equal(assistant?.content[0]?.['type'], 'thinking', 'the thinking block is replayed');
  assert.deepEqual(body['thinking'], { type: 'adaptive', block_binding: { prefix_mismatch_behavior: 'drop_block' } });
  assert.ok(beta.split(',').includes('thinking-binding-controls-2026-08-01'), beta);
  // The first turn replayed no thinking: nothing was asked.
  assert.equal((setup.upstream.requests[0]?.body as Json)['thinking'], undefined);
});

test('Opus 5, which has no preserved thinking, gets no block binding', async () => {
  const { body, beta } = await twoTurns('opus5');
  assert.equal((body['thinking'] as Json | undefined)?.['block_binding'], undefined);
  assert.ok(!beta.includes('thinking-binding-controls'));
});

test("an Anthropic caller's own conversation goes as it sent it", async () => {
  const step = agentStep('anthropic', 1);
  setup.upstream.enqueue(anthropicReply(agentStep('anthropic', 4), false));
  const anthropic = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  await anthropic.messages.create({
    model: 'opus55',
    max_tokens: 2000,
    tools: [{ name: shellTool.name, description: shellTool.description, input_schema: { type: 'object', properties: shellTool.properties } }],
    messages: [
      { role: 'user', content: 'List the files.' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: step.thinking, signature: step.signature },
          { type: 'tool_use', id: step.call?.id ?? 'toolu_1', name: shellTool.name, input: { cmd: step.call?.cmd ?? 'ls' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: step.call?.id ?? 'toolu_1', content: 'README.md' }] },
    ],
  });
  const body = setup.upstream.requests[0]?.body as Json;
  assert.equal(body['thinking'], undefined);
  assert.ok(!String(setup.upstream.requests[0]?.headers['anthropic-beta'] ?? '').includes('thinking-binding-controls'));
});
