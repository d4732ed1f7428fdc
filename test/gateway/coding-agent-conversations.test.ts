/**
 * A coding agent's loop across dialects: tools declared, tool choice left to the model, thinking
 * on, three tool turns and a text answer. Each caller is the official SDK and sends back what it
 * received, as agents do (Codex keeps `response.output` items; a Gemini chat session keeps each
 * candidate's content; Claude Code keeps the message's content blocks). Every request the
 * upstream gets must be one its vendor takes: thinking stays on, and the signature it issued
 * comes back on the turn it signed, through the caller's own field for reasoning state.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { FunctionCallingConfigMode, GoogleGenAI, type Content, type GenerateContentResponse, type Part } from '@google/genai';
import type { ResponseInputItem, ResponseOutputItem } from 'openai/resources/responses/responses';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { agentStep, agentSteps, anthropicReply, chatReasoningModel, gemini3Model, geminiReply, openaiChatReply, shellTool, type AgentStep } from './support/agent-upstream-turns.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

type Json = Record<string, unknown>;
const task = 'Find out what is in this repository.';

function upstreamBodies(dialect: 'anthropic' | 'gemini' | 'openai-chat'): Json[] {
  return harness.upstreams[dialect].requests.map((request) => request.body as Json);
}

function warningsOf(headers: Headers): string[] {
  return (JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
}

/** Anthropic got every earlier step back: each assistant turn opens with the thinking block it signed, with thinking on. */
function assertAnthropicReplays(steps: AgentStep[]): void {
  const bodies = upstreamBodies('anthropic');
  assert.equal(bodies.length, agentSteps);
  bodies.forEach((body, index) => {
    assert.ok(body['thinking'] !== undefined && (body['thinking'] as Json)['type'] === 'enabled', `request ${index + 1} keeps thinking on`);
    assert.deepEqual((body['tool_choice'] as Json | undefined)?.['type'] ?? 'auto', 'auto');
    const assistants = (body['messages'] as Array<{ role: string; content: Json[] }>).filter((message) => message.role === 'assistant');
    assert.equal(assistants.length, index);
    assistants.forEach((message, turn) => {
      const step = steps[turn];
      assert.ok(step?.call !== undefined);
      assert.deepEqual(message.content[0], { type: 'thinking', thinking: step.thinking, signature: step.signature }, `request ${index + 1}, turn ${turn + 1}`);
      assert.deepEqual(message.content.at(-1), { type: 'tool_use', id: message.content.at(-1)?.['id'], name: 'shell', input: { cmd: step.call.cmd } });
    });
  });
}

const steps = (vendor: 'anthropic' | 'gemini') => Array.from({ length: agentSteps }, (_, index) => agentStep(vendor, index + 1));

