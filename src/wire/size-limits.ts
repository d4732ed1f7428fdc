import { InterlinguaError } from '../interlingua/error.js';

/**
 * How much of an upstream's answer the gateway holds at once. Without a bound, one upstream that
 * sends an endless body, or a stream line that never ends, grows the process's memory until it
 * falls over and every other caller with it. Constants, not configuration: they are far above
 * anything a vendor documents, so no deployment should need to change them, and one number per
 * kind of read keeps every path (parsed, relayed, embeddings, count-tokens) in step.
 */

const mebibyte = 1024 * 1024;

/**
 * A whole (non-streamed) answer. The largest real ones carry generated images as base64 JSON:
 * Gemini's image models return up to 4K images inline, several per answer, and a 4K PNG is some
 * 20 MB before base64 (+33%). 128 MiB holds a few of those, and stays far below V8's longest string
 * (about 512 MiB on Node 20), which the answer becomes before it is parsed.
 */
export const maxAnswerBytes = 128 * mebibyte;

/**
 * One stream frame: an SSE event (all its lines), an NDJSON line, an AWS event-stream message. A
 * single frame can restate a whole answer (OpenAI Responses' `response.completed` repeats every
 * output item, generated images included; a Gemini chunk carries each image whole), so a frame is
 * allowed half a whole answer: 64 MiB. AWS documents 24 MiB payloads and 128 kB headers per
 * event-stream message (https://smithy.io/2.0/aws/amazon-eventstream.html, "Message Format"; the
 * SDKs long enforced 16 MiB), and tells clients not to enforce those limits themselves, since
 * services have raised them before: 64 MiB leaves room for that while still refusing a prelude
 * that claims gigabytes. Counted in characters for text framings (at most the bytes for UTF-8).
 */
export const maxFrameBytes = 64 * mebibyte;

/**
 * An upstream's error body. It is parsed for the vendor's code and message and kept for the logs;
 * vendors' error bodies are a few kilobytes at most (Google's, with its `details`, are the
 * longest), so 64 KiB quotes any of them whole, and a longer body is cut there, never refused: the
 * status alone still says what failed.
 */
export const maxErrorBodyBytes = 64 * 1024;

/** A size for messages: `128 MiB`, `64 KiB`, `100 bytes`. */
export function sizeText(bytes: number): string {
  if (bytes >= mebibyte) return `${Math.round(bytes / mebibyte)} MiB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/**
 * A stream frame past `limit`: the upstream sent something no decoder could use. Not retryable,
 * unlike other malformed upstream output: a frame this long is what the request asks for (an answer
 * restated whole, generated images), so another try reads the same frame again, the limit's worth
 * of bytes each time, only to fail as this one did.
 */
export function frameTooLong(frame: string, limit: number): InterlinguaError {
  return new InterlinguaError('upstream_error', `The upstream sent a stream ${frame} over ${sizeText(limit)}.`, { retryable: false });
}
