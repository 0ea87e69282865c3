// Structural sharing for lists pushed by main: every push carries fresh objects, even for calls that
// did not change. Keeping the previous object when the data is the same lets memoized components
// (room tiles, call cards) skip re-rendering and lets derived state be reused.

/** Deep equality of JSON-like data (plain objects, arrays, primitives). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * `next` with each item replaced by the previous item of the same key when their data is equal;
 * `previous` itself when nothing changed at all (same items, same order).
 */
export function keepUnchanged<T>(previous: T[], next: T[], key: (item: T) => string): T[] {
  const before = new Map(previous.map((item) => [key(item), item]));
  let changed = previous.length !== next.length;
  const kept = next.map((item, i) => {
    const old = before.get(key(item));
    const same = old !== undefined && sameData(old, item);
    if (!same || previous[i] !== old) changed = true;
    return same ? old : item;
  });
  return changed ? kept : previous;
}
