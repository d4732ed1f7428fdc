/**
 * An OpenAI Chat caller hands a turn's reasoning back in two fields: its text in
 * `reasoning_content`, and the signatures of other vendors in `reasoning_details`
 * (openai-chat/reasoning-details.ts). A Gemini answer has both: thought text Gemini did not sign,
 * and the call's signature, which covers no text. When the next step goes to DeepSeek, whose
 * thinking mode wants the reasoning of tool-call turns back ("the reasoning_content must be fully
 * passed back to the API in all subsequent requests",
 * https://api-docs.deepseek.com/guides/thinking_mode#tool-calls), the thought text goes with the
 * turn, and the signature still goes back onto the call when the step after returns to Gemini.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { agentStep, geminiReply, openaiChatReply, shellTool } from './support/agent-upstream-turns.js';

// DeepSeek's path is OpenAI's, so its judge is named; Gemini's is known by its path.
const setup = gatewayOverOneUpstream(
  (baseUrl) => ({
    providers: {
      ds: { dialect: 'deepseek', baseUrl, apiKey: 'sk-deepseek' },
      ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-key' },
    },
    models: {
      gemini: [{ provider: 'ge', model: 'gemini-3-flash-preview' }],
      deepseek: [{ provider: 'ds', model: 'deepseek-v4-pro' }],
    },
    retry: { attempts: 0 },
  }),
  { vendor: (request) => (request.url === '/chat/completions' ? 'deepseek' : undefined) },
);
const { upstream } = setup;

const tools = [{ type: 'function' as const, function: { name: shellTool.name, description: shellTool.description, parameters: { type: 'object', properties: shellTool.properties } } }];

type WireMessage = { role: string; reasoning_content?: unknown; tool_calls?: unknown[] };
type WirePart = { functionCall?: unknown; thoughtSignature?: unknown };

for (const stream of [false, true]) {
  test(`Gemini's thought text reaches DeepSeek with its tool-call turn, and its call signature reaches Gemini again (${stream ? 'streamed' : 'not streamed'})`, async () => {
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'List the files.' }];
    const ask = async (model: string) => {
      const request = { model, reasoning_effort: 'medium' as const, tools, messages };
      const message = stream ? (await client.chat.completions.stream(request).finalChatCompletion()).choices[0]!.message : (await client.chat.completions.create(request)).choices[0]!.message;
      messages.push(message as ChatCompletionMessageParam);
      const call = message.tool_calls?.[0];
      if (call !== undefined) messages.push({ role: 'tool', tool_call_id: call.id, content: 'README.md' });
    };

    const first = agentStep('gemini', 1);
    upstream.enqueue(geminiReply(first, stream));
    await ask('gemini');
    upstream.enqueue(openaiChatReply(agentStep('gemini', 2), stream));
    await ask('deepseek');
    const sentToDeepSeek = upstream.requests.at(-1)?.body as { messages: WireMessage[] };
    const geminiTurn = sentToDeepSeek.messages.find((message) => message.role === 'assistant');
    assert.equal(geminiTurn?.reasoning_content, first.thinking, 'the thought text goes back with its tool-call turn');

    upstream.enqueue(geminiReply(agentStep('gemini', 4), false));
    await ask('gemini');
    const sentToGemini = upstream.requests.at(-1)?.body as { contents: Array<{ role: string; parts: WirePart[] }> };
    const call = sentToGemini.contents.find((content) => content.role === 'model')?.parts.find((part) => part.functionCall !== undefined);
    assert.equal(call?.thoughtSignature, first.signature, 'the call signature is back on its call');
    assert.deepEqual(upstream.takeRefusals(), []);
  });
}
