import type { BudgetImpactResult } from "../../analysis/bia/budget-impact.js";
import { formatNumber } from "../format/format-number.js";
import { numberCell, type ReportTable } from "../format/report-table.js";
import { withUnit } from "./table-options.js";

/**
 * A budget impact analysis as a {@link ReportTable}: per year, the total cost without and with the
 * new technology, the net budget impact and its running sum (Sullivan et al. 2014).
 *
 * @param result - from `budgetImpact(...)`
 * @param currency - currency code for the headers (default none)
 * @returns the table
 * @example
 * const bia = budgetImpact({ years: 2, population: 100, costPerPatient: { Old: [1000, 500], New: [3000, 500] }, marketShares: { reference: { Old: 1 }, new: { Old: [0.5, 0], New: [0.5, 1] } } });
 * budgetImpactReportTable(bia, "SEK").rows[1].map((cell) => cell.text) // => ["2", "150 000", "350 000", "200 000", "300 000"]
 */
export function budgetImpactReportTable(result: BudgetImpactResult, currency = ""): ReportTable {
  const money = (v: number): string => formatNumber(v);
  return {
    caption: `Budget impact${result.discountRate > 0 ? ` (discounted at ${formatNumber(result.discountRate * 100, 1)}% per year)` : " (undiscounted)"}`,
    columns: ["Year", withUnit("Without new technology", currency), withUnit("With new technology", currency), withUnit("Net budget impact", currency), withUnit("Cumulative net impact", currency)],
    numeric: [true, true, true, true, true],
    rows: result.years.map((year, t) => [
      numberCell(year, String),
      numberCell(result.reference.total[t], money),
      numberCell(result.new.total[t], money),
      numberCell(result.netImpact[t], money),
      numberCell(result.cumulativeNetImpact[t], money),
    ]),
  };
}
