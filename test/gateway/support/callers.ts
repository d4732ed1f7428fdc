import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, ApiError as GeminiApiError, Type, type Content, type FunctionDeclaration } from '@google/genai';
import { Ollama, type Message as OllamaMessage } from 'ollama';
import type { DialectName } from './harness.js';

/** What a caller saw, in terms every dialect can be compared in. */
export interface CallerResult {
  text: string;
  /** The caller dialect's own finish word (`stop`, `end_turn`, `STOP`, ...). */
  finish: string | null | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  calls: Array<{ id: string | undefined; name: string; args: unknown }>;
  /** Number of text deltas seen, for streams (the typewriter effect). */
  deltas: number;
}

export interface ToolSpec {
  name: string;
  description: string;
  parameters: { type: 'object'; properties: Record<string, { type: string; description: string }>; required: string[] };
}

/** The add / multiply tools of the recorded multi-tool fixtures. */
export const arithmeticTools: ToolSpec[] = ['add', 'multiply'].map((name) => ({
  name,
  description: `${name === 'add' ? 'Add' : 'Multiply'} two numbers`,
  parameters: {
    type: 'object',
    properties: { a: { type: 'integer', description: 'first number' }, b: { type: 'integer', description: 'second number' } },
    required: ['a', 'b'],
  },
}));

export interface TurnOptions {
  model: string;
  system?: string;
  prompt: string;
  temperature?: number;
  maxTokens?: number;
  tools?: ToolSpec[];
  stream?: boolean;
  image?: { base64: string; mediaType: string } | { url: string };
  /** A previous assistant turn with tool calls and the caller's results for them. */
  toolTurn?: { calls: Array<{ id: string; name: string; args: Record<string, unknown> }>; results: string[] };
}

export interface CallerClient {
  dialect: DialectName;
  turn(options: TurnOptions): Promise<CallerResult>;
  /** Whether an error is the SDK's rate-limit error class with status 429. */
  isRateLimitError(error: unknown): boolean;
  isBadRequestError(error: unknown): boolean;
  isNotFoundError(error: unknown): boolean;
}

const emptyResult = (): CallerResult => ({ text: '', finish: undefined, inputTokens: undefined, outputTokens: undefined, calls: [], deltas: 0 });

/** `client`: an OpenAI client pointed elsewhere (Azure's `AzureOpenAI`). */
export function openaiCaller(gatewayUrl: string, client: OpenAI = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller-key', maxRetries: 0 })): CallerClient {
  return {
    dialect: 'openai-chat',
    async turn(options) {
      const messages: OpenAI.ChatCompletionMessageParam[] = [];
      if (options.system) messages.push({ role: 'system', content: options.system });
      if (options.image) {
        const url = 'url' in options.image ? options.image.url : `data:${options.image.mediaType};base64,${options.image.base64}`;
        messages.push({ role: 'user', content: [{ type: 'text', text: options.prompt }, { type: 'image_url', image_url: { url } }] });
      } else messages.push({ role: 'user', content: options.prompt });
      if (options.toolTurn) {
        messages.push({
          role: 'assistant',
          content: null,
          tool_calls: options.toolTurn.calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } })),
        });
        options.toolTurn.calls.forEach((call, index) => messages.push({ role: 'tool', tool_call_id: call.id, content: options.toolTurn?.results[index] ?? '' }));
      }
      const body = {
        model: options.model,
        messages,
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
        ...(options.maxTokens !== undefined ? { max_completion_tokens: options.maxTokens } : {}),
        ...(options.tools ? { tools: options.tools.map((tool) => ({ type: 'function' as const, function: tool })) } : {}),
      };
      const result = emptyResult();
      if (!options.stream) {
        const completion = await client.chat.completions.create(body);
        const choice = completion.choices[0];
        result.text = choice?.message.content ?? '';
        result.finish = choice?.finish_reason;
        result.calls = (choice?.message.tool_calls ?? []).map((call) =>
          call.type === 'function' ? { id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) as unknown } : { id: call.id, name: '?', args: null },
        );
        result.inputTokens = completion.usage?.prompt_tokens;
        result.outputTokens = completion.usage?.completion_tokens;
        return result;
      }
      const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
      const calls = new Map<number, { id: string | undefined; name: string; arguments: string }>();
      for await (const chunk of stream) {
        if (chunk.usage) {
          result.inputTokens = chunk.usage.prompt_tokens;
          result.outputTokens = chunk.usage.completion_tokens;
        }
        const choice = chunk.choices[0];
        if (!choice) continue;
        if (choice.delta.content) {
          result.text += choice.delta.content;
          result.deltas++;
        }
        for (const call of choice.delta.tool_calls ?? []) {
          const existing = calls.get(call.index) ?? { id: undefined, name: '', arguments: '' };
          if (call.id) existing.id = call.id;
          if (call.function?.name) existing.name += call.function.name;
          if (call.function?.arguments) existing.arguments += call.function.arguments;
          calls.set(call.index, existing);
        }
        if (choice.finish_reason) result.finish = choice.finish_reason;
      }
      result.calls = [...calls.values()].map((call) => ({ id: call.id, name: call.name, args: JSON.parse(call.arguments || '{}') as unknown }));
      return result;
    },
    isRateLimitError: (error) => error instanceof OpenAI.RateLimitError && error.status === 429,
    isBadRequestError: (error) => error instanceof OpenAI.BadRequestError && error.status === 400,
    isNotFoundError: (error) => error instanceof OpenAI.NotFoundError && error.status === 404,
  };
}

