/**
 * A Gemini caller answered by Claude with thinking and a tool call: the envelope holding Claude's
 * signature (src/dialects/gemini/call-signature.ts) goes on the `functionCall` part, where Gemini
 * puts a call's signature ("Single function call: The functionCall part will contain the
 * thought_signature", https://ai.google.dev/gemini-api/docs/thought-signatures). Gemini CLI keeps
 * only the parts that are not thoughts (packages/core/src/core/geminiChat.ts,
 * `processStreamResponse`), so a signature on a thought part alone never came back, and the tool
 * loop's next request reached Anthropic with thinking off (src/dialects/anthropic/thinking-turns.ts).
 * Callers are the official @google/genai SDK; the second turn's history is written as Gemini CLI
 * writes it, or kept whole by the SDK's chat.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI, type Content, type GenerateContentResponse, type Part } from '@google/genai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { agentStep, anthropicReply, shellTool } from './support/agent-upstream-turns.js';
import type { UpstreamReply } from '../support/test-upstream.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

type Json = Record<string, unknown>;
const step = agentStep('anthropic', 1);
const preamble = 'Let me list the files.';
const config = {
  thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
  tools: [{ functionDeclarations: [{ name: shellTool.name, description: shellTool.description, parametersJsonSchema: { type: 'object', properties: shellTool.properties } }] }],
};
const question: Content = { role: 'user', parts: [{ text: 'List the files.' }] };

function client(): GoogleGenAI {
  return new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
}

/**
 * Claude's step as Anthropic streams it: a signed thinking block, a sentence of text, then the
 * tool call (the shape of fixture anthropic/fantasy-sonnet4-thinking-streaming.i0.response.sse,
 * with text before the call as Claude often writes it).
 */
function claudeStreamWithText(): UpstreamReply {
  const call = step.call ?? { id: 'toolu_01', cmd: 'ls' };
  const events: Json[] = [
    { type: 'message_start', message: { model: 'claude-sonnet-4-20250514', id: 'msg_step1', type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 450, output_tokens: 5 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: step.thinking } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: step.signature } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: preamble } },
    { type: 'content_block_stop', index: 1 },
    { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: call.id, name: 'shell', input: {} } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: JSON.stringify({ cmd: call.cmd }) } },
    { type: 'content_block_stop', index: 2 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 60 } },
    { type: 'message_stop' },
  ];
  return { kind: 'stream', text: events.map((data) => `event: ${String(data['type'])}\ndata: ${JSON.stringify(data)}\n\n`).join('') };
}

/**
 * What Gemini CLI keeps of an answer for its history (geminiChat.ts `processStreamResponse`): the
 * parts of each valid chunk (no empty part, no empty text that is not a thought) that are not
 * thoughts, with neighbouring text parts joined into one.
 */
function geminiCliKeeps(chunks: readonly GenerateContentResponse[]): Part[] {
  const kept: Part[] = [];
  for (const chunk of chunks) {
    const parts = chunk.candidates?.[0]?.content?.parts ?? [];
    const valid = parts.length > 0 && parts.every((part) => Object.keys(part).length > 0 && (part.thought === true || part.text !== ''));
    if (valid) kept.push(...parts.filter((part) => part.thought !== true));
  }
  const joined: Part[] = [];
  for (const part of kept) {
    const last = joined.at(-1);
    const plainText = (candidate: Part | undefined) => typeof candidate?.text === 'string' && candidate.functionCall === undefined;
    if (last?.text && plainText(last) && plainText(part)) last.text += part.text ?? '';
    else joined.push({ ...part });
  }
  return joined;
}

