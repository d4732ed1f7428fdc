/**
 * Bedrock errors ↔ `InterlinguaError`, the same for Converse and for InvokeModel whatever the body
 * inside (Anthropic's on `bedrock-anthropic`). Bedrock answers an error with a body of only
 * `{"message": …}`; its type is in the `x-amzn-errortype` header, as
 * `ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/`
 * (recorded: test/fixtures/recorded/bedrock/error-400-validation-empty-content.envelope.json).
 * The AWS SDK reads the type from that header, else from a `__type` or `code` body field
 * (@aws-sdk/core, `loadRestJsonErrorCode`), which is where this dialect puts it for its callers,
 * since a dialect renders a body and a status only. Statuses per type:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html and
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors.
 */
import { InterlinguaError, errorCodeForStatus, errorTable, isRetryableStatus, type ContextOverflow, type ErrorCode } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import { z } from 'zod';
import { streamExceptionName, type StreamExceptionName } from './stream-exceptions.js';

/** An error body: only `{message}`, the type travels in `x-amzn-errortype` (or, from some servers, `__type`). */
const errorBodySchema = z.object({ message: z.string().optional(), Message: z.string().optional(), __type: z.string().optional() }).loose();

const codeByType: Record<string, ErrorCode> = {
  ValidationException: 'invalid_request',
  AccessDeniedException: 'permission',
  ResourceNotFoundException: 'not_found',
  ThrottlingException: 'rate_limited',
  ServiceQuotaExceededException: 'rate_limited',
  ModelTimeoutException: 'upstream_timeout',
  ModelNotReadyException: 'overloaded',
  ServiceUnavailableException: 'overloaded',
  InternalServerException: 'upstream_error',
  ModelErrorException: 'upstream_error',
  ModelStreamErrorException: 'upstream_error',
  // Signature and credential faults (IncompleteSignature, InvalidSignatureException, ExpiredTokenException,
  // UnrecognizedClientException) come as 400/403: the gateway's AWS credentials are at fault.
  UnrecognizedClientException: 'authentication',
  InvalidSignatureException: 'authentication',
  IncompleteSignatureException: 'authentication',
  ExpiredTokenException: 'authentication',
};

/**
 * A prompt over the model's window is a `ValidationException` saying so: "Input is too long for
 * requested model." (aws-samples/assessment-generator#2, HTTP 400; mid-stream as a
 * `validationException`: aws-samples/bedrock-chat#95), on InvokeModel "The model returned the
 * following errors: Input is too long for requested model." (continuedev/continue#6005), Claude's
 * own words passed on: "The model returned the following errors: prompt is too long: 200049 tokens >
 * 200000 maximum" (daisuke-awaji/moca#254), "input length and `max_tokens` exceed context limit: …",
 * and "too many total text bytes" (the three Strands Agents reads as an overflow:
 * strands-agents/sdk-python src/strands/models/bedrock.py, BEDROCK_CONTEXT_WINDOW_OVERFLOW_MESSAGES).
 */
export function bedrockContextOverflow(message: string): ContextOverflow | undefined {
  const prompt = /prompt is too long: (\d+) tokens > (\d+) maximum/i.exec(message);
  if (prompt !== null) return { inputTokens: Number(prompt[1]), limitTokens: Number(prompt[2]) };
  const withOutput = /exceed context limit: (\d+) \+ (\d+) > (\d+)/i.exec(message);
  if (withOutput !== null) return { inputTokens: Number(withOutput[1]), outputTokens: Number(withOutput[2]), limitTokens: Number(withOutput[3]) };
  if (/input is too long for requested model|too many total text bytes|prompt is too long|exceed context limit/i.test(message)) return {};
  return undefined;
}