for (const stream of [false, true]) {
  describe(stream ? 'streamed' : 'not streamed', () => {
    test('Responses caller (Codex-style, store off) → Anthropic: the signature travels as encrypted_content and comes back', async () => {
      const plan = steps('anthropic');
      harness.upstreams.anthropic.enqueue(...plan.map((step) => anthropicReply(step, stream)));
      const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
      const input: ResponseInputItem[] = [{ role: 'user', content: task }];
      const request = {
        model: modelFor('anthropic'),
        instructions: 'You are a coding agent.',
        reasoning: { effort: 'medium' as const, summary: 'auto' as const },
        include: ['reasoning.encrypted_content' as const],
        store: false,
        tool_choice: 'auto' as const,
        tools: [{ type: 'function' as const, name: shellTool.name, description: shellTool.description, strict: false, parameters: { type: 'object', properties: shellTool.properties, required: ['cmd'] } }],
      };
      for (const step of plan) {
        let output: ResponseOutputItem[];
        let headers: Headers;
        if (stream) {
          const { data, response } = await client.responses.create({ ...request, input, stream: true }).withResponse();
          let completed: ResponseOutputItem[] | undefined;
          for await (const event of data) if (event.type === 'response.completed') completed = event.response.output;
          assert.ok(completed !== undefined);
          output = completed;
          headers = response.headers;
        } else {
          const { data, response } = await client.responses.create({ ...request, input }).withResponse();
          output = data.output;
          headers = response.headers;
        }
        assert.ok(!warningsOf(headers).includes('reasoning.tool_turn'), `step ${step.step}: ${warningsOf(headers).join(', ')}`);
        const reasoning = output.find((item) => item.type === 'reasoning');
        assert.ok(reasoning?.type === 'reasoning' && typeof reasoning.encrypted_content === 'string' && reasoning.encrypted_content !== step.signature, `step ${step.step} carries the signature`);
        input.push(...(output as ResponseInputItem[]));
        for (const item of output) if (item.type === 'function_call') input.push({ type: 'function_call_output', call_id: item.call_id, output: `output of ${step.call?.cmd ?? ''}` });
      }
      assertAnthropicReplays(plan);
    });

    test('Gemini caller (chat session) → Anthropic: the signature travels as thoughtSignature and comes back', async () => {
      const plan = steps('anthropic');
      harness.upstreams.anthropic.enqueue(...plan.map((step) => anthropicReply(step, stream)));
      const client = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
      const chat = client.chats.create({
        model: modelFor('anthropic'),
        config: {
          systemInstruction: 'You are a coding agent.',
          thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 },
          tools: [{ functionDeclarations: [{ name: shellTool.name, description: shellTool.description, parametersJsonSchema: { type: 'object', properties: shellTool.properties, required: ['cmd'] } }] }],
          toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.AUTO } },
        },
      });
      let message: string | Part[] = task;
      for (const step of plan) {
        const parts: Part[] = [];
        if (stream) {
          for await (const chunk of await chat.sendMessageStream({ message })) parts.push(...candidateParts(chunk));
        } else {
          parts.push(...candidateParts(await chat.sendMessage({ message })));
        }
        assert.ok(parts.some((part) => part.thoughtSignature !== undefined && part.thoughtSignature !== step.signature), `step ${step.step} carries the signature`);
        const calls = parts.filter((part) => part.functionCall !== undefined);
        message = calls.map((part) => ({ functionResponse: { id: part.functionCall?.id, name: part.functionCall?.name, response: { output: `output of ${step.call?.cmd ?? ''}` } } }));
      }
      assertAnthropicReplays(plan);
    });

    test('Anthropic caller (Claude Code-style) → Gemini 3: the call signature travels in a thinking block and comes back on the call', async () => {
      const plan = steps('gemini');
      harness.upstreams.gemini.enqueue(...plan.map((step) => geminiReply(step, stream)));
      const messages = await runAnthropicCaller(gemini3Model, stream);
      assert.equal(messages.filter((message) => message.role === 'assistant').length, agentSteps);
      const bodies = upstreamBodies('gemini');
      assert.equal(bodies.length, agentSteps);
      bodies.forEach((body, index) => {
        const generation = body['generationConfig'] as Json | undefined;
        assert.ok((generation?.['thinkingConfig'] as Json | undefined) !== undefined, `request ${index + 1} keeps thinking on`);
        const models = (body['contents'] as Content[]).filter((content) => content.role === 'model');
        assert.equal(models.length, index);
        models.forEach((content, turn) => {
          const calls = (content.parts ?? []).filter((part) => part.functionCall !== undefined);
          assert.equal(calls.length, 1);
          assert.equal(calls[0]?.thoughtSignature, plan[turn]?.signature, `request ${index + 1}, turn ${turn + 1}: the call's own signature`);
          for (const part of content.parts ?? []) if (part.thoughtSignature !== undefined) assert.equal(part.thoughtSignature, plan[turn]?.signature);
        });
      });
    });

    test('Anthropic caller (Claude Code-style) → OpenAI Chat (a reasoning model): the tool loop completes with thinking on as an effort, tool results in order', async () => {
      const plan = Array.from({ length: agentSteps }, (_, index) => agentStep('gemini', index + 1));
      harness.upstreams['openai-chat'].enqueue(...plan.map((step) => openaiChatReply(step, stream)));
      await runAnthropicCaller(chatReasoningModel, stream);
      const bodies = upstreamBodies('openai-chat');
      assert.equal(bodies.length, agentSteps);
      bodies.forEach((body, index) => {
        const sent = body['messages'] as Json[];
        const calls = sent.filter((message) => message['role'] === 'assistant').map((message) => (message['tool_calls'] as Json[] | undefined)?.[0]?.['id']);
        const results = sent.filter((message) => message['role'] === 'tool').map((message) => message['tool_call_id']);
        assert.deepEqual(calls, plan.slice(0, index).map((step) => step.call?.id));
        assert.deepEqual(results, calls);
        assert.equal(body['reasoning_effort'], 'low', 'thinking stays on, as an effort');
        for (const message of sent) for (const forbidden of ['thinking', 'signature']) assert.equal(JSON.stringify(message).includes(`"${forbidden}"`), false);
      });
    });
  });
}

function candidateParts(response: GenerateContentResponse): Part[] {
  return response.candidates?.[0]?.content?.parts ?? [];
}

/** Claude Code's loop: send, keep the assistant's content blocks as received, answer each tool_use in order. */
async function runAnthropicCaller(model: string, stream: boolean): Promise<Anthropic.MessageParam[]> {
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: task }];
  const request = {
    model,
    max_tokens: 8192,
    system: 'You are a coding agent.',
    thinking: { type: 'enabled' as const, budget_tokens: 2048 },
    tool_choice: { type: 'auto' as const },
    tools: [{ name: shellTool.name, description: shellTool.description, input_schema: { type: 'object' as const, properties: shellTool.properties, required: ['cmd'] } }],
  };
  for (let step = 1; step <= agentSteps; step += 1) {
    const answer = stream ? await client.messages.stream({ ...request, messages }).finalMessage() : await client.messages.create({ ...request, messages });
    messages.push({ role: 'assistant', content: answer.content });
    const uses = answer.content.filter((block) => block.type === 'tool_use');
    if (uses.length === 0) break;
    messages.push({ role: 'user', content: uses.map((use) => ({ type: 'tool_result' as const, tool_use_id: use.id, content: `output of ${JSON.stringify(use.input)}` })) });
  }
  return messages;
}
