/**
 * The playground speaks each caller dialect the way an application would: it writes the wire body
 * for the dialect's route and reads the answer or the stream back, so what is tried here is what a
 * real client sees. One adapter per dialect; no vendor SDK in the page.
 */

export interface ChatTurn {
  /** `tool` carries the results of the assistant turn's tool calls, to let the model go on. */
  role: 'user' | 'assistant' | 'tool';
  text: string;
  /** A data: URL of an attached image (user turns). */
  image?: string;
  /** The calls an assistant turn made. */
  toolCalls?: SeenToolCall[];
  /** A tool turn's results, one per call. */
  toolResults?: ToolResult[];
}

export interface ToolResult {
  call: SeenToolCall;
  output: string;
}

export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface SeenToolCall {
  /** The dialect's call id (empty where it has none: Ollama, some Gemini models). */
  id: string;
  name: string;
  arguments: string;
  /** Gemini's own part, replayed as it came: its `thoughtSignature` must go back with it. */
  raw?: unknown;
}

export interface AnswerUsage {
  inputTokens: number;
  outputTokens: number;
}

/** What an answer has shown so far. */
export interface AnswerState {
  text: string;
  toolCalls: SeenToolCall[];
  usage?: AnswerUsage;
}

export interface WireRequest {
  path: string;
  body: unknown;
  headers: Record<string, string>;
  framing: 'sse' | 'ndjson' | 'json';
}

export interface CallerDialect {
  id: string;
  label: string;
  request(model: string, system: string, turns: ChatTurn[], tools: ToolSpec[], stream: boolean): WireRequest;
  /** One stream frame's data (already JSON-parsed) into the answer so far. */
  frame(state: AnswerState, data: unknown, event: string | undefined): void;
  whole(body: unknown): AnswerState;
}

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** A call's arguments as an object, for the dialects that send them parsed (Anthropic, Gemini, Ollama). */
function parsedArguments(call: SeenToolCall): unknown {
  try {
    return call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch {
    throw new Error(`The arguments of the ${call.name} call are not JSON, so they cannot be sent back with its result.`);
  }
}

function dataUrlParts(url: string): { mediaType: string; data: string } {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return { mediaType: match?.[1] ?? 'image/png', data: match?.[2] ?? '' };
}

function callAt(state: AnswerState, index: number): SeenToolCall {
  while (state.toolCalls.length <= index) state.toolCalls.push({ id: '', name: '', arguments: '' });
  return state.toolCalls[index] as SeenToolCall;
}

const openaiChat: CallerDialect = {
  id: 'openai-chat',
  label: 'OpenAI Chat Completions',
  request(model, system, turns, tools, stream) {
    const messages: unknown[] = system === '' ? [] : [{ role: 'system', content: system }];
    for (const turn of turns) {
      // A tool result is a `tool` message naming its call, after the assistant message that made the call:
      // test/fixtures/recorded/openai-chat/fantasy-gpt4o-tool.i1.request.json
      if (turn.role === 'tool') for (const result of turn.toolResults ?? []) messages.push({ role: 'tool', tool_call_id: result.call.id, content: result.output });
      else if (turn.toolCalls !== undefined && turn.toolCalls.length > 0)
        messages.push({ role: 'assistant', ...(turn.text === '' ? {} : { content: turn.text }), tool_calls: turn.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) });
      else if (turn.image === undefined) messages.push({ role: turn.role, content: turn.text });
      else messages.push({ role: turn.role, content: [{ type: 'text', text: turn.text }, { type: 'image_url', image_url: { url: turn.image } }] });
    }
    const body: Json = { model, messages, stream };
    if (stream) body.stream_options = { include_usage: true };
    if (tools.length > 0) body.tools = tools.map((tool) => ({ type: 'function', function: tool }));
    return { path: '/v1/chat/completions', body, headers: {}, framing: stream ? 'sse' : 'json' };
  },
  frame(state, data) {
    const delta = record(record(list(record(data).choices)[0]).delta);
    state.text += text(delta.content);
    // With stream_options.include_usage, a last chunk with no choices carries `usage`:
    // test/fixtures/recorded/openai-chat/stream-text-include-usage.data.ndjson
    const usage = record(record(data).usage);
    if (usage.prompt_tokens !== undefined) state.usage = { inputTokens: count(usage.prompt_tokens), outputTokens: count(usage.completion_tokens) };
    for (const call of list(delta.tool_calls).map(record)) {
      const seen = callAt(state, Number(call.index ?? 0));
      // The id comes only in a call's first delta.
      if (typeof call.id === 'string') seen.id = call.id;
      const fn = record(call.function);
      seen.name += text(fn.name);
      seen.arguments += text(fn.arguments);
    }
  },
  whole(body) {
    const message = record(record(list(record(body).choices)[0]).message);
    const usage = record(record(body).usage);
    return {
      text: text(message.content),
      toolCalls: list(message.tool_calls).map((call) => ({ id: text(record(call).id), name: text(record(record(call).function).name), arguments: text(record(record(call).function).arguments) })),
      ...(usage.prompt_tokens === undefined ? {} : { usage: { inputTokens: count(usage.prompt_tokens), outputTokens: count(usage.completion_tokens) } }),
    };
  },
};

