/**
 * Appends every item of `items` to `target`, in order. `target.push(...items)` passes each item as
 * an argument, and past some 120,000 of them V8 throws "Maximum call stack size exceeded": a
 * caller's message of that many parts, or an upstream's answer of that many citations, was
 * answered with a 500. For lists whose length the input decides.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