/**
 * A `ValidationException` that faults the deployment's model id rather than the request, so another
 * deployment may answer: a base model id where the model is served only through an inference
 * profile, "Invocation of model ID anthropic.claude-3-5-sonnet-20241022-v2:0 with on-demand
 * throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that
 * contains this model." (https://github.com/terricain/aioboto3/issues/352,
 * https://github.com/anthropics/anthropic-sdk-python/issues/894; Bedrock writes a typographic
 * apostrophe, some copies a straight one), and an id the region does not know, "The provided model
 * identifier is invalid." (https://github.com/aws-samples/amazon-bedrock-workshop/issues/315,
 * https://github.com/aws-samples/amazon-bedrock-workshop/issues/340: the model was not offered in
 * that region). Both are a missing model to the gateway (`not_found`), as a `ResourceNotFoundException` is.
 */
const deploymentModelFaults = [/with on-demand throughput isn[’']t supported/i, /the provided model identifier is invalid/i];

/** The code for a Bedrock exception type and message: an overflowing `ValidationException` is `context_length_exceeded`. */
function classify(type: string | undefined, message: string | undefined, status: number): { code: ErrorCode; overflow?: ContextOverflow } {
  const code = (type === undefined ? undefined : codeByType[type]) ?? errorCodeForStatus(status);
  if (code === 'invalid_request' && message !== undefined && deploymentModelFaults.some((fault) => fault.test(message))) return { code: 'not_found' };
  const overflow = code === 'invalid_request' && message !== undefined ? bedrockContextOverflow(message) : undefined;
  return overflow === undefined ? { code } : { code: 'context_length_exceeded', overflow };
}

/** Types a retry (here or at the next deployment) may get past. */
const retryableTypes = new Set(['ThrottlingException', 'ServiceQuotaExceededException', 'ModelTimeoutException', 'ModelNotReadyException', 'ServiceUnavailableException', 'InternalServerException']);

/** `ThrottlingException:http://…` or `com.amazon…#ThrottlingException` → `ThrottlingException`; in-stream names start lower case. */
export function errorTypeName(raw: string): string {
  const withoutNamespace = raw.split(':')[0]!.split('#').at(-1)!;
  return withoutNamespace.charAt(0).toUpperCase() + withoutNamespace.slice(1);
}

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * An exception in the middle of a stream (`:message-type: exception`), whose payload is `{message}`;
 * `dialect` names the Bedrock API whose stream it ended. The stream itself had answered 200.
 */
export function streamException(exceptionType: string, payload: string, dialect: string): InterlinguaError {
  const type = errorTypeName(exceptionType);
  const message = messageOf(payload) ?? `Bedrock stream failed (${type}).`;
  const { code, overflow } = codeByType[type] === undefined ? { code: 'upstream_error' as const, overflow: undefined } : classify(type, message, 500);
  return new InterlinguaError(code, message, {
    vendorType: type,
    ...(overflow === undefined ? {} : { contextOverflow: overflow }),
    retryable: retryableTypes.has(type),
    upstream: { url: '', status: 200, headers: {}, body: payload, dialect },
  });
}

function messageOf(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const result = errorBodySchema.safeParse(parsed);
  return result.success ? (result.data.message ?? result.data.Message) : undefined;
}

function bodyType(body: string): string | undefined {
  try {
    const result = errorBodySchema.safeParse(JSON.parse(body));
    return result.success ? result.data.__type : undefined;
  } catch {
    return undefined;
  }
}

/** `dialect` names which Bedrock API answered, for the error's upstream record. */
export function parseBedrockError(status: number, body: string, headers: Record<string, string>, dialect: string): InterlinguaError {
  const rawType = header(headers, 'x-amzn-errortype') ?? bodyType(body);
  const type = rawType === undefined || rawType === '' ? undefined : errorTypeName(rawType);
  const excerpt = body.length > 200 ? `${body.slice(0, 200)}…` : body;
  const wireMessage = messageOf(body);
  const message = wireMessage ?? `Bedrock answered HTTP ${status}${type === undefined ? '' : ` (${type})`}: ${excerpt === '' ? '(empty)' : excerpt}`;
  const { code, overflow } = classify(type, wireMessage, status);
  const keepStatus = status >= 400 && status < 500 && status !== errorTable[code].status;
  const retryAfterMs = retryAfterMsFromHeaders(Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])));
  return new InterlinguaError(code, message, {
    ...(keepStatus ? { status } : {}),
    retryable: isRetryableStatus(status) || (type !== undefined && retryableTypes.has(type)),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(type === undefined ? {} : { vendorType: type }),
    ...(overflow === undefined ? {} : { contextOverflow: overflow }),
    upstream: { url: '', status, headers, body, dialect },
  });
}

