import { fail, IssueCollector } from "../../core/errors.js";
import type { PsaResult } from "../psa/psa-result.js";
import { costEffectSeries, meanOf, type CostEffectOptions } from "../psa/cost-effect.js";

/** Whether a strategy is on the cost-effectiveness frontier, or why it is not. */
export type DominanceStatus = "non-dominated" | "dominated" | "extendedly-dominated";

/** One strategy's cost and effect, the input of {@link icerTable}. */
export interface CostEffectRow {
  /** Strategy name (unique). */
  readonly strategy: string;
  /** Expected cost, in the model's currency. */
  readonly cost: number;
  /** Expected effect (QALYs or another health outcome). */
  readonly effect: number;
}

/** One row of an ICER table. Incremental values are against the previous strategy on the frontier. */
export interface IcerRow extends CostEffectRow {
  /** On the frontier, strictly dominated, or extendedly dominated. */
  readonly status: DominanceStatus;
  /** The previous frontier strategy (`null` for the first one and off the frontier). */
  readonly comparator: string | null;
  /** Cost minus the comparator's cost (`null` when there is no comparator). */
  readonly incrementalCost: number | null;
  /** Effect minus the comparator's effect. */
  readonly incrementalEffect: number | null;
  /** Incremental cost-effectiveness ratio, currency per unit of effect. */
  readonly icer: number | null;
  /**
   * Off the frontier: the strategy that dominates this one (cheapest such frontier strategy), or
   * the two frontier strategies whose mix dominates it (extended dominance).
   */
  readonly dominatedBy?: readonly string[];
}

/** Relative slack below which two ICERs count as equal, so a strategy on a straight frontier segment stays non-dominated. */
const ICER_TIE = 1e-12;

/**
 * The incremental cost-effectiveness table: strategies sorted by cost (ties: higher effect first,
 * then name), strictly dominated strategies removed (another costs no more and gives no less
 * effect; an exact duplicate counts as dominated by the first of its kind), then extendedly
 * dominated strategies removed iteratively (an ICER higher than the next one's), and ICERs computed
 * along the remaining frontier (Drummond et al. 2015, ch. 4; the HERC guide to incremental analysis).
 * The result does not depend on the order of the input rows.
 *
 * @param rows - one row per strategy with its expected cost and effect (finite numbers)
 * @returns every strategy, sorted by cost, with status, incremental values and ICERs
 * @throws QalyError `invalid_argument` for no rows or a repeated strategy name, `non_finite_value` for a non-finite cost or effect
 * @example
 * const table = icerTable([{ strategy: "A", cost: 1000, effect: 1 }, { strategy: "B", cost: 3000, effect: 1.5 }]);
 * table[1].icer // => 4000
 * table.map((row) => row.status) // => ["non-dominated", "non-dominated"]
 */
export function icerTable(rows: readonly CostEffectRow[]): IcerRow[] {
  checkRows(rows);
  const sorted = [...rows].sort((a, b) => a.cost - b.cost || b.effect - a.effect || (a.strategy < b.strategy ? -1 : a.strategy > b.strategy ? 1 : 0));
  const dominatedBy = new Map<string, string[]>();
  let frontier: CostEffectRow[] = [];
  for (const row of sorted) {
    // Every earlier row costs no more; the cheapest non-dominated one with at least this effect dominates it.
    const dominator = frontier.find((f) => f.effect >= row.effect);
    if (dominator === undefined) frontier.push(row);
    else dominatedBy.set(row.strategy, [dominator.strategy]);
  }
  const extended: CostEffectRow[] = [];
  for (;;) {
    const icers = frontier.map((row, k) => (k === 0 ? 0 : (row.cost - frontier[k - 1]!.cost) / (row.effect - frontier[k - 1]!.effect)));
    const keep = frontier.filter((row, k) => k === 0 || k === frontier.length - 1 || !(icers[k]! > icers[k + 1]! * (1 + ICER_TIE)));
    if (keep.length === frontier.length) break;
    extended.push(...frontier.filter((row) => !keep.includes(row)));
    frontier = keep;
  }
  for (const row of extended) {
    const upper = frontier.findIndex((f) => f.effect >= row.effect);
    dominatedBy.set(row.strategy, [frontier[upper - 1]!.strategy, frontier[upper]!.strategy]);
  }
  const extendedNames = new Set(extended.map((row) => row.strategy));
  return sorted.map((row) => {
    const base = { strategy: row.strategy, cost: row.cost, effect: row.effect };
    const k = frontier.indexOf(row);
    if (k < 0) {
      const status: DominanceStatus = extendedNames.has(row.strategy) ? "extendedly-dominated" : "dominated";
      return Object.freeze({ ...base, status, comparator: null, incrementalCost: null, incrementalEffect: null, icer: null, dominatedBy: Object.freeze(dominatedBy.get(row.strategy)!) });
    }
    if (k === 0) return Object.freeze({ ...base, status: "non-dominated" as const, comparator: null, incrementalCost: null, incrementalEffect: null, icer: null });
    const previous = frontier[k - 1]!;
    const incrementalCost = row.cost - previous.cost;
    const incrementalEffect = row.effect - previous.effect;
    return Object.freeze({ ...base, status: "non-dominated" as const, comparator: previous.strategy, incrementalCost, incrementalEffect, icer: incrementalCost / incrementalEffect });
  });
}

