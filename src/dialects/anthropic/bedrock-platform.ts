/**
 * `bedrock-anthropic`: Claude on Amazon Bedrock through InvokeModel, whose body is Anthropic's
 * Messages body with `anthropic_version: "bedrock-2023-05-31"` and without `model` (in the URL
 * path) or `stream` (in the operation, `invoke-with-response-stream`)
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html;
 * recorded: test/fixtures/recorded/bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.request.json).
 * Answers are Anthropic's; streams are Anthropic's events inside AWS event-stream `chunk`
 * messages; errors are Bedrock's. Everything else is the Anthropic codec's.
 *
 * Thinking signatures are bound to the platform that issued them: reasoning Claude signed on
 * Bedrock is marked with this dialect's name as its origin, and only such reasoning is sent back
 * here; reasoning signed by Anthropic's own API (or anyone else) is left out with a warning.
 */
import type { Dialect, EmitRequestOptions, EmitResponseContext, EmittedRequest, ParsedRequest, ParseRequestContext, StreamEncoder, StreamFrame } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { emitBedrockError, parseBedrockError, streamException, streamExceptionFrame } from '../bedrock-family/errors.js';
import { chunkEventText, chunkFrame } from '../bedrock-family/invoke-chunks.js';
import { responseStreamExceptions } from '../bedrock-family/stream-exceptions.js';
import { SseParser } from '../../wire/sse-parser.js';
import { streamFrameLines } from '../../wire/aws-event-stream.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { anthropicDialect } from './index.js';
import { platformOrigins } from './platform-origins.js';
import { claudeImageLimits, claudeImageLimitsFor, claudeImageMediaTypes } from '../claude-family/image-limits.js';
import { bedrockClaudeMaxMedia } from '../../core/claude-image-count.js';
import { fitMediaCount, leftOutImageText, type MediaShape } from '../bedrock-family/media-count.js';
import type { ImageLimits } from '../../interlingua/dialect.js';
import { invokeModelCountTokens } from './bedrock-count-tokens.js';
import { isPlainObject } from './vendor-data.js';
import { takenBetas } from '../claude-family/platform-betas.js';
import { withEffortTheModelTakes } from './cloud-effort.js';
import { withOutputFormatForBedrock } from './bedrock-structured-output.js';
import { withRequestBreakpointOnLastPart } from '../../core/request-cache-breakpoint.js';
import { emitUsage } from './usage.js';
import type { Usage } from '../../interlingua/usage.js';
import { mergeUsage } from '../../core/fold-stream.js';
import { withUserTurnFirst } from '../../core/user-first-turn.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { pushAll } from '../../core/push-all.js';

export const bedrockAnthropicDialectName = 'bedrock-anthropic';
export const bedrockAnthropicVersion = 'bedrock-2023-05-31';
/** Bedrock-signed reasoning is the codec's own on the way in; what the codec read came from Bedrock. */
const origins = platformOrigins(bedrockAnthropicDialectName);

/**
 * A stream encoder writing Anthropic's events as the `chunk` frames InvokeModelWithResponseStream
 * sends, handed over as frames (`encodeFrames`) for the transport to write as event-stream messages.
 * Each Anthropic SSE frame's `data` becomes one chunk's bytes as it is, never parsed as JSON. A failure
 * is no chunk there but an exception message of the stream's own (ResponseStream's
 * `throttlingException`, `modelStreamErrorException`, …). The last chunk is Bedrock's own
 * `message_stop` (invocationMetricsStop).
 */
function createChunkEncoder(context: EmitResponseContext): StreamEncoder {
  const inner = anthropicDialect.createStreamEncoder(context);
  const sse = new SseParser();
  let usage: Usage = {};
  const encodeFrames = (event: StreamEvent): StreamFrame[] => {
    if (event.type === 'error') return [streamExceptionFrame(event.error, bedrockAnthropicDialectName, responseStreamExceptions)];
    if (event.type === 'usage' || event.type === 'finish' || (event.type === 'response-start' && event.usage !== undefined)) usage = mergeUsage(usage, event.usage ?? {});
    return sse
      .push(inner.encode(origins.eventForCodec(event)))
      .map((frame: StreamFrame) => chunkFrame(frame.event === 'message_stop' ? invocationMetricsStop(usage) : frame.data));
  };
  return { encodeFrames, encode: (event) => streamFrameLines(encodeFrames(event)) };
}

