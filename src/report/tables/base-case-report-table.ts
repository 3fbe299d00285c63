import type { BaseCaseResult } from "../../analysis/run/run-base-case.js";
import { formatValue } from "../format/format-number.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";

/** Options of {@link baseCaseReportTable}. */
export interface BaseCaseTableOptions {
  /**
   * `"strategies"`: a row per strategy and a column per outcome; `"outcomes"`: a row per outcome
   * and a column per strategy. Default: by strategy up to 8 outcomes, by outcome beyond, so a model
   * with many outcomes (cost categories, counts, undiscounted twins) stays readable and printable.
   */
  readonly rowsBy?: "strategies" | "outcomes";
}

/** Outcomes beyond which the default layout puts one outcome per row. */
const WIDE = 8;

/**
 * Every base-case outcome of every strategy as a {@link ReportTable} (cost, QALYs, life-years, cost
 * categories …), four significant digits.
 *
 * @param base - a result of `runBaseCase`
 * @param options - `rowsBy` chooses the layout (default: by strategy up to 8 outcomes)
 * @returns the table
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([1000, 1, 4000, 1.5]); } };
 * baseCaseReportTable(runBaseCase(model, {})).rows[1].map((cell) => cell.text) // => ["New", "4 000", "1.5"]
 * baseCaseReportTable(runBaseCase(model, {}), { rowsBy: "outcomes" }).rows[0].map((cell) => cell.text) // => ["cost", "1 000", "4 000"]
 */
export function baseCaseReportTable(base: BaseCaseResult, options: BaseCaseTableOptions = {}): ReportTable {
  const value = (strategy: string, outcome: string) => numberCell(base.values[strategy]![outcome], (v) => formatValue(v, 4));
  const rowsBy = options.rowsBy ?? (base.outcomes.length > WIDE ? "outcomes" : "strategies");
  if (rowsBy === "outcomes") {
    return {
      caption: "Base-case results",
      columns: ["Outcome", ...base.strategies],
      numeric: [false, ...base.strategies.map(() => true)],
      rows: base.outcomes.map((outcome) => [textCell(outcome), ...base.strategies.map((strategy) => value(strategy, outcome))]),
    };
  }
  return {
    caption: "Base-case results",
    columns: ["Strategy", ...base.outcomes],
    numeric: [false, ...base.outcomes.map(() => true)],
    rows: base.strategies.map((strategy) => [textCell(strategy), ...base.outcomes.map((outcome) => value(strategy, outcome))]),
  };
}