const openaiResponses: CallerDialect = {
  id: 'openai-responses',
  label: 'OpenAI Responses',
  request(model, system, turns, tools, stream) {
    // Calls and results are items of their own, paired by call_id:
    // test/fixtures/recorded/openai-responses/fantasy-gpt4o-tool.i1.request.json
    const input = turns.flatMap((turn): unknown[] => {
      if (turn.role === 'tool') return (turn.toolResults ?? []).map((result) => ({ type: 'function_call_output', call_id: result.call.id, output: result.output }));
      if (turn.role === 'assistant') {
        const message = turn.text === '' ? [] : [{ role: 'assistant', content: [{ type: 'output_text', text: turn.text }] }];
        return [...message, ...(turn.toolCalls ?? []).map((call) => ({ type: 'function_call', call_id: call.id, name: call.name, arguments: call.arguments }))];
      }
      return [{ role: 'user', content: [{ type: 'input_text', text: turn.text }, ...(turn.image === undefined ? [] : [{ type: 'input_image', image_url: turn.image }])] }];
    });
    const body: Json = { model, input, stream, store: false };
    if (system !== '') body.instructions = system;
    if (tools.length > 0) body.tools = tools.map((tool) => ({ type: 'function', ...tool }));
    return { path: '/v1/responses', body, headers: {}, framing: stream ? 'sse' : 'json' };
  },
  frame(state, data) {
    const event = record(data);
    if (event.type === 'response.output_text.delta') state.text += text(event.delta);
    if (event.type === 'response.output_item.added' && record(event.item).type === 'function_call') {
      const call = callAt(state, state.toolCalls.length);
      call.name = text(record(event.item).name);
      call.id = text(record(event.item).call_id);
    }
    if (event.type === 'response.function_call_arguments.delta' && state.toolCalls.length > 0) callAt(state, state.toolCalls.length - 1).arguments += text(event.delta);
    // The final `response.completed` event carries the whole response, usage included:
    // test/fixtures/recorded/openai-responses/fantasy-gpt5-simple_streaming.response.sse
    if (event.type === 'response.completed') responsesUsage(state, record(event.response).usage);
  },
  whole(body) {
    const state: AnswerState = { text: '', toolCalls: [] };
    for (const item of list(record(body).output).map(record)) {
      if (item.type === 'message') for (const part of list(item.content).map(record)) state.text += text(part.text);
      if (item.type === 'function_call') state.toolCalls.push({ id: text(item.call_id), name: text(item.name), arguments: text(item.arguments) });
    }
    responsesUsage(state, record(body).usage);
    return state;
  },
};

function responsesUsage(state: AnswerState, value: unknown): void {
  const usage = record(value);
  if (usage.input_tokens !== undefined) state.usage = { inputTokens: count(usage.input_tokens), outputTokens: count(usage.output_tokens) };
}

