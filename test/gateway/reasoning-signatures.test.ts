/**
 * Reasoning signatures across dialects, through the official SDKs: a signature reaches a caller
 * of another dialect in that dialect's own field for reasoning state (core/signature-envelope.ts),
 * comes back to the vendor that issued it, and is never sent to a vendor that would refuse it.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type Part } from '@google/genai';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { agentStep, anthropicReply, gemini3Model, geminiReply, shellTool } from './support/agent-upstream-turns.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

type Json = Record<string, unknown>;
const responsesTools = [{ type: 'function' as const, name: shellTool.name, description: shellTool.description, strict: false, parameters: { type: 'object', properties: shellTool.properties } }];
const geminiTools = [{ functionDeclarations: [{ name: shellTool.name, description: shellTool.description, parametersJsonSchema: { type: 'object', properties: shellTool.properties } }] }];
const anthropicTools = [{ name: shellTool.name, description: shellTool.description, input_schema: { type: 'object' as const, properties: shellTool.properties } }];

function lastBody(dialect: 'anthropic' | 'gemini' | 'openai-responses'): Json {
  const body = harness.upstreams[dialect].requests.at(-1)?.body;
  assert.ok(body !== undefined, `${dialect} received a request`);
  return body as Json;
}

function responsesClient(): OpenAI {
  return new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
}

/** A Responses caller's first turn against Anthropic, answered with `reply`; its output items as the caller keeps them. */
async function responsesFirstTurn(reply: Parameters<typeof harness.upstreams.anthropic.enqueue>[0], include = true): Promise<ResponseInputItem[]> {
  harness.upstreams.anthropic.enqueue(reply);
  const response = await responsesClient().responses.create({
    model: modelFor('anthropic'),
    reasoning: { effort: 'medium' },
    ...(include ? { include: ['reasoning.encrypted_content' as const], store: false } : {}),
    tools: responsesTools,
    input: 'List the files.',
  });
  return response.output as ResponseInputItem[];
}

test('a signature-only thinking block reaches a Responses caller as encrypted_content and comes back to Anthropic intact', async () => {
  const step = agentStep('anthropic', 1);
  const output = await responsesFirstTurn(anthropicReply(step, false, ''));
  const reasoning = output.find((item) => item.type === 'reasoning');
  assert.ok(reasoning?.type === 'reasoning' && typeof reasoning.encrypted_content === 'string');
  assert.deepEqual(reasoning.summary, []);
  harness.upstreams.anthropic.enqueue(anthropicReply(agentStep('anthropic', 4), false));
  await responsesClient().responses.create({
    model: modelFor('anthropic'),
    reasoning: { effort: 'medium' },
    include: ['reasoning.encrypted_content'],
    store: false,
    tools: responsesTools,
    input: [{ role: 'user', content: 'List the files.' }, ...output, { type: 'function_call_output', call_id: step.call?.id ?? '', output: 'README.md' }],
  });
  const body = lastBody('anthropic');
  assert.equal((body['thinking'] as Json | undefined)?.['type'], 'enabled');
  const assistant = (body['messages'] as Array<{ role: string; content: Json[] }>).find((message) => message.role === 'assistant');
  assert.deepEqual(assistant?.content[0], { type: 'thinking', thinking: '', signature: step.signature });
});

