import type { BaseCaseResult } from "../../analysis/run/run-base-case.js";
import { formatValue } from "../format/format-number.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";

/**
 * Every base-case outcome of every strategy as a {@link ReportTable}: one row per strategy, one
 * column per outcome (cost, QALYs, life-years, cost categories …).
 *
 * @param base - a result of `runBaseCase`
 * @returns the table
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([1000, 1, 4000, 1.5]); } };
 * baseCaseReportTable(runBaseCase(model, {})).rows[1].map((cell) => cell.text) // => ["New", "4 000", "1.5"]
 */
export function baseCaseReportTable(base: BaseCaseResult): ReportTable {
  return {
    caption: "Base-case results",
    columns: ["Strategy", ...base.outcomes],
    numeric: [false, ...base.outcomes.map(() => true)],
    rows: base.strategies.map((strategy) => [textCell(strategy), ...base.outcomes.map((outcome) => numberCell(base.values[strategy]![outcome], (v) => formatValue(v, 4)))]),
  };
}