const anthropic: CallerDialect = {
  id: 'anthropic',
  label: 'Anthropic Messages',
  request(model, system, turns, tools, stream) {
    const messages = turns.map((turn) => {
      // Calls are tool_use blocks of the assistant turn; results are tool_result blocks of the next user turn:
      // test/fixtures/recorded/anthropic/fantasy-sonnet4-tool.i1.request.json
      if (turn.role === 'tool') return { role: 'user', content: (turn.toolResults ?? []).map((result) => ({ type: 'tool_result', tool_use_id: result.call.id, content: [{ type: 'text', text: result.output }] })) };
      if (turn.toolCalls !== undefined && turn.toolCalls.length > 0) {
        const said = turn.text === '' ? [] : [{ type: 'text', text: turn.text }];
        return { role: 'assistant', content: [...said, ...turn.toolCalls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: parsedArguments(call) }))] };
      }
      if (turn.image === undefined) return { role: turn.role, content: turn.text };
      const { mediaType, data } = dataUrlParts(turn.image);
      return { role: turn.role, content: [{ type: 'image', source: { type: 'base64', media_type: mediaType, data } }, { type: 'text', text: turn.text }] };
    });
    const body: Json = { model, max_tokens: 1024, messages, stream };
    if (system !== '') body.system = system;
    if (tools.length > 0) body.tools = tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.parameters }));
    return { path: '/v1/messages', body, headers: { 'anthropic-version': '2023-06-01' }, framing: stream ? 'sse' : 'json' };
  },
  frame(state, data) {
    const event = record(data);
    if (event.type === 'content_block_start' && record(event.content_block).type === 'tool_use') {
      const call = callAt(state, state.toolCalls.length);
      call.name = text(record(event.content_block).name);
      call.id = text(record(event.content_block).id);
    }
    // Input tokens come in message_start, output tokens in message_delta:
    // test/fixtures/recorded/anthropic/fantasy-sonnet4-simple_streaming.response.sse
    if (event.type === 'message_start') {
      const usage = record(record(event.message).usage);
      state.usage = { inputTokens: count(usage.input_tokens), outputTokens: count(usage.output_tokens) };
    }
    if (event.type === 'message_delta' && record(event.usage).output_tokens !== undefined) state.usage = { inputTokens: state.usage?.inputTokens ?? 0, outputTokens: count(record(event.usage).output_tokens) };
    if (event.type === 'content_block_delta') {
      const delta = record(event.delta);
      if (delta.type === 'text_delta') state.text += text(delta.text);
      if (delta.type === 'input_json_delta' && state.toolCalls.length > 0) callAt(state, state.toolCalls.length - 1).arguments += text(delta.partial_json);
    }
  },
  whole(body) {
    const state: AnswerState = { text: '', toolCalls: [] };
    for (const block of list(record(body).content).map(record)) {
      if (block.type === 'text') state.text += text(block.text);
      if (block.type === 'tool_use') state.toolCalls.push({ id: text(block.id), name: text(block.name), arguments: JSON.stringify(block.input ?? {}) });
    }
    const usage = record(record(body).usage);
    if (usage.input_tokens !== undefined) state.usage = { inputTokens: count(usage.input_tokens), outputTokens: count(usage.output_tokens) };
    return state;
  },
};

function geminiParts(state: AnswerState, body: unknown): void {
  for (const part of list(record(record(list(record(body).candidates)[0]).content).parts).map(record)) {
    if (part.thought === true) continue;
    state.text += text(part.text);
    const call = record(part.functionCall);
    if (part.functionCall !== undefined) state.toolCalls.push({ id: text(call.id), name: text(call.name), arguments: JSON.stringify(call.args ?? {}), raw: part });
  }
  // Each chunk may carry the usage so far; the last one holds the totals:
  // test/fixtures/recorded/gemini/fantasy-gemini25flash-simple_streaming.response.sse
  const usage = record(record(body).usageMetadata);
  if (usage.promptTokenCount !== undefined) state.usage = { inputTokens: count(usage.promptTokenCount), outputTokens: count(usage.candidatesTokenCount) };
}

