/**
 * Callers choose many of the keys and values the codecs index by: tool types, function names,
 * call ids, schema keywords. A value or key spelled like an object's own property ("__proto__",
 * "constructor", …) must be one like any other: a Responses tool of type "__proto__" once reached
 * the prototype of the object that groups built-in tools by type and failed the request with an
 * internal error. Every recorded request of every caller dialect, each of its strings and objects
 * changed one at a time, is parsed and emitted to every upstream dialect: each is served or
 * refused with an InterlinguaError, never thrown past one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dialects } from '../../src/dialects/registry.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import type { Dialect } from '../../src/interlingua/dialect.js';
import { fixtureNames, readFixtureJson } from '../support/fixtures.js';

const prototypeNames = ['__proto__', 'constructor', 'valueOf'];
/** Recorded requests of each caller dialect, by fixture folder. */
const callerFolders: Readonly<Record<string, readonly string[]>> = {
  'openai-chat': ['openai-chat', 'openai-compat'],
  'openai-responses': ['openai-responses'],
  anthropic: ['anthropic'],
  gemini: ['gemini'],
  ollama: ['ollama'],
  bedrock: ['bedrock'],
};
/** Enough of each folder to meet every shape its requests take; all of them triples the time for nothing new. */
const requestsPerFolder = 25;

type Path = Array<string | number>;
type Change = { path: Path; name: string; as: 'value' | 'key' };

function* changes(value: unknown, path: Path = []): Generator<Change> {
  if (typeof value === 'string') {
    for (const name of prototypeNames) yield { path, name, as: 'value' };
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* changes(item, [...path, index]);
  } else if (value !== null && typeof value === 'object') {
    for (const name of prototypeNames) yield { path, name, as: 'key' };
    for (const [key, child] of Object.entries(value)) yield* changes(child, [...path, key]);
  }
}

/** The body with one change; built through JSON text, so "__proto__" is an own key, as JSON.parse makes a caller's. */
function changed(body: unknown, change: Change): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string | number, unknown>;
  if (change.path.length === 0 && change.as === 'value') return change.name;
  let parent: Record<string | number, unknown> = copy;
  for (const key of change.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = change.path.at(-1);
  if (change.as === 'value') parent[last as string | number] = change.name;
  else {
    const target = last === undefined ? copy : (parent[last] as Record<string, unknown>);
    Object.defineProperty(target, change.name, { value: { type: change.name, text: change.name }, enumerable: true, writable: true, configurable: true });
  }
  return JSON.parse(JSON.stringify(copy)) as unknown;
}

/** Runs `step`; an InterlinguaError is a refusal, anything else thrown is the failure this test looks for. */
function thrownPast(step: () => unknown): string | undefined {
  try {
    step();
    return undefined;
  } catch (error) {
    return error instanceof InterlinguaError ? undefined : String(error);
  }
}

test('a key or value named like an object property is parsed and emitted like any other, or refused', () => {
  const upstreams = Object.entries(dialects) as Array<[string, Dialect]>;
  const failures = new Set<string>();
  let cases = 0;
  for (const [caller, folders] of Object.entries(callerFolders)) {
    const dialect = dialects[caller as keyof typeof dialects];
    for (const folder of folders) {
      const names = fixtureNames(folder).filter((name) => name.endsWith('.request.json')).slice(0, requestsPerFolder);
      for (const name of names) {
        const body = readFixtureJson(`${folder}/${name}`);
        for (const change of changes(body)) {
          cases++;
          const where = `${folder}/${name} ${change.path.join('.') || '(body)'} ${change.as} ${change.name}`;
          let parsed: ReturnType<Dialect['parseRequest']> | undefined;
          const parseFailure = thrownPast(() => (parsed = dialect.parseRequest(changed(body, change), {})));
          if (parseFailure !== undefined) failures.add(`${caller} parse: ${parseFailure} (${where})`);
          if (parsed === undefined) continue;
          const request = parsed.request;
          for (const [target, upstream] of upstreams) {
            const emitFailure = thrownPast(() => upstream.emitRequest(request, { model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', defaultMaxOutputTokens: 100 }));
            if (emitFailure !== undefined) failures.add(`${caller} → ${target} emit: ${emitFailure} (${where})`);
          }
        }
      }
    }
  }
  assert.ok(cases > 5_000, `only ${cases} cases`);
  assert.deepEqual([...failures].slice(0, 10), []);
});
