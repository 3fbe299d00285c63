import type { PsaResult } from "./psa-result.js";
import { costEffectSeries, type CostEffectOptions } from "./cost-effect.js";

/**
 * Whether a PSA is degenerate: every draw gives every strategy the same cost and effect, as when
 * the model has no uncertain parameter. Its "probability cost-effective" is 0 % or 100 % by
 * construction and its EVPI 0, which says nothing about uncertainty, so reports state that the
 * analysis is degenerate instead of quoting them.
 *
 * @param psa - a PSA result
 * @param options - the cost and effect outcomes
 * @returns `true` when no cost or effect varies across the draws (a single draw counts as degenerate)
 * @throws QalyError `unknown_outcome` for unknown outcome names
 * @example
 * const constant = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [1, 1], B: [2, 2] }, qaly: { A: [1, 1], B: [2, 2] } } });
 * psaIsDegenerate(constant) // => true
 * const varied = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [1, 1], B: [2, 3] }, qaly: { A: [1, 1], B: [2, 2] } } });
 * psaIsDegenerate(varied) // => false
 */
export function psaIsDegenerate(psa: PsaResult, options: CostEffectOptions = {}): boolean {
  const { cost, effect } = costEffectSeries(psa, options);
  // Exact equality: any real parameter uncertainty moves a cost or an effect by far more than rounding.
  const constant = (values: Float64Array): boolean => values.every((v) => v === values[0]);
  return cost.every(constant) && effect.every(constant);
}
