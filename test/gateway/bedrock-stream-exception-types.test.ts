/**
 * An error in the middle of a Bedrock stream goes to the caller as an exception of that stream's own
 * union, as the AWS SDK reads it: ConverseStream's `ConverseStreamOutput$` has no
 * `modelTimeoutException` (InvokeModelWithResponseStream's `ResponseStream$` has), and the SDK raises
 * a member outside its union as a bare `Error` no caller's error handling knows. Here a Claude
 * InvokeModel stream times out after its first words; and every error the gateway can end a stream
 * with is checked against both unions, read from the SDK itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConverseStreamCommand,
  ConverseStreamOutput$,
  InvokeModelWithResponseStreamCommand,
  ModelStreamErrorException,
  ModelTimeoutException,
  ResponseStream$,
} from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { bedrockRuntimeClient } from './support/aws-callers.js';
import { encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';
import { InterlinguaError, errorTable, type ErrorCode } from '../../src/interlingua/error.js';
import { bedrockDialect } from '../../src/dialects/bedrock/index.js';
import { bedrockAnthropicDialect } from '../../src/dialects/anthropic/bedrock-platform.js';
import type { Dialect } from '../../src/interlingua/dialect.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: { claude: [{ provider: 'aws', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }] },
  retry: { attempts: 1 },
}));

const chunk = (event: unknown) => encodeAwsEventStreamMessage({ event: 'chunk', data: JSON.stringify({ bytes: Buffer.from(JSON.stringify(event)).toString('base64') }) });
const timeoutMessage = 'Model has timed out in processing the request. Try your request again.';

/** Claude's stream on InvokeModel, cut after "Hello" by ResponseStream's own `modelTimeoutException`. */
function timedOutStream() {
  return {
    kind: 'binary-stream' as const,
    contentType: 'application/vnd.amazon.eventstream',
    chunks: [
      chunk({ type: 'message_start', message: { id: 'msg_bdrk_1', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } }),
      chunk({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      chunk({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } }),
      encodeAwsEventStreamMessage({ event: 'modelTimeoutException', data: JSON.stringify({ message: timeoutMessage }), exception: true }),
    ],
  };
}

async function raised(read: () => Promise<void>): Promise<unknown> {
  try {
    await read();
  } catch (error) {
    return error;
  }
  return assert.fail('the stream ended without an error');
}

test('ConverseStream through the AWS SDK: a model timeout mid-stream is a typed ModelStreamErrorException', async () => {
  setup.upstream.enqueue(timedOutStream());
  const aws = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  let text = '';
  const error = await raised(async () => {
    const output = await aws.send(new ConverseStreamCommand({ modelId: 'claude', messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }));
    for await (const event of output.stream ?? []) text += event.contentBlockDelta?.delta?.text ?? '';
  });
  assert.equal(text, 'Hello');
  assert.ok(error instanceof ModelStreamErrorException, `the SDK raised ${String(error)}`);
  assert.equal(error.$fault, 'client');
  assert.equal(error.message, timeoutMessage);
});

test('InvokeModelWithResponseStream through the AWS SDK: the same timeout stays a typed ModelTimeoutException, a member of its union', async () => {
  setup.upstream.enqueue(timedOutStream());
  const aws = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  const error = await raised(async () => {
    const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    const output = await aws.send(new InvokeModelWithResponseStreamCommand({ modelId: 'claude', contentType: 'application/json', body }));
    for await (const _part of output.body ?? []);
  });
  assert.ok(error instanceof ModelTimeoutException, `the SDK raised ${String(error)}`);
  assert.equal(error.message, timeoutMessage);
});

/** What the gateway can end a stream with: each of its error codes, and Bedrock's own types passed through from a Bedrock upstream. */
function streamErrors(upstreamDialect: string): InterlinguaError[] {
  const codes = Object.keys(errorTable) as ErrorCode[];
  const bedrockTypes = ['ModelTimeoutException', 'ModelNotReadyException', 'ModelErrorException', 'ServiceQuotaExceededException', 'AccessDeniedException', 'ResourceNotFoundException', 'ExpiredTokenException'];
  return [
    ...codes.map((code) => new InterlinguaError(code, `failed: ${code}`)),
    ...bedrockTypes.map((type) => new InterlinguaError('upstream_error', type, { vendorType: type, upstream: { url: '', status: 200, headers: {}, body: '', dialect: upstreamDialect } })),
  ];
}

/** The exception names a dialect's encoder writes for `errors`. */
function exceptionNames(dialect: Dialect, errors: readonly InterlinguaError[]): string[] {
  return errors.map((error) => {
    const encoder = dialect.createStreamEncoder({ requestedModel: 'claude', request: { model: 'claude', system: [], messages: [], sampling: {}, stream: true } });
    const frame = encoder.encodeFrames!({ type: 'error', error }).find((written) => written.exception === true);
    return frame?.event ?? 'no exception';
  });
}

test('every error ends a ConverseStream with a member of ConverseStreamOutput, and an InvokeModel stream with one of ResponseStream', () => {
  const converseMembers = ConverseStreamOutput$[4];
  const responseMembers = ResponseStream$[4];
  for (const name of exceptionNames(bedrockDialect, streamErrors('bedrock'))) assert.ok(name.endsWith('Exception') && converseMembers.includes(name), `${name} is no member of ConverseStreamOutput`);
  for (const name of exceptionNames(bedrockAnthropicDialect, streamErrors('bedrock-anthropic'))) assert.ok(name.endsWith('Exception') && responseMembers.includes(name), `${name} is no member of ResponseStream`);
});
