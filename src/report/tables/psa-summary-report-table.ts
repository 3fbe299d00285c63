import type { IncrementalRow, Estimate } from "../../analysis/psa/incremental-results.js";
import { formatMoney, formatNumber, formatPercent } from "../format/format-number.js";
import { numberCell, textCell, type ReportCell, type ReportTable } from "../format/report-table.js";
import { perEffect, unitsOf, withUnit, type UnitOptions } from "./table-options.js";

/** Options of {@link psaSummaryReportTable}. */
export interface PsaSummaryTableOptions extends UnitOptions {
  /** The willingness to pay the incremental NMB was computed at (for the header). */
  readonly wtp: number;
}

/**
 * PSA summary against a comparator as a {@link ReportTable}: mean incremental cost, effect and net
 * monetary benefit with 95% percentile intervals, the ICER of the means and the probability that
 * each strategy is cost-effective against the comparator (Briggs, Claxton & Sculpher 2006, ch. 5).
 * CSV gets the mean; the interval appears in Markdown and HTML.
 *
 * @param rows - rows from `incrementalResults`
 * @param options - the WTP used, currency and effect unit
 * @returns the table
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [100, 300] }, qaly: { A: [1, 1], B: [2, 2] } } });
 * psaSummaryReportTable(incrementalResults(psa, { wtp: 1000 }), { wtp: 1000 }).rows[0][2].text // => "200 (105 to 295)"
 */
export function psaSummaryReportTable(rows: readonly IncrementalRow[], options: PsaSummaryTableOptions): ReportTable {
  const { currency, effectUnit } = unitsOf(options);
  const interval = (estimate: Estimate, decimals: number): ReportCell => ({
    value: estimate.mean,
    text: `${formatNumber(estimate.mean, decimals)} (${formatNumber(estimate.lower, decimals)} to ${formatNumber(estimate.upper, decimals)})`,
  });
  return {
    caption: "Probabilistic results against the comparator (means, 95% intervals)",
    columns: [
      "Strategy",
      "Comparator",
      withUnit("Incremental cost", currency),
      withUnit("Incremental effect", effectUnit),
      withUnit("ICER of means", perEffect(currency, effectUnit)),
      `Incremental NMB at ${formatMoney(options.wtp, currency)}`,
      "P(cost-effective vs comparator)",
    ],
    numeric: [false, false, true, true, true, true, true],
    rows: rows.map((row) => [
      textCell(row.strategy),
      textCell(row.comparator),
      interval(row.incrementalCost, 0),
      interval(row.incrementalEffect, 3),
      numberCell(Number.isFinite(row.icer) ? row.icer : null, (v) => formatNumber(v)),
      interval(row.incrementalNmb, 0),
      numberCell(row.probabilityCostEffective, (v) => formatPercent(v, 1)),
    ]),
  };
}
