import { readFixtureJson, readFixtureSseFrames, readFixtureText } from '../../support/fixtures.js';
import type { UpstreamReply } from '../../support/test-upstream.js';
import type { DialectName } from './harness.js';

/** What a recorded upstream answer contains, read straight from the fixture, to compare with what a caller saw. */
export interface Expected {
  text: string;
  calls: Array<{ name: string; args: unknown }>;
  inputTokens?: number;
  outputTokens?: number;
  /** Number of separate text deltas in a recorded stream. */
  deltas: number;
}

export interface Scenario {
  reply: UpstreamReply;
  expected: Expected;
}

export interface UpstreamScenarios {
  text: Scenario;
  streamText: Scenario;
  tools: Scenario;
  streamTools: Scenario;
  followUp: Scenario;
  image: Scenario;
  rateLimit: UpstreamReply;
  badRequest: UpstreamReply;
}

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function fromOpenai(body: unknown): Expected {
  const root = asRecord(body);
  const message = asRecord(asRecord(asArray(root.choices)[0]).message);
  const usage = asRecord(root.usage);
  return {
    text: typeof message.content === 'string' ? message.content : '',
    calls: asArray(message.tool_calls).map((call) => {
      const fn = asRecord(asRecord(call).function);
      return { name: String(fn.name), args: JSON.parse(String(fn.arguments)) as unknown };
    }),
    inputTokens: usage.prompt_tokens as number,
    outputTokens: usage.completion_tokens as number,
    deltas: 1,
  };
}

function fromAnthropic(body: unknown): Expected {
  const root = asRecord(body);
  const usage = asRecord(root.usage);
  const blocks = asArray(root.content).map(asRecord);
  return {
    text: blocks.filter((block) => block.type === 'text').map((block) => String(block.text)).join(''),
    calls: blocks.filter((block) => block.type === 'tool_use').map((block) => ({ name: String(block.name), args: block.input })),
    inputTokens: Number(usage.input_tokens) + Number(usage.cache_read_input_tokens ?? 0) + Number(usage.cache_creation_input_tokens ?? 0),
    outputTokens: usage.output_tokens as number,
    deltas: 1,
  };
}

function fromGemini(body: unknown): Expected {
  const root = asRecord(body);
  const parts = asArray(asRecord(asRecord(asArray(root.candidates)[0]).content).parts).map(asRecord);
  const usage = asRecord(root.usageMetadata);
  return {
    text: parts.filter((part) => typeof part.text === 'string' && part.thought !== true).map((part) => String(part.text)).join(''),
    calls: parts.filter((part) => part.functionCall !== undefined).map((part) => ({ name: String(asRecord(part.functionCall).name), args: asRecord(part.functionCall).args })),
    inputTokens: usage.promptTokenCount as number,
    outputTokens: Number(usage.candidatesTokenCount ?? 0) + Number(usage.thoughtsTokenCount ?? 0),
    deltas: 1,
  };
}

/** Folds a recorded stream with nothing but the vendor's documented event shapes. */
function fromOpenaiStream(path: string): Expected {
  const expected: Expected = { text: '', calls: [], deltas: 0 };
  const calls = new Map<number, { name: string; arguments: string }>();
  for (const frame of readFixtureSseFrames(path)) {
    if (frame.data === '[DONE]') continue;
    const chunk = asRecord(JSON.parse(frame.data));
    if (chunk.usage) {
      expected.inputTokens = asRecord(chunk.usage).prompt_tokens as number;
      expected.outputTokens = asRecord(chunk.usage).completion_tokens as number;
    }
    const delta = asRecord(asRecord(asArray(chunk.choices)[0]).delta);
    if (typeof delta.content === 'string' && delta.content !== '') {
      expected.text += delta.content;
      expected.deltas++;
    }
    for (const call of asArray(delta.tool_calls).map(asRecord)) {
      const entry = calls.get(Number(call.index)) ?? { name: '', arguments: '' };
      const fn = asRecord(call.function);
      if (typeof fn.name === 'string') entry.name += fn.name;
      if (typeof fn.arguments === 'string') entry.arguments += fn.arguments;
      calls.set(Number(call.index), entry);
    }
  }
  expected.calls = [...calls.values()].map((call) => ({ name: call.name, args: JSON.parse(call.arguments) as unknown }));
  return expected;
}