const gemini: CallerDialect = {
  id: 'gemini',
  label: 'Google Gemini',
  request(model, system, turns, tools, stream) {
    const contents = turns.map((turn) => {
      // A call goes back as the model's own part (thought signature and all), its result as a
      // user functionResponse: test/fixtures/recorded/gemini/fantasy-gemini25flash-tool.i1.request.json
      if (turn.role === 'tool') return { role: 'user', parts: (turn.toolResults ?? []).map((result) => ({ functionResponse: { ...(result.call.id === '' ? {} : { id: result.call.id }), name: result.call.name, response: { result: result.output } } })) };
      if (turn.toolCalls !== undefined && turn.toolCalls.length > 0) {
        const said = turn.text === '' ? [] : [{ text: turn.text }];
        return { role: 'model', parts: [...said, ...turn.toolCalls.map((call) => call.raw ?? { functionCall: { name: call.name, args: parsedArguments(call) } })] };
      }
      const parts: unknown[] = [];
      if (turn.image !== undefined) {
        const { mediaType, data } = dataUrlParts(turn.image);
        parts.push({ inlineData: { mimeType: mediaType, data } });
      }
      parts.push({ text: turn.text });
      return { role: turn.role === 'assistant' ? 'model' : 'user', parts };
    });
    const body: Json = { contents };
    if (system !== '') body.systemInstruction = { parts: [{ text: system }] };
    if (tools.length > 0) body.tools = [{ functionDeclarations: tools }];
    const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    return { path: `/v1beta/models/${encodeURIComponent(model)}:${method}`, body, headers: {}, framing: stream ? 'sse' : 'json' };
  },
  frame: geminiParts,
  whole(body) {
    const state: AnswerState = { text: '', toolCalls: [] };
    geminiParts(state, body);
    return state;
  },
};

const ollama: CallerDialect = {
  id: 'ollama',
  label: 'Ollama',
  request(model, system, turns, tools, stream) {
    const messages: unknown[] = system === '' ? [] : [{ role: 'system', content: system }];
    for (const turn of turns) {
      // Results are `tool` messages naming the tool: test/fixtures/recorded/ollama/chat-request-history-tools.jsonc
      if (turn.role === 'tool') for (const result of turn.toolResults ?? []) messages.push({ role: 'tool', content: result.output, tool_name: result.call.name });
      else if (turn.toolCalls !== undefined && turn.toolCalls.length > 0) messages.push({ role: 'assistant', content: turn.text, tool_calls: turn.toolCalls.map((call) => ({ function: { name: call.name, arguments: parsedArguments(call) } })) });
      else messages.push({ role: turn.role, content: turn.text, ...(turn.image === undefined ? {} : { images: [dataUrlParts(turn.image).data] }) });
    }
    const body: Json = { model, messages, stream };
    if (tools.length > 0) body.tools = tools.map((tool) => ({ type: 'function', function: tool }));
    return { path: '/api/chat', body, headers: {}, framing: stream ? 'ndjson' : 'json' };
  },
  frame(state, data) {
    const message = record(record(data).message);
    state.text += text(message.content);
    for (const call of list(message.tool_calls).map(record)) state.toolCalls.push({ id: '', name: text(record(call.function).name), arguments: JSON.stringify(record(call.function).arguments ?? {}) });
    // The final object counts the prompt and the answer: test/fixtures/recorded/ollama/chat-stream.doc-example.first-and-final.json
    const done = record(data);
    if (done.prompt_eval_count !== undefined || done.eval_count !== undefined) state.usage = { inputTokens: count(done.prompt_eval_count), outputTokens: count(done.eval_count) };
  },
  whole(body) {
    const state: AnswerState = { text: '', toolCalls: [] };
    ollama.frame(state, body, undefined);
    return state;
  },
};

export const callerDialects: CallerDialect[] = [openaiChat, openaiResponses, anthropic, gemini, ollama];

