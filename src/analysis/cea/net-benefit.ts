import { fail } from "../../core/errors.js";
import type { PsaResult } from "../psa/psa-result.js";
import { costEffectSeries, meanOf, type CostEffectOptions } from "../psa/cost-effect.js";

/**
 * Net monetary benefit: `wtp · effect − cost`, the value of a strategy's health gain in money
 * minus its cost (Stinnett & Mullahy 1998). The strategy with the highest NMB is cost-effective.
 *
 * @param cost - cost, in the model's currency
 * @param effect - effect (QALYs or another health outcome)
 * @param wtp - willingness to pay per unit of effect, ≥ 0
 * @returns the NMB in currency
 * @example netMonetaryBenefit(20_000, 2, 500_000) // => 980000
 */
export function netMonetaryBenefit(cost: number, effect: number, wtp: number): number {
  return wtp * effect - cost;
}

/**
 * Net health benefit: `effect − cost / wtp`, the health gain minus the health the cost would buy
 * elsewhere at the threshold (Stinnett & Mullahy 1998).
 *
 * @param cost - cost, in the model's currency
 * @param effect - effect (QALYs or another health outcome)
 * @param wtp - willingness to pay per unit of effect, > 0
 * @returns the NHB in units of effect
 * @example netHealthBenefit(250_000, 2, 500_000) // => 1.5
 */
export function netHealthBenefit(cost: number, effect: number, wtp: number): number {
  return effect - cost / wtp;
}

/** Options of {@link netBenefit}. */
export interface NetBenefitOptions extends CostEffectOptions {
  /** `"monetary"` (default): NMB in currency; `"health"`: NHB in units of effect. */
  readonly type?: "monetary" | "health";
}

/** Net benefit of every strategy for every draw of a PSA at one willingness to pay. */
export interface NetBenefit<S extends string = string> {
  /** Willingness to pay used. */
  readonly wtp: number;
  /** Monetary (NMB) or health (NHB). */
  readonly type: "monetary" | "health";
  /** Strategy names. */
  readonly strategies: readonly S[];
  /** Net benefit of one strategy in every draw. */
  values(strategy: S): Float64Array;
  /** Expected (mean) net benefit of every strategy, in strategy order. */
  readonly expected: Float64Array;
}

/**
 * Net monetary (or health) benefit of every strategy in every draw of a PSA at one willingness to
 * pay; the expected values tell which strategy is cost-effective on average.
 *
 * @param psa - a PSA result
 * @param wtp - willingness to pay per unit of effect (≥ 0; > 0 for net health benefit)
 * @param options - cost/effect outcomes and the type of net benefit
 * @returns per-draw and expected net benefits
 * @throws QalyError `invalid_argument` for a negative or non-finite `wtp`; `unknown_strategy` from `values`
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [100, 300], B: [1000, 1200] }, qaly: { A: [1, 1], B: [1.1, 1.3] } } });
 * Array.from(netBenefit(psa, 10_000).values("B")) // => [10000, 11800]
 * Array.from(netBenefit(psa, 10_000).expected) // => [9800, 10900]
 */
export function netBenefit<S extends string>(psa: PsaResult<S>, wtp: number, options: NetBenefitOptions = {}): NetBenefit<S> {
  const type = options.type ?? "monetary";
  if (!Number.isFinite(wtp) || wtp < 0 || (type === "health" && wtp === 0)) {
    fail("invalid_argument", ["wtp"], `willingness to pay must be a finite number ${type === "health" ? "> 0" : "≥ 0"} (received ${wtp})`, { received: wtp });
  }
  const { cost, effect, size } = costEffectSeries(psa, options);
  const series = psa.strategies.map((_, s) => {
    const out = new Float64Array(size);
    const c = cost[s]!;
    const e = effect[s]!;
    if (type === "monetary") for (let i = 0; i < size; i++) out[i] = wtp * e[i]! - c[i]!;
    else for (let i = 0; i < size; i++) out[i] = e[i]! - c[i]! / wtp;
    return out;
  });
  const expected = Float64Array.from(series, meanOf);
  return Object.freeze({
    wtp,
    type,
    strategies: psa.strategies,
    expected,
    values(strategy: S): Float64Array {
      const s = psa.strategies.indexOf(strategy);
      if (s < 0) psa.values(psa.outcomes[0]!, strategy);
      return series[s]!;
    },
  });
}
