import type { IcerRow } from "../../analysis/cea/icer-table.js";
import { evpi } from "../../analysis/voi/evpi.js";
import { optionalWording, thresholdStatement } from "../../report/format/threshold-statement.js";
import type { ProjectRun } from "../../project/run-project.js";
import { fixed, money, percent, textTable, value } from "./text-table.js";
import { formatBudgetImpact } from "./format-budget-impact.js";
import { severityStatement } from "../../report/format/severity-statement.js";
import { NEUTRAL_PRESET } from "../../analysis/cea/economic-presets.js";
import { costComparison } from "../../analysis/cea/cost-comparison.js";
import { formatCostComparison } from "./format-cost-comparison.js";
import { baseCasePerCohort } from "../../analysis/run/base-case-per-cohort.js";
import { psaIsDegenerate } from "../../analysis/psa/is-degenerate.js";
import { decisionChanging } from "../../analysis/dsa/frontier-tornadoes.js";
import { scenarioOptimalAt } from "../../report/tables/scenario-report-table.js";

/** ICER table for the terminal. */
export function formatIcerTable(table: readonly IcerRow[], currency: string, effect: string): string {
  return textTable(
    ["strategy", `cost (${currency})`, effect, `Δcost`, `Δ${effect}`, `ICER (${currency}/${effect})`, "status"],
    table.map((r) => [r.strategy, money(r.cost), fixed(r.effect), money(r.incrementalCost), fixed(r.incrementalEffect), money(r.icer), r.status]),
    [false, true, true, true, true, true, false],
  );
}

/** Warnings as `! ...` lines (empty when there are none). */
export function formatWarnings(warnings: readonly string[]): string {
  return warnings.map((w) => `! warning: ${w}`).join("\n");
}

