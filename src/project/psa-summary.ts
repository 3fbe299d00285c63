import { icerTableFromPsa, type IcerRow } from "../analysis/cea/icer-table.js";
import type { WtpRange } from "../analysis/cea/wtp-grid.js";
import { ceacFromKernel, type Ceac } from "../analysis/acceptability/ceac.js";
import { decisionKernel } from "../analysis/acceptability/decision-kernel.js";
import { probabilityCostEffective, type ProbabilityCostEffectiveRow } from "../analysis/acceptability/probability-cost-effective.js";
import type { PsaResult } from "../analysis/psa/psa-result.js";
import { evpiFromKernel, type EvpiCurve } from "../analysis/voi/evpi.js";

/** The PSA's summary: means, ICER table of means, CEAC, EVPI and probability cost-effective. */
export interface PsaSummary {
  /** Draws. */
  readonly samples: number;
  /** Seed (`null` for draws imported from another tool). */
  readonly seed: string | number | null;
  /** `mean[strategy][outcome]` over the draws. */
  readonly mean: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** ICER table of the PSA means. */
  readonly icerTable: readonly IcerRow[];
  /** Acceptability curve on the WTP grid. */
  readonly ceac: Ceac;
  /** EVPI per person on the WTP grid. */
  readonly evpi: EvpiCurve;
  /** Probability cost-effective at each threshold. */
  readonly probabilityCostEffective: readonly ProbabilityCostEffectiveRow[];
}

/**
 * Summarises a PSA result for tables: means, ICER table of the means, CEAC and EVPI on a WTP grid,
 * probability cost-effective at the thresholds. Works for qaly's own PSA and imported draws alike.
 *
 * @param psa - a PSA result
 * @param settings - seed to record, WTP grid and thresholds (currency per unit effect), cost and effect outcome names
 * @returns the summary
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * const summary = psaSummary(psa, { seed: null, grid: { from: 0, to: 50_000, step: 50_000 }, thresholds: [50_000], cost: "cost", effect: "qaly" });
 * summary.mean.B // => { cost: 20000, qaly: 1.5 }
 * summary.evpi.at(50_000).perPerson // => 2500
 */
export function psaSummary(
  psa: PsaResult,
  settings: { readonly seed: string | number | null; readonly grid: ArrayLike<number> | WtpRange; readonly thresholds: readonly number[]; readonly cost: string; readonly effect: string },
): PsaSummary {
  const { seed, grid, thresholds, cost, effect } = settings;
  const mean = Object.fromEntries(psa.strategies.map((s) => [s, Object.freeze(Object.fromEntries(psa.outcomes.map((o) => [o, psa.mean(o, s)])))]));
  const decision = { cost, effect };
  // The CEAC and the EVPI are two readings of one decision kernel on the grid (what ceac and evpi each
  // computed); the EVPI keeps a grid array of its own, as before.
  const kernel = decisionKernel(psa, grid, decision);
  return {
    samples: psa.size,
    seed,
    mean,
    icerTable: icerTableFromPsa(psa, decision),
    ceac: ceacFromKernel(psa.strategies, kernel),
    evpi: evpiFromKernel({ ...kernel, wtp: kernel.wtp.slice() }, undefined),
    probabilityCostEffective: thresholds.length === 0 ? [] : probabilityCostEffective(psa, thresholds, decision),
  };
}
