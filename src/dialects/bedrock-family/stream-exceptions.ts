/**
 * The exceptions each Bedrock stream can carry: the exception members of the AWS SDK's event-stream
 * unions (@aws-sdk/client-bedrock-runtime 3.1164.0, dist-cjs/index.js). ConverseStream's
 * `ConverseStreamOutput$` has messageStart, contentBlockStart, contentBlockDelta, contentBlockStop,
 * messageStop, metadata, internalServerException, modelStreamErrorException, validationException,
 * throttlingException and serviceUnavailableException; InvokeModelWithResponseStream's `ResponseStream$`
 * has chunk, internalServerException, modelStreamErrorException, validationException,
 * throttlingException, modelTimeoutException and serviceUnavailableException. The SDK turns a member
 * of its union into its typed exception (`ThrottlingException`, with `$fault`); any other name reaches
 * the caller as a bare `Error` named after it, which no caller's error handling knows.
 */

export const converseStreamExceptions = ['internalServerException', 'modelStreamErrorException', 'validationException', 'throttlingException', 'serviceUnavailableException'] as const;

export const responseStreamExceptions = [...converseStreamExceptions, 'modelTimeoutException'] as const;

export type StreamExceptionName = (typeof responseStreamExceptions)[number];

/**
 * The member that says the same where a stream's union lacks the type (Bedrock's exception names,
 * as errors.ts writes them): the model failing as it answers is a stream error; a model not ready, a
 * service unavailable; a quota, throttling; and a fault of the request or of its credentials, the one
 * member that blames the request (`validationException`, which no caller retries). Anything else is
 * the server's.
 */
const closestMember: Readonly<Record<string, StreamExceptionName>> = {
  modelTimeoutException: 'modelStreamErrorException',
  modelErrorException: 'modelStreamErrorException',
  modelNotReadyException: 'serviceUnavailableException',
  serviceQuotaExceededException: 'throttlingException',
  accessDeniedException: 'validationException',
  resourceNotFoundException: 'validationException',
  unrecognizedClientException: 'validationException',
  invalidSignatureException: 'validationException',
  incompleteSignatureException: 'validationException',
  expiredTokenException: 'validationException',
};

/** The in-stream name of exception `type` (`ThrottlingException` → `throttlingException`), or the closest member of `union`. */
export function streamExceptionName(type: string, union: readonly StreamExceptionName[]): StreamExceptionName {
  const name = type.charAt(0).toLowerCase() + type.slice(1);
  const member = union.find((candidate) => candidate === name);
  if (member !== undefined) return member;
  const closest = closestMember[name];
  return closest !== undefined && union.includes(closest) ? closest : 'internalServerException';
}
