import type { PsaResult } from "../psa/psa-result.js";
import { decisionKernel } from "../acceptability/decision-kernel.js";
import { ceacFromKernel, type Ceac } from "../acceptability/ceac.js";
import { ceafFromKernel, type Ceaf } from "../acceptability/ceaf.js";
import { expectedLossFromKernel, type ExpectedLoss } from "../acceptability/expected-loss.js";
import { evpiFromKernel, type EvpiCurve, type EvpiOptions } from "./evpi.js";
import type { WtpRange } from "../cea/wtp-grid.js";

/** CEAC, CEAF, expected loss and EVPI over one willingness-to-pay grid. */
export interface DecisionCurves<S extends string = string> {
  /** Willingness-to-pay values. */
  readonly wtp: Float64Array;
  /** The acceptability curve. */
  readonly ceac: Ceac<S>;
  /** The acceptability frontier. */
  readonly ceaf: Ceaf<S>;
  /** Expected loss per strategy. */
  readonly expectedLoss: ExpectedLoss<S>;
  /** Expected value of perfect information. */
  readonly evpi: EvpiCurve;
}

/**
 * Every decision-uncertainty curve of a PSA in one pass over the draws: {@link ceac},
 * {@link ceaf}, {@link expectedLoss} and {@link evpi}, identical to calling each of them, at the
 * cost of one. Reports use it.
 *
 * @param psa - a PSA result
 * @param wtp - willingness-to-pay grid, values ≥ 0 or a range (default {@link SWEDISH_WTP_GRID})
 * @param options - cost/effect outcomes and the decision population
 * @returns the four curves
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * const curves = decisionCurves(psa, [50_000]);
 * curves.ceaf.strategy // => ["B"]
 * Array.from(curves.evpi.perPerson) // => [2500]
 */
export function decisionCurves<S extends string>(psa: PsaResult<S>, wtp?: ArrayLike<number> | WtpRange, options: EvpiOptions = {}): DecisionCurves<S> {
  const kernel = decisionKernel(psa, wtp, options);
  return Object.freeze({
    wtp: kernel.wtp,
    ceac: ceacFromKernel(psa.strategies, kernel),
    ceaf: ceafFromKernel(psa.strategies, kernel),
    expectedLoss: expectedLossFromKernel(psa.strategies, kernel),
    evpi: evpiFromKernel(kernel, options.population),
  });
}
