/**
 * Legacy Completions errors: OpenAI's shared error shape (../openai-family/error-codec.ts);
 * fixtures/openai-chat/dd-legacy-completions-stream-401.response.json is a /v1/completions 401 in
 * exactly that shape. A completions caller also keeps the `type` word of a Chat Completions
 * upstream's error: the two APIs share it.
 */
import type { InterlinguaError } from '../../interlingua/error.js';
import {
  openaiErrorBody,
  openaiErrorFromWire,
  parseOpenaiHttpError,
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

export function errorBody(error: InterlinguaError): WireOpenaiErrorBody {
  return openaiErrorBody(error, [dialectName, 'openai-chat']);
}

export function emitError(error: InterlinguaError): { status: number; body: WireOpenaiErrorBody } {
  return { status: error.status, body: errorBody(error) };
}
