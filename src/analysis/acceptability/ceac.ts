import type { PsaResult } from "../psa/psa-result.js";
import { decisionKernel, type DecisionCurveOptions, type DecisionKernel } from "./decision-kernel.js";
import type { WtpRange } from "../cea/wtp-grid.js";
import { fail } from "../../core/errors.js";

/** A cost-effectiveness acceptability curve: per strategy, the probability of being cost-effective at each WTP. */
export interface Ceac<S extends string = string> {
  /** Willingness-to-pay values. */
  readonly wtp: Float64Array;
  /** Strategy names. */
  readonly strategies: readonly S[];
  /** `probability[strategy][g]`: share of draws in which the strategy has the highest NMB at `wtp[g]`. */
  readonly probability: Readonly<Record<S, Float64Array>>;
  /** The probabilities at one WTP of the grid (`invalid_argument` if it is not on the grid). */
  at(wtp: number): Readonly<Record<S, number>>;
}

/**
 * The cost-effectiveness acceptability curve: for each willingness to pay, the share of PSA draws
 * in which each strategy has the highest net monetary benefit (Fenwick, Claxton & Sculpher 2001).
 * With several strategies this is the multi-strategy CEAC (not pairwise), so the probabilities sum
 * to 1 at every WTP. Ties go to the strategy listed first (see {@link NMB_TIE_TOLERANCE}).
 *
 * @param psa - a PSA result
 * @param wtp - willingness-to-pay grid, values ≥ 0 or a range (default {@link SWEDISH_WTP_GRID})
 * @param options - which outcomes are cost and effect
 * @returns the curve
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0, 0, 0], B: [10_000, 20_000, 30_000, 40_000] }, qaly: { A: [1, 1, 1, 1], B: [1.5, 1.5, 1.5, 1.5] } } });
 * const curve = ceac(psa, [0, 50_000]);
 * curve.at(50_000) // => { A: 0.5, B: 0.5 }
 * Array.from(curve.probability.B) // => [0, 0.5]
 */
export function ceac<S extends string>(psa: PsaResult<S>, wtp?: ArrayLike<number> | WtpRange, options: DecisionCurveOptions = {}): Ceac<S> {
  return ceacFromKernel(psa.strategies, decisionKernel(psa, wtp, options));
}

/** Builds the CEAC from a computed kernel. @internal */
export function ceacFromKernel<S extends string>(strategies: readonly S[], kernel: DecisionKernel): Ceac<S> {
  const nS = strategies.length;
  const nG = kernel.wtp.length;
  const probability = {} as Record<S, Float64Array>;
  strategies.forEach((strategy, s) => {
    const p = new Float64Array(nG);
    for (let g = 0; g < nG; g++) p[g] = kernel.wins[g * nS + s]! / kernel.size;
    probability[strategy] = p;
  });
  return Object.freeze({
    wtp: kernel.wtp,
    strategies,
    probability: Object.freeze(probability),
    at(w: number): Readonly<Record<S, number>> {
      const g = gridIndex(kernel.wtp, w);
      return Object.fromEntries(strategies.map((strategy) => [strategy, probability[strategy][g]!])) as Record<S, number>;
    },
  });
}

/** Position of a WTP on a grid, or `invalid_argument`. @internal */
export function gridIndex(grid: Float64Array, wtp: number): number {
  const g = grid.indexOf(wtp);
  if (g < 0) fail("invalid_argument", ["wtp"], `willingness to pay ${wtp} is not on the grid (${grid[0]} … ${grid[grid.length - 1]})`, { received: wtp });
  return g;
}
