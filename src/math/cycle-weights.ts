import { fail } from "../core/errors.js";
import { ownEntry } from "../core/own-entry.js";

/**
 * A within-cycle correction: how the trace rows `m_0 … m_N` (the cohort at times 0, Δ, …, NΔ) are
 * weighted to approximate the time spent in each state over the horizon.
 *
 * - `"none-beginning"`: each cycle counted at its start (rows 0 … N−1).
 * - `"none-end"`: each cycle counted at its end (rows 1 … N; Briggs et al. 2006, heemod `"end"`).
 * - `"half-cycle"`: each cycle counted as the mean of its start and end rows (Sonnenberg & Beck
 *   1993; heemod `"life-table"`).
 * - `"trapezoid"`: the trapezoidal rule on the rows, `[½, 1, …, 1, ½]`.
 * - `"simpson"`: composite Simpson 1/3 rule `[1, 4, 2, …, 4, 1]/3`, with Simpson's 3/8 rule on the
 *   last three intervals when the number of cycles is odd (Elbasha & Chhatwal 2016).
 * - `"darth-simpson"`: the weight vector of DARTH's `gen_wcc(n, "Simpson1/3")`: `1/3` at both ends,
 *   `2/3` at odd and `4/3` at even interior rows (Alarid-Escudero et al. 2023), applied whatever the
 *   parity of the number of cycles.
 * - `"every-row"`: every trace row 0 … N counted once, `[1, 1, …, 1]` (N + 1 person-cycles for a
 *   cohort that never leaves; DARTH's `gen_wcc(n, "none")`, also named `"darth-none"`).
 * - Peers' names for the same weights (docs/conventions.md): heemod's `"beginning"`,
 *   `"end"` and `"life-table"`; hesim's `"riemann-left"`, `"riemann-right"` and `"trapz"`;
 *   DARTH's `"darth-half-cycle"` and `"darth-none"`.
 * - `{ weights }`: user-given weights for rows 0 … N.
 */
export type CycleCorrection =
  | "none-beginning"
  | "none-end"
  | "half-cycle"
  | "trapezoid"
  | "simpson"
  | "darth-simpson"
  | "every-row"
  | "beginning"
  | "end"
  | "life-table"
  | "riemann-left"
  | "riemann-right"
  | "trapz"
  | "darth-half-cycle"
  | "darth-none"
  | {
      /** User-given weights, one per trace row `0 … cycles`. */
      readonly weights: ArrayLike<number>;
    };

/**
 * Peers' names of within-cycle corrections and the qaly correction with the same weights:
 * heemod's `run_model(method = …)`, hesim's `integrate_method` and DARTH's `gen_wcc(method = …)`.
 * See docs/conventions.md.
 *
 * @example CYCLE_CORRECTION_ALIASES["life-table"] // => "half-cycle"
 */
export const CYCLE_CORRECTION_ALIASES: Readonly<Record<string, Exclude<CycleCorrection, object>>> = Object.freeze({
  /** heemod `"beginning"`: each cycle counted at its start. */
  beginning: "none-beginning",
  /** heemod `"end"`: each cycle counted at its end. */
  end: "none-end",
  /** heemod `"life-table"`: the mean of each cycle's start and end rows. */
  "life-table": "half-cycle",
  /** hesim `"riemann_left"`: left Riemann sum on the grid. */
  "riemann-left": "none-beginning",
  /** hesim `"riemann_right"`: right Riemann sum on the grid. */
  "riemann-right": "none-end",
  /** hesim `"trapz"`: trapezoidal rule. */
  trapz: "trapezoid",
  /** DARTH `gen_wcc(n, "half-cycle")`: ½ at both ends, 1 between. */
  "darth-half-cycle": "half-cycle",
  /** DARTH `gen_wcc(n, "none")`: every row counted once. */
  "darth-none": "every-row",
});

/** Every named within-cycle correction (the canonical names, then the peers' aliases). */
const CANONICAL = ["none-beginning", "none-end", "half-cycle", "trapezoid", "simpson", "darth-simpson", "every-row"] as const;

/**
 * The canonical name of a named within-cycle correction: a peer's alias (heemod's `"life-table"`,
 * DARTH's `"darth-none"`, …) becomes the qaly correction with the same weights; a canonical name or
 * `{ weights }` is returned unchanged.
 *
 * @param correction - A within-cycle correction.
 * @returns The canonical correction.
 * @example canonicalCycleCorrection("end") // => "none-end"
 * @example canonicalCycleCorrection("trapezoid") // => "trapezoid"
 */
