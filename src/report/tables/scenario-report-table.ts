import type { ScenarioRow, ScenariosResult } from "../../analysis/dsa/scenarios.js";
import { formatMoney, formatNumber } from "../format/format-number.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";
import { unitsOf, type UnitOptions } from "./table-options.js";

/** Options of {@link scenarioReportTable}. */
export interface ScenarioTableOptions extends UnitOptions {
  /** Thresholds at which the preferred strategy is shown as well (default: only the analysis' WTP). */
  readonly thresholds?: readonly number[];
}

/**
 * The preferred strategy of one scenario at any willingness to pay, from its results at the
 * analysis' WTP: incremental NMB moves by the incremental effect per unit of WTP, so no model is
 * run again. Ties go to the first strategy in model order. @internal
 */
export function scenarioOptimalAt(result: ScenariosResult, row: ScenarioRow, wtp: number): string {
  let best = result.strategies[0]!;
  let bestValue = -Infinity;
  for (const s of result.strategies) {
    const r = row.results[s]!;
    const value = r.incrementalNmb + (wtp - result.wtp) * r.incrementalEffect;
    if (value > bestValue) [best, bestValue] = [s, value];
  }
  return best;
}

/**
 * A scenario analysis as a {@link ReportTable}: one row per scenario (base case first) with each
 * strategy's net monetary benefit at the analysis' WTP and the preferred strategy there; with
 * `options.thresholds`, the preferred strategy at each of them instead, marked with an asterisk
 * where it differs from the base case's at the same threshold.
 *
 * @param result - from `scenarios(...)`
 * @param options - currency, effect unit and the thresholds of the decision
 * @returns the table
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"], evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1.1]); } };
 * const result = scenarios(model, { cDrug: 60000 }, { scenarios: { "Cheap drug": { parameters: { cDrug: 5000 } } } });
 * scenarioReportTable(result).rows.map((row) => `${row[0].text}: ${row[3].text}`) // => ["Base case: Old", "Cheap drug: New"]
 * const table = scenarioReportTable(result, { thresholds: [500000, 1000000] });
 * table.columns.slice(3) // => ["Preferred at 500 000 per QALY", "Preferred at 1 000 000 per QALY"]
 * table.rows[1].slice(3).map((cell) => cell.text) // => ["New *", "New"]
 */
export function scenarioReportTable(result: ScenariosResult, options: ScenarioTableOptions = {}): ReportTable {
  const { currency, effectUnit } = unitsOf(options);
  const marked = options.thresholds !== undefined;
  const thresholds = options.thresholds ?? [result.wtp];
  const base = result.rows[0];
  const preferred = (row: ScenarioRow, wtp: number): string => {
    const best = scenarioOptimalAt(result, row, wtp);
    return marked && base !== undefined && row !== base && best !== scenarioOptimalAt(result, base, wtp) ? `${best} *` : best;
  };
  const header = (wtp: number): string => (marked ? `Preferred at ${formatMoney(wtp, currency)} per ${effectUnit}` : "Preferred");
  return {
    caption: `Scenario analysis: net monetary benefit at ${formatMoney(result.wtp, currency)} per ${effectUnit}${marked ? "; preferred strategy at each threshold (* differs from the base case)" : ""}`,
    columns: ["Scenario", ...result.strategies.map((s) => `NMB ${s}${currency === "" ? "" : ` (${currency})`}`), ...thresholds.map(header)],
    numeric: [false, ...result.strategies.map(() => true), ...thresholds.map(() => false)],
    rows: result.rows.map((row) => [textCell(row.scenario), ...result.strategies.map((s) => numberCell(row.results[s]!.nmb, (v) => formatNumber(v))), ...thresholds.map((w) => textCell(preferred(row, w)))]),
  };
}
