/**
 * Responses' reading of untrusted JSON: the shared OpenAI wire parser (../openai-family/wire-parse.ts),
 * worded as the Responses API words a missing field ("Missing required parameter").
 */
import type { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';
import { parseOpenaiWire, type ParseErrorCode } from '../openai-family/wire-parse.js';

export { joinPath, type ParseErrorCode } from '../openai-family/wire-parse.js';

const wording = { apiName: 'OpenAI Responses', missing: 'Missing required parameter:' };

/** Parse `value` with `schema`; on failure throw naming the field at `basePath` + the path. */
export function parseWire<Schema extends z.ZodType>(schema: Schema, value: unknown, basePath: string, code: ParseErrorCode = 'invalid_request'): z.output<Schema> {
  return parseOpenaiWire(schema, value, basePath, code, wording);
}

/** An error for a value the schema accepts but the dialect cannot use. */
export function invalidValue(param: string, reason: string, code: ParseErrorCode): InterlinguaError {
  if (code === 'upstream_error') return new InterlinguaError(code, `The upstream sent an unexpected ${wording.apiName} body: '${param}' ${reason}.`);
  return new InterlinguaError(code, `Invalid value for '${param}': ${reason}.`, { param });
}
