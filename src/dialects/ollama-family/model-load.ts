/**
 * Ollama's load and unload requests, which its server answers without running the model: a chat
 * whose `messages` is empty, or a generate without a `prompt`, loads the model ("If the messages
 * array is empty, the model will be loaded into memory"); with `keep_alive: 0` as well it unloads it
 * (docs/api.md "Load a model" and "Unload a model", under both
 * https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion and
 * #generate-a-completion). server/routes.go `ChatHandler` / `GenerateHandler` answer both with
 * `done: true` and `done_reason` `load` or `unload`, and nothing else. The gateway holds no model
 * in memory, so there is nothing to load: it gives the same answer at once, and asks no upstream.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import { ollamaVendorName } from './vendor-slice.js';

export type ModelLoadReason = 'load' | 'unload';

/** `load` or `unload` for a request with no input (`hasNoInput`), by its `keep_alive`; undefined for any other. */
export function modelLoadReason(request: ChatRequest, hasNoInput: boolean): ModelLoadReason | undefined {
  if (!hasNoInput) return undefined;
  return keepsAliveForNoTime(request.vendor?.[ollamaVendorName]?.['keep_alive']) ? 'unload' : 'load';
}

/**
 * Go duration words that add up to nothing ("0", "0s", "0m0s", "-0.0h"): api/types.go
 * `Duration.UnmarshalJSON` reads a string with `time.ParseDuration`.
 */
const zeroDuration = /^[-+]?(?:0|(?:(?:0+\.?0*|\.0+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

/** `keep_alive` of 0: a number is seconds (api/types.go `Duration.UnmarshalJSON`), a string a Go duration. */
function keepsAliveForNoTime(value: unknown): boolean {
  if (typeof value === 'number') return value === 0;
  return typeof value === 'string' && zeroDuration.test(value);
}

/** The answer's time, as every Ollama answer has it. */
export function loadAnswerEnvelope(request: ChatRequest): { model: string; created_at: string } {
  return { model: request.model, created_at: new Date().toISOString() };
}
