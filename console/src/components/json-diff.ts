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

/** Every leaf of both bodies, in the caller's order then the upstream's new ones. */
export function diffFields(caller: unknown, upstream: unknown): FieldChange[] {
  const before = flatten(caller);
  const after = flatten(upstream);
  const changes: FieldChange[] = [];
  const removed: Array<[string, string]> = [];
  for (const [path, value] of before) {
    const now = after.get(path);
    if (now === undefined) removed.push([path, value]);
    else changes.push(now === value ? { type: 'kept', path, value } : { type: 'changed', path, from: value, to: now });
  }
  const added = [...after].filter(([path]) => !before.has(path));
  const claimed = new Set<string>();
  for (const [path, value] of removed) {
    // Only a distinctive value makes a rename believable: `true` or `0` could have come from anywhere.
    const distinctive = value.length > 5 || /^"/.test(value);
    const match = distinctive ? added.find(([to, now]) => now === value && !claimed.has(to)) : undefined;
    if (match === undefined) changes.push({ type: 'removed', path, value });
    else {
      claimed.add(match[0]);
      changes.push({ type: 'renamed', from: path, to: match[0], value });
    }
  }
  for (const [path, value] of added) if (!claimed.has(path)) changes.push({ type: 'added', path, value });
  return changes;
}