function fromAnthropicStream(path: string): Expected {
  const expected: Expected = { text: '', calls: [], deltas: 0 };
  const blocks = new Map<number, { name: string; json: string }>();
  for (const frame of readFixtureSseFrames(path)) {
    const event = asRecord(JSON.parse(frame.data));
    if (event.type === 'message_start') {
      const usage = asRecord(asRecord(event.message).usage);
      expected.inputTokens = Number(usage.input_tokens) + Number(usage.cache_read_input_tokens ?? 0) + Number(usage.cache_creation_input_tokens ?? 0);
    }
    if (event.type === 'message_delta') expected.outputTokens = asRecord(event.usage).output_tokens as number;
    if (event.type === 'content_block_start' && asRecord(event.content_block).type === 'tool_use') {
      blocks.set(Number(event.index), { name: String(asRecord(event.content_block).name), json: '' });
    }
    if (event.type === 'content_block_delta') {
      const delta = asRecord(event.delta);
      if (delta.type === 'text_delta') {
        expected.text += String(delta.text);
        expected.deltas++;
      }
      if (delta.type === 'input_json_delta') {
        const block = blocks.get(Number(event.index));
        if (block) block.json += String(delta.partial_json);
      }
    }
  }
  expected.calls = [...blocks.values()].map((block) => ({ name: block.name, args: JSON.parse(block.json || '{}') as unknown }));
  return expected;
}

function fromGeminiStream(path: string): Expected {
  const expected: Expected = { text: '', calls: [], deltas: 0 };
  for (const frame of readFixtureSseFrames(path)) {
    const chunk = fromGemini(JSON.parse(frame.data));
    if (chunk.text !== '') {
      expected.text += chunk.text;
      expected.deltas++;
    }
    expected.calls.push(...chunk.calls);
    if (chunk.inputTokens !== undefined) expected.inputTokens = chunk.inputTokens;
    if (chunk.outputTokens) expected.outputTokens = chunk.outputTokens;
  }
  return expected;
}

function fromOllama(body: unknown): Expected {
  const root = asRecord(body);
  const message = asRecord(root.message);
  return {
    text: typeof message.content === 'string' ? message.content : '',
    calls: asArray(message.tool_calls).map((call) => {
      const fn = asRecord(asRecord(call).function);
      return { name: String(fn.name), args: fn.arguments };
    }),
    inputTokens: root.prompt_eval_count as number,
    outputTokens: root.eval_count as number,
    deltas: 1,
  };
}

/**
 * The documented stream example (first and final lines) as NDJSON. Its final line is given the
 * `done_reason` current servers write there (ollama/chat-stream-tools.doc-example.first-and-final.json,
 * ollama/generate-stream.ndjson), which this older example leaves out: an Ollama caller of an Ollama
 * upstream gets the line as the upstream wrote it.
 */
function ollamaDocStream(path: string): { reply: UpstreamReply; expected: Expected } {
  const documented = readFixtureJson(path) as unknown[];
  const lines = documented.map((line, index) => (index === documented.length - 1 ? { done_reason: 'stop', ...asRecord(line) } : line));
  const text = lines.map((line) => fromOllama(line).text).join('');
  const final = fromOllama(lines.at(-1));
  return {
    reply: { kind: 'stream', contentType: 'application/x-ndjson', text: lines.map((line) => `${JSON.stringify(line)}\n`).join('') },
    expected: { ...final, text, calls: lines.flatMap((line) => fromOllama(line).calls), deltas: 1 },
  };
}

/**
 * Ollama streams a tool call whole, in one line before the final one
 * (ollama/chat-stream-tools.doc-example.first-and-final.json); the recorded two-call answer
 * is laid out in that documented shape.
 */
function ollamaToolStream(path: string): { reply: UpstreamReply; expected: Expected } {
  const answer = asRecord(readFixtureJson(path));
  const { message, ...rest } = answer;
  const callLine = { model: answer.model, created_at: answer.created_at, message, done: false };
  const finalLine = { ...rest, message: { role: 'assistant', content: '' } };
  return {
    reply: { kind: 'stream', contentType: 'application/x-ndjson', text: `${JSON.stringify(callLine)}\n${JSON.stringify(finalLine)}\n` },
    expected: fromOllama(answer),
  };
}

