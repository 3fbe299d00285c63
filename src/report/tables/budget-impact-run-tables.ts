import type { BudgetImpactRun } from "../../analysis/bia/run-budget-impact.js";
import type { ParameterRow } from "../../parameters/describe-parameters.js";
import { formatNumber } from "../format/format-number.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";
import { withUnit } from "./table-options.js";

const money = (v: number): string => formatNumber(v);

/** Readable names of the counts a testing pathway reports (others are shown by name). */
const COUNT_LABELS: Readonly<Record<string, string>> = {
  tests: "Tests run",
  reBiopsy: "Re-biopsies",
  actionableDetected: "Patients with an actionable driver found",
  matchedTherapy: "Patients on matched therapy",
  falsePositive: "False positives",
};
const count = (v: number): string => formatNumber(v, 1);

/**
 * The tables of a model-driven budget-impact analysis ({@link qaly!runBudgetImpact}): annual and
 * cumulative net impact (with the PSA interval and per inhabitant when available), net impact by
 * cost category, counts per year, the population funnel, one-way sensitivity, scenarios and the
 * parameters that are list prices.
 *
 * @param run - the budget-impact run
 * @param currency - currency code for the headers
 * @param parameters - the project's parameter rows (labels and values of the list prices)
 * @returns the tables, in reading order (empty ones left out)
 * @example
 * const model = { title: "Demo", strategies: ["Old", "New"], outcomes: ["cost", "costYear1"], evaluateInto(p, out) { out.set([100, 100, 300, 300]); } };
 * const run = runBudgetImpact(model, { years: 1, funnel: [{ name: "n", value: 10 }], without: { Old: 1 }, with: { New: 1 }, categories: {} }, () => ({}));
 * budgetImpactRunTables(run, "SEK")[0].rows[0].map((cell) => cell.text) // => ["1", "10.0", "1 000", "3 000", "2 000", "2 000"]
 */
