/**
 * A generated answer (generated-answer.ts) as each upstream dialect writes it, streamed and whole,
 * from each vendor's documented wire format.
 */
import type { DialectName } from './harness.js';
import { argumentPieces, expectedPieces, type Answer } from './generated-answer.js';

const sse = (event: string | undefined, data: unknown) => `${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`;

/** The answer as Anthropic streams it (https://docs.anthropic.com/en/docs/build-with-claude/streaming). */
function anthropicStream({ blocks, finish }: Answer): string {
  const events = [sse('message_start', { type: 'message_start', message: { id: 'msg_01Gen', type: 'message', role: 'assistant', model: 'claude-sonnet-4-20250514', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } })];
  blocks.forEach((one, index) => {
    const delta = (value: Record<string, unknown>) => events.push(sse('content_block_delta', { type: 'content_block_delta', index, delta: value }));
    if (one.kind === 'text') {
      events.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      for (const text of one.pieces) delta({ type: 'text_delta', text });
    } else if (one.kind === 'thinking') {
      events.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
      for (const thinking of one.pieces) delta({ type: 'thinking_delta', thinking });
      delta({ type: 'signature_delta', signature: one.signature });
    } else {
      events.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: `toolu_0${index}Gen`, name: one.name, input: {} } }));
      // A call without arguments streams one empty piece, not "{}" (recorded: test/fixtures/recorded/anthropic/stream-tool-use-no-args.data.ndjson).
      const pieces = Object.keys(one.args).length === 0 ? [''] : argumentPieces(one);
      for (const partial_json of pieces) delta({ type: 'input_json_delta', partial_json });
    }
    events.push(sse('content_block_stop', { type: 'content_block_stop', index }));
    if (index === 0) events.push(sse('ping', { type: 'ping' }));
  });
  const stopReason = { stop: 'end_turn', length: 'max_tokens', tool: 'tool_use' }[finish];
  events.push(sse('message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 42 } }), sse('message_stop', { type: 'message_stop' }));
  return events.join('');
}

/** The answer as OpenAI streams it (https://platform.openai.com/docs/api-reference/chat-streaming); it has no thinking to carry. */
function openaiStream({ blocks, finish }: Answer): string {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, usage?: unknown) =>
    sse(undefined, { id: 'chatcmpl-Gen', object: 'chat.completion.chunk', created: 1782321900, model: 'gpt-4o-2024-08-06', choices: usage === undefined ? [{ index: 0, delta, finish_reason: finishReason }] : [], ...(usage === undefined ? {} : { usage }) });
  const chunks = [chunk({ role: 'assistant', content: '' })];
  let call = 0;
  for (const one of blocks) {
    // Reasoning as the OpenAI-compatible reasoning models stream it (DeepSeek's `reasoning_content`).
    if (one.kind === 'thinking') for (const reasoning_content of one.pieces) chunks.push(chunk({ reasoning_content }));
    if (one.kind === 'text') for (const content of one.pieces) chunks.push(chunk({ content }));
    if (one.kind !== 'tool') continue;
    const index = call++;
    chunks.push(chunk({ tool_calls: [{ index, id: `call_Gen${index}`, type: 'function', function: { name: one.name, arguments: '' } }] }));
    for (const piece of argumentPieces(one)) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  }
  chunks.push(chunk({}, { stop: 'stop', length: 'length', tool: 'tool_calls' }[finish]), chunk({}, null, { prompt_tokens: 12, completion_tokens: 42, total_tokens: 54 }), 'data: [DONE]\n\n');
  return chunks.join('');
}

/**
 * The answer as Gemini streams it with `?alt=sse` (https://ai.google.dev/api/generate-content):
 * each event a `GenerateContentResponse` with some parts, thoughts marked `thought: true`, each
 * function call whole in one part (the first signed), the last event with the finish reason and counts.
 */
function geminiStream({ blocks, finish }: Answer): string {
  const event = (parts: unknown[], last = false) =>
    sse(undefined, {
      candidates: [{ content: { role: 'model', parts }, index: 0, ...(last ? { finishReason: finish === 'length' ? 'MAX_TOKENS' : 'STOP' } : {}) }],
      ...(last ? { usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 42, totalTokenCount: 54 } } : {}),
      modelVersion: 'gemini-2.5-flash',
      responseId: 'gen-1',
    });
  const events: string[] = [];
  let signed = false;
  for (const one of blocks) {
    if (one.kind === 'thinking') for (const text of one.pieces) events.push(event([{ text, thought: true }]));
    if (one.kind === 'text') for (const text of one.pieces) events.push(event([{ text }]));
    if (one.kind === 'tool') {
      events.push(event([{ functionCall: { name: one.name, args: one.args }, ...(signed ? {} : { thoughtSignature: 'c2lnbmVk' }) }]));
      signed = true;
    }
  }
  events.push(event([{ text: '' }], true));
  return events.join('');
}

