import type { PsaResult } from "../psa/psa-result.js";
import { psaIsDegenerate } from "../psa/is-degenerate.js";
import { probabilityCostEffective, type ProbabilityCostEffectiveRow } from "../acceptability/probability-cost-effective.js";

/** A scenario's probabilistic results at the decision thresholds, shown beside the base case's. */
export interface ScenarioPsaResult {
  /** Scenario name. */
  readonly scenario: string;
  /** Number of PSA draws. */
  readonly samples: number;
  /** Whether no cost or effect varied across the draws (then `probabilities` is empty). */
  readonly degenerate: boolean;
  /** Per threshold and strategy, the probability of the highest NMB; `optimal` marks the highest expected NMB. */
  readonly probabilities: readonly ProbabilityCostEffectiveRow[];
}

/**
 * Summarises a scenario's PSA for a side-by-side table: the probability that each strategy has the
 * highest net monetary benefit at each threshold, and which has the highest expected NMB. A PSA in
 * which nothing varies is marked degenerate and gets no probabilities.
 *
 * @param scenario - the scenario's name
 * @param psa - the PSA run under the scenario
 * @param thresholds - willingness to pay per unit of effect
 * @param outcomes - the cost and effect outcomes
 * @returns the summary
 * @throws QalyError `unknown_outcome`, `invalid_argument` for a bad threshold
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0, 0, 0], B: [100, 100, 100, 300] }, qaly: { A: [1, 1, 1, 1], B: [1.5, 1.5, 1.5, 1.5] } } });
 * const row = scenarioPsa("Dear B", psa, [400], { cost: "cost", effect: "qaly" });
 * row.probabilities.map((p) => [p.strategy, p.probability, p.optimal]) // => [["A", 0.25, false], ["B", 0.75, true]]
 */
export function scenarioPsa(scenario: string, psa: PsaResult, thresholds: readonly number[], outcomes: { readonly cost: string; readonly effect: string }): ScenarioPsaResult {
  const degenerate = psaIsDegenerate(psa, outcomes);
  const probabilities = degenerate || thresholds.length === 0 ? [] : probabilityCostEffective(psa, thresholds, outcomes);
  return Object.freeze({ scenario, samples: psa.size, degenerate, probabilities: Object.freeze(probabilities) });
}