/** `client`: an Anthropic client of a cloud platform (`AnthropicBedrock`, `AnthropicVertex`), whose `messages` are Anthropic's. */
export function anthropicCaller(gatewayUrl: string, client: Pick<Anthropic, 'messages'> = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller-key', maxRetries: 0 })): CallerClient {
  return {
    dialect: 'anthropic',
    async turn(options) {
      const userContent: Anthropic.ContentBlockParam[] = [{ type: 'text', text: options.prompt }];
      if (options.image) {
        userContent.push({
          type: 'image',
          source: 'url' in options.image
            ? { type: 'url', url: options.image.url }
            : { type: 'base64', media_type: options.image.mediaType as 'image/png', data: options.image.base64 },
        });
      }
      const messages: Anthropic.MessageParam[] = [{ role: 'user', content: userContent }];
      if (options.toolTurn) {
        messages.push({ role: 'assistant', content: options.toolTurn.calls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: call.args })) });
        messages.push({
          role: 'user',
          content: options.toolTurn.calls.map((call, index) => ({ type: 'tool_result', tool_use_id: call.id, content: options.toolTurn?.results[index] ?? '' })),
        });
      }
      const body: Anthropic.MessageCreateParamsNonStreaming = {
        model: options.model,
        max_tokens: options.maxTokens ?? 1024,
        messages,
        ...(options.system ? { system: options.system } : {}),
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
        ...(options.tools ? { tools: options.tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.parameters })) } : {}),
      };
      const result = emptyResult();
      let message: Anthropic.Message;
      if (options.stream) {
        const stream = client.messages.stream(body);
        stream.on('text', () => result.deltas++);
        message = await stream.finalMessage();
      } else {
        message = await client.messages.create(body);
      }
      for (const block of message.content) {
        if (block.type === 'text') result.text += block.text;
        if (block.type === 'tool_use') result.calls.push({ id: block.id, name: block.name, args: block.input });
      }
      result.finish = message.stop_reason;
      result.inputTokens = message.usage.input_tokens + (message.usage.cache_read_input_tokens ?? 0) + (message.usage.cache_creation_input_tokens ?? 0);
      result.outputTokens = message.usage.output_tokens;
      return result;
    },
    isRateLimitError: (error) => error instanceof Anthropic.RateLimitError && error.status === 429,
    isBadRequestError: (error) => error instanceof Anthropic.BadRequestError && error.status === 400,
    isNotFoundError: (error) => error instanceof Anthropic.NotFoundError && error.status === 404,
  };
}

