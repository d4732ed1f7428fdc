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
import { InterlinguaError, errorCodeForStatus, errorTable, isRetryableStatus, type ErrorCode } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import { z } from 'zod';

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
  return new InterlinguaError(codeByType[type] ?? 'upstream_error', message, {
    vendorType: type,
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
  const message = messageOf(body) ?? `Bedrock answered HTTP ${status}${type === undefined ? '' : ` (${type})`}: ${excerpt === '' ? '(empty)' : excerpt}`;
  const code = (type === undefined ? undefined : codeByType[type]) ?? errorCodeForStatus(status);
  const keepStatus = status >= 400 && status < 500 && status !== errorTable[code].status;
  const retryAfterMs = retryAfterMsFromHeaders(Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])));
  return new InterlinguaError(code, message, {
    ...(keepStatus ? { status } : {}),
    retryable: isRetryableStatus(status) || (type !== undefined && retryableTypes.has(type)),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(type === undefined ? {} : { vendorType: type }),
    upstream: { url: '', status, headers, body, dialect },
  });
}

/** The Bedrock exception type for a gateway error code, with its documented status. */
function typeForCode(code: ErrorCode): { type: string; status: number } {
  switch (code) {
    case 'invalid_request':
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
export function emitBedrockError(error: InterlinguaError, dialect: string): { status: number; body: { message: string; __type: string } } {
  const derived = typeForCode(error.code);
  const passThrough = error.upstream?.dialect === dialect && error.vendorType !== undefined;
  const type = passThrough ? error.vendorType! : derived.type;
  return { status: passThrough ? error.status : derived.status, body: { message: error.message, __type: type } };
}
