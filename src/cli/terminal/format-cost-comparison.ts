import type { CostComparisonRow } from "../../analysis/cea/cost-comparison.js";
import { money, textTable } from "./text-table.js";

/** Cost comparison for the terminal: the table a cost-only model shows instead of ICERs. */
export function formatCostComparison(table: readonly CostComparisonRow[], currency: string): string {
  return textTable(
    ["strategy", `cost (${currency})`, "rank", "Δcost vs least costly", "least costly"],
    table.map((r) => [r.strategy, money(r.cost), String(r.rank), money(r.incrementalCost), r.leastCostly ? "yes" : ""]),
    [false, true, true, true, false],
  );
}
