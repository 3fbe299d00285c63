import { fail } from "../core/errors.js";
import { beta } from "./beta.js";
import { categorical } from "./categorical.js";
import { dirichlet } from "./dirichlet.js";
import type { Distribution, DistributionDef, MultivariateDistribution } from "./distribution.js";
import { empirical } from "./empirical.js";
import { exponential } from "./exponential.js";
import { fixed } from "./fixed.js";
import { gamma } from "./gamma.js";
import { lognormal } from "./lognormal.js";
import { multivariateNormal } from "./multivariate-normal.js";
import { normal } from "./normal.js";
import { pert } from "./pert.js";
import { triangular } from "./triangular.js";
import { truncatedNormal } from "./truncated-normal.js";
import { uniform } from "./uniform.js";
import { weibull } from "./weibull.js";

/** The definition of any univariate distribution qaly provides. */
export type UnivariateDistributionDef = Exclude<DistributionDef, { readonly kind: "dirichlet" | "multivariateNormal" }>;

/** The definition of any multivariate distribution qaly provides. */
export type MultivariateDistributionDef = Extract<DistributionDef, { readonly kind: "dirichlet" | "multivariateNormal" }>;

/** The definition of any distribution qaly provides, discriminated by `kind` (the same as {@link DistributionDef}). */
export type AnyDistributionDef = DistributionDef;

/** Every `kind` that {@link distributionFromDef} understands. */
export const DISTRIBUTION_KINDS: readonly AnyDistributionDef["kind"][] = Object.freeze([
  "fixed", "uniform", "normal", "truncatedNormal", "lognormal", "gamma", "beta", "triangular", "pert",
  "exponential", "weibull", "categorical", "empirical", "dirichlet", "multivariateNormal",
]);

/**
 * Rebuilds a distribution from its serialisable definition (`distribution.def`), e.g. one read
 * back from a model file or a saved PSA's provenance. The definition is validated exactly as the
 * factory validates its arguments. `distributionFromDef(d.def)` behaves like `d`.
 *
 * @param def - a definition `{ kind, ...natural parameters }`
 * @returns the distribution (multivariate for `dirichlet` and `multivariateNormal`)
 * @throws QalyError `invalid_argument` at ["kind"] for an unknown kind, or the factory's issues
 * @example
 * distributionFromDef({ kind: "beta", alpha: 95, beta: 5 }).toString() // => "Beta(α=95, β=5)"
 * distributionFromDef(gamma({ shape: 4, rate: 0.5 }).def).mean() // => 8
 */
export function distributionFromDef(def: Exclude<DistributionDef, { readonly kind: "dirichlet" | "multivariateNormal" }>): Distribution;
export function distributionFromDef(def: Extract<DistributionDef, { readonly kind: "dirichlet" | "multivariateNormal" }>): MultivariateDistribution;
export function distributionFromDef(def: DistributionDef | {
  /** The family, e.g. `"beta"`. */
  readonly kind: string;
}): Distribution | MultivariateDistribution;
export function distributionFromDef(def: DistributionDef | {
  /** The family, e.g. `"beta"`. */
  readonly kind: string;
}): Distribution | MultivariateDistribution {
  if (typeof def !== "object" || def === null || typeof def.kind !== "string") {
    fail("invalid_argument", ["kind"], `a distribution definition is an object with a string 'kind' (one of ${DISTRIBUTION_KINDS.join(", ")})`, { received: def });
  }
  const d = def as AnyDistributionDef;
  switch (d.kind) {
    case "fixed": return fixed(d.value);
    case "uniform": return uniform(d);
    case "normal": return normal(d);
    case "truncatedNormal": return truncatedNormal(d);
    case "lognormal": return lognormal(d);
    case "gamma": return gamma({ shape: d.shape, scale: d.scale });
    case "beta": return beta(d);
    case "triangular": return triangular(d);
    case "pert": return pert(d);
    case "exponential": return exponential(d);
    case "weibull": return weibull(d);
    case "categorical": return categorical(d);
    case "empirical": return empirical(d.values);
    case "dirichlet": return dirichlet(d);
    case "multivariateNormal": return multivariateNormal(d);
    default: {
      const kind = (def as DistributionDef).kind;
      const close = DISTRIBUTION_KINDS.find((known) => known.toLowerCase() === kind.toLowerCase().replace(/[-_\s]/g, ""));
      const hint = close === undefined ? `known kinds: ${DISTRIBUTION_KINDS.join(", ")}` : `did you mean '${close}'?`;
      return fail("invalid_argument", ["kind"], `unknown distribution kind '${kind}' (${hint})`, { received: kind, expected: DISTRIBUTION_KINDS.join(" | ") });
    }
  }
}

/**
 * Whether a distribution is multivariate (draws vectors), so that callers holding either kind can
 * branch without inspecting `kind`.
 *
 * @param distribution - any univariate or multivariate distribution
 * @returns true for Dirichlet, multivariate normal and any other vector-valued distribution
 * @example
 * isMultivariate(dirichlet({ alpha: [1, 2] })) // => true
 * isMultivariate(beta({ alpha: 1, beta: 2 })) // => false
 */
export function isMultivariate(distribution: Distribution | MultivariateDistribution): distribution is MultivariateDistribution {
  return typeof (distribution as Partial<MultivariateDistribution>).dimension === "number";
}
