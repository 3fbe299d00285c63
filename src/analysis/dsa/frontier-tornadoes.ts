import type { IcerRow } from "../cea/icer-table.js";
import { frontierNeighbours } from "../cea/frontier-neighbours.js";
import type { OneWayResult } from "./one-way.js";
import { tornado, type TornadoResult } from "./tornado.js";
import type { ThresholdResult } from "./threshold.js";

/**
 * The deterministic analyses at one decision threshold, along the frontier: the optimal strategy
 * against each of its nearest frontier competitors.
 */
export interface FrontierAnalysis {
  /** Willingness to pay per unit of effect. */
  readonly wtp: number;
  /** The base case's optimal strategy at `wtp`. */
  readonly optimal: string;
  /** Its neighbours on the base-case frontier, the less costly first (see `frontierNeighbours`). */
  readonly competitors: readonly string[];
  /** Per competitor (same order): tornado of the optimal strategy's incremental NMB against it at `wtp`. */
  readonly tornadoes: readonly TornadoResult[];
  /** Threshold analyses of the optimal strategy against its competitors at `wtp` (filled in by the project run). */
  readonly thresholds: readonly ThresholdResult[];
}

/** Options of {@link frontierTornadoes}. */
export interface FrontierTornadoOptions {
  /** The decision thresholds (willingness to pay per unit of effect). */
  readonly thresholds: readonly number[];
  /** Keep only the `top` bars with the largest swing (default: all). */
  readonly top?: number;
}

/**
 * Tornadoes along the frontier: at each threshold, the incremental net monetary benefit of the
 * optimal strategy against each of its frontier neighbours. A bar that crosses zero marks a
 * parameter whose range alone can change the decision at that threshold. The one-way analysis
 * already holds every strategy's outcomes at every value, so no model is evaluated again: NMB is
 * recomputed at each threshold from the stored costs and effects.
 *
 * @param result - a `oneWay` result (any WTP)
 * @param table - the base-case ICER table, which gives the frontier
 * @param options - thresholds and the number of bars kept
 * @returns one entry per threshold, with an empty `thresholds` list
 * @throws QalyError `invalid_argument` for a threshold < 0 or a bad `top`
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"],
 *   evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain]); } };
 * const base = { cDrug: 20000, qGain: 0.1 };
 * const dsa = oneWay(model, base, { parameters: { cDrug: { low: 10000, high: 40000 }, qGain: { low: 0.05, high: 0.2 } } });
 * const table = icerTable([{ strategy: "Old", cost: 1000, effect: 1 }, { strategy: "New", cost: 21000, effect: 1.1 }]);
 * const [at100k, at500k] = frontierTornadoes(dsa, table, { thresholds: [100000, 500000] });
 * [at100k.optimal, at100k.tornadoes[0].comparator] // => ["Old", "New"]
 * at500k.tornadoes[0].base // => 30000
 */
export function frontierTornadoes(result: OneWayResult, table: readonly IcerRow[], options: FrontierTornadoOptions): FrontierAnalysis[] {
  return options.thresholds.map((wtp) => {
    const { optimal, competitors } = frontierNeighbours(table, wtp);
    const tornadoes = competitors.map((comparator) => tornado(result, { measure: "incrementalNmb", strategy: optimal, comparator, wtp, ...(options.top === undefined ? {} : { top: options.top }) }));
    return Object.freeze({ wtp, optimal, competitors, tornadoes: Object.freeze(tornadoes), thresholds: Object.freeze([]) });
  });
}

/**
 * The parameters of a tornado whose bar crosses the decision line (zero incremental NMB): moving
 * one of them alone within its range changes which strategy is preferred.
 *
 * @param result - a tornado of incremental NMB
 * @returns names of the drawn bars whose low and high ends lie on opposite sides of zero (or touch it from the other side)
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"],
 *   evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain]); } };
 * const dsa = oneWay(model, { cDrug: 20000, qGain: 0.1 }, { wtp: 500000, parameters: { cDrug: { low: 10000, high: 60000 }, qGain: { low: 0.05, high: 0.2 } } });
 * decisionChanging(tornado(dsa, { strategy: "New" })) // => ["cDrug"]
 */
export function decisionChanging(result: TornadoResult): string[] {
  // A bar changes the decision when some value puts the measure on the other side of zero from the base case.
  const side = Math.sign(result.base);
  return result.bars.filter((bar) => (side >= 0 ? bar.min < 0 : bar.max > 0)).map((bar) => bar.parameter);
}