/** `client`: a Google Gen AI client pointed elsewhere (Vertex AI). */
export function geminiCaller(gatewayUrl: string, client: GoogleGenAI = new GoogleGenAI({ apiKey: 'caller-key', httpOptions: { baseUrl: gatewayUrl } })): CallerClient {
  return {
    dialect: 'gemini',
    async turn(options) {
      const userParts: NonNullable<Content['parts']> = [{ text: options.prompt }];
      if (options.image) {
        if ('url' in options.image) userParts.push({ fileData: { fileUri: options.image.url, mimeType: 'image/png' } });
        else userParts.push({ inlineData: { data: options.image.base64, mimeType: options.image.mediaType } });
      }
      const contents: Content[] = [{ role: 'user', parts: userParts }];
      if (options.toolTurn) {
        contents.push({ role: 'model', parts: options.toolTurn.calls.map((call) => ({ functionCall: { name: call.name, args: call.args } })) });
        contents.push({
          role: 'user',
          parts: options.toolTurn.calls.map((call, index) => ({ functionResponse: { name: call.name, response: { result: options.toolTurn?.results[index] } } })),
        });
      }
      const config = {
        ...(options.system ? { systemInstruction: options.system } : {}),
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
        ...(options.maxTokens !== undefined ? { maxOutputTokens: options.maxTokens } : {}),
        ...(options.tools ? { tools: [{ functionDeclarations: options.tools.map(toGeminiDeclaration) }] } : {}),
      };
      const request = { model: options.model, contents, config };
      const result = emptyResult();
      const take = (response: Awaited<ReturnType<typeof client.models.generateContent>>) => {
        const candidate = response.candidates?.[0];
        for (const part of candidate?.content?.parts ?? []) {
          if (part.text !== undefined && !part.thought) {
            result.text += part.text;
            result.deltas++;
          }
          if (part.functionCall) result.calls.push({ id: part.functionCall.id, name: part.functionCall.name ?? '', args: part.functionCall.args });
        }
        if (candidate?.finishReason) result.finish = candidate.finishReason;
        if (response.usageMetadata) {
          result.inputTokens = response.usageMetadata.promptTokenCount;
          result.outputTokens = (response.usageMetadata.candidatesTokenCount ?? 0) + (response.usageMetadata.thoughtsTokenCount ?? 0);
        }
      };
      if (options.stream) {
        for await (const chunk of await client.models.generateContentStream(request)) take(chunk);
      } else take(await client.models.generateContent(request));
      return result;
    },
    isRateLimitError: (error) => error instanceof GeminiApiError && error.status === 429,
    isBadRequestError: (error) => error instanceof GeminiApiError && error.status === 400,
    isNotFoundError: (error) => error instanceof GeminiApiError && error.status === 404,
  };
}

/** Gemini callers write schemas in Gemini's OpenAPI subset, with upper-case types (as in the recorded fixtures). */
function toGeminiDeclaration(tool: ToolSpec): FunctionDeclaration {
  return {
    name: tool.name,
    description: tool.description,
    parameters: {
      type: Type.OBJECT,
      properties: Object.fromEntries(
        Object.entries(tool.parameters.properties).map(([key, property]) => [key, { type: Type.INTEGER, description: property.description }]),
      ),
      required: tool.parameters.required,
    },
  };
}

/** The ollama client's ResponseError is not exported; it is known by its name and status_code. */
function isOllamaError(error: unknown, status: number): boolean {
  return error instanceof Error && error.name === 'ResponseError' && (error as Error & { status_code?: number }).status_code === status;
}

export function ollamaCaller(gatewayUrl: string): CallerClient {
  const client = new Ollama({ host: gatewayUrl });
  return {
    dialect: 'ollama',
    async turn(options) {
      if (options.image && 'url' in options.image) throw new Error('Ollama callers can only send inline images');
      const messages: OllamaMessage[] = [];
      if (options.system) messages.push({ role: 'system', content: options.system });
      messages.push({ role: 'user', content: options.prompt, ...(options.image && 'base64' in options.image ? { images: [options.image.base64] } : {}) });
      if (options.toolTurn) {
        messages.push({ role: 'assistant', content: '', tool_calls: options.toolTurn.calls.map((call) => ({ function: { name: call.name, arguments: call.args } })) });
        options.toolTurn.calls.forEach((call, index) => messages.push({ role: 'tool', content: options.toolTurn?.results[index] ?? '', tool_name: call.name }));
      }
      const request = {
        model: options.model,
        messages,
        ...(options.tools ? { tools: options.tools.map((tool) => ({ type: 'function', function: tool })) } : {}),
        options: {
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options.maxTokens !== undefined ? { num_predict: options.maxTokens } : {}),
        },
      };
      const result = emptyResult();
      const take = (response: Awaited<ReturnType<typeof client.chat>> & { done: boolean }) => {
        if (response.message.content) {
          result.text += response.message.content;
          result.deltas++;
        }
        for (const call of response.message.tool_calls ?? []) result.calls.push({ id: undefined, name: call.function.name, args: call.function.arguments });
        if (response.done) {
          result.finish = response.done_reason;
          result.inputTokens = response.prompt_eval_count;
          result.outputTokens = response.eval_count;
        }
      };
      if (options.stream) {
        for await (const part of await client.chat({ ...request, stream: true })) take(part);
      } else take(await client.chat({ ...request, stream: false }));
      return result;
    },
    isRateLimitError: (error) => isOllamaError(error, 429),
    isBadRequestError: (error) => isOllamaError(error, 400),
    isNotFoundError: (error) => isOllamaError(error, 404),
  };
}

