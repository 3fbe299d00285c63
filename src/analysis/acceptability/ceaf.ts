import type { PsaResult } from "../psa/psa-result.js";
import { decisionKernel, type DecisionCurveOptions, type DecisionKernel } from "./decision-kernel.js";
import type { WtpRange } from "../cea/wtp-grid.js";

/** A cost-effectiveness acceptability frontier. */
export interface Ceaf<S extends string = string> {
  /** Willingness-to-pay values. */
  readonly wtp: Float64Array;
  /** `strategy[g]`: the strategy with the highest expected NMB at `wtp[g]`. */
  readonly strategy: readonly S[];
  /** `probability[g]`: the probability that this strategy is cost-effective (its CEAC value). */
  readonly probability: Float64Array;
}

/**
 * The cost-effectiveness acceptability frontier: at each willingness to pay, the strategy with
 * the highest expected net monetary benefit (the decision-maker's choice) and the probability that
 * it is the most cost-effective (Fenwick, Claxton & Sculpher 2001). It can differ from the strategy
 * with the highest CEAC value when NMB distributions are skewed.
 *
 * @param psa - a PSA result
 * @param wtp - willingness-to-pay grid, values ≥ 0 or a range (default {@link SWEDISH_WTP_GRID})
 * @param options - which outcomes are cost and effect
 * @returns the frontier
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * const frontier = ceaf(psa, [0, 30_000, 50_000, 100_000]);
 * frontier.strategy // => ["A", "A", "B", "B"]
 * Array.from(frontier.probability) // => [1, 0.5, 0.5, 1]
 */
export function ceaf<S extends string>(psa: PsaResult<S>, wtp?: ArrayLike<number> | WtpRange, options: DecisionCurveOptions = {}): Ceaf<S> {
  return ceafFromKernel(psa.strategies, decisionKernel(psa, wtp, options));
}

/** Builds the CEAF from a computed kernel. @internal */
export function ceafFromKernel<S extends string>(strategies: readonly S[], kernel: DecisionKernel): Ceaf<S> {
  const nS = strategies.length;
  const strategy = Array.from(kernel.optimal, (s) => strategies[s]!);
  const probability = Float64Array.from(kernel.optimal, (s, g) => kernel.wins[g * nS + s]! / kernel.size);
  return Object.freeze({ wtp: kernel.wtp, strategy: Object.freeze(strategy), probability });
}
