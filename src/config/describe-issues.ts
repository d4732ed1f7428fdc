import type { z } from 'zod';
import { closestWord, didYouMean } from './closest-word.js';
import { knownKeysAt } from './known-keys.js';
import type { WrittenValues } from './environment-values.js';

/**
 * Zod's complaints about a configuration, in the words of someone editing a YAML file: each
 * after the key it is about, the value that was found, and for an unknown key the closest
 * known one at the same place. Zod words them for programmers ("Invalid input: expected
 * record, received undefined"). The schema must have been run with `reportInput: true`, so
 * each issue carries the value it is about. A value the file wrote as `${VAR}` (`written`, by
 * place) is shown as written: what the environment put there may be a secret in the wrong field.
 */
export function describeConfigIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, prefix = '', written: WrittenValues = new Map()): string[] {
  return issues.flatMap((issue) => describe(issue, [], schema, prefix, written));
}

function describe(issue: z.core.$ZodIssue, parentPath: readonly PropertyKey[], schema: z.ZodType, prefix: string, written: WrittenValues): string[] {
  const path = [...parentPath, ...issue.path];
  const writtenAs = written.get(keyText(prefix, path));
  const shown = (value: unknown) => (writtenAs === undefined ? valueText(value) : `${JSON.stringify(writtenAs)} (its value is not shown)`);
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
      if (matched !== undefined) return matched.flatMap((inner) => describe(inner, path, schema, prefix, written));
      const forms = [...new Set(issue.errors.flatMap((branch) => branch.filter((inner) => inner.path.length === 0).map(expectedText)))];
      return [`${keyText(prefix, path)}: should be ${forms.join(' or ')}, not ${shown(issue.input)}`];
    }
    default:
      return [`${keyText(prefix, path)}: ${plainText(issue, shown, writtenAs !== undefined)}`];
  }
}

/** The branch's value is not of this form at all (a list where a mapping was expected). */
function isWrongShape(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

/** `shown` gives the value found as a complaint may show it; `hidden`, when that is not the value itself. */
function plainText(issue: z.core.$ZodIssue, shown: (value: unknown) => string, hidden: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing; it takes ${nouns[issue.expected] ?? issue.expected}`;
      return `should be ${nouns[issue.expected] ?? issue.expected}, not ${shown(issue.input)}`;
    case 'invalid_value': {
      const choices = issue.values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
      const hint = typeof issue.input === 'string' && !hidden ? didYouMean(issue.input, choices) : '';
      return `${choices.length === 1 ? `should be ${choices[0]}` : `should be one of ${choices.join(', ')}`}, not ${shown(issue.input)}${hint}`;
    }
    case 'invalid_format':
      return `should be ${issue.format === 'url' ? 'a URL, as in https://host/v1' : issue.format === 'regex' ? `text matching ${issue.pattern ?? 'its pattern'}` : `a valid ${issue.format}`}, not ${shown(issue.input)}`;
    case 'too_small':
      return bound(issue.origin, Number(issue.minimum), issue.inclusive !== false, 'at least', 'more than', shown(issue.input));
    case 'too_big':
      return bound(issue.origin, Number(issue.maximum), issue.inclusive !== false, 'at most', 'less than', shown(issue.input));
    default:
      return issue.message;
  }
}

function bound(origin: string, limit: number, inclusive: boolean, inclusiveWords: string, exclusiveWords: string, shownInput: string): string {
  const words = inclusive ? inclusiveWords : exclusiveWords;
  switch (origin) {
    case 'string':
      return limit === 1 && words === 'at least' ? 'should not be empty' : `should be ${words} ${limit} characters long`;
    case 'array':
    case 'set':
      return `should list ${words} ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
    default:
      return `should be ${words} ${limit}, not ${shownInput}`;
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
 * The value found, briefly. Long text is not repeated: a long one may be a secret written into
 * the file, which has no place on a terminal (a `${VAR}`'s value is never shown: see `describe`).
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
