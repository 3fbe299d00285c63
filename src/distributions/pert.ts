import betaCdf from "@stdlib/stats-base-dists-beta-cdf/lib/main.js";
import betaQuantile from "@stdlib/stats-base-dists-beta-quantile/lib/main.js";
import type { Rng } from "../random/rng.js";
import { beta } from "./beta.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { readRange } from "./triangular.js";
import { requirePositive } from "./validate.js";

/** The definition of a pert distribution (a member of {@link DistributionDef}). */
export type PertDef = Extract<DistributionDef, { readonly kind: "pert" }>;

class Pert implements Distribution<PertDef> {
  readonly def: PertDef;
  private readonly min: number;
  private readonly width: number;
  private readonly a: number;
  private readonly b: number;
  private readonly standard: Distribution;

  constructor(def: PertDef) {
    this.def = def;
    this.min = def.min;
    this.width = def.max - def.min;
    this.a = 1 + (def.lambda * (def.mode - def.min)) / this.width;
    this.b = 1 + (def.lambda * (def.max - def.mode)) / this.width;
    this.standard = beta({ alpha: this.a, beta: this.b });
  }

  mean(): number {
    return this.min + this.width * (this.a / (this.a + this.b));
  }

  variance(): number {
    return this.width * this.width * this.standard.variance();
  }

  cdf(x: number): number {
    return betaCdf((x - this.min) / this.width, this.a, this.b);
  }

  quantile(p: number): number {
    return this.min + this.width * betaQuantile(p, this.a, this.b);
  }

  sample(rng: Rng): number {
    return this.min + this.width * this.standard.sample(rng);
  }

  toString(): string {
    const { min, mode, max, lambda } = this.def;
    return `PERT(min=${formatSignificant(min)}, mode=${formatSignificant(mode)}, max=${formatSignificant(max)}, λ=${formatSignificant(lambda)})`;
  }
}

/**
 * The (modified) PERT distribution: a beta distribution rescaled to [min, max] with shapes
 * α = 1 + λ(mode − min)/(max − min) and β = 1 + λ(max − mode)/(max − min), so that its mean is
 * (min + λ·mode + max)/(λ + 2). λ = 4 is the classic PERT (Malcolm et al. 1959; Vose 2008, §9.1).
 * Used for expert-elicited parameters given as lowest, most likely and highest values.
 *
 * @param params.min - lowest plausible value
 * @param params.mode - most likely value, min ≤ mode ≤ max
 * @param params.max - highest plausible value, > min
 * @param params.lambda - weight of the mode, > 0, default 4
 * @returns the PERT distribution
 * @throws QalyError `invalid_argument` at ["pert", "min" | "mode" | "max" | "lambda"]
 * @example
 * pert({ min: 0, mode: 1, max: 8 }).mean() // => 2
 * pert({ min: 0, mode: 1, max: 3 }).toString() // => "PERT(min=0, mode=1, max=3, λ=4)"
 */
export function pert(params: { readonly min: number; readonly mode: number; readonly max: number; readonly lambda?: number }): Distribution<Extract<DistributionDef, { readonly kind: "pert" }>> {
  const { min, mode, max, raw } = readRange(params, "pert");
  const lambda = raw.lambda === undefined ? 4 : requirePositive(raw.lambda, ["pert", "lambda"]);
  return new Pert(Object.freeze({ kind: "pert", min, mode, max, lambda }));
}
