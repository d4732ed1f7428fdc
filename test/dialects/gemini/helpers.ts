import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { fixtureNames, readFixtureJson } from '../../support/fixtures.js';

export const geminiFixtureFiles = fixtureNames('gemini');

/**
 * generateContent request bodies among the fixtures (MANIFEST.md, Gemini section). Left out:
 * embedding requests (another endpoint), the `.json5` doc samples (trailing commas; there is no
 * JSON5 parser in the project) and the shell template (not JSON).
 */
export const requestFixtures = geminiFixtureFiles.filter((name) => {
  if (!name.endsWith('.request.json') && name !== 'doc-format-request-system-instruction-snake-case-single-objects.json') return false;
  const body = readFixtureJson(`gemini/${name}`);
  return body !== null && typeof body === 'object' && 'contents' in body;
});

export const responseFixtures = geminiFixtureFiles.filter((name) => {
  if (!(name.endsWith('.response.json') || /^response-.*\.json$/.test(name))) return false;
  const body = readFixtureJson(`gemini/${name}`);
  return body !== null && typeof body === 'object' && 'candidates' in body;
});

export const streamFixtures = geminiFixtureFiles.filter((name) => name.endsWith('.sse') || name.endsWith('.data.ndjson'));

export function decodeAll(frames: readonly StreamFrame[]): StreamEvent[] {
  const decoder = geminiDialect.createStreamDecoder();
  return [...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()];
}

const camelCase = (key: string) => key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
/** Keys under these name user things (schema properties, definitions); values under these are user data. */
const namedChildren = new Set(['properties', '$defs', 'definitions']);
const userData = new Set(['args', 'response']);

/**
 * What the Gemini API treats as the same request (https://ai.google.dev/api/generate-content):
 * snake_case and camelCase field names, a single Content/Part for a one-element list, a content
 * without role (= user), an empty generationConfig, and the role of systemInstruction, which the
 * API does not read. Nothing else is normalized, so a dropped or changed field fails the comparison.
 */
export function normalizeRequest(body: unknown): unknown {
  const camel = camelizeKeys(body, false);
  if (!isObject(camel)) return camel;
  const result: Record<string, unknown> = { ...camel };
  result['contents'] = asList(result['contents']).map((content) => {
    if (!isObject(content)) return content;
    return { ...content, role: content['role'] ?? 'user', parts: asList(content['parts']) };
  });
  const system = result['systemInstruction'];
  if (isObject(system)) {
    const { role: _role, ...rest } = system;
    result['systemInstruction'] = { ...rest, parts: asList(rest['parts']) };
  }
  if (isObject(result['generationConfig']) && Object.keys(result['generationConfig']).length === 0) delete result['generationConfig'];
  return result;
}

function camelizeKeys(value: unknown, keepKeys: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => camelizeKeys(item, false));
  if (!isObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const name = keepKeys ? key : camelCase(key);
    result[name] = userData.has(name) ? field : camelizeKeys(field, namedChildren.has(name));
  }
  return result;
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Google's responses: Vertex leaves out `index` on the only candidate (fixture pa-vertex-filedata-gs-pdf.response.json). */
export function normalizeResponse(body: unknown): unknown {
  if (!isObject(body) || !Array.isArray(body['candidates'])) return body;
  return { ...body, candidates: body['candidates'].map((candidate: unknown) => (isObject(candidate) ? { index: 0, ...candidate } : candidate)) };
}

/** Every thought signature anywhere in a wire body (`thoughtSignature`) or an interlingua value (also reasoning `signature`). */
export function collectSignatures(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectSignatures(item, into);
  else if (isObject(value)) {
    for (const [key, field] of Object.entries(value)) {
      if ((key === 'thoughtSignature' || key === 'signature') && typeof field === 'string') into.push(field);
      else collectSignatures(field, into);
    }
  }
  return into;
}
