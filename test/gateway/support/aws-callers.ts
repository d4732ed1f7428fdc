import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ThrottlingException,
  type ContentBlock,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { DocumentType } from '@smithy/types';
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import type Anthropic from '@anthropic-ai/sdk';
import { anthropicCaller, type CallerResult, type TurnOptions } from './callers.js';

/** A cloud SDK as a caller: one turn in, what it saw out, and whether an error is its rate-limit error. */
export interface CloudCaller {
  name: string;
  turn(options: TurnOptions): Promise<CallerResult>;
  isRateLimitError(error: unknown): boolean;
}

/** How an AWS caller authenticates: SigV4 with made-up credentials, or a Bedrock API key (the gateway key). */
export type AwsAuth = { kind: 'sigv4' } | { kind: 'api-key'; key: string };

const fakeCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** The AWS SDK's default handler speaks HTTP/2; a gateway on plain HTTP takes HTTP/1.1. */
export function bedrockRuntimeClient(gatewayUrl: string, auth: AwsAuth): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: gatewayUrl,
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
    ...(auth.kind === 'sigv4' ? { credentials: fakeCredentials } : { token: { token: auth.key }, authSchemePreference: ['httpBearerAuth'] }),
  });
}

const emptyResult = (): CallerResult => ({ text: '', finish: undefined, inputTokens: undefined, outputTokens: undefined, calls: [], deltas: 0 });

const isThrottled = (error: unknown) => error instanceof ThrottlingException && error.$metadata.httpStatusCode === 429;

function converseMessages(options: TurnOptions): Message[] {
  const user: ContentBlock[] = [{ text: options.prompt }];
  if (options.image !== undefined && 'base64' in options.image) {
    user.push({ image: { format: 'png', source: { bytes: Buffer.from(options.image.base64, 'base64') } } });
  }
  const messages: Message[] = [{ role: 'user', content: user }];
  if (options.toolTurn) {
    const turn = options.toolTurn;
    messages.push({ role: 'assistant', content: turn.calls.map((call): ContentBlock => ({ toolUse: { toolUseId: call.id, name: call.name, input: call.args as DocumentType } })) });
    messages.push({ role: 'user', content: turn.calls.map((call, index) => ({ toolResult: { toolUseId: call.id, content: [{ text: turn.results[index] ?? '' }] } })) });
  }
  return messages;
}

/** `@aws-sdk/client-bedrock-runtime` calling Converse and ConverseStream. */
export function converseCaller(gatewayUrl: string, auth: AwsAuth): CloudCaller {
  const client = bedrockRuntimeClient(gatewayUrl, auth);
  return {
    name: `aws-sdk Converse (${auth.kind})`,
    async turn(options) {
      const input = {
        modelId: options.model,
        messages: converseMessages(options),
        ...(options.system ? { system: [{ text: options.system }] } : {}),
        inferenceConfig: { maxTokens: options.maxTokens ?? 1024, ...(options.temperature !== undefined ? { temperature: options.temperature } : {}) },
        ...(options.tools
          ? { toolConfig: { tools: options.tools.map((tool) => ({ toolSpec: { name: tool.name, description: tool.description, inputSchema: { json: tool.parameters } } })) } }
          : {}),
      };
      const result = emptyResult();
      if (!options.stream) {
        const output = await client.send(new ConverseCommand(input));
        for (const block of output.output?.message?.content ?? []) {
          if (block.text !== undefined) result.text += block.text;
          if (block.toolUse !== undefined) result.calls.push({ id: block.toolUse.toolUseId, name: block.toolUse.name ?? '', args: block.toolUse.input });
        }
        result.finish = output.stopReason;
        result.inputTokens = output.usage?.inputTokens;
        result.outputTokens = output.usage?.outputTokens;
        return result;
      }
      const output = await client.send(new ConverseStreamCommand(input));
      const calls = new Map<number, { id: string | undefined; name: string; input: string }>();
      for await (const event of output.stream ?? []) {
        const toolStart = event.contentBlockStart?.start?.toolUse;
        if (toolStart !== undefined) calls.set(event.contentBlockStart?.contentBlockIndex ?? -1, { id: toolStart.toolUseId, name: toolStart.name ?? '', input: '' });
        const delta = event.contentBlockDelta?.delta;
        if (delta?.text !== undefined) {
          result.text += delta.text;
          result.deltas++;
        }
        if (delta?.toolUse?.input !== undefined) {
          const call = calls.get(event.contentBlockDelta?.contentBlockIndex ?? -1);
          if (call !== undefined) call.input += delta.toolUse.input;
        }
        if (event.messageStop !== undefined) result.finish = event.messageStop.stopReason;
        if (event.metadata?.usage !== undefined) {
          result.inputTokens = event.metadata.usage.inputTokens;
          result.outputTokens = event.metadata.usage.outputTokens;
        }
      }
      result.calls = [...calls.values()].map((call) => ({ id: call.id, name: call.name, args: JSON.parse(call.input || '{}') as unknown }));
      return result;
    },
    isRateLimitError: isThrottled,
  };
}

