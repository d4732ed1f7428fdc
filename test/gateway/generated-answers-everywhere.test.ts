/**
 * Generated upstream answers (Anthropic's, OpenAI Chat's, Gemini's, Responses' and Ollama's),
 * streams cut into pieces anywhere and whole answers alike (text, signed thinking, several tool
 * calls whose arguments arrive a few characters at a time, pings, usage), relayed through the
 * gateway to every caller dialect: each caller's answer is judged by its dialect's answer rules
 * (test/support/answer-rules: event order, block indexes, tool arguments that join into JSON,
 * finish reasons) and must carry every word, every piece of thinking and every tool call the
 * upstream made, arguments whole. The recorded answers are a handful of shapes; these are many.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dialectNames, modelFor, startHarness, type DialectName, type Harness } from './support/harness.js';
import { callerRequest } from './support/raw-caller-requests.js';
import { answerJudges } from '../support/answer-rules/index.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());

type Block = { kind: 'text'; pieces: string[] } | { kind: 'thinking'; pieces: string[]; signature: string } | { kind: 'tool'; name: string; args: Record<string, unknown>; cuts: number[] };

/** An answer as blocks, and how it ended. */
interface Answer {
  blocks: Block[];
  finish: 'stop' | 'length' | 'tool';
}

const piece = fc.string({ minLength: 1, maxLength: 8 });
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.array(piece, { minLength: 1, maxLength: 4 }).map((pieces): Block => ({ kind: 'text', pieces })),
  fc.tuple(fc.array(piece, { minLength: 1, maxLength: 3 }), fc.base64String({ minLength: 8, maxLength: 16 })).map(([pieces, signature]): Block => ({ kind: 'thinking', pieces, signature })),
  fc
    .tuple(fc.constantFrom('get_weather', 'search', 'read_file'), fc.dictionary(fc.constantFrom('city', 'path', 'n', 'tags'), fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })), { maxKeys: 3 }), fc.array(fc.nat({ max: 40 }), { maxLength: 4 }))
    .map(([name, args, cuts]): Block => ({ kind: 'tool', name, args, cuts })),
);
const answer: fc.Arbitrary<Answer> = fc.tuple(fc.array(block, { minLength: 1, maxLength: 4 }), fc.constantFrom('stop', 'length')).map(([blocks, ending]) => ({
  // Thinking comes first in an answer, as the vendors send it; a turn with calls ends for them.
  blocks: [...blocks.filter((one) => one.kind === 'thinking'), ...blocks.filter((one) => one.kind !== 'thinking')],
  finish: blocks.some((one) => one.kind === 'tool') ? 'tool' : ending,
}));

/** The JSON text of a call's arguments, cut where the generator said. */
function argumentPieces(tool: Extract<Block, { kind: 'tool' }>): string[] {
  const text = JSON.stringify(tool.args);
  const cuts = [...new Set(tool.cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut > from) pieces.push(text.slice(from, cut));
    from = Math.max(from, cut);
  }
  pieces.push(text.slice(from));
  return pieces.filter((one) => one !== '');
}

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
      for (const partial_json of argumentPieces(one)) delta({ type: 'input_json_delta', partial_json });
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

/** The tool calls an answer holds, name and arguments, as they must reach every caller. */
function expectedCalls({ blocks }: Answer): string[] {
  return blocks.flatMap((one) => (one.kind === 'tool' ? [`${one.name} ${JSON.stringify(one.args)}`] : []));
}

/** A caller's stream as its JSON frames: SSE `data:` payloads, or Ollama's lines. */
function framesOf(caller: DialectName, text: string): Array<Record<string, any>> {
  return text.split('\n').flatMap((line) => {
    if (line.startsWith('data: ') && line !== 'data: [DONE]') return [JSON.parse(line.slice(6)) as Record<string, any>];
    return caller === 'ollama' && line.trim() !== '' ? [JSON.parse(line) as Record<string, any>] : [];
  });
}

