import { fail } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatList } from "../core/format-significant.js";
import { bisectLeft, bisectRight } from "d3-array";
import { requireFiniteArray, requireObject } from "./validate.js";

/** The definition of a categorical distribution (a member of {@link DistributionDef}). */
export type CategoricalDef = Extract<DistributionDef, { readonly kind: "categorical" }>;

/** Probabilities may be rounded as published; they must sum to 1 within this tolerance. */
const SUM_TOLERANCE = 1e-9;

class Categorical implements Distribution<CategoricalDef> {
  readonly def: CategoricalDef;
  // Distinct values with positive probability, ascending, and their cumulative probabilities
  // (the last exactly 1), so that cdf and quantile are each other's inverse on the support.
  private readonly support: Float64Array;
  private readonly cumulative: Float64Array;

  constructor(def: CategoricalDef) {
    this.def = def;
    const merged = new Map<number, number>();
    def.values.forEach((value, i) => {
      const p = def.probabilities[i]!;
      if (p > 0) merged.set(value, (merged.get(value) ?? 0) + p);
    });
    const sorted = [...merged.entries()].sort((x, y) => x[0] - y[0]);
    const total = sorted.reduce((sum, entry) => sum + entry[1], 0);
    this.support = Float64Array.from(sorted, (entry) => entry[0]);
    this.cumulative = new Float64Array(sorted.length);
    let running = 0;
    sorted.forEach((entry, i) => {
      running += entry[1];
      this.cumulative[i] = i === sorted.length - 1 ? 1 : running / total;
    });
  }

  mean(): number {
    let mean = 0;
    this.def.values.forEach((value, i) => (mean += value * this.def.probabilities[i]!));
    return mean;
  }

  variance(): number {
    const mean = this.mean();
    let variance = 0;
    this.def.values.forEach((value, i) => (variance += this.def.probabilities[i]! * (value - mean) ** 2));
    return variance;
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return Number.NaN;
    const count = bisectRight(this.support, x);
    return count === 0 ? 0 : this.cumulative[count - 1]!;
  }

  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    return this.support[Math.min(bisectLeft(this.cumulative, p), this.support.length - 1)]!;
  }

  // Inverse CDF by binary search on the cumulative probabilities: one uniform per draw.
  sample(rng: Rng): number {
    const u = rng.uniform();
    return this.support[Math.min(bisectRight(this.cumulative, u), this.support.length - 1)]!;
  }

  toString(): string {
    return `Categorical(values=${formatList(this.def.values)}, p=${formatList(this.def.probabilities)})`;
  }
}

/**
 * A discrete distribution over given values with given probabilities, e.g. the number of
 * treatment cycles received or a scenario switch coded 0/1.
 *
 * @param params.values - the possible values, finite (duplicates add up)
 * @param params.probabilities - one probability per value, ≥ 0, summing to 1 (± 1e-9)
 * @returns the categorical distribution
 * @throws QalyError `invalid_argument` at ["categorical", "values" | "probabilities", index?];
 *   `dimension_mismatch` when the two lists differ in length
 * @example
 * const nCycles = categorical({ values: [4, 6], probabilities: [0.25, 0.75] });
 * nCycles.mean() // => 5.5
 * nCycles.toString() // => "Categorical(values=[4, 6], p=[0.25, 0.75])"
 */
export function categorical(params: { readonly values: readonly number[]; readonly probabilities: readonly number[] }): Distribution<Extract<DistributionDef, { readonly kind: "categorical" }>> {
  const raw = requireObject(params, ["categorical"], "{ values, probabilities }");
  const values = requireFiniteArray(raw.values, ["categorical", "values"], 1);
  const probabilities = requireFiniteArray(raw.probabilities, ["categorical", "probabilities"], 1);
  if (values.length !== probabilities.length) {
    fail("dimension_mismatch", ["categorical", "probabilities"], `needs one probability per value: ${values.length} values but ${probabilities.length} probabilities`, { received: probabilities.length, expected: String(values.length) });
  }
  probabilities.forEach((p, i) => {
    if (p < 0 || p > 1) fail("invalid_argument", ["categorical", "probabilities", i], `a probability must lie in [0, 1] (received ${p})`, { received: p, expected: "0 ≤ p ≤ 1" });
  });
  const sum = probabilities.reduce((total, p) => total + p, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    fail("invalid_argument", ["categorical", "probabilities"], `the probabilities must sum to 1 (sum = ${sum}, tolerance ${SUM_TOLERANCE})`, { received: sum, expected: "1" });
  }
  return new Categorical(Object.freeze({ kind: "categorical", values: Object.freeze(values), probabilities: Object.freeze(probabilities) }));
}
