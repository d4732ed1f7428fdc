import { isRecord, pathOf, type JudgedRequest } from '../rule.js';

/**
 * Reading a Gemini request body the way Google's front end reads it, for the Gemini rules.
 *
 * Field names: the API speaks proto JSON, whose parsers "accept both the lowerCamelCase name (or
 * the one specified by the json_name option) and the original proto field name"
 * (https://protobuf.dev/programming-guides/json/); the official REST samples use snake_case (the
 * system_instruction curl sample of https://ai.google.dev/api/generate-content).
 *
 * Repeated fields: that same official sample sends `contents` and `parts` as single objects, and
 * the API serves it, so a lone object counts as a one-element list.
 */

/** `camelCase` → `snake_case`, the proto field name. */
export function snakeCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A field under its JSON name or its proto name; undefined when absent. */
export function field(record: Record<string, unknown>, camel: string): unknown {
  return record[camel] ?? record[snakeCase(camel)];
}

/** Whether a field is present under either name. */
export function hasField(record: Record<string, unknown>, camel: string): boolean {
  return camel in record || snakeCase(camel) in record;
}

/** A repeated field as a list: an array as it is, a lone object as one element, anything else as none. */
export function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return isRecord(value) ? [value] : [];
}

/** The records of a repeated field, skipping what is not an object (other rules report those). */
export function recordsOf(value: unknown): Record<string, unknown>[] {
  return listOf(value).filter(isRecord);
}

/** Whether the request goes to `:countTokens` rather than `:generateContent` / `:streamGenerateContent`. */
export function isCountTokens(request: JudgedRequest): boolean {
  return /:countTokens$/i.test(pathOf(request));
}

/**
 * The `GenerateContentRequest` a request carries: the body itself, or for `countTokens` its
 * `generateContentRequest` (or the body, when it counts bare `contents`):
 * https://ai.google.dev/api/tokens#method:-models.counttokens.
 */
export function generateRequestOf(request: JudgedRequest): Record<string, unknown> | undefined {
  if (!isRecord(request.body)) return undefined;
  if (!isCountTokens(request)) return request.body;
  const inner = field(request.body, 'generateContentRequest');
  return isRecord(inner) ? inner : request.body;
}

/** The model id in the URL path (`…/models/gemini-2.5-flash:generateContent` → `gemini-2.5-flash`). */
export function modelOf(request: JudgedRequest): string {
  return /\/models\/([^/:]+):/.exec(pathOf(request))?.[1] ?? '';
}

/** One content of `contents`, with its index and role (an absent role reads as `user`, as for single-turn requests). */
export interface ContentAt {
  index: number;
  role: unknown;
  parts: Record<string, unknown>[];
}

export function contentsOf(body: Record<string, unknown>): ContentAt[] {
  return listOf(field(body, 'contents')).map((content, index) => {
    const record = isRecord(content) ? content : {};
    const role = field(record, 'role');
    return { index, role: role === undefined || role === '' ? 'user' : role, parts: recordsOf(field(record, 'parts')) };
  });
}

export function functionCallsOf(content: ContentAt): Record<string, unknown>[] {
  return content.parts.filter((part) => field(part, 'functionCall') !== undefined);
}

export function functionResponsesOf(content: ContentAt): Record<string, unknown>[] {
  return content.parts.filter((part) => field(part, 'functionResponse') !== undefined);
}

/** The function declarations of every tool, with the proto path Google names in its errors. */
export interface DeclarationAt {
  path: string;
  declaration: Record<string, unknown>;
}

export function declarationsOf(body: Record<string, unknown>): DeclarationAt[] {
  return recordsOf(field(body, 'tools')).flatMap((tool, toolIndex) =>
    recordsOf(field(tool, 'functionDeclarations')).map((declaration, index) => ({
      path: `tools[${toolIndex}].function_declarations[${index}]`,
      declaration,
    })),
  );
}

/** `toolConfig.functionCallingConfig`, when set. */
export function functionCallingConfigOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const toolConfig = field(body, 'toolConfig');
  if (!isRecord(toolConfig)) return undefined;
  const config = field(toolConfig, 'functionCallingConfig');
  return isRecord(config) ? config : undefined;
}

/** `generationConfig`, or an empty record. */
export function generationConfigOf(body: Record<string, unknown>): Record<string, unknown> {
  const config = field(body, 'generationConfig');
  return isRecord(config) ? config : {};
}
