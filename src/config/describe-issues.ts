import type { z } from 'zod';
import { closestWord, didYouMean } from './closest-word.js';
import { knownKeysAt } from './known-keys.js';

/**
 * Zod's complaints about a configuration, in the words of someone editing a YAML file: each
 * after the key it is about, the value that was found, and for an unknown key the closest
 * known one at the same place. Zod words them for programmers ("Invalid input: expected
 * record, received undefined"). The schema must have been run with `reportInput: true`, so
 * each issue carries the value it is about.
 */
export function describeConfigIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, prefix = ''): string[] {
  return issues.flatMap((issue) => describe(issue, [], schema, prefix));
}

function describe(issue: z.core.$ZodIssue, parentPath: readonly PropertyKey[], schema: z.ZodType, prefix: string): string[] {
  const path = [...parentPath, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      return issue.keys.map((key) => {
        const close = closestWord(key, known);
        return `${keyText(prefix, [...path, key])}: unknown key${close === undefined ? '' : ` (did you mean "${close}"?)`}`;
      });
    }
    case 'invalid_union': {
      // A value that may take several forms (a `models` entry: a list, or an object with
      // `deployments`): the useful complaint is from the form whose shape it has, the branch
      // that got past the type check; when none did, the forms it may take.
      const matched = issue.errors.find((branch) => !branch.some((inner) => isWrongShape(inner)));
      if (matched !== undefined) return matched.flatMap((inner) => describe(inner, path, schema, prefix));
      const forms = [...new Set(issue.errors.flatMap((branch) => branch.filter((inner) => inner.path.length === 0).map(expectedText)))];
      return [`${keyText(prefix, path)}: should be ${forms.join(' or ')}, not ${valueText(issue.input)}`];
    }
    default:
      return [`${keyText(prefix, path)}: ${plainText(issue)}`];
  }
}

/** The branch's value is not of this form at all (a list where a mapping was expected). */
function isWrongShape(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

function plainText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing; it takes ${nouns[issue.expected] ?? issue.expected}`;
      return `should be ${nouns[issue.expected] ?? issue.expected}, not ${valueText(issue.input)}`;
    case 'invalid_value': {
      const choices = issue.values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, choices) : '';
      return `${choices.length === 1 ? `should be ${choices[0]}` : `should be one of ${choices.join(', ')}`}, not ${valueText(issue.input)}${hint}`;
    }
    case 'invalid_format':
      return `should be ${issue.format === 'url' ? 'a URL, as in https://host/v1' : issue.format === 'regex' ? `text matching ${issue.pattern ?? 'its pattern'}` : `a valid ${issue.format}`}, not ${valueText(issue.input)}`;
    case 'too_small':
      return bound(issue.origin, Number(issue.minimum), issue.inclusive !== false, 'at least', 'more than', issue.input);
    case 'too_big':
      return bound(issue.origin, Number(issue.maximum), issue.inclusive !== false, 'at most', 'less than', issue.input);
    default:
      return issue.message;
  }
}

function bound(origin: string, limit: number, inclusive: boolean, inclusiveWords: string, exclusiveWords: string, input: unknown): string {
  const words = inclusive ? inclusiveWords : exclusiveWords;
  switch (origin) {
    case 'string':
      return limit === 1 && words === 'at least' ? 'should not be empty' : `should be ${words} ${limit} characters long`;
    case 'array':
    case 'set':
      return `should list ${words} ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
    default:
      return `should be ${words} ${limit}, not ${valueText(input)}`;
  }
}

/** What Zod's `expected` names, as a YAML or JSON file writes it. */
const nouns: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  record: 'a mapping of names to values',
  null: 'empty (null)',
};

function expectedText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return nouns[issue.expected] ?? issue.expected;
  if (issue.code === 'invalid_value') return issue.values.map((value) => JSON.stringify(value)).join(' or ');
  return issue.message;
}

/**
 * The value found, briefly. Long text is not repeated: the configuration's `${VAR}` values are
 * substituted by now, and a long one may be a secret that has no place on a terminal.
 */
function valueText(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : `a ${value.length}-character text`;
  return String(value);
}

/** `server.port`, `models.smart[0].model`; `(top level)` for the document itself. */
function keyText(prefix: string, path: readonly PropertyKey[]): string {
  const text = path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`)).join('');
  const joined = prefix === '' ? text.replace(/^\./, '') : `${prefix}${text}`;
  return joined === '' ? '(top level)' : joined;
}

/** One problem on the line of its source; several, one a line under it, so each can be fixed in turn. */
export function issuesText(source: string, issues: readonly string[]): string {
  if (issues.length === 1) return `${source}: ${issues[0]}`;
  return `${source}: ${issues.length} problems:\n${issues.map((issue) => `  ${issue}`).join('\n')}`;
}
