import type { PsaResult } from "./psa-result.js";
import { costEffectSeries, meanOf, strategyIndexOf, type CostEffectOptions } from "./cost-effect.js";

/** Options of {@link cePlane}. */
export interface CePlaneOptions extends CostEffectOptions {
  /** The strategy increments are taken against (default: the first strategy). */
  readonly comparator?: string;
}

/** One strategy's cloud on the cost-effectiveness plane. */
export interface CePlaneSeries {
  /** Strategy name. */
  readonly strategy: string;
  /** Incremental effect per draw (x axis). */
  readonly incrementalEffect: Float64Array;
  /** Incremental cost per draw (y axis). */
  readonly incrementalCost: Float64Array;
  /** Mean incremental effect. */
  readonly meanIncrementalEffect: number;
  /** Mean incremental cost. */
  readonly meanIncrementalCost: number;
}

/** Data of a cost-effectiveness plane. */
export interface CePlane {
  /** The comparator strategy (the origin of the plane). */
  readonly comparator: string;
  /** One series per other strategy, in strategy order. */
  readonly series: readonly CePlaneSeries[];
}

/**
 * Data for the cost-effectiveness plane: each strategy's incremental effect and cost against a
 * comparator in every PSA draw, with the means (Black 1990; Briggs, Claxton & Sculpher 2006, ch. 8).
 *
 * @param psa - a PSA result
 * @param options - the comparator and the cost/effect outcomes
 * @returns one series per strategy other than the comparator
 * @throws QalyError `unknown_strategy` for an unknown comparator
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [100, 200], B: [400, 300] }, qaly: { A: [1, 1], B: [1.5, 1.25] } } });
 * const plane = cePlane(psa);
 * Array.from(plane.series[0].incrementalCost) // => [300, 100]
 * plane.series[0].meanIncrementalEffect // => 0.375
 */
export function cePlane(psa: PsaResult, options: CePlaneOptions = {}): CePlane {
  const { cost, effect, size } = costEffectSeries(psa, options);
  const ref = strategyIndexOf(psa, options.comparator, "comparator");
  const series = psa.strategies.flatMap((strategy, s) => {
    if (s === ref) return [];
    const incrementalCost = new Float64Array(size);
    const incrementalEffect = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      incrementalCost[i] = cost[s]![i]! - cost[ref]![i]!;
      incrementalEffect[i] = effect[s]![i]! - effect[ref]![i]!;
    }
    return [Object.freeze({ strategy, incrementalEffect, incrementalCost, meanIncrementalEffect: meanOf(incrementalEffect), meanIncrementalCost: meanOf(incrementalCost) })];
  });
  return Object.freeze({ comparator: psa.strategies[ref]!, series: Object.freeze(series) });
}