/** The tool calls a caller's stream carried, by its dialect's shape, arguments joined. */
function callsIn(caller: DialectName, text: string): string[] {
  const datas = framesOf(caller, text);
  const calls = new Map<string, { name: string; args: string }>();
  for (const data of datas) {
    if (caller === 'anthropic') {
      if (data['type'] === 'content_block_start' && data['content_block']?.type === 'tool_use') calls.set(String(data['index']), { name: data['content_block'].name, args: '' });
      if (data['type'] === 'content_block_delta' && data['delta']?.type === 'input_json_delta') calls.get(String(data['index']))!.args += data['delta'].partial_json;
    } else if (caller === 'openai-chat') {
      for (const delta of (data['choices'] ?? []).map((choice: any) => choice.delta)) {
        for (const call of delta?.tool_calls ?? []) {
          const known = calls.get(String(call.index)) ?? { name: call.function?.name, args: '' };
          known.args += call.function?.arguments ?? '';
          calls.set(String(call.index), known);
        }
      }
    } else if (caller === 'openai-responses') {
      if (data['type'] === 'response.output_item.done' && data['item']?.type === 'function_call') calls.set(String(data['output_index']), { name: data['item'].name, args: data['item'].arguments });
    } else if (caller === 'gemini') {
      for (const part of data['candidates']?.[0]?.content?.parts ?? []) if (part.functionCall !== undefined) calls.set(String(calls.size), { name: part.functionCall.name, args: JSON.stringify(part.functionCall.args ?? {}) });
    } else {
      for (const call of data['message']?.tool_calls ?? []) calls.set(String(calls.size), { name: call.function.name, args: JSON.stringify(call.function.arguments) });
    }
  }
  return [...calls.values()].map(({ name, args }) => `${name} ${JSON.stringify(args === '' ? {} : JSON.parse(args))}`);
}

/** The answer's words, or its thinking, as every caller must get them. */
function expectedPieces({ blocks }: Answer, kind: 'text' | 'thinking'): string {
  return blocks.flatMap((one) => (one.kind === kind ? one.pieces : [])).join('');
}

/** The words a caller's stream carried (not its thinking), by its dialect's shape. */
function textIn(caller: DialectName, text: string): string {
  return framesOf(caller, text)
    .map((data) => {
      if (caller === 'anthropic') return data['type'] === 'content_block_delta' && data['delta']?.type === 'text_delta' ? String(data['delta'].text) : '';
      if (caller === 'openai-chat') return (data['choices'] ?? []).map((choice: any) => choice.delta?.content ?? '').join('');
      if (caller === 'openai-responses') return data['type'] === 'response.output_text.delta' ? String(data['delta']) : '';
      if (caller === 'gemini') return (data['candidates']?.[0]?.content?.parts ?? []).map((part: any) => (part.thought === true ? '' : (part.text ?? ''))).join('');
      return String(data['message']?.content ?? '');
    })
    .join('');
}

/** The thinking a caller's stream carried, by its dialect's shape. */
function thinkingIn(caller: DialectName, text: string): string {
  return framesOf(caller, text)
    .map((data) => {
      if (caller === 'anthropic') return data['type'] === 'content_block_delta' && data['delta']?.type === 'thinking_delta' ? String(data['delta'].thinking) : '';
      if (caller === 'openai-chat') return (data['choices'] ?? []).map((choice: any) => choice.delta?.reasoning_content ?? choice.delta?.reasoning ?? '').join('');
      if (caller === 'openai-responses') return data['type'] === 'response.reasoning_summary_text.delta' || data['type'] === 'response.reasoning_text.delta' ? String(data['delta']) : '';
      if (caller === 'gemini') return (data['candidates']?.[0]?.content?.parts ?? []).map((part: any) => (part.thought === true ? (part.text ?? '') : '')).join('');
      return String(data['message']?.thinking ?? '');
    })
    .join('');
}

const streamOf: Record<DialectName, (answer: Answer) => string> = { anthropic: anthropicStream, 'openai-chat': openaiStream, gemini: geminiStream, 'openai-responses': responsesStream, ollama: ollamaStream };

