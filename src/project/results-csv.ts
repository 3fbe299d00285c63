import { formatCsv } from "../core/csv/format-csv.js";
import type { BaseCaseResult } from "../analysis/run/run-base-case.js";
import type { IcerRow } from "../analysis/cea/icer-table.js";
import type { CostComparisonRow } from "../analysis/cea/cost-comparison.js";
import type { Ceac } from "../analysis/acceptability/ceac.js";
import type { EvpiCurve } from "../analysis/voi/evpi.js";
import type { ParameterRow } from "../parameters/describe-parameters.js";
import type { TornadoResult } from "../analysis/dsa/tornado.js";
import type { ScenariosResult } from "../analysis/dsa/scenarios.js";
import type { ProbabilityCostEffectiveRow } from "../analysis/acceptability/probability-cost-effective.js";
import type { NetBenefitRow } from "./run-project.js";
import type { CalibrationRow } from "../analysis/calibration/calibration-table.js";
import type { Reclassification } from "../pathways/reclassification.js";
import type { NamedEvppi, SubgroupResult } from "../report/report-input.js";

/**
 * The base case as CSV: one row per strategy, a column per outcome (`cost`, `qaly`, `lifeYears`, …).
 *
 * @param baseCase - a {@link qaly!runBaseCase} result
 * @returns CSV text, lines ending in `\n`
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([1000, 1, 4000, 1.5]); } };
 * baseCaseCsv(runBaseCase(model, {})) // => "strategy,cost,qaly\nSoC,1000,1\nNew,4000,1.5\n"
 */
export function baseCaseCsv(baseCase: BaseCaseResult): string {
  return formatCsv(["strategy", ...baseCase.outcomes], baseCase.strategies.map((s) => [s, ...baseCase.outcomes.map((o) => baseCase.values[s]![o]!)]));
}

/**
 * An ICER table as CSV, in the table's order (by cost), with the frontier status.
 *
 * @param table - rows from {@link qaly!icerTable}
 * @returns CSV text; incremental fields are empty where undefined
 * @example
 * icerTableCsv(icerTable([{ strategy: "A", cost: 0, effect: 1 }, { strategy: "B", cost: 1000, effect: 1.5 }])).split("\n")[2] // => "B,1000,1.5,A,1000,0.5,2000,non-dominated"
 */
export function icerTableCsv(table: readonly IcerRow[]): string {
  return formatCsv(
    ["strategy", "cost", "effect", "comparator", "incremental_cost", "incremental_effect", "icer", "status"],
    table.map((r) => [r.strategy, r.cost, r.effect, r.comparator, r.incrementalCost, r.incrementalEffect, r.icer, r.status]),
  );
}

/**
 * A cost comparison (cost-only models) as CSV: the file that replaces the ICER table when the
 * model has no effect outcome, so no reader finds strategies "dominated" on a zero effect.
 *
 * @param rows - rows of {@link qaly!costComparison}
 * @returns CSV text with columns `rank, strategy, cost, comparator, incremental_cost, least_costly`
 * @example
 * const rows = costComparison([{ strategy: "Foam", cost: 310 }, { strategy: "Gauze", cost: 245 }]);
 * costComparisonCsv(rows) // => "rank,strategy,cost,comparator,incremental_cost,least_costly\n1,Gauze,245,,,true\n2,Foam,310,Gauze,65,false\n"
 */
export function costComparisonCsv(rows: readonly CostComparisonRow[]): string {
  return formatCsv(
    ["rank", "strategy", "cost", "comparator", "incremental_cost", "least_costly"],
    rows.map((r) => [r.rank, r.strategy, r.cost, r.comparator, r.incrementalCost, r.leastCostly]),
  );
}

/**
 * Net monetary benefit at each threshold as CSV.
 *
 * @param rows - rows of {@link ProjectRun.netBenefit}
 * @returns CSV text with columns `wtp, strategy, nmb, optimal`
 * @example
 * netBenefitCsv([{ wtp: 500000, strategy: "A", nmb: 250000, optimal: true }]) // => "wtp,strategy,nmb,optimal\n500000,A,250000,true\n"
 */
export function netBenefitCsv(rows: readonly NetBenefitRow[]): string {
  return formatCsv(["wtp", "strategy", "nmb", "optimal"], rows.map((r) => [r.wtp, r.strategy, r.nmb, r.optimal]));
}

