import fc from 'fast-check';
import { fuzzModel, pathFor, type FuzzRoute } from './fuzz-routes.js';

/** One request the fuzz suite sends, and what the gateway must do with it. */
export interface FuzzCase {
  /** What was done to the request, for the failure message. */
  label: string;
  method: string;
  /** Already encoded: sent as it stands. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Bytes written to a bare socket instead (heads node:http would refuse to send). */
  raw?: Buffer;
  /** `refused`: a 4xx in the route's error shape; `below-500`: any answer but a 5xx (an error still in shape). */
  expect: 'refused' | 'below-500';
  /** The request must be refused before any upstream is called. */
  upstreamUntouched: boolean;
}

/** A kind of malformed request; undefined for a route it does not apply to. */
export interface FuzzCategory {
  name: string;
  /** Each case costs more than most (megabytes, deep JSON): fewer runs. */
  heavy?: boolean;
  cases(route: FuzzRoute, limits: { maxBodyBytes: number }): fc.Arbitrary<FuzzCase> | undefined;
}

const json = { 'content-type': 'application/json' };

function seedText(route: FuzzRoute): string | undefined {
  return route.seed === undefined ? undefined : JSON.stringify(route.seed(fuzzModel));
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function bodyCase(route: FuzzRoute, label: string, body: string | Buffer, expect: FuzzCase['expect'], upstreamUntouched: boolean, headers: Record<string, string> = json): FuzzCase {
  return { label, method: route.method, path: pathFor(route, fuzzModel), headers: { ...headers, ...route.headers }, body: Buffer.isBuffer(body) ? body : Buffer.from(body), expect, upstreamUntouched };
}

/** Malformed or truncated JSON is refused by every route that reads a body, before any upstream is asked. */
const malformedJson: FuzzCategory = {
  name: 'malformed JSON',
  cases(route) {
    const seed = seedText(route);
    if (seed === undefined) return undefined;
    const breakers = ['{', '}', '[', ']', ',', ':', '"', "'", 'undefined', 'NaN', '\u0000', '/*', '\\', '}{'];
    return fc
      .tuple(fc.nat({ max: seed.length }), fc.constantFrom(...breakers))
      .map(([at, breaker]) => `${seed.slice(0, at)}${breaker}${seed.slice(at)}`)
      .filter((text) => !isJson(text))
      .map((text) => bodyCase(route, `malformed JSON ${JSON.stringify(text.slice(0, 120))}`, text, 'refused', true));
  },
};

const truncated: FuzzCategory = {
  name: 'truncated body',
  cases(route) {
    const seed = seedText(route);
    if (seed === undefined) return undefined;
    return fc.nat({ max: seed.length - 1 }).map((length) => bodyCase(route, `the first ${length} bytes of a valid body`, seed.slice(0, length), 'refused', true));
  },
};

const randomBytes: FuzzCategory = {
  name: 'random bytes',
  cases(route) {
    if (route.seed === undefined) return undefined;
    return fc
      .uint8Array({ minLength: 1, maxLength: 4096 })
      .filter((bytes) => !isJson(Buffer.from(bytes).toString('utf8')))
      .map((bytes) => bodyCase(route, `${bytes.length} random bytes`, Buffer.from(bytes), 'refused', true));
  },
};

type Path = Array<string | number>;

/** Every field path in a JSON value, objects and arrays included. */
function fieldPaths(value: unknown, prefix: Path = []): Array<{ path: Path; value: unknown }> {
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [{ path: [...prefix, key], value: child }, ...fieldPaths(child, [...prefix, key])]);
}

function replaced(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(root)) return root.map((item, index) => (index === head ? replaced(item, rest, replacement) : item));
  const object = root as Record<string, unknown>;
  return { ...object, [head]: replaced(object[head], rest, replacement) };
}

/**
 * A value of another JSON type than the one given. Null is left out (many fields may be null), and
 * so are empty arrays and objects, which some fields take; an array's items are numbers, which no
 * list of messages, parts or tools holds (a field that takes token ids, `tokenArrayFields`, gets no
 * array). Where a repeated field may be one object, no object replaces an array.
 */
function otherTypeThan(value: unknown, arraysTakeOneObject: boolean, takesTokenArray: boolean): fc.Arbitrary<unknown> {
  const kinds: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 20 }),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    boolean: fc.boolean(),
    array: fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
    object: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { minKeys: 1, maxKeys: 3 }),
  };
  const kind = Array.isArray(value) ? 'array' : typeof value;
  const excluded = new Set([kind, ...(kind === 'array' && arraysTakeOneObject ? ['object'] : []), ...(takesTokenArray ? ['array'] : [])]);
  return fc.oneof(...Object.entries(kinds).filter(([name]) => !excluded.has(name)).map(([, arbitrary]) => arbitrary));
}

