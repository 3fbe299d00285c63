import type { ScenariosResult } from "../../analysis/dsa/scenarios.js";
import { formatMoney, formatNumber } from "../format/format-number.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";
import { unitsOf, type UnitOptions } from "./table-options.js";

/**
 * A scenario analysis as a {@link ReportTable}: one row per scenario (base case first) with each
 * strategy's net monetary benefit at the analysis' WTP and the preferred strategy.
 *
 * @param result - from `scenarios(...)`
 * @param options - currency and effect unit
 * @returns the table
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"], evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1.1]); } };
 * const result = scenarios(model, { cDrug: 60000 }, { scenarios: { "Cheap drug": { parameters: { cDrug: 5000 } } } });
 * scenarioReportTable(result).rows.map((row) => `${row[0].text}: ${row[3].text}`) // => ["Base case: Old", "Cheap drug: New"]
 */
export function scenarioReportTable(result: ScenariosResult, options: UnitOptions = {}): ReportTable {
  const { currency, effectUnit } = unitsOf(options);
  return {
    caption: `Scenario analysis: net monetary benefit at ${formatMoney(result.wtp, currency)} per ${effectUnit}`,
    columns: ["Scenario", ...result.strategies.map((s) => `NMB ${s}${currency === "" ? "" : ` (${currency})`}`), "Preferred"],
    numeric: [false, ...result.strategies.map(() => true), false],
    rows: result.rows.map((row) => [textCell(row.scenario), ...result.strategies.map((s) => numberCell(row.results[s]!.nmb, (v) => formatNumber(v))), textCell(row.optimal)]),
  };
}
