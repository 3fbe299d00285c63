import uniformCdf from "@stdlib/stats-base-dists-uniform-cdf/lib/main.js";
import uniformQuantile from "@stdlib/stats-base-dists-uniform-quantile/lib/main.js";
import { fail } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { requireFinite, requireObject } from "./validate.js";

/** The definition of a uniform distribution (a member of {@link DistributionDef}). */
export type UniformDef = Extract<DistributionDef, { readonly kind: "uniform" }>;

class Uniform implements Distribution<UniformDef> {
  readonly def: UniformDef;
  private readonly min: number;
  private readonly width: number;

  constructor(min: number, max: number) {
    this.def = Object.freeze({ kind: "uniform", min, max });
    this.min = min;
    this.width = max - min;
  }

  mean(): number {
    return this.min + this.width / 2;
  }

  variance(): number {
    return (this.width * this.width) / 12;
  }

  cdf(x: number): number {
    return uniformCdf(x, this.def.min, this.def.max);
  }

  quantile(p: number): number {
    return uniformQuantile(p, this.def.min, this.def.max);
  }

  // The loop lives in each family so that its call to sample() stays monomorphic.
  fill(rng: Rng, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.sample(rng);
  }

  sample(rng: Rng): number {
    return this.min + this.width * rng.uniform();
  }

  toString(): string {
    return `Uniform(min=${formatSignificant(this.def.min)}, max=${formatSignificant(this.def.max)})`;
  }
}

/**
 * The uniform distribution on [min, max]: every value in the range equally likely. Used when only
 * a plausible range is known (Briggs, Claxton & Sculpher 2006, §4.3 warn it is rarely the best
 * choice, but it is common in scenario and threshold work).
 *
 * @param params.min - lower bound, finite
 * @param params.max - upper bound, finite, > min
 * @returns the distribution U(min, max)
 * @throws QalyError `invalid_argument` at ["uniform", "min" | "max"]
 * @example
 * uniform({ min: 0, max: 10 }).mean() // => 5
 * uniform({ min: 0, max: 10 }).toString() // => "Uniform(min=0, max=10)"
 */
export function uniform(params: { readonly min: number; readonly max: number }): Distribution<Extract<DistributionDef, { readonly kind: "uniform" }>> {
  const { min: rawMin, max: rawMax } = requireObject(params, ["uniform"], "{ min, max }");
  const min = requireFinite(rawMin, ["uniform", "min"]);
  const max = requireFinite(rawMax, ["uniform", "max"]);
  if (!(max > min)) fail("invalid_argument", ["uniform", "max"], `must be greater than min = ${min} (received ${max})`, { received: max, expected: `> ${min}` });
  return new Uniform(min, max);
}