function fromResponses(body: unknown): Expected {
  const root = asRecord(body);
  const items = asArray(root.output).map(asRecord);
  const usage = asRecord(root.usage);
  return {
    text: items
      .filter((item) => item.type === 'message')
      .flatMap((item) => asArray(item.content).map(asRecord))
      .filter((part) => part.type === 'output_text')
      .map((part) => String(part.text))
      .join(''),
    calls: items.filter((item) => item.type === 'function_call').map((item) => ({ name: String(item.name), args: JSON.parse(String(item.arguments)) as unknown })),
    inputTokens: usage.input_tokens as number,
    outputTokens: usage.output_tokens as number,
    deltas: 1,
  };
}

/** The final response a recorded Responses stream carries in its `response.completed` event. */
function completedResponse(path: string): unknown {
  const completed = readFixtureSseFrames(path)
    .map((frame) => asRecord(JSON.parse(frame.data)))
    .find((event) => event.type === 'response.completed');
  return completed?.response;
}

function fromResponsesStream(path: string): Expected {
  const deltas = readFixtureSseFrames(path).filter((frame) => asRecord(JSON.parse(frame.data)).type === 'response.output_text.delta').length;
  return { ...fromResponses(completedResponse(path)), deltas };
}

const json = (path: string, status = 200, headers?: Record<string, string>): UpstreamReply => ({
  kind: 'json',
  status,
  body: readFixtureText(path),
  ...(headers ? { headers } : {}),
});
const stream = (path: string): UpstreamReply => ({ kind: 'stream', text: readFixtureText(path) });

/**
 * Each upstream's answers for the matrix, all recorded from the real vendor
 * (test/fixtures/recorded, see its MANIFEST.md), except the Anthropic 429 body (test/fixtures/README.md).
 */