/** The readable summary `qaly run` prints: base case, ICER table, NMB at thresholds, PSA, DSA. */
export function formatRun(run: ProjectRun, options: { readonly baseCase?: boolean; readonly warnings?: boolean } = {}): string {
  const showBase = options.baseCase !== false;
  const { currency } = run.metadata;
  const { cost } = run.outcomes;
  // Labels use the effect's unit (the report's rule: "QALY" for the outcome qaly); tables keep outcome names.
  const effect = run.effectUnit ?? ({ qaly: "QALY", lifeYears: "LY" } as Record<string, string>)[run.outcomes.effect] ?? run.outcomes.effect;
  // A cost-only model (no effect outcome) shows a cost comparison where others show ICERs.
  const costOnly = run.outcomes.costOnly === true;
  const decisionTable = (rows: readonly IcerRow[], label: string): string[] => (costOnly ? [`Cost comparison ${label}: no effect outcome, so costs only (cost-minimisation)`, formatCostComparison(costComparison(rows), currency)] : [`ICER table ${label}`, formatIcerTable(rows, currency, effect)]);
  const out: string[] = [];
  out.push(`${run.metadata.title} (${run.name})${run.run.scenario === undefined ? "" : `, scenario "${run.run.scenario}"`}`);
  if (run.metadata.question !== undefined) out.push(run.metadata.question);
  out.push(`Costs in ${currency}${run.metadata.priceYear === undefined ? "" : ` (${run.metadata.priceYear} prices)`}; ${costOnly ? "no effect outcome: a cost comparison" : `effect: ${effect}`}.`);
  // A PSA in which nothing varies gives 0 % or 100 % by construction: it is called degenerate, not quoted.
  const degenerate = run.psa !== undefined && psaIsDegenerate(run.psa, { cost, effect: run.outcomes.effect });
  const answers = run.wtp.thresholds.flatMap((wtp) => {
    const best = run.netBenefit.find((row) => row.wtp === wtp && row.optimal);
    if (best === undefined) return [];
    const probability = degenerate ? undefined : run.psaSummary?.probabilityCostEffective.find((row) => row.wtp === wtp && row.strategy === best.strategy)?.probability;
    return [`  at ${money(wtp)} ${currency} per ${effect}: ${best.strategy}${probability === undefined ? "" : ` (probability cost-effective ${percent(probability)})`}`];
  });
  if (costOnly) out.push("", `Least costly${showBase ? " (base case)" : " (PSA means)"}: ${costComparison(run.icerTable)[0]!.strategy}`);
  else if (answers.length > 0) out.push("", `Highest expected net monetary benefit${showBase ? " (base case)" : " (PSA means)"}:`, ...answers);
  const severity = run.economics === undefined ? undefined : severityStatement(run.economics, effect);
  if (severity !== undefined) out.push(severity);
  // Say what was assumed when the model states no economic settings (nothing silently assumes SEK).
  if (run.economics?.preset === "neutral" && currency === NEUTRAL_PRESET.currency) {
    out.push("", `Assumed: no economic settings given, so costs are in "${currency}" and the thresholds are ${run.wtp.thresholds.map((t) => money(t)).join(" and ")} per ${effect} (qaly's neutral default). State them with economics: { preset: sweden } (or england, or explicit values) in the model file, or --preset.`);
  }
  if (run.warnings.length > 0 && options.warnings !== false) out.push("", formatWarnings(run.warnings));

  // Models report many outcomes (detections, costs by category, undiscounted totals): the terminal
  // shows the decision outcomes, life years and discounted cost categories; the files have them all.
  const all = run.baseCase.outcomes;
  const preferred = [cost, run.outcomes.effect, "lifeYears", ...all.filter((o) => /^cost/i.test(o) && !/undiscounted/i.test(o))];
  const outcomes = [...new Set(preferred)].filter((o) => all.includes(o)).slice(0, 8);
  const hidden = all.length - outcomes.length;
  if (showBase) {
    // With a cohort size, the per-person table says so and the cohort's totals follow it.
    const cohorts = run.cohortSize === undefined ? [[run.baseCase, "Base case"] as const] : [[run.baseCase, "Base case, per person"] as const, [baseCasePerCohort(run.baseCase, run.cohortSize), `Base case, per cohort of ${money(run.cohortSize)} people`] as const];
    for (const [base, title] of cohorts) {
      out.push("", title);
      out.push(
        textTable(
          ["strategy", ...outcomes],
          base.strategies.map((s) => [s, ...outcomes.map((o) => (o === cost || /cost/i.test(o) ? money(base.values[s]![o]) : fixed(base.values[s]![o])))]),
          [false, ...outcomes.map(() => true)],
        ),
      );
    }
    if (hidden > 0) out.push(`(${hidden} more outcomes in --json and base-case.csv)`);
    out.push("", ...decisionTable(run.icerTable, "(base case)"));
    for (const group of run.subgroups ?? []) {
      out.push("", `Subgroup "${group.name}"${group.description === undefined ? "" : `: ${group.description}`} (base case, per patient in the subgroup)`);
      out.push(costOnly ? formatCostComparison(costComparison(group.icerTable), currency) : formatIcerTable(group.icerTable, currency, effect));
    }
  }
  for (const table of run.reclassification ?? []) {
    out.push("", `Reclassification (base case): rows ${table.from}'s call, columns ${table.to}'s call, share of all patients; ${percent(table.reclassified)} called differently`);
    out.push(textTable([`${table.from} → ${table.to}`, ...table.labels], table.labels.map((label, i) => [label, ...table.probability[i]!.map((p) => percent(p))]), [false, ...table.labels.map(() => true)]));
  }
  if (run.calibration !== undefined && run.calibration.length > 0) {
    out.push("", "Calibration (base case): model vs target");
    out.push(
      textTable(
        ["target", "subgroup", "strategy", "outcome", "target value", "model", "difference", "within"],
        run.calibration.map((r) => [r.name, r.subgroup ?? "", r.strategy, r.outcome, value(r.target), value(r.model), value(r.difference), r.withinTolerance === undefined ? "" : r.withinTolerance ? `yes (±${value(r.tolerance!)})` : `NO (±${value(r.tolerance!)})`]),
        [false, false, false, false, true, true, true, false],
      ),
    );
  }
  if (run.netBenefit.length > 0 && !costOnly) {
    out.push("", `Net monetary benefit (${currency}) at each willingness to pay per ${effect}${showBase ? "" : " (PSA means)"}`);
    out.push(textTable(["WTP", "strategy", "NMB", "optimal"], run.netBenefit.map((r) => [money(r.wtp), r.strategy, money(r.nmb), r.optimal ? "yes" : ""]), [true, false, true, false]));
  }

  const summary = run.psaSummary;
  if (summary !== undefined && run.psa !== undefined) {
    out.push("", `Probabilistic analysis: ${summary.samples} draws${summary.seed === null ? " (imported)" : `, seed ${JSON.stringify(summary.seed)}`}`);
    out.push(...decisionTable(summary.icerTable, "(PSA means)"));
    if (degenerate) out.push("", "The PSA is degenerate: no parameter is uncertain, so the draws give the same costs and effects (or, in a microsimulation, differ only by Monte Carlo noise); no probability of being cost-effective, EVPI or EVPPI is reported.");
    else if (summary.probabilityCostEffective.length > 0) {
      const voi = evpi(run.psa, run.wtp.thresholds, { cost, effect: run.outcomes.effect });
      out.push("", costOnly ? "Probability least costly (the same at every WTP) and EVPI per person" : "Probability cost-effective and EVPI per person");
      out.push(
        textTable(
          ["WTP", "strategy", "P(cost-effective)", "optimal", "EVPI"],
          summary.probabilityCostEffective.map((r, i) => [money(r.wtp), r.strategy, percent(r.probability), r.optimal ? "yes" : "", i % run.psa!.strategies.length === 0 ? money(voi.at(r.wtp).perPerson) : ""]),
          [true, false, true, false, true],
        ),
      );
    }
  }

  if (run.evppi !== undefined && run.wtp.thresholds.length > 0 && !degenerate) {
    out.push("", `EVPPI per person (${currency})`);
    out.push(textTable(["WTP", ...run.evppi.map((g) => g.name)], run.wtp.thresholds.map((w, i) => [money(w), ...run.evppi!.map((g) => money(g.atThresholds.perPerson[i]!))]), [true, ...run.evppi.map(() => true)]));
  }

  if (run.evppiRanking !== undefined && run.evppiRanking.rows.length > 0 && !degenerate) {
    const ranking = run.evppiRanking;
    const shown = ranking.rows.slice(0, 10);
    const wtp = Array.from(ranking.wtp);
    out.push("", `EVPPI ranking per person (${currency}), each parameter learnt alone, ± standard error${ranking.rows.length > shown.length ? ` (top ${shown.length} of ${ranking.rows.length})` : ""}`);
    out.push(textTable(["parameter", ...wtp.map((w) => `at ${money(w)}`)], shown.map((row) => [row.parameter, ...wtp.map((_, g) => `${money(row.perPerson[g]!)}${row.standardError === null ? "" : ` ± ${money(row.standardError[g]!)}`}`)]), [false, ...wtp.map(() => true)]));
  }

  if (run.tornado !== undefined && run.tornado.bars.length > 0) {
    const t = run.tornado;
    // With no effect outcome the incremental NMB is the comparator's cost minus the strategy's.
    out.push("", costOnly ? `Tornado: cost saving of ${t.strategy} vs ${t.comparator} (${currency}; no effect outcome) (base ${money(t.base)})` : `Tornado: incremental NMB of ${t.strategy} vs ${t.comparator} at ${money(t.wtp)} per ${effect} (base ${money(t.base)})`);
    out.push(textTable(["parameter", "low value", "high value", "NMB at low", "NMB at high", "swing"], t.bars.map((b) => [b.parameter, value(b.lowValue), value(b.highValue), money(b.low), money(b.high), money(b.swing)]), [false, true, true, true, true, true]));
    if (t.others.length > 0) {
      const none = t.others.filter((o) => o.swing === 0).map((o) => o.parameter);
      const smaller = t.others.filter((o) => o.swing !== 0).map((o) => `${o.parameter} ${money(o.swing)}`);
      out.push(`Not shown (--tornado-bars all shows them):${smaller.length === 0 ? "" : ` smaller swing: ${smaller.join(", ")}.`}${none.length === 0 ? "" : ` No effect: ${none.join(", ")}.`}`);
    }
  }
  const parameterRows = new Map((run.parameters ?? []).map((r) => [r.name, r]));
  for (const t of run.thresholds ?? []) out.push("", `Threshold: ${thresholdStatement(t, { currency, effectUnit: effect, ...optionalWording(parameterRows.get(t.parameter)) })}`);
  // Along the frontier: at each threshold, the optimal strategy against its frontier neighbours.
  for (const f of run.frontier ?? []) {
    const lines = f.tornadoes.filter((t) => t.bars.length > 0).map((t) => {
      const crossing = decisionChanging(t);
      return `  vs ${t.comparator} (incremental NMB ${money(t.base)}): ${crossing.length === 0 ? `none of the ${t.bars.length} parameters in the tornado changes the choice alone` : `${crossing.length} of ${t.bars.length} parameters in the tornado can change the choice alone: ${crossing.join(", ")}`}`;
    });
    const own = new Set(run.thresholds ?? []);
    const searches = f.thresholds.filter((t) => !own.has(t)).map((t) => `  Threshold: ${thresholdStatement(t, { currency, effectUnit: effect, ...optionalWording(parameterRows.get(t.parameter)) })}`);
    if (lines.length + searches.length > 0) out.push("", `Along the frontier at ${money(f.wtp)} per ${effect}: ${f.optimal}`, ...lines, ...searches);
  }
  if (run.scenarios !== undefined) {
    const s = run.scenarios;
    const other = s.strategies.filter((x) => x !== s.comparator);
    // The preferred strategy at every threshold: a scenario can change the choice at one and not another.
    const at = run.wtp.thresholds.length > 1 ? run.wtp.thresholds : [s.wtp];
    const head = at.length > 1 ? at.map((w) => `optimal at ${money(w)}`) : ["optimal"];
    out.push("", costOnly ? `Scenarios: cost saving vs ${s.comparator} (${currency}; no effect outcome)` : `Scenarios: incremental NMB vs ${s.comparator} at ${money(s.wtp)} per ${effect}`);
    out.push(textTable(["scenario", ...other, ...head], s.rows.map((row) => [row.scenario, ...other.map((x) => money(row.results[x]!.incrementalNmb)), ...at.map((w) => scenarioOptimalAt(s, row, w))]), [false, ...other.map(() => true), ...at.map(() => false)]));
  }
  if (run.scenarioPsa !== undefined && run.scenarioPsa.length > 0 && run.wtp.thresholds.length > 0) {
    out.push("", "Scenario PSAs: strategy with the highest expected NMB (probability it has the highest NMB)");
    const cell = (rows: readonly { wtp: number; strategy: string; probability: number; optimal: boolean }[], w: number) => {
      const best = rows.find((r) => r.wtp === w && r.optimal);
      return best === undefined ? "" : `${best.strategy} (${percent(best.probability)})`;
    };
    const base = summary === undefined || degenerate ? [] : [["Base case", money(summary.samples), ...run.wtp.thresholds.map((w) => cell(summary.probabilityCostEffective, w))]];
    out.push(textTable(["scenario", "draws", ...run.wtp.thresholds.map((w) => `at ${money(w)}`)], [...base, ...run.scenarioPsa.map((r) => [r.scenario, money(r.samples), ...run.wtp.thresholds.map((w) => (r.degenerate ? "degenerate" : cell(r.probabilities, w)))])], [false, true, ...run.wtp.thresholds.map(() => false)]));
  }
  if (run.budgetImpactRun !== undefined) out.push("", formatBudgetImpact(run.budgetImpactRun, currency));
  return out.join("\n") + "\n";
}