/** Each field of a valid body, one at a time, given a value of the wrong type. */
const wrongTypes: FuzzCategory = {
  name: 'wrong types',
  cases(route) {
    if (route.seed === undefined) return undefined;
    const seed = route.seed(fuzzModel);
    const fields = fieldPaths(seed);
    // OneBot events are read leniently (CONTRIBUTING.md, "OneBot"): an odd field is skipped, not refused.
    const expect = route.shape === 'onebot' ? 'below-500' : 'refused';
    return fc
      .constantFrom(...fields)
      .chain((field) =>
        otherTypeThan(field.value, route.arraysTakeOneObject === true, route.tokenArrayFields?.includes(field.path.join('.')) === true).map((value) => ({ field, value })),
      )
      .map(({ field, value }) => bodyCase(route, `${field.path.join('.')} = ${JSON.stringify(value)}`, JSON.stringify(replaced(seed, field.path, value)), expect, expect === 'refused'));
  },
};

/** Names every object has by its prototype: a caller's value used as a key must stay a key like any other. */
const prototypeNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/**
 * Each string of a valid body with a tool conversation (`withTools`), one at a time, made one of
 * those names (a tool `type` of "__proto__" once failed a Responses request with an internal
 * error), or an object given such a key. Served or refused, never a 5xx.
 */
const prototypeKeys: FuzzCategory = {
  name: 'prototype names',
  cases(route) {
    const seed = route.withTools?.(fuzzModel) ?? route.seed?.(fuzzModel);
    if (seed === undefined) return undefined;
    const fields = fieldPaths(seed);
    const strings = fields.filter((field) => typeof field.value === 'string');
    const objects = [{ path: [] as Path, value: seed }, ...fields.filter((field) => field.value !== null && typeof field.value === 'object' && !Array.isArray(field.value))];
    const asValue = fc.tuple(fc.constantFrom(...strings), fc.constantFrom(...prototypeNames)).map(([field, name]) => ({
      label: `${field.path.join('.')} = ${JSON.stringify(name)}`,
      text: JSON.stringify(replaced(seed, field.path, name)),
    }));
    const asKey = fc.tuple(fc.constantFrom(...objects), fc.constantFrom(...prototypeNames)).map(([field, name]) => ({
      label: `${field.path.join('.') || 'the body'} gets the key ${JSON.stringify(name)}`,
      // A computed key is an own property, "__proto__" too, as JSON.parse makes it of a caller's body.
      text: JSON.stringify(replaced(seed, field.path, { ...(field.value as Record<string, unknown>), [name]: { type: name, text: name } })),
    }));
    const kinds = strings.length > 0 ? fc.oneof(asValue, asKey) : asKey;
    return kinds.map(({ label, text }) => bodyCase(route, label, text, 'below-500', false));
  },
};

/** A model name of hundreds of kilobytes; a body over `server.maxBodyBytes` (413). */
const hugeStrings: FuzzCategory = {
  name: 'huge strings',
  heavy: true,
  cases(route, limits) {
    if (route.seed === undefined) return undefined;
    const seed = route.seed(fuzzModel);
    const overLimit = fc.integer({ min: 1, max: 4096 }).map((extra) => {
      const padding = 'x'.repeat(limits.maxBodyBytes + extra);
      return bodyCase(route, `a body ${extra} bytes over the size limit`, JSON.stringify({ ...seed, padding }), 'refused', true);
    });
    const cases = route.ownBodyLimit === true ? [] : [overLimit];
    if (route.path.includes('{model}') || 'model' in seed) cases.push(hugeModel(route, seed));
    return cases.length === 0 ? undefined : fc.oneof(...cases);
  },
};

function hugeModel(route: FuzzRoute, seed: Record<string, unknown>): fc.Arbitrary<FuzzCase> {
  // In a path, a name stays under node's 16 KiB limit on the request head (a larger head is the absurd-headers case).
  const lengths = route.path.includes('{model}') ? fc.integer({ min: 2_000, max: 14_000 }) : fc.integer({ min: 100_000, max: 600_000 });
  return lengths.map((length) => {
    const model = 'm'.repeat(length);
    const body = 'model' in seed ? JSON.stringify({ ...seed, model }) : JSON.stringify(seed);
    return { ...bodyCase(route, `a model name of ${length} characters`, body, 'refused', true), path: pathFor(route, model) };
  });
}

const deepMarker = '__deep_json__';

/** JSON text nested `depth` levels, built as text: the test never recurses over it. */
export function deepJsonText(depth: number): string {
  return `${'{"type":"object","properties":{"a":'.repeat(depth)}{"type":"string"}${'}}'.repeat(depth)}`;
}

