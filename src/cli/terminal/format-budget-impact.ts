import type { BudgetImpactRun } from "../../analysis/bia/run-budget-impact.js";
import { money, textTable, value } from "./text-table.js";

/** The budget-impact part of `qaly run`'s summary: net impact per year by category, counts, one-way and scenarios. */
export function formatBudgetImpact(run: BudgetImpactRun, currency: string): string {
  const { base, uncertainty, sensitivity } = run;
  const labels = Object.keys(base.net.byCategory);
  const out: string[] = [`Budget impact (${currency}, undiscounted): world with minus world without, per calendar year`];
  out.push(
    textTable(
      ["year", "patients", "without", "with", "net", "cumulative", ...labels, ...(uncertainty === undefined ? [] : ["net 95% interval"]), ...(base.net.perInhabitant === undefined ? [] : ["per inhabitant"])],
      base.years.map((year, y) => [
        String(year),
        value(base.patients[y]!),
        money(base.without.total[y]!),
        money(base.with.total[y]!),
        money(base.net.total[y]!),
        money(base.net.cumulative[y]!),
        ...labels.map((label) => money(base.net.byCategory[label]![y]!)),
        ...(uncertainty === undefined ? [] : [`${money(uncertainty.net.lower[y]!)} to ${money(uncertainty.net.upper[y]!)}`]),
        ...(base.net.perInhabitant === undefined ? [] : [value(base.net.perInhabitant[y]!)]),
      ]),
      [true, true, true, true, true, true, ...labels.map(() => true), ...(uncertainty === undefined ? [] : [true]), ...(base.net.perInhabitant === undefined ? [] : [true])],
    ),
  );
  const counts = Object.keys(base.net.counts);
  if (counts.length > 0) {
    out.push("", "Additional events per year (world with minus world without)");
    out.push(textTable(["year", ...counts], base.years.map((year, y) => [String(year), ...counts.map((name) => value(base.net.counts[name]![y]!))]), [true, ...counts.map(() => true)]));
  }
  if (sensitivity.oneWay.length > 0 || sensitivity.scenarios.length > 0) {
    out.push("", `Budget impact sensitivity: cumulative net impact over ${base.years.length} years (base ${money(sensitivity.base)})`);
    out.push(
      textTable(
        ["input or scenario", "low", "high", "at low", "at high"],
        [...sensitivity.oneWay.map((r) => [r.parameter, value(r.low), value(r.high), money(r.atLow), money(r.atHigh)]), ...sensitivity.scenarios.map((r) => [r.name, "", "", money(r.cumulative), ""])],
        [false, true, true, true, true],
      ),
    );
  }
  if (run.listPrices.length > 0) out.push("", `List prices (confidential rebates not reflected): ${run.listPrices.join(", ")}`);
  return out.join("\n");
}
