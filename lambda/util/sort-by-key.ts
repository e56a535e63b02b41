/**
 * The items by descending key, items of equal key by `compareTies`: the same order as
 * `[...items].sort((a, b) => keyOf(b) - keyOf(a) || compareTies(a, b))`, without calling a comparator for every pair.
 * The keys are sorted as plain numbers, which V8 does natively, and each item then goes to its key's place; only the
 * items that share a key are compared. A NaN key has no place among numbers: then it is that sort after all.
 */
export function sortByKeyDescending<T>(items: readonly T[], keyOf: (item: T) => number, compareTies: (a: T, b: T) => number): T[] {
  // Negated (0 - key never gives -0, which would sort apart from 0), so ascending numbers are the order wanted. A loop:
  // Float64Array.from with a mapping function takes a slow path.
  const negatedKeys = new Float64Array(items.length);
  items.forEach((item, index) => (negatedKeys[index] = 0 - keyOf(item)));
  if (negatedKeys.some(Number.isNaN)) return [...items].sort((a, b) => keyOf(b) - keyOf(a) || compareTies(a, b));
  const sortedKeys = negatedKeys.slice().sort();
  const sorted = placeByKey(items, negatedKeys, sortedKeys);
  sortTies(sorted, sortedKeys, compareTies);
  return sorted;
}

/** Each item at the first free place of its key among the sorted keys: items of equal key keep their order. */
function placeByKey<T>(items: readonly T[], keys: Float64Array, sortedKeys: Float64Array): T[] {
  const placed = new Uint32Array(items.length);
  const order = new Uint32Array(items.length);
  for (let index = 0; index < items.length; index++) {
    const first = firstPlaceOf(sortedKeys, keys[index] ?? 0);
    order[first + (placed[first] ?? 0)] = index;
    placed[first] = (placed[first] ?? 0) + 1;
  }
  return Array.from(order, (index) => items[index] as T);
}

/** The first place in the sorted keys whose key is not less than `key` (binary search). */
function firstPlaceOf(sortedKeys: Float64Array, key: number): number {
  let low = 0;
  let high = sortedKeys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sortedKeys[middle] ?? 0) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Sorts each run of items that share a key with `compareTies`, in place (a stable sort, as the comparator's sort is). */
function sortTies<T>(sorted: T[], sortedKeys: Float64Array, compareTies: (a: T, b: T) => number): void {
  for (let start = 0, end = 1; start < sorted.length; start = end, end = start + 1) {
    while (end < sorted.length && sortedKeys[end] === sortedKeys[start]) end++;
    if (end - start < 2) continue;
    const run = sorted.slice(start, end).sort(compareTies);
    for (let offset = 0; offset < run.length; offset++) sorted[start + offset] = run[offset] as T;
  }
}