/**
 * The answer as the Responses API streams it (https://platform.openai.com/docs/api-reference/responses-streaming):
 * each output item added, its parts and deltas, done; the whole response at the end.
 */
function responsesStream({ blocks, finish }: Answer): string {
  let sequence = 0;
  const events: string[] = [];
  const emit = (type: string, fields: Record<string, unknown>) => events.push(sse(type, { type, sequence_number: sequence++, ...fields }));
  const response = (status: string, output: unknown[]) => ({
    id: 'resp_gen', object: 'response', created_at: 1782321900, status, model: 'gpt-5', output,
    ...(status === 'incomplete' ? { incomplete_details: { reason: 'max_output_tokens' } } : { incomplete_details: null }),
    usage: status === 'in_progress' ? null : { input_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens: 42, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 54 },
  });
  emit('response.created', { response: response('in_progress', []) });
  emit('response.in_progress', { response: response('in_progress', []) });
  const output: unknown[] = [];
  blocks.forEach((one, output_index) => {
    if (one.kind === 'thinking') {
      const id = `rs_gen${output_index}`;
      const text = one.pieces.join('');
      emit('response.output_item.added', { output_index, item: { id, type: 'reasoning', summary: [], encrypted_content: one.signature } });
      emit('response.reasoning_summary_part.added', { item_id: id, output_index, summary_index: 0, part: { type: 'summary_text', text: '' } });
      for (const delta of one.pieces) emit('response.reasoning_summary_text.delta', { item_id: id, output_index, summary_index: 0, delta });
      emit('response.reasoning_summary_text.done', { item_id: id, output_index, summary_index: 0, text });
      emit('response.reasoning_summary_part.done', { item_id: id, output_index, summary_index: 0, part: { type: 'summary_text', text } });
      const item = { id, type: 'reasoning', summary: [{ type: 'summary_text', text }], encrypted_content: one.signature };
      emit('response.output_item.done', { output_index, item });
      output.push(item);
    } else if (one.kind === 'text') {
      const id = `msg_gen${output_index}`;
      const text = one.pieces.join('');
      emit('response.output_item.added', { output_index, item: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] } });
      emit('response.content_part.added', { item_id: id, output_index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
      for (const delta of one.pieces) emit('response.output_text.delta', { item_id: id, output_index, content_index: 0, delta });
      emit('response.output_text.done', { item_id: id, output_index, content_index: 0, text });
      emit('response.content_part.done', { item_id: id, output_index, content_index: 0, part: { type: 'output_text', text, annotations: [] } });
      const item = { id, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
      emit('response.output_item.done', { output_index, item });
      output.push(item);
    } else {
      const id = `fc_gen${output_index}`;
      const args = JSON.stringify(one.args);
      emit('response.output_item.added', { output_index, item: { id, type: 'function_call', status: 'in_progress', arguments: '', call_id: `call_gen${output_index}`, name: one.name } });
      for (const delta of argumentPieces(one)) emit('response.function_call_arguments.delta', { item_id: id, output_index, delta });
      emit('response.function_call_arguments.done', { item_id: id, output_index, arguments: args });
      const item = { id, type: 'function_call', status: 'completed', arguments: args, call_id: `call_gen${output_index}`, name: one.name };
      emit('response.output_item.done', { output_index, item });
      output.push(item);
    }
  });
  const status = finish === 'length' ? 'incomplete' : 'completed';
  emit(`response.${status}`, { response: response(status, output) });
  return events.join('');
}

/**
 * The answer as Ollama streams `/api/chat` (https://github.com/ollama/ollama/blob/main/docs/api.md):
 * a JSON line per piece, thinking in `message.thinking`, each tool call whole with its arguments as
 * an object, the last line `done: true` with its reason and counts.
 */
function ollamaStream({ blocks, finish }: Answer): string {
  const line = (message: Record<string, unknown>, done = false) =>
    `${JSON.stringify({ model: 'qwen3.5:35b', created_at: '2026-01-05T10:00:00.000Z', message: { role: 'assistant', content: '', ...message }, done, ...(done ? { done_reason: finish === 'length' ? 'length' : 'stop', total_duration: 1, prompt_eval_count: 12, eval_count: 42 } : {}) })}\n`;
  const lines: string[] = [];
  for (const one of blocks) {
    if (one.kind === 'thinking') for (const thinking of one.pieces) lines.push(line({ thinking }));
    if (one.kind === 'text') for (const content of one.pieces) lines.push(line({ content }));
    if (one.kind === 'tool') lines.push(line({ tool_calls: [{ function: { name: one.name, arguments: one.args } }] }));
  }
  lines.push(line({}, true));
  return lines.join('');
}

export const streamOf: Record<DialectName, (answer: Answer) => string> = { anthropic: anthropicStream, 'openai-chat': openaiStream, gemini: geminiStream, 'openai-responses': responsesStream, ollama: ollamaStream };

/** The answer whole, as each upstream dialect gives it when no stream was asked for. */
export const wholeOf: Record<DialectName, (answer: Answer) => unknown> = {
  anthropic: ({ blocks, finish }) => ({
    id: 'msg_01Gen', type: 'message', role: 'assistant', model: 'claude-sonnet-4-20250514', stop_sequence: null,
    content: blocks.map((one, index) =>
      one.kind === 'text' ? { type: 'text', text: one.pieces.join('') } : one.kind === 'thinking' ? { type: 'thinking', thinking: one.pieces.join(''), signature: one.signature } : { type: 'tool_use', id: `toolu_0${index}Gen`, name: one.name, input: one.args },
    ),
    stop_reason: { stop: 'end_turn', length: 'max_tokens', tool: 'tool_use' }[finish],
    usage: { input_tokens: 12, output_tokens: 42 },
  }),
  'openai-chat': ({ blocks, finish }) => {
    const calls = blocks.flatMap((one, index) => (one.kind === 'tool' ? [{ id: `call_Gen${index}`, type: 'function', function: { name: one.name, arguments: JSON.stringify(one.args) } }] : []));
    const thinking = expectedPieces({ blocks, finish }, 'thinking');
    return {
      id: 'chatcmpl-Gen', object: 'chat.completion', created: 1782321900, model: 'gpt-4o-2024-08-06',
      choices: [{ index: 0, message: { role: 'assistant', content: expectedPieces({ blocks, finish }, 'text') || null, ...(thinking === '' ? {} : { reasoning_content: thinking }), ...(calls.length > 0 ? { tool_calls: calls } : {}) }, finish_reason: { stop: 'stop', length: 'length', tool: 'tool_calls' }[finish] }],
      usage: { prompt_tokens: 12, completion_tokens: 42, total_tokens: 54 },
    };
  },
  gemini: ({ blocks, finish }) => ({
    candidates: [{
      content: { role: 'model', parts: blocks.map((one, index) => (one.kind === 'tool' ? { functionCall: { name: one.name, args: one.args }, ...(index === blocks.findIndex((first) => first.kind === 'tool') ? { thoughtSignature: 'c2lnbmVk' } : {}) } : { text: one.pieces.join(''), ...(one.kind === 'thinking' ? { thought: true } : {}) })) },
      finishReason: finish === 'length' ? 'MAX_TOKENS' : 'STOP', index: 0,
    }],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 42, totalTokenCount: 54 },
    modelVersion: 'gemini-2.5-flash',
  }),
  'openai-responses': (generated) => {
    const completed = responsesStream(generated).split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as { response?: unknown }).at(-1);
    return completed?.response;
  },
  ollama: ({ blocks, finish }) => ({
    model: 'qwen3.5:35b', created_at: '2026-01-05T10:00:00.000Z',
    message: {
      role: 'assistant', content: expectedPieces({ blocks, finish }, 'text'),
      ...(expectedPieces({ blocks, finish }, 'thinking') === '' ? {} : { thinking: expectedPieces({ blocks, finish }, 'thinking') }),
      ...(blocks.some((one) => one.kind === 'tool') ? { tool_calls: blocks.flatMap((one) => (one.kind === 'tool' ? [{ function: { name: one.name, arguments: one.args } }] : [])) } : {}),
    },
    done: true, done_reason: finish === 'length' ? 'length' : 'stop', total_duration: 1, prompt_eval_count: 12, eval_count: 42,
  }),
};
