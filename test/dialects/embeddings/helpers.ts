/**
 * Shared by the embeddings tests: the recorded fixtures (MANIFEST.md names each source), a reader
 * for Google's doc sample with trailing commas, and checks on vectors that do not trust the codec
 * under test (base64 is decoded here the way the OpenAI SDK decodes it).
 */
import assert from 'node:assert/strict';
import type { EmbeddingRequest } from '../../../src/interlingua/embedding.js';
import { InterlinguaError, type ErrorCode } from '../../../src/interlingua/error.js';
import { fixtureNames as namesInFolder, readFixtureJson, readFixtureText } from '../../support/fixtures.js';

export type Json = Record<string, unknown>;

export function asJson(value: unknown): Json {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `expected a JSON object, got ${JSON.stringify(value)}`);
  return value as Json;
}

export function asList(value: unknown): unknown[] {
  assert.ok(Array.isArray(value), `expected an array, got ${typeof value}`);
  return value;
}

export function fixtureNames(folder: string, predicate: (name: string) => boolean): string[] {
  return namesInFolder(folder)
    .filter(predicate)
    .sort()
    .map((name) => `${folder}/${name}`);
}

export function fixtureJson(path: string): Json {
  return asJson(readFixtureJson(path));
}

/**
 * Google's REST sample for `:batchEmbedContents` has trailing commas (`}, },`), which Google's
 * parser takes and JSON.parse does not. The sample holds no commas inside strings, so removing a
 * comma before a closing bracket is enough for it.
 */
export function readTrailingCommaJson(path: string): Json {
  return asJson(JSON.parse(readFixtureText(path).replace(/,(\s*[}\]])/g, '$1')));
}

/** Base64 of little-endian float32 → numbers, as node_modules/openai/internal/utils/base64.js does it. */
export function decodeBase64Float32(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const aligned = new Uint8Array(bytes.byteLength);
  aligned.set(bytes);
  return Array.from(new Float32Array(aligned.buffer));
}

/** Every value the same float32: what survives any trip through base64. */
export function assertFloat32Equal(actual: readonly number[], expected: readonly number[], label = 'vector'): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let index = 0; index < expected.length; index++) {
    const want = Math.fround(expected[index] ?? Number.NaN);
    if (Math.fround(actual[index] ?? Number.NaN) !== want) assert.fail(`${label}[${index}]: ${actual[index]} is not the float32 ${want}`);
  }
}

export function assertVectorsFloat32Equal(actual: readonly (readonly number[])[], expected: readonly (readonly number[])[]): void {
  assert.equal(actual.length, expected.length, 'number of vectors');
  expected.forEach((vector, index) => assertFloat32Equal(actual[index] ?? [], vector, `vector ${index}`));
}

/** An `InterlinguaError` of `code`, naming `param` when given. */
export function isInterlinguaError(code: ErrorCode, param?: string, message?: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof InterlinguaError, `expected an InterlinguaError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (param !== undefined) assert.equal(error.param, param, error.message);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  };
}

/** The request a caller with no dialect of its own would make, for emitting to each dialect. */
export function textRequest(texts: string[], extra: Partial<EmbeddingRequest> = {}): EmbeddingRequest {
  return { model: 'caller-model', inputs: texts.map((text) => ({ type: 'text', text })), ...extra };
}
