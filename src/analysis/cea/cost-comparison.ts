import { fail, IssueCollector } from "../../core/errors.js";

/** One strategy's expected cost, the input of {@link costComparison}. */
export interface CostRow {
  /** Strategy name (unique). */
  readonly strategy: string;
  /** Expected cost, in the model's currency. */
  readonly cost: number;
}

/** One row of a cost comparison: a strategy against the least costly one. */
export interface CostComparisonRow extends CostRow {
  /** 1 for the least costly strategy; tied costs share a rank. */
  readonly rank: number;
  /** The least costly strategy (for the least costly one itself: `null`). */
  readonly comparator: string | null;
  /** Cost minus the least costly strategy's cost (`null` for the least costly one). */
  readonly incrementalCost: number | null;
  /** Whether this strategy has the lowest cost (ties: every tied strategy). */
  readonly leastCostly: boolean;
}

/**
 * A cost comparison: the table that replaces the ICER table when a model has no effect outcome
 * (cost-minimisation, budget questions). Strategies sorted by cost (ties by name), each with its
 * cost difference from the least costly strategy; no ratio, so no division by zero.
 * Effects are taken as equal, as a cost-minimisation analysis assumes (Drummond et al. 2015,
 * ch. 4: justified only when the outcomes are shown to be equivalent).
 *
 * @param rows - one row per strategy with its expected cost (finite)
 * @returns every strategy, least costly first
 * @throws QalyError `invalid_argument` for no rows or a repeated strategy name, `non_finite_value` for a non-finite cost
 * @example
 * const table = costComparison([{ strategy: "Foam", cost: 310 }, { strategy: "Gauze", cost: 245 }]);
 * table.map((row) => row.strategy) // => ["Gauze", "Foam"]
 * table[1].incrementalCost // => 65
 */
export function costComparison(rows: readonly CostRow[]): CostComparisonRow[] {
  if (!Array.isArray(rows) || rows.length === 0) fail("invalid_argument", ["rows"], "a cost comparison needs at least one strategy");
  const issues = new IssueCollector();
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (seen.has(row.strategy)) issues.add({ code: "invalid_argument", path: ["rows", i, "strategy"], message: `strategy "${row.strategy}" appears more than once`, received: row.strategy });
    seen.add(row.strategy);
    if (typeof row.cost !== "number" || !Number.isFinite(row.cost)) issues.add({ code: "non_finite_value", path: ["rows", i, "cost"], message: `cost of "${row.strategy}" must be a finite number (received ${String(row.cost)})`, received: row.cost });
  });
  issues.throwIfAny("cost comparison");
  const sorted = [...rows].sort((a, b) => a.cost - b.cost || (a.strategy < b.strategy ? -1 : a.strategy > b.strategy ? 1 : 0));
  const cheapest = sorted[0]!;
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.cost !== sorted[i - 1]!.cost) rank = i + 1;
    const first = i === 0;
    return Object.freeze({ strategy: row.strategy, cost: row.cost, rank, comparator: first ? null : cheapest.strategy, incrementalCost: first ? null : row.cost - cheapest.cost, leastCostly: row.cost === cheapest.cost });
  });
}
