import type { IcerRow } from "../../analysis/cea/icer-table.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";
import { effectText, moneyText, perEffect, unitsOf, withUnit, type UnitOptions } from "./table-options.js";

const STATUS_TEXT: Readonly<Record<IcerRow["status"], string>> = { "non-dominated": "on frontier", dominated: "dominated", "extendedly-dominated": "extendedly dominated" };

/**
 * The ICER table as a {@link ReportTable}: strategies sorted by cost with cost, effect,
 * incremental cost and effect against the previous frontier strategy, ICER and dominance status
 * (dominated rows name what dominates them). Render it with {@link tableToMarkdown},
 * {@link tableToCsv} or {@link tableToHtml}.
 *
 * @param rows - rows from `icerTable`
 * @param options - currency and effect unit for the headers
 * @returns the table
 * @example
 * const table = icerReportTable(icerTable([{ strategy: "A", cost: 1000, effect: 1 }, { strategy: "B", cost: 301000, effect: 1.5 }]), { currency: "SEK" });
 * table.columns[5] // => "ICER (SEK per QALY)"
 * table.rows[1][5].text // => "600 000"
 */
export function icerReportTable(rows: readonly IcerRow[], options: UnitOptions = {}): ReportTable {
  const { currency, effectUnit } = unitsOf(options);
  const money = moneyText;
  const effect = effectText;
  return {
    caption: "Incremental cost-effectiveness (base case)",
    columns: ["Strategy", withUnit("Cost", currency), withUnit("Effect", effectUnit), withUnit("Incremental cost", currency), withUnit("Incremental effect", effectUnit), withUnit("ICER", perEffect(currency, effectUnit)), "Status"],
    numeric: [false, true, true, true, true, true, false],
    rows: rows.map((row) => [
      textCell(row.strategy),
      numberCell(row.cost, money),
      numberCell(row.effect, effect),
      numberCell(row.incrementalCost, money),
      numberCell(row.incrementalEffect, effect),
      numberCell(row.icer, money),
      textCell(row.dominatedBy === undefined ? STATUS_TEXT[row.status] : `${STATUS_TEXT[row.status]} by ${row.dominatedBy.join(" and ")}`),
    ]),
    rowClasses: rows.map((row) => (row.status === "non-dominated" ? "" : "dominated")),
  };
}
