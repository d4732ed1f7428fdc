/** Chat Completions' reading of untrusted JSON: the shared OpenAI wire parser (../openai-family/wire-parse.ts). */
import type { z } from 'zod';
import { parseOpenaiWire, type ParseErrorCode } from '../openai-family/wire-parse.js';

export { isRecord, joinPath } from '../openai-family/wire-parse.js';

const wording = { apiName: 'OpenAI Chat', missing: 'Missing required field' };

/** Parse `value` with `schema`; on failure throw naming the field at `basePath` + the path. */
export function parseWire<Schema extends z.ZodType>(schema: Schema, value: unknown, basePath: string, code: ParseErrorCode = 'invalid_request'): z.output<Schema> {
  return parseOpenaiWire(schema, value, basePath, code, wording);
}
