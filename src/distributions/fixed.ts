import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { requireFinite } from "./validate.js";

/** The definition of a fixed distribution (a member of {@link DistributionDef}). */
export type FixedDef = Extract<DistributionDef, { readonly kind: "fixed" }>;

class Fixed implements Distribution<FixedDef> {
  readonly def: FixedDef;
  private readonly value: number;

  constructor(value: number) {
    this.value = value;
    this.def = Object.freeze({ kind: "fixed", value });
  }

  mean(): number {
    return this.value;
  }

  variance(): number {
    return 0;
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return Number.NaN;
    return x >= this.value ? 1 : 0;
  }

  quantile(p: number): number {
    return p >= 0 && p <= 1 ? this.value : Number.NaN;
  }

  // A fixed value consumes no uniforms, so turning a parameter fixed leaves its stream untouched.
  sample(_rng: Rng): number {
    return this.value;
  }

  toString(): string {
    return `Fixed(${formatSignificant(this.value)})`;
  }
}

/**
 * A value without uncertainty (a degenerate distribution), e.g. a list price or a discount rate
 * held fixed in a PSA (Briggs, Claxton & Sculpher 2006, §4.1: not every input is uncertain).
 *
 * @param value - the value, finite, in the parameter's own unit
 * @returns a distribution whose every draw is `value`
 * @throws QalyError `invalid_argument` at ["fixed", "value"] when `value` is not finite
 * @example
 * fixed(2400).mean() // => 2400
 * fixed(2400).toString() // => "Fixed(2400)"
 */
export function fixed(value: number): Distribution<Extract<DistributionDef, { readonly kind: "fixed" }>> {
  return new Fixed(requireFinite(value, ["fixed", "value"]));
}
