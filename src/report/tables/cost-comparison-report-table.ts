import type { CostComparisonRow } from "../../analysis/cea/cost-comparison.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";
import { moneyText, unitsOf, withUnit, type UnitOptions } from "./table-options.js";

/**
 * A cost comparison as a {@link ReportTable}: the table a cost-only model (no effect outcome,
 * cost-minimisation) shows instead of the ICER table: strategies by cost, each with its cost
 * difference from the least costly strategy.
 *
 * @param rows - rows from `costComparison`
 * @param options - currency for the headers
 * @returns the table
 * @internal
 */
export function costComparisonReportTable(rows: readonly CostComparisonRow[], options: UnitOptions = {}): ReportTable {
  const { currency } = unitsOf(options);
  return {
    caption: "Cost comparison (base case; no effect outcome)",
    columns: ["Strategy", withUnit("Cost", currency), "Rank", withUnit("Cost difference vs least costly", currency)],
    numeric: [false, true, true, true],
    rows: rows.map((row) => [textCell(row.strategy), numberCell(row.cost, moneyText), textCell(String(row.rank)), numberCell(row.incrementalCost, moneyText)]),
    rowClasses: rows.map((row) => (row.leastCostly ? "" : "dominated")),
  };
}