/** Thousands of levels of nesting (a tool schema where a route has one) are refused with a 400 (issue 12, defect 6). */
const deepNesting: FuzzCategory = {
  name: 'deep nesting',
  heavy: true,
  cases(route) {
    if (route.seed === undefined) return undefined;
    const withSchema = route.withSchema;
    const template =
      withSchema !== undefined
        ? JSON.stringify(withSchema(fuzzModel, deepMarker))
        : JSON.stringify({ ...route.seed(fuzzModel), [Object.keys(route.seed(fuzzModel)).find((key) => key !== 'model') ?? 'x']: deepMarker });
    const expect = route.shape === 'onebot' ? 'below-500' : 'refused';
    // 20,000 levels is the depth that answered 500 when the issue was filed.
    return fc
      .oneof(fc.constant(20_000), fc.integer({ min: 5_000, max: 30_000 }))
      .map((depth) => bodyCase(route, `JSON nested ${depth} levels`, template.replace(`"${deepMarker}"`, deepJsonText(depth)), expect, expect === 'refused'));
  },
};

/** Model names outside Latin-1, with CR/LF or control characters, to a configured provider or none. */
const oddModelNames: FuzzCategory = {
  name: 'odd model names',
  cases(route) {
    const seed = route.seed?.(fuzzModel);
    const inPath = route.path.includes('{model}');
    if (!inPath && (seed === undefined || !('model' in seed))) return undefined;
    const names = fc.oneof(
      fc.constantFrom('gpt-模型', 'oa/gpt-模型', 'oa/a\r\nb', 'a\r\nx-injected: 1', 'oa/\u2028', '\u0000', '%', '..', 'oa/', '/oa', 'oa/🙂'),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((name) => `oa/${name}`),
    );
    return names.map((model) => {
      const body = seed === undefined ? undefined : Buffer.from(JSON.stringify('model' in seed ? { ...seed, model } : seed));
      return { label: `model ${JSON.stringify(model)}`, method: route.method, path: pathFor(route, model), headers: { ...json, ...route.headers }, ...(body ? { body } : {}), expect: 'below-500', upstreamUntouched: false };
    });
  },
};

/** Base64 with a character outside the alphabet (RFC 4648, section 4) is refused before the upstream (issue 12, defect 12). */
const invalidBase64: FuzzCategory = {
  name: 'invalid base64',
  cases(route) {
    const withImage = route.withImage;
    if (withImage === undefined) return undefined;
    return fc
      .tuple(fc.base64String({ minLength: 4, maxLength: 64 }), fc.nat(), fc.constantFrom(...'!#$%&*,.:;<>?@^`|~-_'))
      .map(([valid, at, bad]) => {
        const position = at % (valid.length + 1);
        return `${valid.slice(0, position)}${bad}${valid.slice(position)}`;
      })
      .map((data) => bodyCase(route, `image data ${JSON.stringify(data)}`, JSON.stringify(withImage(fuzzModel, data)), 'refused', true));
  },
};

/** Negative token limits and sizes are refused with a 400 naming the field (issue 12, defect 12). */
const negativeNumbers: FuzzCategory = {
  name: 'negative numbers',
  cases(route) {
    const withLimit = route.withLimit;
    if (withLimit === undefined) return undefined;
    return fc
      .integer({ min: -(2 ** 31), max: -1 })
      .map((value) => bodyCase(route, `limit ${value}`, JSON.stringify(withLimit(fuzzModel, value)), 'refused', true));
  },
};

/** A body labelled as something else: served or refused, never a fault; malformed, it is refused all the same. */
const wrongContentTypes: FuzzCategory = {
  name: 'wrong content types',
  cases(route) {
    const seed = seedText(route);
    if (seed === undefined) return undefined;
    const types = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'image/png', ';;;', '');
    return fc.tuple(types, fc.boolean()).map(([type, malformed]) =>
      malformed
        ? bodyCase(route, `content-type ${JSON.stringify(type)}, form body`, `a=1&b=${encodeURIComponent(seed)}`, 'refused', true, { 'content-type': type })
        : bodyCase(route, `content-type ${JSON.stringify(type)}, valid body`, seed, 'below-500', false, { 'content-type': type }),
    );
  },
};

/** The wrong method is a 405 in the route's dialect; routes that take any method answer below 500. */
const wrongMethods: FuzzCategory = {
  name: 'wrong methods',
  cases(route) {
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((method) => method !== route.method);
    // `GET /admin/keys` is the list beside `POST /admin/keys`: served, not refused.
    const expect = route.seed !== undefined && !route.path.startsWith('/admin/') ? 'refused' : 'below-500';
    return fc.constantFrom(...methods).map((method) => ({
      label: `${method} instead of ${route.method}`,
      method,
      path: pathFor(route, fuzzModel),
      headers: { ...json, ...route.headers },
      ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: Buffer.from('{}') }),
      expect,
      upstreamUntouched: true,
    }));
  },
};