/**
 * Bedrock's last chunk is `message_stop` with `amazon-bedrock-invocationMetrics` added
 * (recorded: test/fixtures/recorded/bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt,
 * whose last message decodes to
 * `{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":345,"outputTokenCount":35,
 * "invocationLatency":923,"firstByteLatency":492}}`), and some callers take a stream's usage only from
 * there (langchain-aws `_get_invocation_metrics_chunk` reads `inputTokenCount` and `outputTokenCount`).
 * The counts are those the stream's own `message_start` / `message_delta` give (`input_tokens`, which
 * Bedrock's `inputTokenCount` equals in the recording, and `output_tokens`). The latencies are 0, as the
 * ConverseStream encoder's `metrics.latencyMs` is (src/dialects/bedrock/stream-encode.ts):
 * Bedrock measures them from when the request is sent (InvocationLatency, "the time from when a request
 * is sent to when the last token is received", https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-runtime-metrics.html),
 * a moment the encoder never sees (it starts with the answer, and stream events carry no times); a
 * value measured from its own start would pass for the upstream's latency while understating it.
 */
function invocationMetricsStop(usage: Usage): string {
  const { input_tokens: inputTokenCount, output_tokens: outputTokenCount } = emitUsage(usage);
  return JSON.stringify({
    type: 'message_stop',
    'amazon-bedrock-invocationMetrics': { inputTokenCount, outputTokenCount, invocationLatency: 0, firstByteLatency: 0 },
  });
}

/**
 * A whole InvokeModel answer carries its token counts in headers too, and callers read them there
 * (boto3 users from `ResponseMetadata.HTTPHeaders`, for any model's body shape). Recorded
 * (DataDog/dd-trace-py tests/contrib/botocore/bedrock_cassettes/anthropic_message_invoke.yaml, Claude
 * 3 Sonnet): `X-Amzn-Bedrock-Input-Token-Count: 21` and `X-Amzn-Bedrock-Output-Token-Count: 22` beside
 * the body's `"usage":{"input_tokens":21,"output_tokens":22}`. `X-Amzn-Bedrock-Invocation-Latency` is
 * left out: it is the upstream's time from request to last token, which the answer does not carry.
 */
function tokenCountHeaders(response: ChatResponse): Record<string, string> {
  const { input_tokens: input, output_tokens: output } = emitUsage(response.usage);
  return { 'x-amzn-bedrock-input-token-count': String(input), 'x-amzn-bedrock-output-token-count': String(output) };
}

/**
 * Beta switches travel in the body on Bedrock, as `anthropic_beta: [...]` (Anthropic's Bedrock SDK
 * moves the `anthropic-beta` header there: @anthropic-ai/bedrock-sdk client.js, "parsedBody['anthropic_beta'] =
 * betas.split(',')"). They are kept under this dialect's name: a Bedrock Claude upstream gets them
 * back, any other reports them as left out (core/vendor-fields.ts).
 */
function betaList(value: unknown): string[] {
  if (Array.isArray(value) && value.every((entry): entry is string => typeof entry === 'string')) return value;
  throw new InterlinguaError('invalid_request', 'anthropic_beta: expected a list of beta names.', { param: 'anthropic_beta' });
}

function parseInvokeRequest(body: unknown, context: ParseRequestContext): ParsedRequest {
  const { anthropic_version: _version, anthropic_beta: betas, ...anthropicBody } = isPlainObject(body) ? body : { body };
  const parsed = anthropicDialect.parseRequest(isPlainObject(body) ? anthropicBody : body, context);
  const request: ChatRequest = origins.requestFromCodec(parsed.request);
  if (betas !== undefined) request.vendor = { ...request.vendor, [bedrockAnthropicDialectName]: { anthropic_beta: betaList(betas) } };
  return { ...parsed, request };
}

/**
 * The codec's `anthropic-beta` header goes into the body's `anthropic_beta` list, as Anthropic's Bedrock
 * SDK moves it (above), beside a Bedrock caller's own betas; only the betas Bedrock takes (claude-family/platform-betas.ts),
 * and without `output_config.effort` for a model that has none (cloud-effort.ts).
 * A JSON Schema goes in the system prompt for the models whose Bedrock schema refuses `output_config.format`
 * (bedrock-structured-output.ts).
 */
function emitInvokeRequest(asked: ChatRequest, options: EmitRequestOptions): EmittedRequest {
  const warnings: Warning[] = [];
  // InvokeModel refuses Anthropic's top-level `cache_control` (core/request-cache-breakpoint.ts): it goes on the last block.
  const request = withOutputFormatForBedrock(withRequestBreakpointOnLastPart(asked, 'Claude on Bedrock', warnings), options.model, warnings);
  const { [bedrockAnthropicDialectName]: own, ...others } = request.vendor ?? {};
  const emitted = anthropicDialect.emitRequest({ ...origins.requestForCodec(request), vendor: others }, options);
  const { model: _model, stream: _stream, ...body } = emitted.body as Record<string, unknown>;
  pushAll(warnings, emitted.warnings);
  withUserMessageFirst(body, warnings);
  withinBedrockMediaCount(body, options.model, warnings);
  const ownBetas = isPlainObject(own) && Array.isArray(own['anthropic_beta']) ? (own['anthropic_beta'] as string[]) : [];
  const askedBetas = (emitted.headers?.['anthropic-beta'] ?? '').split(',');
  const betas = [...new Set([...ownBetas, ...takenBetas(askedBetas, 'Bedrock', warnings)])];
  withEffortTheModelTakes(body, options.model, 'Bedrock', warnings);
  return { body: { anthropic_version: bedrockAnthropicVersion, ...body, ...own, ...(betas.length === 0 ? {} : { anthropic_beta: betas }) }, warnings };
}

