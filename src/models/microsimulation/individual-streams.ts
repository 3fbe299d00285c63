import { createRng, type Seed } from "../../random/rng.js";

/**
 * Per-individual random streams without an object per individual.
 *
 * The stream of individual i in PSA draw d is named by (seed, draw, i): four 32-bit key words come
 * from the qaly {@link Rng} stream `seed → "microsimulation" → "draw d"` (or `"base case"`), and the
 * individual's generator state (four 32-bit words in an `Int32Array` slot) is those words mixed
 * with a hash of i. So an individual's draws depend on nothing but its name: not on chunking, on
 * which worker runs it, nor on the other individuals. The generator is sfc32 (Doty-Humphrey's
 * small fast counting generator, which passes PractRand and TestU01 BigCrush); its counter word
 * guarantees a period of at least 2³² per individual, far more than a horizon needs.
 */

/** The four key words of a draw's streams. */
export function streamKey(seed: Seed, draw: number | undefined, into: Int32Array): void {
  const rng = createRng(seed).stream("microsimulation").stream(draw === undefined ? "base case" : `draw ${draw}`);
  for (let w = 0; w < 4; w++) into[w] = Math.floor(rng.uniform() * 4294967296) | 0;
}

/** A 32-bit integer hash with good avalanche (Wellons' "lowbias32" constants). */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x | 0;
}

/** Sets slot `at` (4 words) of `state` to the start of individual `index`'s stream under `key`. */
export function seedIndividual(key: Int32Array, index: number, state: Int32Array, at: number): void {
  const h = mix32(index ^ mix32(key[3]!));
  state[at] = key[0]! ^ h;
  state[at + 1] = key[1]! ^ mix32(h ^ 0x9e3779b9);
  state[at + 2] = key[2]! ^ mix32(h + 0x6a09e667);
  state[at + 3] = 1;
  // Discarding the first outputs lets nearby seeds diverge (as sfc's author recommends).
  for (let i = 0; i < 12; i++) nextUniform(state, at);
}

/**
 * The next uniform of the stream in slot `at`: a double in the open interval (0, 1) with 53 random
 * bits (two generator outputs), advancing the state in place.
 */
export function nextUniform(state: Int32Array, at: number): number {
  let a = state[at]!;
  let b = state[at + 1]!;
  let c = state[at + 2]!;
  let d = state[at + 3]!;
  let t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  const high = t >>> 5;
  t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  const low = t >>> 6;
  state[at] = a;
  state[at + 1] = b;
  state[at + 2] = c;
  state[at + 3] = d;
  // 27 + 26 bits; the half-unit offset keeps 0 out, as inverse-CDF sampling needs.
  return (high * 67108864 + low + 0.5) / 9007199254740992;
}
