/**
 * The fields of a loose JSON object that `known` does not list, as a new object, or undefined when
 * there are none: what a dialect keeps under its own name in `vendor` so that a same-dialect
 * pass-through loses nothing. Run on objects of every request and answer, so it is a plain loop
 * that allocates nothing when, as usual, there are none. A `__proto__` key from untrusted JSON is
 * defined as data, never set as a prototype.
 */
export function extraFields<Value>(value: Readonly<Record<string, Value>>, known: ReadonlySet<string>): Record<string, Value> | undefined {
  let extras: Record<string, Value> | undefined;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (field === undefined || known.has(key)) continue;
    extras ??= {};
    Object.defineProperty(extras, key, { value: field, enumerable: true, writable: true, configurable: true });
  }
  return extras;
}
