import { isRecord } from '../rule.js';

/**
 * How Ollama's Go server decodes a request body (`c.ShouldBindJSON(&req)` into the structs of
 * https://github.com/ollama/ollama/blob/main/api/types.go), so a value of the wrong JSON type is
 * refused the way Go's encoding/json refuses it: "json: cannot unmarshal <value> into Go struct
 * field <Struct>.<path> of type <type>" (UnmarshalTypeError, https://pkg.go.dev/encoding/json#UnmarshalTypeError).
 * Unknown fields are ignored, as encoding/json does by default; `null` is always accepted.
 */
export type GoType =
  | { kind: 'string' | 'bool' | 'int' | 'float' | 'object' | 'any'; name: string }
  /** Base64 text decoded into bytes (`[]byte`), as encoding/json does for a byte slice. */
  | { kind: 'bytes'; name: string }
  | { kind: 'slice'; name: string; of: GoType }
  /**
   * A string or a list of strings (api/types.go `PropertyType`, a `[]string` whose UnmarshalJSON tries a
   * string first, then returns `json.Unmarshal(data, &a)`'s error for `a []string`).
   */
  | { kind: 'string-or-strings'; name: string }
  /** A JSON object of `of` values, keyed by name. */
  | { kind: 'map'; name: string; of: GoType }
  | { kind: 'struct'; name: string; fields: Record<string, GoType> };

export const go = {
  string: { kind: 'string', name: 'string' },
  bool: { kind: 'bool', name: 'bool' },
  int: { kind: 'int', name: 'int' },
  any: { kind: 'any', name: 'interface {}' },
  options: { kind: 'object', name: 'map[string]interface {}' },
} as const satisfies Record<string, GoType>;

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'number' ? 'number' : isRecord(value) ? 'object' : 'string';
}

/** The index of the first byte Go's base64.StdEncoding refuses, or -1 (padding is required). */
function illegalBase64Byte(text: string): number {
  const stripped = text.replace(/[\r\n]/g, '');
  const bad = stripped.search(/[^A-Za-z0-9+/=]/);
  if (bad !== -1) return bad;
  const padding = stripped.indexOf('=');
  if (padding !== -1 && !/^={1,2}$/.test(stripped.slice(padding))) return padding;
  return stripped.length % 4 === 0 ? -1 : stripped.length - (stripped.length % 4);
}

/** The first decoding error for `value` as `type`, with `struct` and `path` naming where it is, or undefined. */
export function decodeError(value: unknown, type: GoType, struct: string, path: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const mismatch = (what = jsonKind(value)) => `json: cannot unmarshal ${what} into Go struct field ${struct}.${path} of type ${type.name}`;
  switch (type.kind) {
    case 'any':
      return undefined;
    case 'string':
      return typeof value === 'string' ? undefined : mismatch();
    case 'bool':
      return typeof value === 'boolean' ? undefined : mismatch();
    case 'int':
      if (typeof value !== 'number') return mismatch();
      return Number.isInteger(value) ? undefined : mismatch(`number ${value}`);
    case 'float':
      return typeof value === 'number' ? undefined : mismatch();
    case 'object':
      return isRecord(value) ? undefined : mismatch();
    case 'string-or-strings':
      if (typeof value === 'string') return undefined;
      if (!Array.isArray(value)) return mismatch();
      for (const item of value) if (typeof item !== 'string') return `json: cannot unmarshal ${jsonKind(item)} into Go struct field ${struct}.${path} of type string`;
      return undefined;
    case 'bytes': {
      if (typeof value !== 'string') return mismatch();
      const index = illegalBase64Byte(value);
      return index === -1 ? undefined : `illegal base64 data at input byte ${index}`;
    }
    case 'slice': {
      if (!Array.isArray(value)) return mismatch();
      for (const item of value) {
        const problem = decodeError(item, type.of, struct, path);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'map': {
      if (!isRecord(value)) return mismatch();
      for (const [key, item] of Object.entries(value)) {
        const problem = decodeError(item, type.of, struct, `${path}.${key}`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'struct': {
      if (!isRecord(value)) return mismatch();
      for (const [name, fieldType] of Object.entries(type.fields)) {
        const problem = decodeError(value[name], fieldType, type.name.replace(/^api\./, ''), path === '' ? name : `${path}.${name}`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    default: {
      const unhandled: never = type;
      throw new Error(`unhandled Go type ${JSON.stringify(unhandled)}`);
    }
  }
}
