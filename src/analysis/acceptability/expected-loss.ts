import type { PsaResult } from "../psa/psa-result.js";
import { decisionKernel, type DecisionCurveOptions, type DecisionKernel } from "./decision-kernel.js";
import type { WtpRange } from "../cea/wtp-grid.js";

/** Expected loss curves: per strategy, the expected NMB forgone by choosing it. */
export interface ExpectedLoss<S extends string = string> {
  /** Willingness-to-pay values. */
  readonly wtp: Float64Array;
  /** Strategy names. */
  readonly strategies: readonly S[];
  /** `loss[strategy][g]`: E[max NMB] − E[NMB of the strategy] at `wtp[g]`, in currency per person. */
  readonly loss: Readonly<Record<S, Float64Array>>;
}

/**
 * Expected loss curves: for each strategy and willingness to pay, the expected net monetary
 * benefit forgone by choosing that strategy instead of the best one in each draw (Eckermann &
 * Willan 2008; Alarid-Escudero et al. 2019). The optimal strategy's curve is the lowest (up to
 * the tie tolerance {@link NMB_TIE_TOLERANCE}), and its value is the EVPI.
 *
 * @param psa - a PSA result
 * @param wtp - willingness-to-pay grid, values ≥ 0 or a range (default {@link SWEDISH_WTP_GRID})
 * @param options - which outcomes are cost and effect
 * @returns the curves, in currency per person
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * const curves = expectedLoss(psa, [50_000]);
 * Array.from(curves.loss.A) // => [7500]
 * Array.from(curves.loss.B) // => [2500]
 */
export function expectedLoss<S extends string>(psa: PsaResult<S>, wtp?: ArrayLike<number> | WtpRange, options: DecisionCurveOptions = {}): ExpectedLoss<S> {
  return expectedLossFromKernel(psa.strategies, decisionKernel(psa, wtp, options));
}

/** Builds expected loss curves from a computed kernel. @internal */
export function expectedLossFromKernel<S extends string>(strategies: readonly S[], kernel: DecisionKernel): ExpectedLoss<S> {
  const nS = strategies.length;
  const loss = {} as Record<S, Float64Array>;
  strategies.forEach((strategy, s) => {
    loss[strategy] = kernel.evpi.map((evpi, g) => {
      const o = kernel.optimal[g]!;
      // A strategy tied with the optimal one within the tie tolerance may have a marginally higher
      // mean; the loss is never below 0 by definition.
      return s === o ? evpi : Math.max(0, evpi + (kernel.expectedNmb[g * nS + o]! - kernel.expectedNmb[g * nS + s]!));
    });
  });
  return Object.freeze({ wtp: kernel.wtp, strategies, loss: Object.freeze(loss) });
}