/** The next step of the loop, as Gemini CLI sends it: the history it kept, then the call's result. */
async function sendToolResult(model: Part[]): Promise<void> {
  const call = model.find((part) => part.functionCall !== undefined)?.functionCall;
  assert.ok(call !== undefined, JSON.stringify(model));
  harness.upstreams.anthropic.enqueue(anthropicReply(agentStep('anthropic', 4), true));
  const stream = await client().models.generateContentStream({
    model: modelFor('anthropic'),
    config,
    contents: [question, { role: 'model', parts: model }, { role: 'user', parts: [{ functionResponse: { id: call.id, name: call.name, response: { output: 'README.md\nsrc' } } }] }],
  });
  for await (const chunk of stream) assert.ok(chunk);
}

/** The last request Anthropic received: thinking still on, and the tool loop's assistant turn opening with Claude's own signed block. */
function assertThinkingKept(thinking = step.thinking): void {
  const body = harness.upstreams.anthropic.requests.at(-1)?.body as Json | undefined;
  assert.ok(body !== undefined, 'Anthropic received the next step');
  assert.equal((body['thinking'] as Json | undefined)?.['type'], 'enabled', JSON.stringify(body));
  const assistant = (body['messages'] as Array<{ role: string; content: Json[] }>).find((message) => message.role === 'assistant');
  assert.deepEqual(assistant?.content[0], { type: 'thinking', thinking, signature: step.signature });
  assert.equal(assistant?.content.filter((block) => block['type'] === 'thinking').length, 1, JSON.stringify(assistant));
  assert.ok(assistant?.content.some((block) => block['type'] === 'tool_use'), JSON.stringify(assistant));
}

function signedCall(parts: readonly Part[]): Part | undefined {
  return parts.find((part) => part.functionCall !== undefined && typeof part.thoughtSignature === 'string');
}

test('streamed (thinking, text, call): the signature is on the functionCall part, and Gemini CLI\'s history keeps thinking on', async () => {
  harness.upstreams.anthropic.enqueue(claudeStreamWithText());
  const chunks: GenerateContentResponse[] = [];
  for await (const chunk of await client().models.generateContentStream({ model: modelFor('anthropic'), config, contents: [question] })) chunks.push(chunk);
  const kept = geminiCliKeeps(chunks);
  assert.ok(kept.every((part) => part.thought !== true));
  assert.ok(signedCall(kept) !== undefined, JSON.stringify(kept));
  assert.equal(kept.find((part) => part.text !== undefined)?.text, preamble);
  await sendToolResult(kept);
  assertThinkingKept();
});

test('not streamed: the signature is on the functionCall part, and Gemini CLI\'s history keeps thinking on', async () => {
  harness.upstreams.anthropic.enqueue(anthropicReply(step, false));
  const answer = await client().models.generateContent({ model: modelFor('anthropic'), config, contents: [question] });
  const parts = answer.candidates?.[0]?.content?.parts ?? [];
  assert.ok(signedCall(parts) !== undefined, JSON.stringify(parts));
  // The thought part stays for clients that keep it (reasoning-signatures.test.ts).
  assert.ok(parts.some((part) => part.thought === true && typeof part.thoughtSignature === 'string'), JSON.stringify(parts));
  await sendToolResult(parts.filter((part) => part.thought !== true));
  assertThinkingKept();
});

test('streamed to the SDK\'s chat, which keeps every part: the call carries the signature, and the block goes back to Anthropic once', async () => {
  harness.upstreams.anthropic.enqueue(anthropicReply(step, true), anthropicReply(agentStep('anthropic', 4), false));
  const chat = client().chats.create({ model: modelFor('anthropic'), config });
  for await (const chunk of await chat.sendMessageStream({ message: 'List the files.' })) assert.ok(chunk);
  const history = chat.getHistory().flatMap((content) => (content.role === 'model' ? (content.parts ?? []) : []));
  const call = signedCall(history);
  assert.ok(call !== undefined, JSON.stringify(history));
  assert.ok(history.some((part) => part.thought === true && part.thoughtSignature === call.thoughtSignature), JSON.stringify(history));
  await chat.sendMessage({ message: [{ functionResponse: { id: call.functionCall?.id, name: 'shell', response: { output: 'README.md' } } }] });
  assertThinkingKept();
});
