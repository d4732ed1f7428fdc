import type { RecordedRequest } from '../../support/test-upstream.js';
import { upstreamKeys, upstreamModels, type DialectName } from './harness.js';

/** What an upstream received, in terms every dialect can be compared in. */
export interface UpstreamView {
  path: string;
  authenticated: boolean;
  system: string | undefined;
  /** `user`, `assistant`, or `tool` for a turn that carries only tool results. */
  roles: string[];
  tools: Array<{ name: string; parameterNames: string[] }>;
  /** Ids (or, for Gemini, names) of calls in assistant turns, and of the results answering them. */
  callIds: string[];
  resultIds: string[];
  images: Array<'base64' | 'url'>;
  imageData: string[];
  maxTokens: number | undefined;
  temperature: number | undefined;
  streamRequested: boolean;
}

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : asArray(value).map((part) => String(asRecord(part).text ?? '')).join('');

function schemaKeys(schema: unknown): string[] {
  return Object.keys(asRecord(asRecord(schema).properties)).sort();
}

export function inspectUpstream(dialect: DialectName, request: RecordedRequest): UpstreamView {
  const body = asRecord(request.body);
  const view: UpstreamView = {
    path: request.url,
    authenticated: false,
    system: undefined,
    roles: [],
    tools: [],
    callIds: [],
    resultIds: [],
    images: [],
    imageData: [],
    maxTokens: undefined,
    temperature: undefined,
    streamRequested: false,
  };
  switch (dialect) {
    case 'openai-chat': {
      view.authenticated = request.headers.authorization === `Bearer ${upstreamKeys['openai-chat']}`;
      for (const message of asArray(body.messages).map(asRecord)) {
        if (message.role === 'system' || message.role === 'developer') {
          view.system = (view.system ?? '') + textOf(message.content);
          continue;
        }
        // OpenAI sends one `tool` message per result: a run of them is one tool turn.
        if (!(message.role === 'tool' && view.roles.at(-1) === 'tool')) view.roles.push(String(message.role));
        for (const call of asArray(message.tool_calls)) view.callIds.push(String(asRecord(call).id));
        if (message.role === 'tool') view.resultIds.push(String(message.tool_call_id));
        for (const part of asArray(message.content).map(asRecord)) {
          if (part.type !== 'image_url') continue;
          const url = String(asRecord(part.image_url).url);
          view.images.push(url.startsWith('data:') ? 'base64' : 'url');
          view.imageData.push(url.startsWith('data:') ? url.slice(url.indexOf(',') + 1) : url);
        }
      }
      view.tools = asArray(body.tools).map((tool) => {
        const fn = asRecord(asRecord(tool).function);
        return { name: String(fn.name), parameterNames: schemaKeys(fn.parameters) };
      });
      view.maxTokens = (body.max_completion_tokens ?? body.max_tokens) as number | undefined;
      view.streamRequested = body.stream === true && asRecord(body.stream_options).include_usage === true;
      break;
    }
    case 'anthropic': {
      view.authenticated = request.headers['x-api-key'] === upstreamKeys.anthropic && request.headers['anthropic-version'] === '2023-06-01';
      view.system = body.system === undefined ? undefined : textOf(body.system);
      for (const message of asArray(body.messages).map(asRecord)) {
        const blocks = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : asArray(message.content).map(asRecord);
        const onlyResults = blocks.length > 0 && blocks.every((block) => asRecord(block).type === 'tool_result');
        view.roles.push(onlyResults ? 'tool' : String(message.role));
        for (const block of blocks.map(asRecord)) {
          if (block.type === 'tool_use') view.callIds.push(String(block.id));
          if (block.type === 'tool_result') view.resultIds.push(String(block.tool_use_id));
          if (block.type === 'image') {
            const source = asRecord(block.source);
            view.images.push(source.type === 'base64' ? 'base64' : 'url');
            view.imageData.push(String(source.type === 'base64' ? source.data : source.url));
          }
        }
      }
      view.tools = asArray(body.tools).map((tool) => ({ name: String(asRecord(tool).name), parameterNames: schemaKeys(asRecord(tool).input_schema) }));
      view.maxTokens = body.max_tokens as number | undefined;
      view.streamRequested = body.stream === true;
      break;
    }
    case 'openai-responses': {
      view.authenticated = request.headers.authorization === `Bearer ${upstreamKeys['openai-responses']}`;
      view.system = typeof body.instructions === 'string' ? body.instructions : undefined;
      const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : asArray(body.input);
      for (const item of input.map(asRecord)) {
        const kind = item.type === 'function_call' ? 'assistant' : item.type === 'function_call_output' ? 'tool' : item.role === 'system' || item.role === 'developer' ? 'system' : String(item.role);
        if (kind === 'system') {
          view.system = (view.system ?? '') + textOf(item.content);
          continue;
        }
        // Calls and results are one item each: a run of them is one turn.
        if (!((kind === 'assistant' || kind === 'tool') && view.roles.at(-1) === kind)) view.roles.push(kind);
        if (item.type === 'function_call') view.callIds.push(String(item.call_id));
        if (item.type === 'function_call_output') view.resultIds.push(String(item.call_id));
        for (const part of asArray(item.content).map(asRecord)) {
          if (part.type !== 'input_image') continue;
          const url = String(part.image_url);
          view.images.push(url.startsWith('data:') ? 'base64' : 'url');
          view.imageData.push(url.startsWith('data:') ? url.slice(url.indexOf(',') + 1) : url);
        }
      }
      view.tools = asArray(body.tools).map((tool) => ({ name: String(asRecord(tool).name), parameterNames: schemaKeys(asRecord(tool).parameters) }));
      view.maxTokens = body.max_output_tokens as number | undefined;
      view.streamRequested = body.stream === true;
      break;
    }
    case 'ollama': {
      view.authenticated = request.headers.authorization === `Bearer ${upstreamKeys.ollama}`;
      for (const message of asArray(body.messages).map(asRecord)) {
        if (message.role === 'system') {
          view.system = (view.system ?? '') + String(message.content);
          continue;
        }
        // One `tool` message per result, as in OpenAI: a run of them is one tool turn.
        if (!(message.role === 'tool' && view.roles.at(-1) === 'tool')) view.roles.push(String(message.role));
        // Ollama pairs results with calls by function name (ids are optional there).
        for (const call of asArray(message.tool_calls)) view.callIds.push(String(asRecord(asRecord(call).function).name));
        if (message.role === 'tool') view.resultIds.push(String(message.tool_name));
        for (const image of asArray(message.images)) {
          view.images.push('base64');
          view.imageData.push(String(image));
        }
      }
      view.tools = asArray(body.tools).map((tool) => {
        const fn = asRecord(asRecord(tool).function);
        return { name: String(fn.name), parameterNames: schemaKeys(fn.parameters) };
      });
      const options = asRecord(body.options);
      view.maxTokens = options.num_predict as number | undefined;
      view.temperature = options.temperature as number | undefined;
      view.streamRequested = body.stream === true;
      return view;
    }
    case 'gemini': {
      view.authenticated = request.headers['x-goog-api-key'] === upstreamKeys.gemini;
      const instruction = asRecord(body.systemInstruction);
      view.system = body.systemInstruction === undefined ? undefined : textOf(instruction.parts);
      for (const content of asArray(body.contents).map(asRecord)) {
        const parts = asArray(content.parts).map(asRecord);
        const onlyResults = parts.length > 0 && parts.every((part) => part.functionResponse !== undefined);
        view.roles.push(onlyResults ? 'tool' : content.role === 'model' ? 'assistant' : 'user');
        for (const part of parts) {
          if (part.functionCall !== undefined) view.callIds.push(String(asRecord(part.functionCall).name));
          if (part.functionResponse !== undefined) view.resultIds.push(String(asRecord(part.functionResponse).name));
          if (part.inlineData !== undefined) {
            view.images.push('base64');
            view.imageData.push(String(asRecord(part.inlineData).data));
          }
          if (part.fileData !== undefined) {
            view.images.push('url');
            view.imageData.push(String(asRecord(part.fileData).fileUri));
          }
        }
      }
      view.tools = asArray(body.tools).flatMap((tool) =>
        asArray(asRecord(tool).functionDeclarations).map((declaration) => ({
          name: String(asRecord(declaration).name),
          parameterNames: schemaKeys(asRecord(declaration).parameters ?? asRecord(declaration).parametersJsonSchema),
        })),
      );
      const generation = asRecord(body.generationConfig);
      view.maxTokens = generation.maxOutputTokens as number | undefined;
      view.temperature = generation.temperature as number | undefined;
      view.streamRequested = request.url.endsWith(':streamGenerateContent?alt=sse');
      const expectedPath = `/v1beta/models/${upstreamModels.gemini}:${view.streamRequested ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
      if (request.url !== expectedPath) view.path = `unexpected ${request.url}`;
      return view;
    }
  }
  view.temperature = body.temperature as number | undefined;
  return view;
}

/** The path each upstream must be called on. */
export function expectedPath(dialect: DialectName, stream: boolean): string {
  switch (dialect) {
    case 'openai-chat':
      return '/v1/chat/completions';
    case 'anthropic':
      return '/v1/messages';
    case 'gemini':
      return `/v1beta/models/${upstreamModels.gemini}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
    case 'ollama':
      return '/api/chat';
    case 'openai-responses':
      return '/v1/responses';
  }
}