export function budgetImpactRunTables(run: BudgetImpactRun, currency = "", parameters: readonly ParameterRow[] = []): ReportTable[] {
  const { base, uncertainty, sensitivity } = run;
  const perInhabitant = base.net.perInhabitant;
  const tables: ReportTable[] = [];
  tables.push({
    caption: "Budget impact per calendar year (undiscounted, nominal prices)",
    columns: [
      "Year",
      "Patients",
      withUnit("World without", currency),
      withUnit("World with", currency),
      withUnit("Net impact", currency),
      withUnit("Cumulative net impact", currency),
      ...(uncertainty === undefined ? [] : ["Net impact, 95% interval (PSA)"]),
      ...(perInhabitant === undefined ? [] : [withUnit("Net per inhabitant", currency)]),
    ],
    numeric: [true, true, true, true, true, true, ...(uncertainty === undefined ? [] : [true]), ...(perInhabitant === undefined ? [] : [true])],
    rows: base.years.map((year, y) => [
      numberCell(year, String),
      numberCell(base.patients[y], count),
      numberCell(base.without.total[y], money),
      numberCell(base.with.total[y], money),
      numberCell(base.net.total[y], money),
      numberCell(base.net.cumulative[y], money),
      ...(uncertainty === undefined ? [] : [textCell(`${money(uncertainty.net.lower[y]!)} to ${money(uncertainty.net.upper[y]!)}`)]),
      ...(perInhabitant === undefined ? [] : [numberCell(perInhabitant[y], (v) => formatNumber(v, 2))]),
    ]),
  });
  const labels = Object.keys(base.net.byCategory);
  if (labels.length > 0) {
    const rows = base.years.map((year, y) => [numberCell(year, String), numberCell(base.net.total[y], money), ...labels.map((label) => numberCell(base.net.byCategory[label]![y], money))]);
    const last = base.years.length - 1;
    rows.push([textCell("Cumulative"), numberCell(base.net.cumulative[last], money), ...labels.map((label) => numberCell(base.net.cumulativeByCategory[label]![last], money))]);
    tables.push({ caption: "Net impact by cost category (world with minus world without)", columns: ["Year", withUnit("Total", currency), ...labels.map((label) => withUnit(label, currency))], numeric: [false, true, ...labels.map(() => true)], rows, rowClasses: rows.map((_, i) => (i === last + 1 ? "total" : "")) });
  }
  const counts = Object.keys(base.net.counts);
  if (counts.length > 0) {
    tables.push({
      caption: "Events per calendar year: world with, and the difference from the world without",
      columns: ["Year", ...counts.flatMap((name) => [`${COUNT_LABELS[name] ?? name} (with)`, `${COUNT_LABELS[name] ?? name} (additional)`])],
      numeric: [true, ...counts.flatMap(() => [true, true])],
      rows: base.years.map((year, y) => [numberCell(year, String), ...counts.flatMap((name) => [numberCell(base.with.counts[name]![y], count), numberCell(base.net.counts[name]![y], count)])]),
    });
  }
  tables.push({
    caption: `Population funnel (year 1; patients change by the growth rate each year)`,
    columns: ["Step", "Value", "Source", "Status"],
    numeric: [false, true, false, false],
    rows: [
      ...base.funnel.map((step) => [textCell(step.label), numberCell(step.value, (v) => (v <= 1 ? formatNumber(v, 3) : formatNumber(v))), textCell(step.source ?? ""), textCell(step.status ?? "")]),
      [textCell("Patients in year 1"), numberCell(base.patients[0], count), textCell("product of the steps"), textCell("")],
      ...(base.inhabitants === undefined ? [] : [[textCell("Inhabitants"), numberCell(base.inhabitants, money), textCell(""), textCell("")]]),
    ],
  });
  if (sensitivity.oneWay.length > 0) {
    tables.push({
      caption: `One-way sensitivity: cumulative net impact over ${base.years.length} years (base case ${money(sensitivity.base)})`,
      columns: ["Parameter", "Low", "High", withUnit("At low", currency), withUnit("At high", currency)],
      numeric: [false, true, true, true, true],
      rows: sensitivity.oneWay.map((row) => [textCell(labelOf(row.parameter, parameters)), numberCell(row.low, valueText), numberCell(row.high, valueText), numberCell(row.atLow, money), numberCell(row.atHigh, money)]),
    });
  }
  if (sensitivity.scenarios.length > 0) {
    tables.push({
      caption: `Scenarios: cumulative net impact over ${base.years.length} years`,
      columns: ["Scenario", withUnit("Cumulative net impact", currency), withUnit("Change from base", currency)],
      numeric: [false, true, true],
      rows: [[textCell("Base case"), numberCell(sensitivity.base, money), numberCell(0, money)], ...sensitivity.scenarios.map((row) => [textCell(row.description === undefined ? row.name : `${row.name}: ${row.description}`), numberCell(row.cumulative, money), numberCell(row.cumulative - sensitivity.base, money)])],
    });
  }
  if (run.listPrices.length > 0) {
    tables.push({
      caption: "List prices (confidential rebates are not reflected; see the scenarios)",
      columns: ["Parameter", withUnit("Value", currency), "Source"],
      numeric: [false, true, false],
      rows: run.listPrices.map((name) => {
        const row = parameters.find((r) => r.name === name);
        return [textCell(row === undefined ? name : `${row.label} (${name})`), numberCell(row?.mean, money), textCell(row?.source ?? "")];
      }),
    });
  }
  return tables;
}

function labelOf(name: string, parameters: readonly ParameterRow[]): string {
  const row = parameters.find((r) => r.name === name);
  return row === undefined || row.label === "" || row.label === name ? name : `${row.label} (${name})`;
}

function valueText(v: number): string {
  return Math.abs(v) >= 100 ? formatNumber(v) : formatNumber(v, 3);
}
