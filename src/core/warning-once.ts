import type { Warning } from '../interlingua/warning.js';

/**
 * Adds a warning unless the list holds one that `keyOf` says is the same. A scan of the list for
 * each warning was quadratic where the warnings differ by something the input chooses (a file's
 * media type, an unknown field's name): 40,000 files of as many types took 8.5 s. So each list
 * keeps, per `keyOf`, the keys of the warnings it holds, read in from wherever they were pushed
 * since the last look. Warning lists are only ever appended to.
 */
export function addWarningOnce(warnings: Warning[], warning: Warning, keyOf: (warning: Warning) => string): void {
  if (!holdsWarning(warnings, keyOf(warning), keyOf)) warnings.push(warning);
}

/** Whether the list holds a warning whose `keyOf` is `key`: the check before a warning said once per request. */
export function holdsWarning(warnings: Warning[], key: string, keyOf: (warning: Warning) => string): boolean {
  let byKind = indexes.get(warnings);
  if (byKind === undefined) {
    byKind = new Map();
    indexes.set(warnings, byKind);
  }
  let index = byKind.get(keyOf);
  if (index === undefined || index.upTo > warnings.length) {
    index = { keys: new Set(), upTo: 0 };
    byKind.set(keyOf, index);
  }
  for (; index.upTo < warnings.length; index.upTo++) index.keys.add(keyOf(warnings[index.upTo]!));
  return index.keys.has(key);
}

/** One warning per feature. */
export const sameFeature = (warning: Warning): string => warning.feature;
/** One warning per type and feature. */
export const sameTypeAndFeature = (warning: Warning): string => `${warning.type}\u0000${warning.feature}`;
/** One warning per feature and message. */
export const sameFeatureAndMessage = (warning: Warning): string => `${warning.feature}\u0000${warning.message}`;

const indexes = new WeakMap<Warning[], Map<(warning: Warning) => string, { keys: Set<string>; upTo: number }>>();

/** Adds a warning unless one with the same type and feature is already there: one per feature per request. */
export function addWarningPerFeature(warnings: Warning[], warning: Warning): void {
  addWarningOnce(warnings, warning, sameTypeAndFeature);
}