/**
 * InvokeModel refuses a conversation that opens with the assistant, which Anthropic's own API (and so
 * the codec) takes: a user message goes before it, as on Converse (core/user-first-turn.ts). Checked
 * on the codec's messages, after it has left out a first user message that said nothing.
 */
function withUserMessageFirst(body: Record<string, unknown>, warnings: Warning[]): void {
  const messages = body['messages'];
  if (!Array.isArray(messages) || !messages.every(isPlainObject)) return;
  const opening = (text: string): Record<string, unknown> => ({ role: 'user', content: text });
  body['messages'] = withUserTurnFirst(messages, opening, 'Claude on Bedrock InvokeModel', (warning) => addWarningPerFeature(warnings, warning));
}

/**
 * Anthropic's blocks as Bedrock counts them (bedrock-family/media-count.ts): `image` and `document`
 * blocks, in a message's content or a `tool_result`'s. A note keeps the breakpoint of the image it replaces.
 */
const invokeShape: MediaShape = {
  isImage: (block) => block['type'] === 'image',
  isDocument: (block) => block['type'] === 'document',
  nested: (block) => (block['type'] === 'tool_result' && Array.isArray(block['content']) ? (block['content'] as Array<Record<string, unknown>>) : undefined),
  note: (image) => ({ type: 'text', text: leftOutImageText, ...(image['cache_control'] === undefined ? {} : { cache_control: image['cache_control'] }) }),
};

/** At most Bedrock's count of images and documents for the model (core/claude-image-count.ts), the earliest images past it replaced by a note. */
function withinBedrockMediaCount(body: Record<string, unknown>, model: string, warnings: Warning[]): void {
  const limit = bedrockClaudeMaxMedia(model);
  const messages = body['messages'];
  if (limit === undefined || !Array.isArray(messages)) return;
  const contents = messages.flatMap((message) => (isPlainObject(message) && Array.isArray(message['content']) ? [message['content'] as Array<Record<string, unknown>>] : []));
  fitMediaCount(contents, limit, invokeShape, warnings);
}

/**
 * Claude's limits on each image; how many a request holds is Anthropic's limit only for a model whose
 * Bedrock limit is not known, since the emitter keeps a request within the known one (withinBedrockMediaCount).
 */
function invokeImageLimits(model: string): ImageLimits {
  return bedrockClaudeMaxMedia(model) === undefined ? claudeImageLimitsFor(model) : claudeImageLimits;
}

/** CountTokens with `input.invokeModel`: Claude's InvokeModel body, read and written as InvokeModel does. */
export const bedrockInvokeCountTokens = invokeModelCountTokens(parseInvokeRequest, emitInvokeRequest);

export const bedrockAnthropicDialect: Dialect = {
  name: bedrockAnthropicDialectName,
  streamFraming: 'aws-event-stream',
  // InvokeModel's Claude takes images as base64 only, and Claude's tool names.
  capabilities: { imageUrls: false, toolNames: anthropicDialect.capabilities.toolNames, imageMediaTypes: claudeImageMediaTypes, imageLimits: invokeImageLimits },
  promptCacheLimits: anthropicDialect.promptCacheLimits,
  writesDocumentCitations: true,
  parseRequest: parseInvokeRequest,
  emitRequest: emitInvokeRequest,
  countTokens: bedrockInvokeCountTokens,
  parseResponse(body) {
    const response = anthropicDialect.parseResponse(body);
    return origins.responseFromCodec(response);
  },
  emitResponse(response, context) {
    return anthropicDialect.emitResponse(origins.responseForCodec(response), context);
  },
  answerHeaders: tokenCountHeaders,
  createStreamDecoder() {
    const inner = anthropicDialect.createStreamDecoder();
    let failed = false;
    return {
      push(frame) {
        if (failed) return [];
        if (frame.exception === true) {
          failed = true;
          return [{ type: 'error', error: streamException(frame.event ?? 'exception', frame.data, bedrockAnthropicDialectName) }];
        }
        const text = chunkEventText(frame);
        return text === undefined ? [] : origins.eventsFromCodec(inner.push({ data: text }));
      },
      end: () => (failed ? [] : origins.eventsFromCodec(inner.end())),
    };
  },
  createStreamEncoder: createChunkEncoder,
  parseError: (status, body, headers) => parseBedrockError(status, body, headers, bedrockAnthropicDialectName),
  emitError: (error) => emitBedrockError(error, bedrockAnthropicDialectName),
};
