/**
 * Small helpers for untrusted JSON values. `setField` exists because a JSON object may have an
 * own key named `__proto__`: plain assignment would change the prototype instead of adding a key.
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function setField(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Sets `value` at a dotted path (`generationConfig.thinkingConfig.thinkingLevel`), creating objects on the way. */
export function setPath(target: JsonObject, path: readonly string[], value: unknown): void {
  let node = target;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      setField(node, key, value);
      return;
    }
    const next = node[key];
    if (isJsonObject(next) && Object.hasOwn(node, key)) {
      node = next;
    } else {
      const created: JsonObject = {};
      setField(node, key, created);
      node = created;
    }
  }
}
