import type { ParameterRow } from "../../parameters/describe-parameters.js";
import { formatValue } from "../format/format-number.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";

/**
 * The parameter table as a {@link ReportTable}: name, label, unit, distribution, mean, 95%
 * interval (2.5% and 97.5% quantiles), source and evidence status, so every input can be traced
 * to its source (CHEERS 2022, item 10). Placeholder and assumption rows get the row classes
 * `placeholder` / `assumption`.
 *
 * @param rows - rows from `ParameterSpace.describe()`
 * @returns the table
 * @example
 * const space = defineParameters({ pResponse: param(beta({ alpha: 95, beta: 5 }), { label: "Response", source: "Trial X" }) });
 * const table = parameterReportTable(space.describe());
 * table.rows[0].map((cell) => cell.text) // => ["pResponse", "Response", "", "Beta(α=95, β=5)", "0.95", "0.9", "0.983", "Trial X", ""]
 */
export function parameterReportTable(rows: readonly ParameterRow[]): ReportTable {
  const value = (v: number): string => formatValue(v);
  return {
    caption: "Parameters",
    columns: ["Name", "Label", "Unit", "Distribution", "Mean", "2.5%", "97.5%", "Source", "Status"],
    // Long names (at their humps), labels, distributions (long parameter lists) and sources (DOIs,
    // URLs) may break inside their long tokens, so that the nine columns fit a page without
    // breaking words.
    breakAnywhere: [true, true, false, true, false, false, false, true, false],
    numeric: [false, false, false, false, true, true, true, false, false],
    rows: rows.map((row, index) => [
      textCell(row.name),
      textCell(row.label),
      textCell(row.unit),
      textCell(row.distribution),
      numberCell(row.mean, value),
      numberCell(row.lower, value),
      numberCell(row.upper, value),
      textCell(sourceText(row, rows[index - 1])),
      textCell(row.status ?? ""),
    ]),
    rowClasses: rows.map((row) => (row.status === "placeholder" || row.status === "assumption" ? row.status : "")),
  };
}

/** Source and note; "as above" when they repeat the previous row's (the components of a group share one source). */
function sourceText(row: ParameterRow, previous: ParameterRow | undefined): string {
  const text = (r: ParameterRow): string => (r.note === "" ? r.source : r.source === "" ? r.note : `${r.source}; ${r.note}`);
  const own = text(row);
  return own !== "" && previous !== undefined && text(previous) === own ? "as above" : own;
}
