import alea from "seedrandom/lib/alea.js";
import type seedrandom from "seedrandom";
import { fail } from "../core/errors.js";

/** A seed: any string or finite number. The same seed always gives the same draws. */
export type Seed = string | number;

/**
 * JSON-serialisable state of an {@link Rng}, enough to resume its sequence exactly.
 * `key` identifies the stream (seed and substream names); `alea` is the generator's state.
 */
export interface RngState {
  /** The generator, always `"alea"` (seedrandom's Alea). */
  readonly generator: "alea";
  /** The seed followed by the substream names that led to this generator. */
  readonly key: readonly string[];
  /** Alea's internal state: the carry and three lag registers. */
  readonly alea: {
    /** Carry. */
    readonly c: number;
    /** Lag register 0. */
    readonly s0: number;
    /** Lag register 1. */
    readonly s1: number;
    /** Lag register 2. */
    readonly s2: number;
  };
}

/**
 * A seeded source of uniform random numbers with named, independent substreams.
 * Every random quantity in qaly is drawn from one, so every result is a function of the seed.
 */
export interface Rng {
  /** A uniform double in the open interval (0, 1), with 53 random bits. */
  uniform(): number;
  /**
   * An independent substream that depends only on this stream's seed path and `name`, never on
   * how many numbers were drawn before or in which order substreams were created.
   */
  stream(name: string): Rng;
  /** The state, to resume this exact sequence later with {@link restoreRng}. */
  state(): RngState;
  /** The seed path of this stream: the seed followed by the substream names. */
  readonly key: readonly string[];
}

/** The name of the generator behind every {@link Rng} (recorded in PSA provenance). */
export const RNG_GENERATOR = "alea" as const;

type AleaPrng = seedrandom.StatefulPRNG<seedrandom.State.Alea>;

class AleaRng implements Rng {
  readonly key: readonly string[];
  private readonly prng: AleaPrng;

  constructor(key: readonly string[], state?: RngState["alea"]) {
    this.key = key;
    // JSON of the whole path keeps ("a", "b/c") and ("a/b", "c") apart.
    this.prng = alea(JSON.stringify(key), { state: state === undefined ? true : { ...state } });
  }

  uniform(): number {
    // alea's double() joins two 32-bit outputs into 53 bits; 0 is possible in principle, and the
    // open interval is what inverse-CDF sampling needs (quantile(0) = -Infinity).
    let u = this.prng.double();
    while (u === 0) u = this.prng.double();
    return u;
  }

  stream(name: string): Rng {
    return new AleaRng([...this.key, name]);
  }

  state(): RngState {
    return { generator: RNG_GENERATOR, key: [...this.key], alea: { ...this.prng.state() } };
  }
}

function seedKey(seed: Seed): string {
  if (typeof seed === "number") {
    if (!Number.isFinite(seed)) fail("invalid_argument", ["seed"], `seed must be a finite number or a string (received ${seed})`, { received: seed });
    return `n:${seed}`;
  }
  if (typeof seed !== "string") fail("invalid_argument", ["seed"], `seed must be a string or a number (received ${typeof seed})`, { received: seed });
  return `s:${seed}`;
}

/**
 * Creates a seeded random number generator (Baagøe's Alea, via seedrandom).
 *
 * Numbers and strings are distinct seeds (`1` and `"1"` give different streams).
 *
 * @param seed - any string or finite number
 * @example
 * const rng = createRng("my-analysis-2025");
 * const u = rng.uniform(); // in (0, 1)
 * u > 0 && u < 1 // => true
 * createRng(42).uniform() === createRng(42).uniform() // => true
 */
export function createRng(seed: Seed): Rng {
  return new AleaRng([seedKey(seed)]);
}

/**
 * Restores a generator from a saved {@link RngState}: the next draws continue exactly where the
 * saved generator was.
 *
 * @example
 * const rng = createRng(7);
 * rng.uniform();
 * const saved = rng.state();
 * const next = rng.uniform();
 * restoreRng(saved).uniform() === next // => true
 */
export function restoreRng(state: RngState): Rng {
  if (state?.generator !== RNG_GENERATOR || !Array.isArray(state.key) || typeof state.alea !== "object" || state.alea === null) {
    fail("invalid_argument", ["state"], "not an RngState saved by qaly (expected { generator: 'alea', key, alea })", { received: state });
  }
  return new AleaRng([...state.key], state.alea);
}
