import type { JsonSchema } from '../interlingua/tool.js';
import { isRecord } from './is-record.js';

/**
 * Whether a JSON Schema refers to itself through local `$ref`s (a tree node whose `children` are
 * `{"$ref": "#/$defs/Node"}`, two definitions naming each other, a `{"$ref": "#"}` back to the
 * root), and the names on the first such cycle. Upstreams that compile a schema into a grammar
 * by inlining its references cannot take one: the inlining never ends.
 *
 * A reference is a JSON Pointer into the same document (`#`, `#/$defs/A`, `#/properties/x`);
 * inlining it copies the whole subtree it points at, with every reference inside. So a pointer
 * leads to each pointer referenced anywhere under it, and the schema is recursive when following
 * these leads from the root comes back to a pointer still being followed. External references
 * and anchors (`#name`) are not followed. Bounded like every walk over a caller's schema: past
 * the limit the rest is not looked at.
 */
export function referenceCycle(schema: JsonSchema): string[] | undefined {
  const references = localReferences(schema);
  if (references.length === 0) return undefined;
  /** Pointer → the pointers referenced at or under it. */
  const leads = (pointer: string): string[] => references.filter((reference) => isWithin(reference.at, pointer)).map((reference) => reference.to);
  const following: string[] = [];
  const done = new Set<string>();
  const visit = (pointer: string): string[] | undefined => {
    const open = following.indexOf(pointer);
    if (open !== -1) return [...following.slice(open), pointer];
    if (done.has(pointer)) return undefined;
    following.push(pointer);
    for (const next of leads(pointer)) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    following.pop();
    done.add(pointer);
    return undefined;
  };
  return visit('')?.map((pointer) => `#${pointer}`);
}

interface LocalReference {
  /** Where the `$ref` stands, as a JSON Pointer (`/$defs/Node/properties/children/items`). */
  at: string;
  /** The pointer it names, `#` taken off (`/$defs/Node`; `''` for the root). */
  to: string;
}

const maxNodes = 5000;
const maxDepth = 64;

function localReferences(schema: JsonSchema): LocalReference[] {
  const found: LocalReference[] = [];
  let nodes = 0;
  const walk = (value: unknown, at: string, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > maxDepth || nodes >= maxNodes) return;
    nodes += 1;
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
    for (const [key, child] of entries) {
      if (key === '$ref' && isRecord(value) && typeof child === 'string') {
        const to = pointerOf(child);
        if (to !== undefined) found.push({ at, to });
        continue;
      }
      walk(child, `${at}/${escaped(key)}`, depth + 1);
    }
  };
  walk(schema, '', 0);
  return found;
}

/** `#/$defs/A%20B` → `/$defs/A B` (kept escaped for `~`); undefined for an external reference or an anchor. */
function pointerOf(reference: string): string | undefined {
  if (reference !== '#' && !reference.startsWith('#/')) return undefined;
  try {
    return decodeURIComponent(reference.slice(1));
  } catch {
    return undefined;
  }
}

function escaped(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Whether the pointer `at` is `pointer` or lies under it. */
function isWithin(at: string, pointer: string): boolean {
  return at === pointer || at.startsWith(`${pointer}/`);
}