export function openaiResponsesCaller(gatewayUrl: string): CallerClient {
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller-key', maxRetries: 0 });
  return {
    dialect: 'openai-responses',
    async turn(options) {
      const content: OpenAI.Responses.ResponseInputContent[] = [{ type: 'input_text', text: options.prompt }];
      if (options.image) {
        const url = 'url' in options.image ? options.image.url : `data:${options.image.mediaType};base64,${options.image.base64}`;
        content.push({ type: 'input_image', image_url: url, detail: 'auto' });
      }
      const input: OpenAI.Responses.ResponseInputItem[] = [{ role: 'user', content }];
      if (options.toolTurn) {
        for (const call of options.toolTurn.calls) input.push({ type: 'function_call', call_id: call.id, name: call.name, arguments: JSON.stringify(call.args) });
        options.toolTurn.calls.forEach((call, index) => input.push({ type: 'function_call_output', call_id: call.id, output: options.toolTurn?.results[index] ?? '' }));
      }
      const body = {
        model: options.model,
        input,
        ...(options.system ? { instructions: options.system } : {}),
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
        ...(options.maxTokens !== undefined ? { max_output_tokens: options.maxTokens } : {}),
        ...(options.tools ? { tools: options.tools.map((tool) => ({ type: 'function' as const, name: tool.name, description: tool.description, parameters: tool.parameters, strict: false })) } : {}),
      };
      const result = emptyResult();
      const take = (response: OpenAI.Responses.Response) => {
        result.text = response.output_text;
        for (const item of response.output) {
          if (item.type === 'function_call') result.calls.push({ id: item.call_id, name: item.name, args: JSON.parse(item.arguments) as unknown });
        }
        result.finish = response.status;
        result.inputTokens = response.usage?.input_tokens;
        result.outputTokens = response.usage?.output_tokens;
      };
      if (!options.stream) {
        take(await client.responses.create(body));
        return result;
      }
      // `output_text` is a convenience the SDK adds to non-streamed responses only: a stream's
      // text is what its deltas spell.
      let text = '';
      let deltas = 0;
      for await (const event of await client.responses.create({ ...body, stream: true })) {
        if (event.type === 'response.output_text.delta') {
          text += event.delta;
          deltas++;
        }
        if (event.type === 'response.completed' || event.type === 'response.incomplete') take(event.response);
      }
      result.text = text;
      result.deltas = deltas;
      return result;
    },
    isRateLimitError: (error) => error instanceof OpenAI.RateLimitError && error.status === 429,
    isBadRequestError: (error) => error instanceof OpenAI.BadRequestError && error.status === 400,
    isNotFoundError: (error) => error instanceof OpenAI.NotFoundError && error.status === 404,
  };
}

export function callerFor(dialect: DialectName, gatewayUrl: string): CallerClient {
  switch (dialect) {
    case 'openai-responses':
      return openaiResponsesCaller(gatewayUrl);
    case 'ollama':
      return ollamaCaller(gatewayUrl);
    case 'openai-chat':
      return openaiCaller(gatewayUrl);
    case 'anthropic':
      return anthropicCaller(gatewayUrl);
    case 'gemini':
      return geminiCaller(gatewayUrl);
  }
}
