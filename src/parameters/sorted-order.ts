// Little-endian platforms store the low word of a double first in a Uint32Array view.
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Indices that sort `values` ascending (a stable argsort), by least-significant-digit radix sort
 * on the IEEE-754 bits mapped to unsigned keys (negative numbers have every bit flipped, others
 * only the sign bit, so unsigned order is numeric order; −0 sorts just before +0).
 *
 * Sorting indices with a comparator cost about 4 ms per 10,000 values and dominated rank
 * correlation; eight byte-wide passes cost a small fraction of that.
 *
 * @param values - numbers without NaN
 * @returns a permutation of 0..n−1 with `values[order[0]] ≤ values[order[1]] ≤ …`
 * @internal
 */
export function sortedOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const bits = new Float64Array(n);
  for (let i = 0; i < n; i++) bits[i] = values[i]!;
  const words = new Uint32Array(bits.buffer);
  const low = new Uint32Array(n);
  const high = new Uint32Array(n);
  const loAt = LITTLE_ENDIAN ? 0 : 1;
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + 1 - loAt]!;
    let l = words[2 * i + loAt]!;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    high[i] = h;
    low[i] = l;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const keys = pass < 4 ? low : high;
    const shift = (pass % 4) * 8;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 0xff]!++;
    // A byte shared by every key leaves the order as it is.
    if (counts[(keys[0]! >>> shift) & 0xff] === n) continue;
    let total = 0;
    for (let b = 0; b < 256; b++) {
      const c = counts[b]!;
      counts[b] = total;
      total += c;
    }
    for (let j = 0; j < n; j++) {
      const index = order[j]!;
      const b = (keys[index]! >>> shift) & 0xff;
      next[counts[b]!] = index;
      counts[b]!++;
    }
    [order, next] = [next, order];
  }
  return order;
}
