/**
 * A small deterministic generator for test fixtures: the Lehmer (Park–Miller) sequence from `seed`
 * (an integer from 1 to 2^31 − 2), uniform in (0, 1). Every product stays below 2^53, so the numbers
 * are exact and the same on every machine.
 */
export function lehmer(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}