/** The answer whole, as each upstream dialect gives it when no stream was asked for. */
const wholeOf: Record<DialectName, (answer: Answer) => unknown> = {
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

/** What a caller's whole answer carried: its words, its thinking and its tool calls, by its dialect's shape. */
function wholeParts(caller: DialectName, text: string): { text: string; thinking: string; calls: string[] } {
  const body = JSON.parse(text) as Record<string, any>;
  const call = (name: string, args: unknown) => `${name} ${JSON.stringify(typeof args === 'string' ? (args === '' ? {} : JSON.parse(args)) : (args ?? {}))}`;
  const join = (pieces: unknown[]) => pieces.filter((piece) => typeof piece === 'string').join('');
  switch (caller) {
    case 'anthropic': {
      const blocks = body['content'] as Array<Record<string, any>>;
      return { text: join(blocks.map((one) => (one['type'] === 'text' ? one['text'] : ''))), thinking: join(blocks.map((one) => (one['type'] === 'thinking' ? one['thinking'] : ''))), calls: blocks.flatMap((one) => (one['type'] === 'tool_use' ? [call(one['name'], one['input'])] : [])) };
    }
    case 'openai-chat': {
      const message = body['choices'][0]['message'];
      return { text: message.content ?? '', thinking: message.reasoning_content ?? message.reasoning ?? '', calls: (message.tool_calls ?? []).map((one: any) => call(one.function.name, one.function.arguments)) };
    }
    case 'openai-responses': {
      const items = body['output'] as Array<Record<string, any>>;
      return {
        text: join(items.flatMap((item) => (item['type'] === 'message' ? item['content'].map((part: any) => part.text) : []))),
        thinking: join(items.flatMap((item) => (item['type'] === 'reasoning' ? (item['summary'] ?? []).map((part: any) => part.text) : []))),
        calls: items.flatMap((item) => (item['type'] === 'function_call' ? [call(item['name'], item['arguments'])] : [])),
      };
    }
    case 'gemini': {
      const parts = (body['candidates']?.[0]?.content?.parts ?? []) as Array<Record<string, any>>;
      return { text: join(parts.map((part) => (part['thought'] === true ? '' : part['text']))), thinking: join(parts.map((part) => (part['thought'] === true ? part['text'] : ''))), calls: parts.flatMap((part) => (part['functionCall'] === undefined ? [] : [call(part['functionCall'].name, part['functionCall'].args)])) };
    }
    case 'ollama':
      return { text: body['message'].content, thinking: body['message'].thinking ?? '', calls: (body['message'].tool_calls ?? []).map((one: any) => call(one.function.name, one.function.arguments)) };
  }
}

for (const upstream of dialectNames) {
  test(`generated whole ${upstream} answers reach every caller dialect as its clients rely on, every word, thought and tool call whole`, async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (generated) => {
        const problems: string[] = [];
        for (const caller of dialectNames) {
          harness.reset();
          harness.upstreams[upstream].enqueue({ kind: 'json', body: wholeOf[upstream](generated) });
          const { path, headers, body } = callerRequest(caller, modelFor(upstream), false);
          const response = await fetch(`${harness.gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
          const text = await response.text();
          for (const problem of answerJudges[caller]({ stream: false, status: response.status, contentType: response.headers.get('content-type') ?? '', text })) problems.push(`${caller}: ${problem}`);
          if (problems.length > 0) continue;
          const got = wholeParts(caller, text);
          assert.deepEqual(got.calls, expectedCalls(generated), `${caller}'s tool calls`);
          assert.equal(got.text, expectedPieces(generated, 'text'), `${caller}'s words`);
          assert.equal(got.thinking, expectedPieces(generated, 'thinking'), `${caller}'s thinking`);
        }
        assert.deepEqual(problems, []);
      }),
      { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
    );
  });
}

for (const upstream of dialectNames) {
  test(`generated ${upstream} streams reach every caller dialect as its clients rely on, every word, thought and tool call whole`, async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (generated) => {
        const problems: string[] = [];
        for (const caller of dialectNames) {
          harness.reset();
          harness.upstreams[upstream].enqueue({ kind: 'stream', text: streamOf[upstream](generated), ...(upstream === 'ollama' ? { contentType: 'application/x-ndjson' } : {}) });
          const { path, headers, body } = callerRequest(caller, modelFor(upstream), true);
          const response = await fetch(`${harness.gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
          const text = await response.text();
          for (const problem of answerJudges[caller]({ stream: true, status: response.status, contentType: response.headers.get('content-type') ?? '', text })) problems.push(`${caller}: ${problem}`);
          if (problems.length > 0) continue;
          assert.deepEqual(callsIn(caller, text), expectedCalls(generated), `${caller}'s tool calls`);
          assert.equal(textIn(caller, text), expectedPieces(generated, 'text'), `${caller}'s words`);
          assert.equal(thinkingIn(caller, text), expectedPieces(generated, 'thinking'), `${caller}'s thinking`);
        }
        assert.deepEqual(problems, []);
      }),
      { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
    );
  });
}