/**
 * A CEAC as CSV: one row per willingness to pay, a column per strategy.
 *
 * @param curve - a {@link qaly!ceac} result
 * @returns CSV text with columns `wtp, <strategy>…`
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * ceacCsv(ceac(psa, [0, 50_000])) // => "wtp,A,B\n0,1,0\n50000,0.5,0.5\n"
 */
export function ceacCsv(curve: Ceac): string {
  return formatCsv(["wtp", ...curve.strategies], Array.from(curve.wtp, (wtp, g) => [wtp, ...curve.strategies.map((s) => curve.probability[s]![g]!)]));
}

/**
 * An EVPI curve as CSV: per-person EVPI (and population EVPI when a population was given) by WTP.
 *
 * @param curve - an {@link qaly!evpi} result
 * @returns CSV text with columns `wtp, evpi_per_person[, evpi_population]`
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * evpiCsv(evpi(psa, [0, 50_000])) // => "wtp,evpi_per_person\n0,0\n50000,2500\n"
 */
export function evpiCsv(curve: EvpiCurve): string {
  const population = curve.population;
  const header = population === null ? ["wtp", "evpi_per_person"] : ["wtp", "evpi_per_person", "evpi_population"];
  return formatCsv(header, Array.from(curve.wtp, (wtp, g) => (population === null ? [wtp, curve.perPerson[g]!] : [wtp, curve.perPerson[g]!, population[g]!])));
}

/**
 * The parameter table as CSV: name, label, unit, distribution, mean, 95% interval, source, status, note.
 *
 * @param rows - `ParameterSpace.describe()` rows
 * @returns CSV text
 * @example
 * parametersCsv(defineParameters({ cDrug: 2400 }).describe()).split("\n")[1] // => "cDrug,fixed,cDrug,,2400,2400,,,,,"
 */
export function parametersCsv(rows: readonly ParameterRow[]): string {
  return formatCsv(
    ["name", "kind", "label", "unit", "distribution", "mean", "lower_95", "upper_95", "source", "status", "note"],
    rows.map((r) => [r.name, r.kind, r.label, r.unit, r.distribution, r.mean, r.lower, r.upper, r.source, r.status, r.note]),
  );
}

/**
 * Tornado bars as CSV, largest swing first.
 *
 * @param result - a {@link qaly!tornado} result
 * @returns CSV text with the measure at the low and high end of each parameter's range
 * @example
 * tornadoCsv({ measure: "incrementalNmb", strategy: "B", comparator: "A", wtp: 1, base: 0, bars: [] }) // => "parameter,low_value,high_value,base_value,low,high,swing\n"
 */
export function tornadoCsv(result: TornadoResult): string {
  return formatCsv(["parameter", "low_value", "high_value", "base_value", "low", "high", "swing"], result.bars.map((b) => [b.parameter, b.lowValue, b.highValue, b.baseValue, b.low, b.high, b.swing]));
}

/**
 * A scenario analysis as CSV: one row per scenario and strategy.
 *
 * @param result - a {@link qaly!scenarios} result
 * @returns CSV text with every outcome, NMB and incremental NMB
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"], evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1.1]); } };
 * scenariosCsv(scenarios(model, { cDrug: 20000 }, { wtp: 500000, scenarios: {} })).split("\n")[2] // => "Base case,New,21000,1.1,529000,30000,true"
 */
export function scenariosCsv(result: ScenariosResult): string {
  const outcomes = Object.keys(result.rows[0]?.results[result.strategies[0]!]?.outcomes ?? {});
  return formatCsv(
    ["scenario", "strategy", ...outcomes, "nmb", "incremental_nmb", "optimal"],
    result.rows.flatMap((row) => result.strategies.map((s) => [row.scenario, s, ...outcomes.map((o) => row.results[s]!.outcomes[o]!), row.results[s]!.nmb, row.results[s]!.incrementalNmb, row.optimal === s])),
  );
}

