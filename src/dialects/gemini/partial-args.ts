/**
 * Vertex AI can stream a call's arguments (`functionCallingConfig.streamFunctionCallArguments`):
 * a `functionCall` with `name` and `willContinue: true` opens the call, then `partialArgs`
 * entries set one JSON path each (a `stringValue` may arrive in pieces), and an empty
 * `functionCall: {}` closes it (fixture stream-vertex-partialargs.data.ndjson).
 * The arguments are rebuilt here and handed on whole when the call closes.
 */
import { isJsonObject, setField, type JsonObject } from './json-value.js';
import type { WirePartialArg } from './wire-schema.js';

type Segment = string | number;

/**
 * The array slots one call's arguments may open, across all its arrays. A path names an index
 * (`$.a[9999]`), and every slot before it is written out as `null`: 45 bytes of stream became
 * 50 KB of arguments, and a 540 KB stream of such paths took the process down inside
 * `JSON.stringify`. A model writes an array's items in order, one slot each, so a real call
 * stays far below; a write past the bound is left out.
 */
export const maxArraySlotsPerCall = 10_000;

export class PartialArgsCall {
  readonly args: JsonObject = {};
  private slotsLeft = maxArraySlotsPerCall;

  constructor(
    readonly name: string,
    readonly wireId: string | undefined,
    readonly signature: string | undefined,
  ) {}

  apply(partials: readonly WirePartialArg[]): void {
    for (const partial of partials) {
      const path = parseJsonPath(partial.jsonPath ?? '$');
      if (typeof partial.stringValue === 'string') this.set(path, partial.stringValue, true);
      else if (typeof partial.numberValue === 'number') this.set(path, partial.numberValue, false);
      else if (typeof partial.boolValue === 'boolean') this.set(path, partial.boolValue, false);
      else if (partial.nullValue !== undefined) this.set(path, null, false);
    }
  }

  /** `append`: a string continues the string already at that path. */
  private set(path: readonly Segment[], value: unknown, append: boolean): void {
    if (path.length === 0) return;
    let node: JsonObject | unknown[] = this.args;
    for (const [index, segment] of path.entries()) {
      const last = index === path.length - 1;
      const current = read(node, segment);
      if (!this.opens(node, segment)) return;
      if (last) {
        write(node, segment, append && typeof current === 'string' && typeof value === 'string' ? current + value : value);
        return;
      }
      const nextSegment = path[index + 1];
      if (isJsonObject(current) || Array.isArray(current)) {
        node = current;
      } else {
        const created: JsonObject | unknown[] = typeof nextSegment === 'number' ? [] : {};
        write(node, segment, created);
        node = created;
      }
    }
  }

  /** Whether writing `segment` of `node` stays within the call's array slots, counting those it opens. */
  private opens(node: JsonObject | unknown[], segment: Segment): boolean {
    if (!Array.isArray(node) || typeof segment !== 'number') return true;
    const opened = Math.max(0, segment + 1 - node.length);
    if (opened > this.slotsLeft) return false;
    this.slotsLeft -= opened;
    return true;
  }
}

function read(node: JsonObject | unknown[], segment: Segment): unknown {
  if (Array.isArray(node)) return typeof segment === 'number' ? node[segment] : undefined;
  return typeof segment === 'string' && Object.hasOwn(node, segment) ? node[segment] : undefined;
}

function write(node: JsonObject | unknown[], segment: Segment, value: unknown): void {
  if (Array.isArray(node)) {
    if (typeof segment === 'number' && segment < 10_000) node[segment] = value;
  } else {
    setField(node, String(segment), value);
  }
}

/** `$.a.b[0]["c d"]` → ['a', 'b', 0, 'c d']; anything it cannot read becomes one key, the path itself. */
export function parseJsonPath(path: string): Segment[] {
  if (!path.startsWith('$')) return [path];
  const segments: Segment[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\[(['"])((?:\\.|(?!\3).)*)\3\]/gy;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (match === null) return [path];
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[4] !== undefined) segments.push(match[4].replace(/\\(.)/g, '$1'));
  }
  return segments;
}
