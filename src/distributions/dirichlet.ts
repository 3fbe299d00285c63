import { fail } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import type { MultivariateDistribution, DistributionDef } from "./distribution.js";
import { marsagliaTsang } from "./draw-gamma.js";
import { formatList } from "../core/format-significant.js";
import { requireFiniteArray, requireObject } from "./validate.js";

/** The definition of a dirichlet distribution (a member of {@link DistributionDef}). */
export type DirichletDef = Extract<DistributionDef, { readonly kind: "dirichlet" }>;

class Dirichlet implements MultivariateDistribution<DirichletDef> {
  readonly def: DirichletDef;
  readonly dimension: number;
  private readonly alpha: Float64Array;
  private readonly total: number;
  // Marsaglia–Tsang constants per component (for α + 1 where α < 1).
  private readonly d: Float64Array;
  private readonly c: Float64Array;
  private readonly small: boolean;

  constructor(def: DirichletDef) {
    this.def = def;
    this.dimension = def.alpha.length;
    this.alpha = Float64Array.from(def.alpha);
    this.total = def.alpha.reduce((sum, a) => sum + a, 0);
    this.d = this.alpha.map((a) => (a >= 1 ? a : a + 1) - 1 / 3);
    this.c = this.d.map((d) => 1 / Math.sqrt(9 * d));
    this.small = def.alpha.some((a) => a < 1);
  }

  mean(): Float64Array {
    return this.alpha.map((a) => a / this.total);
  }

  covariance(): Float64Array {
    const k = this.dimension;
    const out = new Float64Array(k * k);
    const scale = this.total * this.total * (this.total + 1);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const ai = this.alpha[i]!;
        out[i * k + j] = i === j ? (ai * (this.total - ai)) / scale : (-ai * this.alpha[j]!) / scale;
      }
    }
    return out;
  }

  // Normalised independent gammas (e.g. Devroye 1986, §XI.4). With some α < 1 the gammas are
  // drawn on the log scale and shifted by their maximum, since all of them may underflow to 0.
  sample(rng: Rng, out: Float64Array = new Float64Array(this.dimension)): Float64Array {
    const k = this.dimension;
    let sum = 0;
    if (!this.small) {
      for (let i = 0; i < k; i++) sum += out[i] = marsagliaTsang(rng, this.d[i]!, this.c[i]!);
    } else {
      let largest = -Infinity;
      for (let i = 0; i < k; i++) {
        const a = this.alpha[i]!;
        let logG = Math.log(marsagliaTsang(rng, this.d[i]!, this.c[i]!));
        if (a < 1) logG += Math.log(rng.uniform()) / a;
        out[i] = logG;
        if (logG > largest) largest = logG;
      }
      for (let i = 0; i < k; i++) sum += out[i] = Math.exp(out[i]! - largest);
    }
    for (let i = 0; i < k; i++) out[i] = out[i]! / sum;
    return out;
  }

  toString(): string {
    const names = this.def.names === undefined ? "" : `, names=[${this.def.names.join(", ")}]`;
    return `Dirichlet(α=${formatList(this.def.alpha)}${names})`;
  }
}

/**
 * The Dirichlet distribution over probability vectors that sum to 1: the multinomial analogue of
 * the beta, used for the transition probabilities out of one Markov state (Briggs, Claxton &
 * Sculpher 2006, §4.2.1; Briggs et al. 2003, Med Decis Making 23:341–350). With α = observed
 * transition counts it is their posterior under a flat prior.
 *
 * @param params.alpha - concentration per component, each > 0, at least 2 components
 * @param params.names - optional component names (e.g. destination states), unique, one per α
 * @returns the Dirichlet distribution; each draw sums to 1
 * @throws QalyError `invalid_argument` at ["dirichlet", "alpha" | "names", index?];
 *   `dimension_mismatch` when `names` and `alpha` differ in length
 * @example
 * const fromWell = dirichlet({ alpha: [10, 5, 5], names: ["Well", "Sick", "Dead"] });
 * Array.from(fromWell.mean()) // => [0.5, 0.25, 0.25]
 * dirichlet({ alpha: [10, 5, 5] }).toString() // => "Dirichlet(α=[10, 5, 5])"
 */
export function dirichlet(params: { readonly alpha: readonly number[]; readonly names?: readonly string[] }): MultivariateDistribution<Extract<DistributionDef, { readonly kind: "dirichlet" }>> {
  const raw = requireObject(params, ["dirichlet"], "{ alpha, names? }");
  return new Dirichlet(dirichletDef(raw.alpha, raw.names, ["dirichlet"]));
}

/** Checks α and names and builds the frozen definition (shared with `dirichlet.fromCounts`). */
function dirichletDef(rawAlpha: unknown, rawNames: unknown, path: readonly string[]): DirichletDef {
  const alpha = requireFiniteArray(rawAlpha, [...path, "alpha"], 2);
  alpha.forEach((a, i) => {
    if (!(a > 0)) fail("invalid_argument", [...path, "alpha", i], `each concentration must be greater than 0 (received ${a})`, { received: a, expected: "> 0" });
  });
  if (rawNames === undefined) return Object.freeze({ kind: "dirichlet", alpha: Object.freeze(alpha) });
  if (!Array.isArray(rawNames) || rawNames.some((name) => typeof name !== "string")) {
    fail("invalid_argument", [...path, "names"], "must be an array of strings", { received: rawNames, expected: "string[]" });
  }
  const names = rawNames as string[];
  if (names.length !== alpha.length) {
    fail("dimension_mismatch", [...path, "names"], `needs one name per component: ${alpha.length} concentrations but ${names.length} names`, { received: names.length, expected: String(alpha.length) });
  }
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) fail("invalid_argument", [...path, "names"], `names must be unique ('${duplicate}' appears twice)`, { received: names });
  return Object.freeze({ kind: "dirichlet", alpha: Object.freeze(alpha), names: Object.freeze([...names]) });
}

/**
 * A Dirichlet distribution from observed counts, e.g. the transitions seen out of one state:
 * α = counts (the posterior under a flat prior, as in Briggs, Claxton & Sculpher 2006, §4.2.1).
 *
 * @param counts - count per component, ≥ 0; a zero count needs a prior (add 0.5 or 1 to each)
 * @param names - optional component names, one per count
 * @returns Dirichlet(α = counts)
 * @throws QalyError `impossible_fit` at ["dirichlet", "fromCounts", "counts", index] for a zero
 *   count; `invalid_argument` for a negative or non-finite count
 * @example
 * dirichlet.fromCounts([1251, 350, 116, 17]).toString() // => "Dirichlet(α=[1251, 350, 116, 17])"
 */
dirichlet.fromCounts = function fromCounts(counts: readonly number[], names?: readonly string[]): MultivariateDistribution<Extract<DistributionDef, { readonly kind: "dirichlet" }>> {
  const path = ["dirichlet", "fromCounts"];
  const checked = requireFiniteArray(counts, [...path, "counts"], 2);
  checked.forEach((count, i) => {
    if (count < 0) fail("invalid_argument", [...path, "counts", i], `a count cannot be negative (received ${count})`, { received: count, expected: "≥ 0" });
    if (count === 0) {
      fail("impossible_fit", [...path, "counts", i], `component ${i} has a zero count, and a Dirichlet needs every concentration > 0; add a prior to every count (e.g. + 0.5 or + 1) and call dirichlet({ alpha })`, { received: count, expected: "> 0" });
    }
  });
  return new Dirichlet(dirichletDef(checked, names, path));
};