/**
 * Probability cost-effective at each threshold as CSV.
 *
 * @param rows - {@link qaly!probabilityCostEffective} rows
 * @returns CSV text with columns `wtp, strategy, probability, optimal`
 * @example
 * probabilityCostEffectiveCsv([{ wtp: 500000, strategy: "A", probability: 0.75, optimal: true }]) // => "wtp,strategy,probability,optimal\n500000,A,0.75,true\n"
 */
export function probabilityCostEffectiveCsv(rows: readonly ProbabilityCostEffectiveRow[]): string {
  return formatCsv(["wtp", "strategy", "probability", "optimal"], rows.map((r) => [r.wtp, r.strategy, r.probability, r.optimal]));
}

/**
 * The subgroups' base cases as CSV: one row per subgroup and strategy, a column per outcome.
 *
 * @param subgroups - {@link ProjectRun.subgroups}
 * @returns CSV text with columns `subgroup, strategy, <outcome>…`
 * @example
 * const model = { title: "Demo", strategies: ["A"], outcomes: ["cost"], evaluateInto(p, out) { out[0] = p.c; } };
 * subgroupsCsv([{ name: "Young", baseCase: runBaseCase(model, { c: 5 }, { effect: "cost" }), icerTable: [] }]) // => "subgroup,strategy,cost\nYoung,A,5\n"
 */
export function subgroupsCsv(subgroups: readonly SubgroupResult[]): string {
  const outcomes = subgroups[0]?.baseCase.outcomes ?? [];
  return formatCsv(
    ["subgroup", "strategy", ...outcomes],
    subgroups.flatMap((g) => g.baseCase.strategies.map((s) => [g.name, s, ...outcomes.map((o) => g.baseCase.values[s]![o]!)])),
  );
}

/**
 * A calibration table as CSV: each target with the model's value and the difference.
 *
 * @param rows - {@link qaly!calibrationTable} rows
 * @returns CSV text with columns `name, subgroup, strategy, outcome, target, model, difference, tolerance, within_tolerance, source`
 * @example
 * calibrationCsv([{ name: "5-year OS", outcome: "alive5y", strategy: "NGS", target: 0.37, model: 0.35, difference: -0.02 }]).split("\n")[1] // => "5-year OS,,NGS,alive5y,0.37,0.35,-0.02,,,"
 */
export function calibrationCsv(rows: readonly CalibrationRow[]): string {
  return formatCsv(
    ["name", "subgroup", "strategy", "outcome", "target", "model", "difference", "tolerance", "within_tolerance", "source"],
    rows.map((r) => [r.name, r.subgroup, r.strategy, r.outcome, r.target, r.model, r.difference, r.tolerance, r.withinTolerance, r.source]),
  );
}

/**
 * EVPPI of named parameter groups as CSV: one row per willingness to pay, a column per group.
 *
 * @param groups - {@link ProjectRun.evppi}
 * @returns CSV text with columns `wtp, <group>…` (EVPPI per person)
 * @example
 * const curve = { parameter: "p", parameters: ["p"], wtp: Float64Array.of(0, 1), perPerson: Float64Array.of(0, 0.5) };
 * evppiGroupsCsv([{ name: "Effect", curve }]) // => "wtp,Effect\n0,0\n1,0.5\n"
 */
export function evppiGroupsCsv(groups: readonly NamedEvppi[]): string {
  const wtp = groups[0]?.curve.wtp ?? new Float64Array(0);
  return formatCsv(["wtp", ...groups.map((g) => g.name)], Array.from(wtp, (w, i) => [w, ...groups.map((g) => g.curve.perPerson[i]!)]));
}

/**
 * Reclassification tables as CSV, long format: one row per pair of calls.
 *
 * @param tables - {@link ProjectRun.reclassification}
 * @returns CSV text with columns `from, to, from_call, to_call, probability`
 * @example
 * reclassificationCsv([{ from: "conv", to: "ngs", labels: ["ADV", "negative"], probability: [[0.2, 0], [0.1, 0.7]], reclassified: 0.1 }]).split("\n")[3] // => "conv,ngs,negative,ADV,0.1"
 */
export function reclassificationCsv(tables: readonly Reclassification[]): string {
  return formatCsv(
    ["from", "to", "from_call", "to_call", "probability"],
    tables.flatMap((t) => t.labels.flatMap((a, i) => t.labels.map((b, j) => [t.from, t.to, a, b, t.probability[i]![j]!]))),
  );
}