test('redacted thinking reaches a Responses caller and comes back to Anthropic as redacted_thinking', async () => {
  const step = agentStep('anthropic', 1);
  const reply = anthropicReply(step, false);
  assert.ok(reply.kind === 'json');
  const body = reply.body as { content: Json[] };
  body.content.unshift({ type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw' });
  const output = await responsesFirstTurn(reply);
  assert.equal(output.filter((item) => item.type === 'reasoning').length, 2);
  harness.upstreams.anthropic.enqueue(anthropicReply(agentStep('anthropic', 4), false));
  await responsesClient().responses.create({
    model: modelFor('anthropic'),
    reasoning: { effort: 'medium' },
    store: false,
    tools: responsesTools,
    input: [{ role: 'user', content: 'List the files.' }, ...output, { type: 'function_call_output', call_id: step.call?.id ?? '', output: 'README.md' }],
  });
  const assistant = (lastBody('anthropic')['messages'] as Array<{ role: string; content: Json[] }>).find((message) => message.role === 'assistant');
  assert.deepEqual(assistant?.content.slice(0, 2), [
    { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw' },
    { type: 'thinking', thinking: step.thinking, signature: step.signature },
  ]);
});

test('a Responses caller that asked for no encrypted content (store on) gets none, as from OpenAI', async () => {
  const output = await responsesFirstTurn(anthropicReply(agentStep('anthropic', 1), false), false);
  const reasoning = output.find((item) => item.type === 'reasoning');
  assert.ok(reasoning?.type === 'reasoning');
  assert.equal(reasoning.encrypted_content, undefined);
});

test("an Anthropic signature carried by a Responses caller is not sent to Gemini or OpenAI, which would refuse it", async () => {
  const step = agentStep('anthropic', 1);
  const output = await responsesFirstTurn(anthropicReply(step, false));
  const input: ResponseInputItem[] = [{ role: 'user', content: 'List the files.' }, ...output, { type: 'function_call_output', call_id: step.call?.id ?? '', output: 'README.md' }];
  harness.upstreams.gemini.enqueue(geminiReply(agentStep('gemini', 4), false));
  harness.upstreams['openai-responses'].enqueue({
    kind: 'json',
    body: { id: 'resp_1', object: 'response', created_at: 1, status: 'completed', model: 'gpt-5', output: [{ id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Done.', annotations: [] }] }], usage: { input_tokens: 10, output_tokens: 2, total_tokens: 12 } },
  });
  for (const dialect of ['gemini', 'openai-responses'] as const) {
    await responsesClient().responses.create({ model: modelFor(dialect), reasoning: { effort: 'medium' }, include: ['reasoning.encrypted_content'], store: false, tools: responsesTools, input });
    const sent = JSON.stringify(lastBody(dialect));
    assert.equal(sent.includes(step.signature), false, `${dialect} got the raw signature`);
    const reasoning = output.find((item) => item.type === 'reasoning');
    assert.ok(reasoning?.type === 'reasoning' && typeof reasoning.encrypted_content === 'string');
    assert.equal(sent.includes(reasoning.encrypted_content), false, `${dialect} got the envelope`);
  }
  assert.equal(/thoughtSignature/.test(JSON.stringify(lastBody('gemini'))), false);
});

test('a Gemini signature carried by an Anthropic caller is not sent to Anthropic: thinking goes off for that turn, with a warning', async () => {
  const step = agentStep('gemini', 1);
  harness.upstreams.gemini.enqueue(geminiReply(step, false));
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const request = { max_tokens: 4096, thinking: { type: 'enabled' as const, budget_tokens: 2048 }, tools: anthropicTools };
  const first = await client.messages.create({ ...request, model: modelFor('gemini'), messages: [{ role: 'user', content: 'List the files.' }] });
  const carrier = first.content.find((block) => block.type === 'thinking' && block.signature !== '');
  assert.ok(carrier !== undefined, 'the call signature reaches the caller in a thinking block');
  const use = first.content.find((block) => block.type === 'tool_use');
  assert.ok(use?.type === 'tool_use');
  harness.upstreams.anthropic.enqueue(anthropicReply(agentStep('anthropic', 4), false));
  const { response } = await client.messages
    .create({
      ...request,
      model: modelFor('anthropic'),
      messages: [
        { role: 'user', content: 'List the files.' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'README.md' }] },
      ],
    })
    .withResponse();
  const body = lastBody('anthropic');
  assert.equal(body['thinking'], undefined);
  assert.equal(JSON.stringify(body).includes('"signature"'), false);
  const warnings = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
  assert.ok(warnings.includes('reasoning.tool_turn'), warnings.join(', '));
});

for (const includeThoughts of [true, false]) {
  // Thoughts asked for: the signature on an empty thought part; not asked for: on the call itself, as Gemini places it.
  test(`a signature-only thinking block reaches a Gemini caller ${includeThoughts ? 'as a thought part' : 'on its call, thoughts not asked for,'} and comes back to Anthropic intact`, async () => {
    const step = agentStep('anthropic', 1);
    harness.upstreams.anthropic.enqueue(anthropicReply(step, false, ''), anthropicReply(agentStep('anthropic', 4), false));
    const client = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
    const chat = client.chats.create({ model: modelFor('anthropic'), config: { thinkingConfig: { thinkingBudget: 2048, includeThoughts }, tools: geminiTools } });
    const first = await chat.sendMessage({ message: 'List the files.' });
    const parts: Part[] = first.candidates?.[0]?.content?.parts ?? [];
    if (includeThoughts) assert.ok(parts.some((part) => part.thought === true && part.text === '' && typeof part.thoughtSignature === 'string'), JSON.stringify(parts));
    else assert.ok(parts.every((part) => part.thought !== true) && parts.some((part) => part.functionCall !== undefined && typeof part.thoughtSignature === 'string'), JSON.stringify(parts));
    const call = parts.find((part) => part.functionCall !== undefined)?.functionCall;
    await chat.sendMessage({ message: [{ functionResponse: { id: call?.id, name: 'shell', response: { output: 'README.md' } } }] });
    const assistant = (lastBody('anthropic')['messages'] as Array<{ role: string; content: Json[] }>).find((message) => message.role === 'assistant');
    assert.deepEqual(assistant?.content[0], { type: 'thinking', thinking: '', signature: step.signature });
    assert.equal((lastBody('anthropic')['thinking'] as Json | undefined)?.['type'], 'enabled');
  });
}

for (const stream of [false, true]) {
  test(`an OpenAI Chat caller gets the signature in reasoning_details and it comes back to Anthropic intact (${stream ? 'streamed' : 'not streamed'})`, async () => {
    const step = agentStep('anthropic', 1);
    harness.upstreams.anthropic.enqueue(anthropicReply(step, stream), anthropicReply(agentStep('anthropic', 4), false));
    const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
    const request = {
      model: modelFor('anthropic'),
      reasoning_effort: 'medium' as const,
      tool_choice: 'auto' as const,
      tools: [{ type: 'function' as const, function: { name: shellTool.name, description: shellTool.description, parameters: { type: 'object', properties: shellTool.properties } } }],
    };
    const question = { role: 'user' as const, content: 'List the files.' };
    // What an OpenRouter-aware client keeps: the message, with reasoning_details as received (deltas appended in order).
    let assistant: Json;
    if (stream) {
      const chunks = await client.chat.completions.create({ ...request, messages: [question], stream: true });
      const details: unknown[] = [];
      const calls: Json[] = [];
      let reasoning = '';
      for await (const chunk of chunks) {
        const delta = (chunk.choices[0]?.delta ?? {}) as Json & { tool_calls?: Array<{ index: number; id?: string; function?: { name?: string; arguments?: string } }> };
        if (Array.isArray(delta['reasoning_details'])) details.push(...(delta['reasoning_details'] as unknown[]));
        if (typeof delta['reasoning_content'] === 'string') reasoning += delta['reasoning_content'];
        for (const call of delta.tool_calls ?? []) {
          const open = (calls[call.index] ??= { id: call.id, type: 'function', function: { name: call.function?.name ?? '', arguments: '' } });
          (open['function'] as { arguments: string }).arguments += call.function?.arguments ?? '';
        }
      }
      assistant = { role: 'assistant', content: null, reasoning_content: reasoning, reasoning_details: details, tool_calls: calls };
    } else {
      const completion = await client.chat.completions.create({ ...request, messages: [question] });
      assistant = completion.choices[0]?.message as unknown as Json;
    }
    const details = assistant['reasoning_details'] as Json[] | undefined;
    assert.equal(details?.length, 1, JSON.stringify(assistant));
    assert.notEqual(details?.[0]?.['signature'], step.signature);
    const callId = (assistant['tool_calls'] as Array<{ id: string }>)[0]?.id ?? '';
    await client.chat.completions.create({
      ...request,
      messages: [question, assistant as unknown as OpenAI.ChatCompletionAssistantMessageParam, { role: 'tool', tool_call_id: callId, content: 'README.md' }],
    });
    const body = lastBody('anthropic');
    assert.equal((body['thinking'] as Json | undefined)?.['type'], 'enabled');
    const replayed = (body['messages'] as Array<{ role: string; content: Json[] }>).find((message) => message.role === 'assistant');
    assert.deepEqual(replayed?.content[0], { type: 'thinking', thinking: step.thinking, signature: step.signature });
  });
}

test('a call Gemini did not make reaches Gemini 3 with Google\'s stand-in signature and a warning, never with Anthropic\'s', async () => {
  const step = agentStep('anthropic', 1);
  harness.upstreams.gemini.enqueue(geminiReply(agentStep('gemini', 4), false));
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages
    .create({
      model: gemini3Model,
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tools: anthropicTools,
      messages: [
        { role: 'user', content: 'List the files.' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: step.thinking, signature: step.signature }, { type: 'tool_use', id: 'toolu_01', name: 'shell', input: { cmd: 'ls' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: 'README.md' }] },
      ],
    })
    .withResponse();
  const sent = lastBody('gemini');
  assert.equal(JSON.stringify(sent).includes(step.signature), false);
  const model = (sent['contents'] as Array<{ role: string; parts: Json[] }>).find((content) => content.role === 'model');
  // https://ai.google.dev/gemini-api/docs/thought-signatures (FAQ): the documented dummy value.
  assert.deepEqual(model?.parts, [{ functionCall: { name: 'shell', args: { cmd: 'ls' }, id: 'toolu_01' }, thoughtSignature: 'skip_thought_signature_validator' }]);
  const warnings = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
  assert.ok(warnings.includes('thought_signature'), warnings.join(', '));
});

test('OpenAI reasoning reaches an Anthropic caller as a signed thinking block and comes back to OpenAI as its encrypted_content', async () => {
  const encrypted = 'gAAAAABpPMlcH0HHEv5_ozHwP5Gxz5ZLE7A8Aw7GK94sa1KWHqXLrAch29KZ';
  const call = { type: 'function_call', id: 'fc_1', call_id: 'call_ls', name: shellTool.name, arguments: '{"cmd":"ls"}', status: 'completed' };
  // Shaped as test/fixtures/recorded/openai-responses/response-reasoning-encrypted-content.json.
  const answer = (output: Json[]) => ({
    kind: 'json' as const,
    body: { id: 'resp_1', object: 'response', created_at: 1765591383, status: 'completed', model: 'gpt-5', output, usage: { input_tokens: 20, output_tokens: 30, total_tokens: 50 } },
  });
  harness.upstreams['openai-responses'].enqueue(answer([{ id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Listing first.' }], encrypted_content: encrypted }, call]));
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const ask = { model: modelFor('openai-responses'), max_tokens: 4000, thinking: { type: 'enabled' as const, budget_tokens: 2000 }, tools: anthropicTools };
  const first = await client.messages.create({ ...ask, messages: [{ role: 'user', content: 'List the files.' }] });
  assert.equal(lastBody('openai-responses')['store'], false);
  assert.deepEqual(lastBody('openai-responses')['include'], ['reasoning.encrypted_content'], 'the gateway asks OpenAI for the reasoning state');
  const thinking = first.content[0];
  assert.ok(thinking?.type === 'thinking' && thinking.signature !== encrypted && thinking.signature.length > 0, 'the state travels in the thinking block, wrapped');

  harness.upstreams['openai-responses'].enqueue(answer([{ id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'README.md', annotations: [] }] }]));
  const toolUse = first.content.find((block) => block.type === 'tool_use');
  assert.ok(toolUse?.type === 'tool_use');
  await client.messages.create({
    ...ask,
    messages: [
      { role: 'user', content: 'List the files.' },
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'README.md' }] },
    ],
  });
  const input = lastBody('openai-responses')['input'] as Json[];
  const reasoning = input.find((item) => item['type'] === 'reasoning');
  assert.equal(reasoning?.['encrypted_content'], encrypted, 'OpenAI gets its own state back, unwrapped');
  assert.equal(input[input.indexOf(reasoning!) + 1]?.['type'], 'function_call', 'followed by the call it led to');
});