/** The Bedrock exception type for a gateway error code, with its documented status. */
function typeForCode(code: ErrorCode): { type: string; status: number } {
  switch (code) {
    case 'invalid_request':
    case 'context_length_exceeded':
    case 'request_too_large':
      return { type: 'ValidationException', status: 400 };
    case 'authentication':
      return { type: 'UnrecognizedClientException', status: 403 };
    case 'permission':
      return { type: 'AccessDeniedException', status: 403 };
    case 'not_found':
      return { type: 'ResourceNotFoundException', status: 404 };
    case 'rate_limited':
      return { type: 'ThrottlingException', status: 429 };
    case 'overloaded':
    case 'store_unavailable':
      return { type: 'ServiceUnavailableException', status: 503 };
    case 'upstream_timeout':
      return { type: 'ModelTimeoutException', status: 408 };
    case 'internal':
    case 'upstream_error':
    case 'upstream_unreachable':
    case 'stream_interrupted':
      return { type: 'InternalServerException', status: 500 };
    default: {
      const unhandled: never = code;
      throw new Error(`unhandled error code ${String(unhandled)}`);
    }
  }
}

/**
 * A Bedrock upstream's own type passes through to a caller of the same Bedrock API (`dialect`);
 * any other is derived from the code.
 */
export function emitBedrockError(error: InterlinguaError, dialect: string): { status: number; body: { message: string; __type: string }; headers: Record<string, string> } {
  const derived = typeForCode(error.code);
  const passThrough = error.upstream?.dialect === dialect && error.vendorType !== undefined;
  const type = passThrough ? error.vendorType! : derived.type;
  // An upstream's overflow always carries `contextOverflow` (if only empty); a message the gateway wrote itself is left as written.
  const restyled = error.code === 'context_length_exceeded' && error.contextOverflow !== undefined && !passThrough;
  return {
    status: passThrough ? error.status : derived.status,
    body: { message: restyled ? contextOverflowMessage(error) : error.message, __type: type },
    // The header as Bedrock writes it (test/fixtures/recorded/bedrock/error-400-validation-empty-content.envelope.json).
    headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
  };
}

/**
 * An overflow from another dialect in Bedrock's words, the ones clients look for (Strands Agents:
 * "Input is too long for requested model"), followed by what the upstream said, counts included;
 * a message that already says it Bedrock's way is left as it is.
 */
function contextOverflowMessage(error: InterlinguaError): string {
  if (/input is too long for requested model|too many total text bytes/i.test(error.message)) return error.message;
  return `Input is too long for requested model. (${error.message})`;
}

/**
 * An error after a stream began, as the exception message Bedrock would send in its place
 * (`:message-type: exception`, payload `{message}`). In-stream exception names start lower case
 * (test/fixtures/recorded/bedrock/stream-converse-modelStreamErrorException.eventstream.base64.txt)
 * and are members of the stream's own union, `union` (stream-exceptions.ts): a type outside it
 * (`modelTimeoutException` on ConverseStream) goes as the closest member.
 */
export function streamExceptionFrame(error: InterlinguaError, dialect: string, union: readonly StreamExceptionName[]): { event: string; data: string; exception: true } {
  const { body } = emitBedrockError(error, dialect);
  return { event: streamExceptionName(body.__type, union), data: JSON.stringify({ message: body.message }), exception: true };
}
