/**
 * What a translation did to a body, field by field: the caller's JSON and the upstream's JSON are
 * flattened to leaf paths (`messages[0].content`), then each leaf is kept, changed, removed or
 * added; a removed leaf whose value reappears under a new path is a rename (`max_tokens` →
 * `generationConfig.maxOutputTokens`), which is what a dialect translation mostly does.
 */

export type FieldChange =
  | { type: 'kept'; path: string; value: string }
  | { type: 'changed'; path: string; from: string; to: string }
  | { type: 'renamed'; from: string; to: string; value: string }
  | { type: 'removed'; path: string; value: string }
  | { type: 'added'; path: string; value: string };

/** Leaf paths and their values as JSON text; empty objects and arrays are leaves too. */
export function flatten(value: unknown, path = '', into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.length > 0) value.forEach((item, index) => flatten(item, `${path}[${index}]`, into));
  else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path === '' ? key : `${path}.${key}`, into);
  } else into.set(path === '' ? '(body)' : path, JSON.stringify(value) ?? 'undefined');
  return into;
}

/** Every leaf of both bodies, in the first body's order, then the second's new ones. */
export function diffFields(first: unknown, second: unknown): FieldChange[] {
  const before = flatten(first);
  const after = flatten(second);
  const changes: FieldChange[] = [];
  const removed: Array<[string, string]> = [];
  for (const [path, value] of before) {
    const now = after.get(path);
    if (now === undefined) removed.push([path, value]);
    else changes.push(now === value ? { type: 'kept', path, value } : { type: 'changed', path, from: value, to: now });
  }
  const added = [...after].filter(([path]) => !before.has(path));
  const claimed = new Set<string>();
  // The added paths of each value, in order, taken one by one as renames claim them.
  const addedByValue = new Map<string, string[]>();
  for (const [path, value] of added) addedByValue.set(value, [...(addedByValue.get(value) ?? []), path]);
  const tally = (entries: Array<[string, string]>) => entries.reduce((counts, [, value]) => counts.set(value, (counts.get(value) ?? 0) + 1), new Map<string, number>());
  const removedCounts = tally(removed);
  const addedCounts = tally(added);
  for (const [path, value] of removed) {
    // Only a distinctive value makes a rename believable: `true` or `0` could have come from anywhere,
    // while a string, a long number or a number found once on each side (475 input tokens) could not.
    const unique = removedCounts.get(value) === 1 && addedCounts.get(value) === 1;
    const distinctive = /^"/.test(value) || value.length > 5 || (unique && value.length >= 2 && !['true', 'false', 'null'].includes(value));
    const to = distinctive ? addedByValue.get(value)?.shift() : undefined;
    if (to === undefined) changes.push({ type: 'removed', path, value });
    else {
      claimed.add(to);
      changes.push({ type: 'renamed', from: path, to, value });
    }
  }
  for (const [path, value] of added) if (!claimed.has(path)) changes.push({ type: 'added', path, value });
  return changes;
}
