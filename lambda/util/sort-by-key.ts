/**
 * The indices of the items by descending key, items of equal key by `compareTies`: the order of
 * `[...items].sort((a, b) => keyOf(b) - keyOf(a) || compareTies(a, b))`, without calling a comparator for every pair,
 * and as indices, so that lists kept beside the items can be read in that order without pairing them up in objects.
 * The keys are radix-sorted, which reads each key a few times and compares none; only the items that share a key are
 * compared. A NaN key has no place among numbers: then it is that sort after all.
 */
export function orderByKeyDescending<T>(items: readonly T[], keyOf: (item: T) => number, compareTies: (a: T, b: T) => number): Uint32Array {
  // Negated, so ascending numbers are the order wanted; 0 - key never gives -0, which would sort apart from 0.
  const keys = new Float64Array(items.length);
  const itemAt = (index: number) => items[index] as T;
  for (let index = 0; index < items.length; index++) keys[index] = 0 - keyOf(itemAt(index));
  // includes finds NaN (it compares as SameValueZero), in one scan that calls nothing for each key.
  if (keys.includes(Number.NaN)) {
    return Uint32Array.from([...items.keys()].sort((a, b) => keyOf(itemAt(b)) - keyOf(itemAt(a)) || compareTies(itemAt(a), itemAt(b))));
  }
  const order = ascendingOrder(keys);
  sortTies(order, keys, (a, b) => compareTies(itemAt(a), itemAt(b)));
  return order;
}

// Three digits of 11 bits per 32-bit word: six passes, each counting into 2,048 places, few enough for small inputs.
const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
const SHIFTS = [0, DIGIT_BITS, 2 * DIGIT_BITS];
/** Where the high 32 bits of a float64 are among its two 32-bit words, which depends on the machine's byte order. */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * The indices of the keys in ascending order, equal keys in their own order: an LSD radix sort over the keys' bits, made
 * to sort as the numbers do (a negative number has all its bits flipped, any other its sign bit).
 */
function ascendingOrder(keys: Float64Array): Uint32Array {
  const words = new Uint32Array(keys.buffer, keys.byteOffset, keys.length * 2);
  const high = new Uint32Array(keys.length);
  const low = new Uint32Array(keys.length);
  for (let index = 0; index < keys.length; index++) {
    const highBits = words[2 * index + HIGH_WORD] ?? 0;
    const lowBits = words[2 * index + 1 - HIGH_WORD] ?? 0;
    const negative = highBits >>> 31 === 1;
    high[index] = negative ? ~highBits : highBits | 0x80000000;
    low[index] = negative ? ~lowBits : lowBits;
  }
  let order = new Uint32Array(keys.length);
  for (let index = 0; index < order.length; index++) order[index] = index;
  // Two lists taking turns: each pass reads one and writes the other.
  let next = new Uint32Array(keys.length);
  for (const word of [low, high]) {
    for (const shift of SHIFTS) {
      byDigit(order, next, word, shift);
      [order, next] = [next, order];
    }
  }
  return order;
}

/** One stable counting-sort pass: `order` by the digit of `word` at `shift`, into `next`. */
function byDigit(order: Uint32Array, next: Uint32Array, word: Uint32Array, shift: number): void {
  // starts[digit]: where the next index with that digit goes. How many keys have each digit does not depend on their
  // order, so they are counted reading the words in place, one after the other, rather than in the order's jumps.
  const starts = new Uint32Array(DIGITS);
  for (let index = 0; index < word.length; index++) {
    const digit = ((word[index] ?? 0) >>> shift) & (DIGITS - 1);
    starts[digit] = (starts[digit] ?? 0) + 1;
  }
  for (let digit = 0, start = 0; digit < DIGITS; digit++) {
    const count = starts[digit] ?? 0;
    starts[digit] = start;
    start += count;
  }
  for (let place = 0; place < order.length; place++) {
    const index = order[place] ?? 0;
    const digit = ((word[index] ?? 0) >>> shift) & (DIGITS - 1);
    const at = starts[digit] ?? 0;
    next[at] = index;
    starts[digit] = at + 1;
  }
}

/** Sorts each run of indices whose keys are equal with `compareTies`, in place (a stable sort, as the comparator's sort is). */
function sortTies(order: Uint32Array, keys: Float64Array, compareTies: (a: number, b: number) => number): void {
  const keyAt = (place: number) => keys[order[place] ?? 0];
  for (let start = 0, end = 1; start < order.length; start = end, end = start + 1) {
    while (end < order.length && keyAt(end) === keyAt(start)) end++;
    if (end - start < 2) continue;
    order.set(Array.from(order.subarray(start, end)).sort(compareTies), start);
  }
}
