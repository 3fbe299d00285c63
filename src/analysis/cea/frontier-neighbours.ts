import { optimalStrategy, type IcerRow } from "./icer-table.js";

/** The strategy an ICER table recommends at one threshold and its nearest competitors on the frontier. */
export interface FrontierNeighbours {
  /** Willingness to pay per unit of effect. */
  readonly wtp: number;
  /** The strategy with the highest net monetary benefit at `wtp` (see {@link optimalStrategy}). */
  readonly optimal: string;
  /**
   * The frontier strategies next to it, the less costly one first: the one it replaces (its ICER
   * against it is at most `wtp`) and the one that would replace it at a higher threshold. One or
   * none at the ends of the frontier.
   */
  readonly competitors: readonly string[];
}

/**
 * The optimal strategy at a threshold and its neighbours on the cost-effectiveness frontier: the
 * pairs whose comparison decides the choice there. Between frontier neighbours the ICER is the
 * decision rule (Drummond et al. 2015, ch. 4), so a sensitivity analysis of the optimal strategy
 * against them shows what could change the decision at that threshold; comparing with the first
 * strategy instead can hide it.
 *
 * @param table - a table from `icerTable`
 * @param wtp - willingness to pay per unit of effect, ≥ 0
 * @returns the optimal strategy and its frontier neighbours
 * @throws QalyError `invalid_argument` for a bad `wtp` or a table without frontier strategy
 * @example
 * const table = icerTable([{ strategy: "A", cost: 1000, effect: 1 }, { strategy: "B", cost: 3000, effect: 1.5 }, { strategy: "C", cost: 6000, effect: 1.8 }]);
 * frontierNeighbours(table, 5000) // => { wtp: 5000, optimal: "B", competitors: ["A", "C"] }
 * frontierNeighbours(table, 1000).competitors // => ["B"]
 */
export function frontierNeighbours(table: readonly IcerRow[], wtp: number): FrontierNeighbours {
  const optimal = optimalStrategy(table, wtp);
  // icerTable sorts by cost, so the frontier's order is its rows' order.
  const frontier = table.filter((row) => row.status === "non-dominated").map((row) => row.strategy);
  const k = frontier.indexOf(optimal);
  const competitors = [frontier[k - 1], frontier[k + 1]].filter((s): s is string => s !== undefined);
  return Object.freeze({ wtp, optimal, competitors: Object.freeze(competitors) });
}
