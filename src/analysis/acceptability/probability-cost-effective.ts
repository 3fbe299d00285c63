import type { PsaResult } from "../psa/psa-result.js";
import { decisionKernel, type DecisionCurveOptions } from "./decision-kernel.js";
import { SWEDISH_WTP_THRESHOLDS } from "../cea/wtp-grid.js";

/** Probability that one strategy is the most cost-effective at one threshold. */
export interface ProbabilityCostEffectiveRow {
  /** Willingness to pay per unit of effect. */
  readonly wtp: number;
  /** Strategy name. */
  readonly strategy: string;
  /** Share of draws in which the strategy has the highest NMB. */
  readonly probability: number;
  /** Whether the strategy has the highest expected NMB at this threshold. */
  readonly optimal: boolean;
}

/**
 * The probability that each strategy is the most cost-effective (highest net monetary benefit) at
 * given thresholds, as a long table for reports: the CEAC read at the thresholds a decision-maker
 * uses (default the Swedish reference values, SEK 500 000 and 1 000 000 per QALY).
 *
 * @param psa - a PSA result
 * @param thresholds - willingness-to-pay values ≥ 0 (default {@link SWEDISH_WTP_THRESHOLDS})
 * @param options - which outcomes are cost and effect
 * @returns one row per threshold and strategy
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * probabilityCostEffective(psa, [50_000]).map((row) => row.probability) // => [0.5, 0.5]
 * probabilityCostEffective(psa, [50_000]).find((row) => row.optimal).strategy // => "B"
 */
export function probabilityCostEffective(psa: PsaResult, thresholds: ArrayLike<number> = SWEDISH_WTP_THRESHOLDS, options: DecisionCurveOptions = {}): ProbabilityCostEffectiveRow[] {
  const kernel = decisionKernel(psa, thresholds, options);
  const nS = psa.strategies.length;
  return Array.from(kernel.wtp).flatMap((wtp, g) =>
    psa.strategies.map((strategy, s) => Object.freeze({ wtp, strategy, probability: kernel.wins[g * nS + s]! / kernel.size, optimal: kernel.optimal[g] === s })),
  );
}
