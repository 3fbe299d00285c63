import { fail } from "../../core/errors.js";
import type { PsaResult } from "./psa-result.js";
import { costEffectSeries, meanOf, strategyIndexOf, type CostEffectOptions } from "./cost-effect.js";
import { quantileSorted } from "d3-array";

/** Options of {@link incrementalResults}. */
export interface IncrementalOptions extends CostEffectOptions {
  /** The strategy increments are taken against (default: the first strategy). */
  readonly comparator?: string;
  /** Willingness to pay for incremental net monetary benefit (default 500 000, the lower Swedish reference value). */
  readonly wtp?: number;
  /** Coverage of the intervals, in (0, 1) (default 0.95). */
  readonly level?: number;
}

/** A mean with a percentile interval over the PSA draws. */
export interface Estimate {
  /** Mean over draws. */
  readonly mean: number;
  /** Lower percentile, (1 − level)/2. */
  readonly lower: number;
  /** Upper percentile, (1 + level)/2. */
  readonly upper: number;
}

/** One strategy against the comparator. */
export interface IncrementalRow {
  /** Strategy name. */
  readonly strategy: string;
  /** The comparator. */
  readonly comparator: string;
  /** Incremental cost. */
  readonly incrementalCost: Estimate;
  /** Incremental effect. */
  readonly incrementalEffect: Estimate;
  /** Incremental net monetary benefit at `wtp`. */
  readonly incrementalNmb: Estimate;
  /** Ratio of mean incremental cost to mean incremental effect. */
  readonly icer: number;
  /** Share of draws with incremental NMB > 0 at `wtp`. */
  readonly probabilityCostEffective: number;
}

/**
 * Each strategy against a comparator over a PSA: mean incremental cost, effect and net monetary
 * benefit with percentile intervals (R-7 quantiles of the draws), the ICER of the means, and the
 * probability that the strategy is cost-effective against the comparator (incremental NMB > 0)
 * (Briggs, Claxton & Sculpher 2006, ch. 5).
 *
 * @param psa - a PSA result
 * @param options - comparator, WTP, interval level, cost/effect outcomes
 * @returns one row per strategy other than the comparator
 * @throws QalyError `unknown_strategy`, `invalid_argument` for a bad `wtp` or `level`
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0, 0], B: [100, 200, 300] }, qaly: { A: [1, 1, 1], B: [1, 1.5, 2] } } });
 * const [row] = incrementalResults(psa, { wtp: 1000, level: 0.5 });
 * row.incrementalCost // => { mean: 200, lower: 150, upper: 250 }
 * row.probabilityCostEffective // => 0.6666666666666666
 */
export function incrementalResults(psa: PsaResult, options: IncrementalOptions = {}): IncrementalRow[] {
  const wtp = options.wtp ?? 500_000;
  const level = options.level ?? 0.95;
  if (!Number.isFinite(wtp) || wtp < 0) fail("invalid_argument", ["wtp"], `willingness to pay must be a finite number ≥ 0 (received ${wtp})`, { received: wtp });
  if (!(level > 0 && level < 1)) fail("invalid_argument", ["level"], `interval level must be in (0, 1) (received ${level})`, { received: level });
  const { cost, effect, size } = costEffectSeries(psa, options);
  const ref = strategyIndexOf(psa, options.comparator, "comparator");
  const estimate = (values: Float64Array): Estimate => {
    const sorted = Float64Array.from(values).sort();
    // d3-array's quantileSorted is Hyndman & Fan type 7 (R's default), the one quantile definition
    // of the uncertainty analyses: linear interpolation between order statistics at (n − 1)p.
    // It reads any array-like; its type declarations ask for an Array.
    const q = (p: number): number => quantileSorted(sorted as unknown as number[], p) ?? Number.NaN;
    return Object.freeze({ mean: meanOf(values), lower: q((1 - level) / 2), upper: q((1 + level) / 2) });
  };
  return psa.strategies.flatMap((strategy, s) => {
    if (s === ref) return [];
    const dc = new Float64Array(size);
    const de = new Float64Array(size);
    const dnmb = new Float64Array(size);
    let wins = 0;
    for (let i = 0; i < size; i++) {
      dc[i] = cost[s]![i]! - cost[ref]![i]!;
      de[i] = effect[s]![i]! - effect[ref]![i]!;
      dnmb[i] = wtp * effect[s]![i]! - cost[s]![i]! - (wtp * effect[ref]![i]! - cost[ref]![i]!);
      if (dnmb[i]! > 0) wins++;
    }
    const incrementalCost = estimate(dc);
    const incrementalEffect = estimate(de);
    return [Object.freeze({ strategy, comparator: psa.strategies[ref]!, incrementalCost, incrementalEffect, incrementalNmb: estimate(dnmb), icer: incrementalCost.mean / incrementalEffect.mean, probabilityCostEffective: wins / size })];
  });
}