export function canonicalCycleCorrection(correction: CycleCorrection): CycleCorrection {
  return (typeof correction === "string" ? ownEntry(CYCLE_CORRECTION_ALIASES, correction) : undefined) ?? correction;
}

/** The names a within-cycle correction may be given by (for model-file schemas and messages). */
export const CYCLE_CORRECTION_NAMES: readonly string[] = Object.freeze([...CANONICAL, ...Object.keys(CYCLE_CORRECTION_ALIASES)]);

/**
 * The weight of each trace row `0 … cycles` under a within-cycle correction.
 *
 * The number of person-cycles spent in a state is `Σ_t w_t · m_t`; multiplied by the cycle length it
 * approximates the integral of state occupancy over the horizon. See docs/conventions.md.
 *
 * @param correction - The within-cycle correction.
 * @param cycles - Number of cycles N, an integer ≥ 1.
 * @returns A new `Float64Array` of length N + 1.
 * @throws QalyError `invalid_argument` when `cycles` is not a positive integer, or user weights have
 * the wrong length or a non-finite entry.
 * @example Array.from(cycleWeights("half-cycle", 3)) // => [0.5, 1, 1, 0.5]
 * @example Array.from(cycleWeights("darth-simpson", 4)) // => [1 / 3, 2 / 3, 4 / 3, 2 / 3, 1 / 3]
 * @example Array.from(cycleWeights("every-row", 3)) // => [1, 1, 1, 1]
 */
export function cycleWeights(given: CycleCorrection, cycles: number): Float64Array {
  const correction = canonicalCycleCorrection(given);
  if (!Number.isInteger(cycles) || cycles < 1) fail("invalid_argument", ["cycles"], `the number of cycles must be a positive integer (received ${cycles})`, { received: cycles });
  const w = new Float64Array(cycles + 1);
  if (typeof correction === "object") {
    const given = correction.weights;
    if (given.length !== cycles + 1) fail("invalid_argument", ["cycleCorrection", "weights"], `expected ${cycles + 1} weights (one per trace row, cycles 0 … ${cycles}), received ${given.length}`, { received: given.length, expected: String(cycles + 1) });
    for (let t = 0; t <= cycles; t++) {
      const value = given[t]!;
      if (!Number.isFinite(value)) fail("invalid_argument", ["cycleCorrection", "weights", t], `weight must be finite (received ${value})`, { received: value });
      w[t] = value;
    }
    return w;
  }
  switch (correction) {
    case "none-beginning":
      w.fill(1, 0, cycles);
      return w;
    case "none-end":
      w.fill(1, 1);
      return w;
    case "half-cycle":
    case "trapezoid":
      w.fill(1);
      w[0] = 0.5;
      w[cycles] = 0.5;
      return w;
    case "simpson":
      return simpsonWeights(w, cycles);
    case "darth-simpson":
      for (let t = 1; t < cycles; t++) w[t] = t % 2 === 1 ? 2 / 3 : 4 / 3;
      w[0] = 1 / 3;
      w[cycles] = 1 / 3;
      return w;
    case "every-row":
      w.fill(1);
      return w;
    default:
      return fail("invalid_argument", ["cycleCorrection"], `unknown within-cycle correction ${JSON.stringify(correction)}`, {
        received: correction,
        expected: `${CYCLE_CORRECTION_NAMES.map((name) => JSON.stringify(name)).join(" | ")} | { weights }`,
      });
  }
}

function simpsonWeights(w: Float64Array, cycles: number): Float64Array {
  if (cycles === 1) {
    w[0] = 0.5;
    w[1] = 0.5;
    return w;
  }
  // Simpson 1/3 needs an even number of intervals; an odd remainder of three is closed with the
  // 3/8 rule, which has the same order of accuracy.
  const even = cycles % 2 === 0 ? cycles : cycles - 3;
  for (let t = 0; t < even; t += 2) {
    w[t]! += 1 / 3;
    w[t + 1]! += 4 / 3;
    w[t + 2]! += 1 / 3;
  }
  if (even !== cycles) {
    w[even]! += 3 / 8;
    w[even + 1]! += 9 / 8;
    w[even + 2]! += 9 / 8;
    w[even + 3]! += 3 / 8;
  }
  return w;
}
