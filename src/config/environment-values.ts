import type { z } from 'zod';

type Environment = Record<string, string | undefined>;

/**
 * Where a configuration file wrote `${VAR}`, by the key's place as complaints name it
 * (`providers.oa.apiKey`, `models.smart[0].model`), and the text as written there. A complaint
 * about such a value shows what was written, never what the environment put in its place: a
 * secret set in the wrong field has no place on a terminal.
 */
export type WrittenValues = ReadonlyMap<string, string>;

export interface SubstitutedDocument {
  document: unknown;
  /** One line per variable that is not set, naming the key. */
  unset: string[];
  written: WrittenValues;
}

const variable = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** A value that is one `${VAR}` and nothing else, which may become a number or true/false. */
const wholeVariable = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;

/** `${VAR}` in any string value reads the environment. */
export function substituteEnvironment(document: unknown, environment: Environment): SubstitutedDocument {
  const unset: string[] = [];
  const written = new Map<string, string>();
  const substitute = (value: unknown, place: string): unknown => {
    if (typeof value === 'string') {
      let found = false;
      const result = value.replace(variable, (match, name: string) => {
        const set = environment[name];
        if (set === undefined) {
          unset.push(`${place || 'config'}: environment variable ${name} is not set`);
          return match;
        }
        found = true;
        return set;
      });
      if (found) written.set(place, value);
      return result;
    }
    if (Array.isArray(value)) return value.map((item, index) => substitute(item, `${place}[${index}]`));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, place ? `${place}.${key}` : key)]));
    }
    return value;
  };
  const substituted = substitute(document, '');
  return { document: substituted, unset: [...new Set(unset)], written };
}

/** A key's place as complaints name it: `server.port`, `models.smart[0].model`. */
export function placeText(path: readonly PropertyKey[]): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`)).join('').replace(/^\./, '');
}

/**
 * `port: ${PORT}` reads text from the environment where the schema takes a number: a value that
 * is one whole `${VAR}`, at a place the schema refused as not a number or not true/false, becomes
 * one when its text is strictly one (digits, with a fraction only where any number goes; `true` or
 * `false`). The schema says which places, so text fields keep their digits as text. Undefined when
 * nothing was converted.
 */
export function withVariablesConverted(document: unknown, issues: readonly z.core.$ZodIssue[], written: WrittenValues): unknown {
  let converted: unknown;
  for (const { issue, path } of leafIssues(issues, [])) {
    const wanted = wantedScalar(issue);
    const text = written.get(placeText(path));
    if (wanted === undefined || text === undefined || !wholeVariable.test(text)) continue;
    converted ??= structuredClone(document);
    const parent = path.slice(0, -1).reduce<unknown>((at, segment) => (at as Record<PropertyKey, unknown> | undefined)?.[segment], converted);
    const key = path.at(-1);
    if (key === undefined || parent === null || typeof parent !== 'object') continue;
    const container = parent as Record<PropertyKey, unknown>;
    const value = container[key];
    if (typeof value !== 'string') continue;
    const scalar = scalarOf(value, wanted);
    if (scalar !== undefined) container[key] = scalar;
  }
  if (converted === undefined) return undefined;
  return JSON.stringify(converted) === JSON.stringify(document) ? undefined : converted;
}

/** Each issue with its whole path, the branches of a union included (`cooldown: false` or a mapping). */
function* leafIssues(issues: readonly z.core.$ZodIssue[], parent: readonly PropertyKey[]): Generator<{ issue: z.core.$ZodIssue; path: PropertyKey[] }> {
  for (const issue of issues) {
    const path = [...parent, ...issue.path];
    if (issue.code === 'invalid_union') for (const branch of issue.errors) yield* leafIssues(branch, path);
    else yield { issue, path };
  }
}

function wantedScalar(issue: z.core.$ZodIssue): 'int' | 'number' | 'boolean' | undefined {
  if (issue.code === 'invalid_type') {
    const expected: string = issue.expected;
    if (expected === 'int' || expected === 'number' || expected === 'boolean') return expected;
  }
  if (issue.code === 'invalid_value' && issue.values.length > 0 && issue.values.every((value) => typeof value === 'boolean')) return 'boolean';
  return undefined;
}

function scalarOf(text: string, wanted: 'int' | 'number' | 'boolean'): number | boolean | undefined {
  switch (wanted) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'int':
      return /^-?\d+$/.test(text) ? Number(text) : undefined;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
  }
}
