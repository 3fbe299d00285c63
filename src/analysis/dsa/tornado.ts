import { fail } from "../../core/errors.js";
import { checkMeasure, measureValue, type DsaMeasure, type MeasureSpec } from "./dsa-measure.js";
import type { OneWayResult } from "./one-way.js";
import { requireName } from "../../core/unknown-name.js";

/** Options of {@link tornado}. */
export interface TornadoOptions<S extends string = string> {
  /** What each bar shows (see {@link DsaMeasure}); default `"incrementalNmb"`. */
  readonly measure?: DsaMeasure;
  /** The strategy whose measure is shown. */
  readonly strategy: S;
  /** Comparator for incremental measures and ICERs (default: the one-way analysis' comparator). */
  readonly comparator?: S;
  /** Willingness to pay for NMB measures (default: the one-way analysis' WTP). */
  readonly wtp?: number;
  /** Keep only the `top` bars with the largest swing. */
  readonly top?: number;
}

/** Internal name of an element of {@link TornadoResult}'s `bars`. */
export type TornadoBar = TornadoResult["bars"][number];

/** Result of {@link tornado}: bars sorted by decreasing swing, ready for plotting. */
export interface TornadoResult<S extends string = string> {
  /** The measure shown. */
  readonly measure: DsaMeasure;
  /** The strategy shown. */
  readonly strategy: S;
  /** The comparator of incremental measures. */
  readonly comparator: S;
  /** Willingness to pay used. */
  readonly wtp: number;
  /** The measure at the base case (where the bars meet). */
  readonly base: number;
  /** Parameters varied but not among the bars (beyond `top`), largest swing first; with their swing, zero included. */
  readonly others: readonly {
    /** Parameter name. */
    readonly parameter: string;
    /** Its swing (max − min of the measure over its range); 0 when it has no effect. */
    readonly swing: number;
  }[];
  /** Bars, largest swing first; ties keep the order of the one-way analysis. */
  readonly bars: readonly {
    /** Parameter name. */
    readonly parameter: string;
    /** The parameter's lowest analysed value. */
    readonly lowValue: number;
    /** The parameter's highest analysed value. */
    readonly highValue: number;
    /** The parameter's base-case value. */
    readonly baseValue: number;
    /** The measure at `lowValue`. */
    readonly low: number;
    /** The measure at `highValue`. */
    readonly high: number;
    /** Smallest measure over every analysed value (differs from `low`/`high` only if non-monotone). */
    readonly min: number;
    /** Largest measure over every analysed value. */
    readonly max: number;
    /** `max − min`: the bar's length, by which bars are sorted. */
    readonly swing: number;
  }[];
}

/**
 * Tornado diagram data from a one-way analysis: for each parameter, the range of a measure
 * (NMB, incremental NMB, ICER or any outcome) over the parameter's range, sorted by swing.
 *
 * Tornado diagrams rank the inputs by how much they move the result (Briggs, Claxton & Sculpher
 * 2006, §4.1.1). Incremental NMB is the safer measure: ICERs change meaning when the incremental
 * effect changes sign, and are undefined (an error here) when it is zero.
 *
 * @param result - a {@link oneWay} result
 * @param options - measure, strategy, comparator, WTP (currency per unit effect), `top` N
 * @returns bars sorted by decreasing swing and the base-case measure
 * @throws QalyError `unknown_strategy`, `unknown_outcome`, `invalid_argument`
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"],
 *   evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain]); } };
 * const dsa = oneWay(model, { cDrug: 20000, qGain: 0.1 }, { parameters: { cDrug: { low: 10000, high: 40000 }, qGain: { low: 0.05, high: 0.2 } } });
 * const bars = tornado(dsa, { measure: "incrementalNmb", strategy: "New", wtp: 500000 }).bars;
 * bars.map((bar) => bar.parameter) // => ["qGain", "cDrug"]
 * bars[0].swing // => 75000
 */
export function tornado<S extends string>(result: OneWayResult<S>, options: TornadoOptions<S>): TornadoResult<S> {
  const strategy = requireName("unknown_strategy", ["strategy"], "strategy", options.strategy, result.strategies);
  const comparator = requireName("unknown_strategy", ["comparator"], "strategy", options.comparator ?? result.comparator, result.strategies);
  const measure = options.measure ?? "incrementalNmb";
  checkMeasure(measure, result.outcomes, ["measure"]);
  const wtp = options.wtp ?? result.wtp;
  if (!Number.isFinite(wtp) || wtp < 0) fail("invalid_argument", ["wtp"], `willingness to pay must be a finite number ≥ 0 (received ${wtp})`, { received: wtp });
  const top = options.top;
  if (top !== undefined && !(Number.isInteger(top) && top >= 1)) fail("invalid_argument", ["top"], `top must be a positive integer (received ${top})`, { received: top });
  const spec: MeasureSpec = { measure, strategy, comparator, wtp, cost: result.cost, effect: result.effect, outcomes: result.outcomes };
  const base = measureValue(result.base, spec, ["base"]);
  const bars = result.parameters.map((entry): TornadoBar => {
    const values = entry.points.map((point) => measureValue(point.results, spec, ["parameters", entry.parameter, point.value]));
    const min = Math.min(...values);
    const max = Math.max(...values);
    return {
      parameter: entry.parameter,
      lowValue: entry.low,
      highValue: entry.high,
      baseValue: entry.baseValue,
      low: values[0]!,
      high: values[values.length - 1]!,
      min,
      max,
      swing: max - min,
    };
  });
  // Array.prototype.sort is stable, so equal swings keep the analysis order.
  bars.sort((a, b) => b.swing - a.swing);
  return {
    measure,
    strategy,
    comparator,
    wtp,
    base,
    bars: top === undefined ? bars : bars.slice(0, top),
    others: (top === undefined ? [] : bars.slice(top)).map((bar) => ({ parameter: bar.parameter, swing: bar.swing })),
  };
}