export const upstreamScenarios: Record<DialectName, UpstreamScenarios> = {
  'openai-chat': {
    text: { reply: json('openai-chat/fantasy-gpt4o-simple.response.json'), expected: fromOpenai(readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json')) },
    streamText: { reply: stream('openai-chat/fantasy-gpt4o-simple_streaming.response.sse'), expected: fromOpenaiStream('openai-chat/fantasy-gpt4o-simple_streaming.response.sse') },
    tools: { reply: json('openai-chat/fantasy-gpt4o-multi_tool.i0.response.json'), expected: fromOpenai(readFixtureJson('openai-chat/fantasy-gpt4o-multi_tool.i0.response.json')) },
    streamTools: { reply: stream('openai-chat/fantasy-gpt4o-multi_tool_streaming.i0.response.sse'), expected: fromOpenaiStream('openai-chat/fantasy-gpt4o-multi_tool_streaming.i0.response.sse') },
    followUp: { reply: json('openai-chat/fantasy-gpt4o-multi_tool.i1.response.json'), expected: fromOpenai(readFixtureJson('openai-chat/fantasy-gpt4o-multi_tool.i1.response.json')) },
    image: { reply: json('openai-chat/fantasy-gpt5-image-upload.response.json'), expected: fromOpenai(readFixtureJson('openai-chat/fantasy-gpt5-image-upload.response.json')) },
    rateLimit: json('openai-chat/error-429-rate-limit-tokens.from-python-repr.json', 429),
    badRequest: json('openai-chat/error-400-unsupported-parameter.json', 400),
  },
  anthropic: {
    text: { reply: json('anthropic/fantasy-sonnet4-simple.response.json'), expected: fromAnthropic(readFixtureJson('anthropic/fantasy-sonnet4-simple.response.json')) },
    streamText: { reply: stream('anthropic/fantasy-sonnet4-simple_streaming.response.sse'), expected: fromAnthropicStream('anthropic/fantasy-sonnet4-simple_streaming.response.sse') },
    tools: { reply: json('anthropic/fantasy-sonnet4-multi_tool.i0.response.json'), expected: fromAnthropic(readFixtureJson('anthropic/fantasy-sonnet4-multi_tool.i0.response.json')) },
    streamTools: { reply: stream('anthropic/fantasy-sonnet4-multi_tool_streaming.i0.response.sse'), expected: fromAnthropicStream('anthropic/fantasy-sonnet4-multi_tool_streaming.i0.response.sse') },
    followUp: { reply: json('anthropic/fantasy-sonnet4-multi_tool.i1.response.json'), expected: fromAnthropic(readFixtureJson('anthropic/fantasy-sonnet4-multi_tool.i1.response.json')) },
    image: { reply: json('anthropic/fantasy-sonnet4-image-upload.response.json'), expected: fromAnthropic(readFixtureJson('anthropic/fantasy-sonnet4-image-upload.response.json')) },
    rateLimit: { kind: 'json', status: 429, body: readFixtureText('anthropic/error-429-rate-limit.json') },
    badRequest: json('anthropic/dd-error-400.response.json', 400),
  },
  gemini: {
    text: { reply: json('gemini/fantasy-gemini25flash-simple.response.json'), expected: fromGemini(readFixtureJson('gemini/fantasy-gemini25flash-simple.response.json')) },
    streamText: { reply: stream('gemini/fantasy-gemini25flash-simple_streaming.response.sse'), expected: fromGeminiStream('gemini/fantasy-gemini25flash-simple_streaming.response.sse') },
    // The one recorded Gemini answer with two parallel calls is a stream chunk; a chunk is a whole
    // GenerateContentResponse, the same object generateContent returns.
    tools: {
      reply: { kind: 'json', body: readFixtureSseFrames('gemini/fantasy-gemini25flash-multi_tool_streaming.i0.response.sse')[0]?.data ?? '' },
      expected: fromGeminiStream('gemini/fantasy-gemini25flash-multi_tool_streaming.i0.response.sse'),
    },
    streamTools: { reply: stream('gemini/fantasy-gemini25flash-multi_tool_streaming.i0.response.sse'), expected: fromGeminiStream('gemini/fantasy-gemini25flash-multi_tool_streaming.i0.response.sse') },
    followUp: { reply: json('gemini/fantasy-gemini25flash-tool.i1.response.json'), expected: fromGemini(readFixtureJson('gemini/fantasy-gemini25flash-tool.i1.response.json')) },
    image: { reply: json('gemini/fantasy-gemini25pro-image-upload.response.json'), expected: fromGemini(readFixtureJson('gemini/fantasy-gemini25pro-image-upload.response.json')) },
    rateLimit: json('gemini/error-429-resource-exhausted-retryinfo.json', 429),
    badRequest: json('gemini/error-400-missing-thought-signature.json', 400),
  },
  'openai-responses': {
    text: { reply: json('openai-responses/fantasy-gpt5-simple.response.json'), expected: fromResponses(readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json')) },
    streamText: { reply: stream('openai-responses/fantasy-gpt5-simple_streaming.response.sse'), expected: fromResponsesStream('openai-responses/fantasy-gpt5-simple_streaming.response.sse') },
    // The recorded two-call answer is a stream; its response.completed event holds the whole
    // Response object, the same object a non-streamed call returns.
    tools: {
      reply: { kind: 'json', body: completedResponse('openai-responses/fantasy-gpt5-multi_tool_streaming.i0.response.sse') },
      expected: fromResponses(completedResponse('openai-responses/fantasy-gpt5-multi_tool_streaming.i0.response.sse')),
    },
    streamTools: { reply: stream('openai-responses/fantasy-gpt5-multi_tool_streaming.i0.response.sse'), expected: fromResponsesStream('openai-responses/fantasy-gpt5-multi_tool_streaming.i0.response.sse') },
    followUp: { reply: json('openai-responses/fantasy-gpt4o-tool.i1.response.json'), expected: fromResponses(readFixtureJson('openai-responses/fantasy-gpt4o-tool.i1.response.json')) },
    image: { reply: json('openai-responses/pa-input-image-url.response.json'), expected: fromResponses(readFixtureJson('openai-responses/pa-input-image-url.response.json')) },
    rateLimit: json('openai-responses/error-429-insufficient-quota.json', 429),
    badRequest: json('openai-responses/error-400-unsupported-temperature.json', 400),
  },
  ollama: {
    text: { reply: json('ollama/chat-response-qwen3.5-after-tool-results.json'), expected: fromOllama(readFixtureJson('ollama/chat-response-qwen3.5-after-tool-results.json')) },
    streamText: ollamaDocStream('ollama/chat-stream.doc-example.first-and-final.json'),
    tools: { reply: json('ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json'), expected: fromOllama(readFixtureJson('ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json')) },
    streamTools: ollamaToolStream('ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json'),
    followUp: { reply: json('ollama/chat-response-qwen3.5-after-tool-results.json'), expected: fromOllama(readFixtureJson('ollama/chat-response-qwen3.5-after-tool-results.json')) },
    image: { reply: json('ollama/chat-response-images.json'), expected: fromOllama(readFixtureJson('ollama/chat-response-images.json')) },
    // Ollama answers every error as {"error": "<text>"} with the HTTP status (ollama/error-body.json).
    rateLimit: json('ollama/error-body.json', 429),
    badRequest: json('ollama/error-body.json', 400),
  },
};
