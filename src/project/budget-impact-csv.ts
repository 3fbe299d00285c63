import { formatCsv } from "../core/csv/format-csv.js";
import type { BudgetImpactRun } from "../analysis/bia/run-budget-impact.js";

/**
 * A budget-impact run as CSV, one row per calendar year: patients, spending in each world, net and
 * cumulative net impact, net impact per category and per inhabitant, counts in the world with and
 * their difference, and (after a PSA) the mean and 95 % interval of the net impact.
 *
 * @param run - from {@link qaly!runBudgetImpact}
 * @returns CSV text, lines ending in `\n`
 * @example
 * const model = { title: "Demo", strategies: ["Old", "New"], outcomes: ["cost", "costYear1"], evaluateInto(p, out) { out.set([100, 100, 300, 300]); } };
 * const run = runBudgetImpact(model, { years: 1, funnel: [{ name: "n", value: 10 }], without: { Old: 1 }, with: { New: 1 }, categories: {} }, () => ({}));
 * budgetImpactCsv(run) // => "year,patients,without,with,net,cumulativeNet\n1,10,1000,3000,2000,2000\n"
 */
export function budgetImpactCsv(run: BudgetImpactRun): string {
  const { base, uncertainty } = run;
  const labels = Object.keys(base.net.byCategory);
  const counts = Object.keys(base.net.counts);
  const header = [
    "year", "patients", "without", "with", "net", "cumulativeNet",
    ...labels.map((label) => `net:${label}`),
    ...(base.net.perInhabitant === undefined ? [] : ["netPerInhabitant"]),
    ...counts.flatMap((name) => [`with:${name}`, `additional:${name}`]),
    ...(uncertainty === undefined ? [] : ["netMean", "netLower", "netUpper", "cumulativeNetLower", "cumulativeNetUpper"]),
  ];
  const rows = base.years.map((year, y) => [
    year, base.patients[y]!, base.without.total[y]!, base.with.total[y]!, base.net.total[y]!, base.net.cumulative[y]!,
    ...labels.map((label) => base.net.byCategory[label]![y]!),
    ...(base.net.perInhabitant === undefined ? [] : [base.net.perInhabitant[y]!]),
    ...counts.flatMap((name) => [base.with.counts[name]![y]!, base.net.counts[name]![y]!]),
    ...(uncertainty === undefined ? [] : [uncertainty.net.mean[y]!, uncertainty.net.lower[y]!, uncertainty.net.upper[y]!, uncertainty.cumulative.lower[y]!, uncertainty.cumulative.upper[y]!]),
  ]);
  return formatCsv(header, rows);
}

/**
 * The budget-impact sensitivity table as CSV: one row per one-way input (`kind` one-way, with its
 * low and high value and the cumulative net impact at each) and per scenario (`kind` scenario).
 *
 * @param run - from {@link qaly!runBudgetImpact}
 * @returns CSV text
 * @example
 * const model = { title: "Demo", strategies: ["Old", "New"], outcomes: ["cost", "costYear1"], evaluateInto(p, out) { out.set([100, 100, p.price, p.price]); } };
 * const run = runBudgetImpact(model, { years: 1, funnel: [{ name: "n", value: 10 }], without: { Old: 1 }, with: { New: 1 }, categories: {},
 *   sensitivity: [{ parameter: "price", low: 200, high: 400 }] }, (o = {}) => ({ price: 300, ...o }));
 * budgetImpactSensitivityCsv(run).split("\n")[2] // => "one-way,price,200,400,1000,3000"
 */
export function budgetImpactSensitivityCsv(run: BudgetImpactRun): string {
  const { sensitivity } = run;
  return formatCsv(
    ["kind", "name", "low", "high", "cumulativeNetAtLow", "cumulativeNetAtHigh"],
    [
      ["base", "Base case", null, null, sensitivity.base, sensitivity.base],
      ...sensitivity.oneWay.map((row) => ["one-way", row.parameter, row.low, row.high, row.atLow, row.atHigh]),
      ...sensitivity.scenarios.map((row) => ["scenario", row.name, null, null, row.cumulative, row.cumulative]),
    ],
  );
}
