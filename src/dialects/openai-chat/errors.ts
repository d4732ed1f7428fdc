/**
 * Chat Completions errors: OpenAI's shared error shape (../openai-family/error-codec.ts) under
 * this dialect's name. An upstream of any OpenAI format (this one, Responses, Azure's) keeps its own
 * `type` and `code` words for the caller; any other's error gets OpenAI's words for it
 * (../openai-family/code-words.ts).
 */
import type { InterlinguaError } from '../../interlingua/error.js';
import {
  openaiErrorBody,
  openaiErrorFromWire,
  parseOpenaiHttpError,
  readOpenaiErrorBody,
  type WireOpenaiError,
  type WireOpenaiErrorBody,
} from '../openai-family/error-codec.js';
import { dialectName } from './vendor.js';

export function parseError(status: number, body: string, headers: Record<string, string>): InterlinguaError {
  return parseOpenaiHttpError(status, body, headers, dialectName);
}

export function errorFromWire(wire: WireOpenaiError, body: string): InterlinguaError {
  return openaiErrorFromWire(wire, body, dialectName);
}

export const readErrorBody = readOpenaiErrorBody;

/** A context overflow from another dialect names `messages`, as OpenAI's own does (`param: "messages"`). */
export function errorBody(error: InterlinguaError): WireOpenaiErrorBody {
  return openaiErrorBody(error, [dialectName], 'messages');
}

export function emitError(error: InterlinguaError): { status: number; body: WireOpenaiErrorBody } {
  return { status: error.status, body: errorBody(error) };
}
