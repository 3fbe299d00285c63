import { fail } from "../core/errors.js";
import { type CycleCorrection, canonicalCycleCorrection, cycleWeights } from "./cycle-weights.js";
import { discountFactor } from "./discount-factor.js";
import type { DiscountTiming } from "./discount-timing.js";

/** Options of {@link discountedCycleWeights}. */
export interface DiscountedCycleWeightsOptions {
  /** Number of cycles N, an integer ≥ 1. */
  readonly cycles: number;
  /** Cycle length in years, > 0. */
  readonly cycleLength: number;
  /** Annual discount rate, ≥ 0. */
  readonly discountRate: number;
  /** Within-cycle correction; default `"trapezoid"`. */
  readonly correction?: CycleCorrection;
  /** Discount timing; default `"row"`. */
  readonly timing?: DiscountTiming;
}

/**
 * The coefficient of each trace row `0 … N` in a discounted total, in years: a per-year state value
 * `v` held by a cohort with trace `m` contributes `Σ_t c_t · m_t · v`.
 *
 * With `"row"` timing `c_t = Δ · w_t · (1 + r)^(−tΔ)` where `w` are the {@link cycleWeights}. With a
 * `cycle-*` timing, cycle k (1 … N) counts rows k − 1 and k with weights (a, b) = (1, 0) for
 * `"none-beginning"`, (0, 1) for `"none-end"` and (½, ½) for `"half-cycle"`, discounted at the time
 * τ_k given by the timing: `c_{k−1} += Δ · a · (1 + r)^(−τ_k)` and `c_k += Δ · b · (1 + r)^(−τ_k)`.
 * Shared by every cohort engine (Markov, partitioned survival).
 *
 * @param options - Cycles, cycle length (years), annual rate, correction and timing.
 * @returns A new `Float64Array` of length N + 1.
 * @throws QalyError `invalid_argument` on a bad rate, cycle length or number of cycles, or a `cycle-*`
 * timing combined with an integration rule.
 * @example Array.from(discountedCycleWeights({ cycles: 2, cycleLength: 1, discountRate: 0, correction: "none-end" })) // => [0, 1, 1]
 * @example Array.from(discountedCycleWeights({ cycles: 2, cycleLength: 1, discountRate: 0.06, correction: "none-end", timing: "cycle-start" })) // => [0, 1, 1 / 1.06]
 */
export function discountedCycleWeights(options: DiscountedCycleWeightsOptions): Float64Array {
  const { cycles, cycleLength, discountRate } = options;
  const correction = canonicalCycleCorrection(options.correction ?? "trapezoid");
  const timing = options.timing ?? "row";
  if (!(cycleLength > 0) || !Number.isFinite(cycleLength)) fail("invalid_argument", ["cycleLength"], `cycle length must be a positive number of years (received ${cycleLength})`, { received: cycleLength });
  if (!(discountRate >= 0) || !Number.isFinite(discountRate)) fail("invalid_argument", ["discountRate"], `discount rate must be a finite number ≥ 0 (received ${discountRate})`, { received: discountRate });
  const w = cycleWeights(correction, cycles);
  if (timing === "row") {
    for (let t = 0; t <= cycles; t++) w[t] = cycleLength * w[t]! * discountFactor(discountRate, t * cycleLength);
    return w;
  }
  let a: number;
  let b: number;
  if (correction === "none-beginning") [a, b] = [1, 0];
  else if (correction === "none-end") [a, b] = [0, 1];
  else if (correction === "half-cycle") [a, b] = [0.5, 0.5];
  else {
    return fail("invalid_argument", ["discountTiming"], `discount timing ${JSON.stringify(timing)} applies per cycle and needs a per-cycle correction ("none-beginning", "none-end" or "half-cycle"); integration rules discount each row at its own time ("row")`, {
      received: timing,
      expected: '"row"',
    });
  }
  const offset = timing === "cycle-start" ? 1 : timing === "cycle-end" ? 0 : timing === "cycle-middle" ? 0.5 : Number.NaN;
  if (Number.isNaN(offset)) fail("invalid_argument", ["discountTiming"], `unknown discount timing ${JSON.stringify(timing)}`, { received: timing, expected: '"row" | "cycle-start" | "cycle-end" | "cycle-middle"' });
  const coefficients = new Float64Array(cycles + 1);
  for (let k = 1; k <= cycles; k++) {
    const factor = cycleLength * discountFactor(discountRate, (k - offset) * cycleLength);
    coefficients[k - 1]! += a * factor;
    coefficients[k]! += b * factor;
  }
  return coefficients;
}

/**
 * The time, in years from the start of the model, at which an event in cycle k (1 … N) is
 * discounted under a {@link DiscountTiming}: `kΔ` for `"row"` and `"cycle-end"` (the row where the
 * moved cohort is first counted), `(k − 1)Δ` for `"cycle-start"`, `(k − ½)Δ` for `"cycle-middle"`.
 *
 * @param cycle - Cycle number k, 1 … N.
 * @param cycleLength - Cycle length Δ in years.
 * @param timing - The discount timing.
 * @returns Years from the start of the model.
 * @example eventDiscountTime(3, 1, "cycle-start") // => 2
 */
export function eventDiscountTime(cycle: number, cycleLength: number, timing: DiscountTiming): number {
  if (timing === "cycle-start") return (cycle - 1) * cycleLength;
  if (timing === "cycle-middle") return (cycle - 0.5) * cycleLength;
  return cycle * cycleLength;
}
