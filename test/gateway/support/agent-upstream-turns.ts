/**
 * Upstream answers for a coding agent's loop: in each step the model thinks (with a signature
 * only its vendor can verify) and calls a tool, until the last step answers in text. Shapes as
 * recorded from the vendors:
 * - Anthropic: test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking.i0.response.json and
 *   fantasy-sonnet4-thinking-streaming.i0.response.sse (a signed thinking block, then tool_use).
 * - Gemini: test/fixtures/recorded/gemini/fantasy-gemini25pro-thinking.i0.response.json (thought
 *   parts) and stream-function-call.data.ndjson (the call's part carries `thoughtSignature`, an
 *   empty text part closes the stream with the finish reason).
 * - OpenAI Chat: test/fixtures/recorded/openai-chat/dd-stream-tool-call.response.sse.
 */
import type { UpstreamReply } from '../../support/test-upstream.js';

export const agentSteps = 4;
/** A Gemini 3 model on the harness's Gemini provider (`provider/model` reaches it directly); Gemini 3 refuses replayed calls without their signature. */
export const gemini3Model = 'ge/gemini-3-flash-preview';
/** A reasoning model on the harness's OpenAI Chat provider: it takes `reasoning_effort`, which models without reasoning refuse. */
export const chatReasoningModel = 'oa/o4-mini';
/** The tool every step but the last calls. */
export const shellTool = { name: 'shell', description: 'Run a shell command in the repository', properties: { cmd: { type: 'string', description: 'The command line' } } };

export interface AgentStep {
  /** 1-based. */
  step: number;
  thinking: string;
  signature: string;
  /** Undefined in the last step, which answers in text. */
  call?: { id: string; cmd: string };
  text?: string;
}

/** What the model does in `step`; `vendor` makes the signature look like that vendor's (base64, as Gemini's `bytes` needs). */
export function agentStep(vendor: 'anthropic' | 'gemini', step: number): AgentStep {
  const signature = Buffer.from(`${vendor}-signature-of-step-${step}`).toString('base64');
  const thinking = `Step ${step}: I should look at the repository before answering.`;
  if (step === agentSteps) return { step, thinking, signature, text: 'The repository has a README and a src folder.' };
  return { step, thinking, signature, call: { id: vendor === 'anthropic' ? `toolu_0${step}` : `call_${step}`, cmd: ['ls', 'cat README.md', 'ls src'][step - 1] ?? 'pwd' } };
}

function sse(events: Array<{ event?: string; data: unknown }>): string {
  return events.map(({ event, data }) => `${event === undefined ? '' : `event: ${event}\n`}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`).join('');
}

export function anthropicReply(step: AgentStep, stream: boolean, thinking = step.thinking): UpstreamReply {
  const usage = { input_tokens: 400 + step.step * 50, output_tokens: 60 };
  const stopReason = step.call === undefined ? 'end_turn' : 'tool_use';
  if (!stream) {
    const content: unknown[] = [{ type: 'thinking', thinking, signature: step.signature }];
    if (step.call !== undefined) content.push({ type: 'tool_use', id: step.call.id, name: 'shell', input: { cmd: step.call.cmd } });
    else content.push({ type: 'text', text: step.text });
    const body = { model: 'claude-sonnet-4-20250514', id: `msg_step${step.step}`, type: 'message', role: 'assistant', content, stop_reason: stopReason, stop_sequence: null, usage };
    return { kind: 'json', body };
  }
  const events: Array<{ event: string; data: unknown }> = [
    { event: 'message_start', data: { type: 'message_start', message: { model: 'claude-sonnet-4-20250514', id: `msg_step${step.step}`, type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 5 } } } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } } },
  ];
  const half = Math.floor(thinking.length / 2);
  for (const piece of [thinking.slice(0, half), thinking.slice(half)]) {
    if (piece !== '') events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: piece } } });
  }
  events.push(
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: step.signature } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
  );
  if (step.call !== undefined) {
    events.push(
      { event: 'content_block_start', data: { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: step.call.id, name: 'shell', input: {} } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: JSON.stringify({ cmd: step.call.cmd }) } } },
    );
  } else {
    events.push(
      { event: 'content_block_start', data: { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: step.text } } },
    );
  }
  events.push(
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 1 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return { kind: 'stream', text: sse(events) };
}

export function geminiReply(step: AgentStep, stream: boolean): UpstreamReply {
  const usageMetadata = { promptTokenCount: 300 + step.step * 40, candidatesTokenCount: 15, totalTokenCount: 400 + step.step * 40, thoughtsTokenCount: 45 };
  const thought = { text: step.thinking, thought: true };
  // Gemini signs the function call's part, or in a text answer the last part.
  const signed = step.call !== undefined ? { functionCall: { name: 'shell', args: { cmd: step.call.cmd } }, thoughtSignature: step.signature } : { text: step.text, thoughtSignature: step.signature };
  const envelope = (parts: unknown[], finish?: string) => ({
    candidates: [{ content: { parts, role: 'model' }, ...(finish !== undefined ? { finishReason: finish } : {}), index: 0 }],
    usageMetadata,
    modelVersion: 'gemini-2.5-flash',
    responseId: `resp-step${step.step}`,
  });
  if (!stream) return { kind: 'json', body: envelope([thought, signed], 'STOP') };
  return { kind: 'stream', text: sse([{ data: envelope([thought]) }, { data: envelope([signed]) }, { data: envelope([{ text: '' }], 'STOP') }]) };
}

export function openaiChatReply(step: AgentStep, stream: boolean): UpstreamReply {
  const base = { id: `chatcmpl-step${step.step}`, created: 1726168855, model: 'o4-mini-2025-04-16', system_fingerprint: null };
  const usage = { prompt_tokens: 300 + step.step * 40, completion_tokens: 20, total_tokens: 320 + step.step * 40 };
  const call = step.call === undefined ? undefined : { id: step.call.id, type: 'function', function: { name: 'shell', arguments: JSON.stringify({ cmd: step.call.cmd }) } };
  const finish = call === undefined ? 'stop' : 'tool_calls';
  if (!stream) {
    const message = { role: 'assistant', content: call === undefined ? step.text : null, ...(call !== undefined ? { tool_calls: [call] } : {}), refusal: null };
    return { kind: 'json', body: { ...base, object: 'chat.completion', choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage } };
  }
  const chunk = (delta: unknown, finishReason: string | null, withUsage = false) => ({ data: { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], usage: withUsage ? usage : null } });
  const events =
    call === undefined
      ? [chunk({ role: 'assistant', content: '' }, null), chunk({ content: step.text }, null)]
      : [
          chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: 'shell', arguments: '' } }] }, null),
          chunk({ tool_calls: [{ index: 0, function: { arguments: call.function.arguments } }] }, null),
        ];
  return { kind: 'stream', text: sse([...events, chunk({}, finish, true), { data: '[DONE]' }]) };
}
