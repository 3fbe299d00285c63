import type { PsaResult } from "./psa-result.js";
import { costEffectSeries, type CostEffectOptions } from "./cost-effect.js";

/**
 * Whether a PSA is degenerate: no parameter varies across its draws (when the result carries its
 * parameter draws), or every draw gives every strategy the same cost and effect. Its "probability
 * cost-effective" then measures nothing about parameter uncertainty: 0 % or 100 % by construction
 * for a cohort model, Monte Carlo noise for a microsimulation whose individuals differ per draw.
 * Reports state that the analysis is degenerate instead of quoting it.
 *
 * @param psa - a PSA result
 * @param options - the cost and effect outcomes
 * @returns `true` when no parameter, or no cost or effect, varies across the draws (a single draw counts as degenerate)
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
  // With the parameter draws at hand, no varying parameter means no parameter uncertainty, even when
  // the outcomes vary (a microsimulation draws new individuals for every draw).
  const parameters = psa.parameters;
  if (parameters !== undefined && parameters.names.every((name) => constant(parameters.column(name)))) return true;
  return cost.every(constant) && effect.every(constant);
}