/** Paths as attackers write them: broken percent-encoding, traversal, control characters. */
const oddPaths: FuzzCategory = {
  name: 'odd paths',
  cases(route) {
    if (!route.path.includes('{model}') || route.seed !== undefined) return undefined;
    const pieces = fc.oneof(
      fc.constantFrom('%', '%%', '%E0%A4%A', '%00', '..%2F..%2F..%2Fetc%2Fpasswd', '../../../../etc/passwd', '%2e%2e/%2e%2e/package.json', '\u00ff', 'a;b', '%F0%9F'),
      fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((text) => text.replace(/[\s?#]/g, '')),
    );
    return pieces.map((piece) => ({
      label: `path piece ${JSON.stringify(piece)}`,
      method: route.method,
      path: route.path.replace('{model}', piece),
      headers: { ...route.headers },
      expect: 'below-500',
      upstreamUntouched: true,
    }));
  },
};

/** Heads node:http would not send: absurd sizes and counts, bytes outside ASCII, conflicting lengths. */
const absurdHeaders: FuzzCategory = {
  name: 'absurd headers',
  cases(route) {
    const body = seedText(route) ?? '';
    const head = (lines: string[], payload = body) =>
      Buffer.concat([
        Buffer.from(`${route.method} ${pathFor(route, fuzzModel)} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n`, 'latin1'),
        Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'latin1'),
        Buffer.from(`\r\n${payload}`),
      ]);
    const routeHeaders = Object.entries(route.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
    const length = `content-length: ${Buffer.byteLength(body)}`;
    const variants = fc.oneof(
      fc.integer({ min: 1_000, max: 12_000 }).map((size) => ({ label: `a ${size}-byte header`, raw: head([...routeHeaders, length, `x-fuzz: ${'a'.repeat(size)}`]) })),
      fc.integer({ min: 17_000, max: 70_000 }).map((size) => ({ label: `a ${size}-byte header (over node's limit)`, raw: head([...routeHeaders, length, `x-fuzz: ${'a'.repeat(size)}`]) })),
      fc.integer({ min: 100, max: 2_000 }).map((count) => ({ label: `${count} headers`, raw: head([...routeHeaders, length, ...Array.from({ length: count }, (_, index) => `x-fuzz-${index}: ${index}`)]) })),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).map((key) => ({
        label: `a key of ${key.length} characters beyond ASCII`,
        raw: head([...routeHeaders, length, `authorization: Bearer ${key.replace(/[\r\n\0]/g, '')}`, `x-api-key: ${key.replace(/[\r\n\0]/g, '')}`]),
      })),
      fc.constantFrom(
        { label: 'a content-length that is not a number', raw: head([...routeHeaders, 'content-length: abc']) },
        { label: 'two different content-lengths', raw: head([...routeHeaders, length, `content-length: ${Buffer.byteLength(body) + 1}`]) },
        { label: 'a negative content-length', raw: head([...routeHeaders, 'content-length: -1']) },
        { label: 'a broken chunk size', raw: head([...routeHeaders, 'transfer-encoding: chunked'], 'zz\r\nabc\r\n0\r\n\r\n') },
        { label: 'chunked and a content-length', raw: head([...routeHeaders, length, 'transfer-encoding: chunked'], `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`) },
        { label: 'a control character in a header', raw: head([...routeHeaders, length, 'x-fuzz: a\u0001b']) },
        { label: 'a header without a colon', raw: head([...routeHeaders, length, 'no colon here']) },
        { label: 'an anthropic-version of 4 KiB', raw: head([length, `anthropic-version: ${'9'.repeat(4096)}`]) },
        { label: 'an x-goog-api-key of 8 KiB', raw: head([...routeHeaders, length, `x-goog-api-key: ${'k'.repeat(8192)}`]) },
      ),
    );
    return variants.map(({ label, raw }) => ({ label, method: route.method, path: pathFor(route, fuzzModel), headers: {}, raw, expect: 'below-500', upstreamUntouched: false }));
  },
};

export const fuzzCategories: FuzzCategory[] = [
  malformedJson,
  truncated,
  randomBytes,
  wrongTypes,
  prototypeKeys,
  hugeStrings,
  deepNesting,
  oddModelNames,
  invalidBase64,
  negativeNumbers,
  wrongContentTypes,
  wrongMethods,
  oddPaths,
  absurdHeaders,
];