/** Claude's Messages body as InvokeModel takes it: no `model` (in the path), the platform's version in the body. */
function invokeBody(options: TurnOptions): Record<string, unknown> {
  const user: Anthropic.ContentBlockParam[] = [{ type: 'text', text: options.prompt }];
  if (options.image !== undefined && 'base64' in options.image) {
    user.push({ type: 'image', source: { type: 'base64', media_type: options.image.mediaType as 'image/png', data: options.image.base64 } });
  }
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: user }];
  if (options.toolTurn) {
    const turn = options.toolTurn;
    messages.push({ role: 'assistant', content: turn.calls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: call.args })) });
    messages.push({ role: 'user', content: turn.calls.map((call, index) => ({ type: 'tool_result', tool_use_id: call.id, content: turn.results[index] ?? '' })) });
  }
  return {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: options.maxTokens ?? 1024,
    messages,
    ...(options.system ? { system: options.system } : {}),
    ...(options.tools ? { tools: options.tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.parameters })) } : {}),
  };
}

function takeMessage(result: CallerResult, message: Anthropic.Message): void {
  for (const block of message.content) {
    if (block.type === 'text') result.text += block.text;
    if (block.type === 'tool_use') result.calls.push({ id: block.id, name: block.name, args: block.input });
  }
  result.finish = message.stop_reason;
  result.inputTokens = message.usage.input_tokens;
  result.outputTokens = message.usage.output_tokens;
}

/** `@aws-sdk/client-bedrock-runtime` calling InvokeModel and InvokeModelWithResponseStream with Claude's body. */
export function invokeModelCaller(gatewayUrl: string, auth: AwsAuth): CloudCaller {
  const client = bedrockRuntimeClient(gatewayUrl, auth);
  return {
    name: `aws-sdk InvokeModel (${auth.kind})`,
    async turn(options) {
      const input = { modelId: options.model, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(invokeBody(options)) };
      const result = emptyResult();
      if (!options.stream) {
        const output = await client.send(new InvokeModelCommand(input));
        takeMessage(result, JSON.parse(Buffer.from(output.body).toString('utf8')) as Anthropic.Message);
        return result;
      }
      const output = await client.send(new InvokeModelWithResponseStreamCommand(input));
      const calls = new Map<number, { id: string; name: string; input: string }>();
      for await (const part of output.body ?? []) {
        if (part.chunk?.bytes === undefined) continue;
        const event = JSON.parse(Buffer.from(part.chunk.bytes).toString('utf8')) as Anthropic.RawMessageStreamEvent;
        if (event.type === 'message_start') result.inputTokens = event.message.usage.input_tokens;
        if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') calls.set(event.index, { id: event.content_block.id, name: event.content_block.name, input: '' });
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          result.text += event.delta.text;
          result.deltas++;
        }
        if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
          const call = calls.get(event.index);
          if (call !== undefined) call.input += event.delta.partial_json;
        }
        if (event.type === 'message_delta') {
          result.finish = event.delta.stop_reason;
          result.outputTokens = event.usage.output_tokens;
          // A total known only at the end comes here, as Anthropic's own SDK reads it.
          if (event.usage.input_tokens != null) result.inputTokens = event.usage.input_tokens;
        }
      }
      result.calls = [...calls.values()].map((call) => ({ id: call.id, name: call.name, args: JSON.parse(call.input || '{}') as unknown }));
      return result;
    },
    isRateLimitError: isThrottled,
  };
}

/** `@anthropic-ai/bedrock-sdk`: Anthropic's client over InvokeModel, SigV4-signed or with a Bedrock API key. */
export function anthropicBedrockCaller(gatewayUrl: string, auth: AwsAuth): CloudCaller {
  const common = { baseURL: gatewayUrl, awsRegion: 'us-east-1', maxRetries: 0 };
  const client =
    auth.kind === 'sigv4'
      ? new AnthropicBedrock({ ...common, awsAccessKey: fakeCredentials.accessKeyId, awsSecretKey: fakeCredentials.secretAccessKey })
      : new AnthropicBedrock({ ...common, apiKey: auth.key });
  const caller = anthropicCaller(gatewayUrl, client as unknown as Pick<Anthropic, 'messages'>);
  return { name: `@anthropic-ai/bedrock-sdk (${auth.kind})`, turn: (options) => caller.turn(options), isRateLimitError: (error) => caller.isRateLimitError(error) };
}