/**
 * The ICER table of a PSA's mean costs and effects per strategy (see {@link icerTable}).
 *
 * @param psa - a PSA result
 * @param options - which outcomes are cost and effect
 * @returns the ICER table of the means
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [900, 1100], B: [2000, 4000] }, qaly: { A: [1, 1], B: [1.4, 1.6] } } });
 * icerTableFromPsa(psa)[1].icer // => 4000
 */
export function icerTableFromPsa(psa: PsaResult, options: CostEffectOptions = {}): IcerRow[] {
  const series = costEffectSeries(psa, options);
  return icerTable(psa.strategies.map((strategy, s) => ({ strategy, cost: meanOf(series.cost[s]!), effect: meanOf(series.effect[s]!) })));
}

/**
 * The strategy an ICER table recommends at a willingness to pay: the most effective frontier
 * strategy whose ICER is at most `wtp` (the first frontier strategy when none is). It is the
 * strategy with the highest net monetary benefit at `wtp`.
 *
 * @param table - a table from {@link icerTable}
 * @param wtp - willingness to pay per unit of effect, ≥ 0
 * @returns the strategy name
 * @example
 * const table = icerTable([{ strategy: "A", cost: 1000, effect: 1 }, { strategy: "B", cost: 3000, effect: 1.5 }]);
 * optimalStrategy(table, 3000) // => "A"
 * optimalStrategy(table, 5000) // => "B"
 */
export function optimalStrategy(table: readonly IcerRow[], wtp: number): string {
  if (!Number.isFinite(wtp) || wtp < 0) fail("invalid_argument", ["wtp"], `willingness to pay must be a finite number ≥ 0 (received ${wtp})`, { received: wtp });
  let choice: string | undefined;
  for (const row of table) {
    if (row.status !== "non-dominated") continue;
    if (choice === undefined || (row.icer !== null && row.icer <= wtp)) choice = row.strategy;
  }
  if (choice === undefined) fail("invalid_argument", ["table"], "the table has no non-dominated strategy");
  return choice;
}

function checkRows(rows: readonly CostEffectRow[]): void {
  if (!Array.isArray(rows) || rows.length === 0) fail("invalid_argument", ["rows"], "an ICER table needs at least one strategy");
  const issues = new IssueCollector();
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (seen.has(row.strategy)) issues.add({ code: "invalid_argument", path: ["rows", i, "strategy"], message: `strategy "${row.strategy}" appears more than once`, received: row.strategy });
    seen.add(row.strategy);
    for (const key of ["cost", "effect"] as const) {
      if (typeof row[key] !== "number" || !Number.isFinite(row[key])) {
        issues.add({ code: "non_finite_value", path: ["rows", i, key], message: `${key} of "${row.strategy}" must be a finite number (received ${String(row[key])})`, received: row[key] });
      }
    }
  });
  issues.throwIfAny("ICER table");
}
