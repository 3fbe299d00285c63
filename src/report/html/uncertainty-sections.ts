import { escapeXml } from "../format/escape-xml.js";
import { formatMoney, formatNumber, formatPercent } from "../format/format-number.js";
import { optionalWording, thresholdStatement } from "../format/threshold-statement.js";
import { runningMeanChart } from "../svg/running-mean-chart.js";
import type { PsaResult } from "../../analysis/psa/psa-result.js";
import { numberCell, tableToHtml, textCell, type ReportTable } from "../format/report-table.js";
import { budgetImpactReportTable } from "../tables/budget-impact-report-table.js";
import { psaSummaryReportTable } from "../tables/psa-summary-report-table.js";
import { scenarioReportTable } from "../tables/scenario-report-table.js";
import { budgetImpactChart } from "../svg/budget-impact-chart.js";
import { ceacChart } from "../svg/ceac-chart.js";
import { cePlaneChart } from "../svg/ce-plane-chart.js";
import { evpiChart } from "../svg/evpi-chart.js";
import { oneWayChart } from "../svg/one-way-chart.js";
import { tornadoChart } from "../svg/tornado-chart.js";
import { twoWayChart } from "../svg/two-way-chart.js";
import type { ReportContext } from "./report-context.js";
import { figure } from "./summary-sections.js";
import { frontierPsaSection, scenarioPsaTable } from "./frontier-sections.js";

/** One-way plots shown at most (the parameters with the largest tornado swing first). */
const MAX_ONE_WAY_PLOTS = 6;

/** PSA summary, CE plane and acceptability curves. @internal */
export function psaSection(context: ReportContext): string {
  const psa = context.psa;
  const input = context.input;
  if (context.degenerate && input.psa !== undefined) {
    return `<section class="major"><h2>Probabilistic sensitivity analysis</h2><p class="note">${escapeXml(`The probabilistic analysis is degenerate: no parameter is uncertain, so the ${formatNumber(input.psa.size)} draws give the same costs and effects (or, in a microsimulation, differ only by Monte Carlo noise). It says nothing about uncertainty: no probability of being cost-effective, cost-effectiveness plane or value of information is reported. Give the uncertain parameters distributions to run a real PSA.`)}</p></section>`;
  }
  if (psa === null || input.psa === undefined) return "";
  const { currency, effectUnit, thresholds } = context;
  let out = `<section class="major"><h2>Probabilistic sensitivity analysis</h2><p class="note">${escapeXml(`${formatNumber(input.psa.size)} draws${input.run.seed === undefined ? "" : `, seed "${String(input.run.seed)}"`}. Intervals are 2.5% and 97.5% percentiles of the draws.`)}</p>`;
  if (psa.incremental.length > 0) out += tableToHtml(psaSummaryReportTable(psa.incremental, { wtp: thresholds[0] ?? 500_000, currency, effectUnit }));
  // A cost-only model's effects are all 0: its plane would be one line of dots on the cost axis.
  const costOnly = input.outcomes.costOnly === true;
  if (costOnly) out += `<p class="note">${escapeXml("A cost-only model (no effect outcome): the draws differ in cost only, so no cost-effectiveness plane is drawn, and the acceptability curve is the probability that each strategy is the least costly, the same at every willingness to pay.")}</p>`;
  if (psa.plane.series.length > 0 && !costOnly) {
    out += figure(cePlaneChart(psa.plane, { currency, effectUnit, wtp: thresholds, strategies: input.psa.strategies }), `Incremental cost and effect of each PSA draw against ${psa.plane.comparator}; large dots are the means, dashed ellipses 95% regions, dashed lines the willingness-to-pay thresholds.`);
  }
  out += figure(ceacChart(psa.curves.ceac, { ceaf: psa.curves.ceaf, thresholds, currency, effectUnit }), costOnly ? "Probability that each strategy is the least costly; the grey band marks the strategy with the lowest expected cost." : "Probability that each strategy has the highest net monetary benefit; the grey band is the acceptability frontier (the strategy with the highest expected NMB).");
  const convergence = runningNetBenefit(input.psa, context.comparator, thresholds[0] ?? 500_000, input.outcomes);
  if (convergence !== undefined) {
    const label = `Incremental NMB, ${convergence.strategy} vs ${context.comparator}${currency === "" ? "" : ` (${currency})`}`;
    out += figure(runningMeanChart(convergence.values, { currency, label }), `Running mean of the incremental net monetary benefit of ${convergence.strategy} against ${context.comparator} at ${formatMoney(thresholds[0] ?? 500_000, currency)} per ${effectUnit} over the draws, with ± 1.96 Monte Carlo standard errors: a flat line in a narrow band means enough draws.`);
  }
  if (psa.probabilities.length > 0) {
    const table: ReportTable = {
      caption: "Probability of being cost-effective at the thresholds (* highest expected NMB)",
      columns: ["Strategy", ...thresholds.map((w) => `${formatMoney(w, currency)} per ${effectUnit}`)],
      numeric: [false, ...thresholds.map(() => true)],
      rows: input.psa.strategies.map((s) => [
        textCell(s),
        ...thresholds.map((w) => {
          const row = psa.probabilities.find((p) => p.wtp === w && p.strategy === s);
          return numberCell(row?.probability, (v) => `${formatPercent(v, 1)}${row?.optimal === true ? " *" : ""}`);
        }),
      ]),
    };
    out += tableToHtml(table);
  }
  return `${out}${frontierPsaSection(context)}</section>`;
}

/** EVPI curve and values at the thresholds. @internal */
export function evpiSection(context: ReportContext): string {
  const psa = context.psa;
  if (psa === null) return "";
  const { currency, effectUnit, thresholds } = context;
  const curve = psa.curves.evpi;
  let out = `<section><h2>Value of information</h2>`;
  const partial = (context.input.evppi ?? []).map((g) => ({ label: g.name, wtp: g.curve.wtp, perPerson: g.curve.perPerson }));
  const evppiNote = partial.length === 0 ? "" : " Dashed: EVPPI of the model's parameter groups, each learnt together.";
  out += figure(evpiChart(curve, { currency, effectUnit, thresholds, partial }), `Expected value of perfect information per person: the most a decision-maker should pay to remove all parameter uncertainty.${evppiNote}`);
  if (curve.population !== null) out += figure(evpiChart(curve, { currency, effectUnit, thresholds, population: true }), `Population EVPI for ${formatNumber(curve.populationSize)} (discounted) patients.`);
  const at = thresholds.filter((w) => curve.wtp.includes(w));
  if (at.length > 0) {
    const table: ReportTable = {
      caption: "EVPI at the thresholds",
      columns: ["Willingness to pay", `EVPI per person${currency === "" ? "" : ` (${currency})`}`, ...(curve.population === null ? [] : [`Population EVPI${currency === "" ? "" : ` (${currency})`}`])],
      numeric: [true, true, true],
      rows: at.map((w) => {
        const value = curve.at(w);
        return [numberCell(w, (v) => `${formatMoney(v, currency)} per ${effectUnit}`), numberCell(value.perPerson, (v) => formatNumber(v)), ...(value.population === null ? [] : [numberCell(value.population, (v) => formatNumber(v))])];
      }),
    };
    out += tableToHtml(table);
  } else if (thresholds.length > 0) {
    out += `<p class="note">The thresholds are not on the willingness-to-pay grid; read EVPI from the curve.</p>`;
  }
  return `${out}</section>`;
}

/** Tornado, one-way plots, two-way map, thresholds and scenarios. @internal */
export function dsaSection(context: ReportContext): string {
  const { input, currency, effectUnit } = context;
  if (input.tornado === undefined && input.oneWay === undefined && input.twoWay === undefined && input.thresholds === undefined && input.scenarios === undefined && input.scenarioPsa === undefined) return "";
  const labels = context.labels;
  let out = `<section class="major"><h2>Deterministic sensitivity analysis</h2>`;
  // What the frontier section already shows (the same pair at the same threshold) is not repeated.
  const along = input.frontier ?? [];
  const samePair = (wtp: number, a: string, b: string) => along.some((f) => f.wtp === wtp && f.tornadoes.some((t) => [t.strategy, t.comparator].sort().join("\u0000") === [a, b].sort().join("\u0000")));
  const shownAlong = new Set(along.flatMap((f) => f.thresholds));
  if (input.tornado !== undefined && !samePair(input.tornado.wtp, input.tornado.strategy, input.tornado.comparator)) {
    out += figure(tornadoChart(input.tornado, { currency, effectUnit, labels }), "Each bar spans the result over one parameter's range, others at base case; the vertical line is the base case.");
    // Parameters varied but not drawn are listed, never silently dropped (those without effect too).
    const others = input.tornado.others ?? [];
    const none = others.filter((o) => o.swing === 0).map((o) => labels[o.parameter] ?? o.parameter);
    const smaller = others.filter((o) => o.swing !== 0).map((o) => `${labels[o.parameter] ?? o.parameter} (${formatMoney(o.swing, currency)})`);
    if (others.length > 0) out += `<p class="note">Not drawn:${smaller.length === 0 ? "" : ` ${smaller.length} parameter${smaller.length === 1 ? "" : "s"} with smaller swings: ${escapeXml(smaller.join(", "))}.`}${none.length === 0 ? "" : ` Without effect on the result: ${escapeXml(none.join(", "))}.`}</p>`;
  }
  if (input.oneWay !== undefined) {
    const order = input.tornado?.bars.map((b) => b.parameter) ?? input.oneWay.parameters.map((p) => p.parameter);
    const shown = order.filter((name) => input.oneWay!.parameters.some((p) => p.parameter === name && p.points.length > 2)).slice(0, MAX_ONE_WAY_PLOTS);
    for (const name of shown) out += figure(oneWayChart(input.oneWay, name, { currency, effectUnit, label: labels[name] ?? name }), `Net monetary benefit of each strategy as ${labels[name] ?? name} varies; the dashed line is its base-case value.`);
  }
  if (input.twoWay !== undefined) out += figure(twoWayChart(input.twoWay, { currency, effectUnit, labels }), "Strategy with the highest net monetary benefit for each pair of values.");
  const ownThresholds = (input.thresholds ?? []).filter((t) => !shownAlong.has(t));
  if (ownThresholds.length > 0) {
    const rows = new Map((input.parameters ?? []).map((r) => [r.name, r]));
    const sentence = (t: NonNullable<typeof input.thresholds>[number]) => thresholdStatement(t, { currency, effectUnit, ...optionalWording(rows.get(t.parameter)) });
    out += `<h3>Threshold analyses</h3><ul>${ownThresholds.map((t) => `<li>${escapeXml(sentence(t))}</li>`).join("")}</ul>`;
  }
  if (input.scenarios !== undefined) out += tableToHtml(scenarioReportTable(input.scenarios, { currency, effectUnit, ...(context.thresholds.length > 1 ? { thresholds: context.thresholds } : {}) }));
  out += scenarioPsaTable(context);
  return `${out}</section>`;
}

/** Budget impact table. @internal */
export function budgetImpactSection(context: ReportContext): string {
  const bia = context.input.budgetImpact;
  if (bia === undefined) return "";
  const chart = figure(budgetImpactChart(bia, { currency: context.currency }), "Total cost to the budget each year without and with the new technology; the label gives the net budget impact.");
  return `<section><h2>Budget impact</h2>${chart}${tableToHtml(budgetImpactReportTable(bia, context.currency))}</section>`;
}

/** Seed, samples, version, model hash, date. @internal */
export function runSection(context: ReportContext): string {
  const run = context.input.run;
  const facts: [string, string][] = [
    ["Date", run.date],
    ["qaly version", run.version],
    ...(run.modelHash === undefined ? [] : [["Model hash", run.modelHash] as [string, string]]),
    ...(run.seed === undefined ? [] : [["Seed", String(run.seed)] as [string, string]]),
    ...(run.samples === undefined ? [] : [["PSA draws", formatNumber(run.samples)] as [string, string]]),
    ...(run.scenario === undefined ? [] : [["Scenario", run.scenario] as [string, string]]),
    ...(run.durationMs === undefined ? [] : [["Run time", `${formatNumber(run.durationMs / 1000, 1)} s`] as [string, string]]),
  ];
  return `<section class="run-info"><h2>Run information</h2><dl class="run">${facts.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join("")}</dl></section>`;
}


/** Per-draw incremental NMB at `wtp` of the strategy (other than the comparator) with the highest mean NMB. @internal */
function runningNetBenefit(psa: PsaResult, comparator: string, wtp: number, outcomes: { readonly cost: string; readonly effect: string }): { strategy: string; values: Float64Array } | undefined {
  const others = psa.strategies.filter((s) => s !== comparator);
  if (others.length === 0 || !psa.strategies.includes(comparator) || psa.size < 2) return undefined;
  // The mean NMB from the outcome means (psa.mean caches them); the series only for the strategy shown.
  const meanNmb = (s: string) => wtp * psa.mean(outcomes.effect, s) - psa.mean(outcomes.cost, s);
  const strategy = others.reduce((a, b) => (meanNmb(b) > meanNmb(a) ? b : a));
  const [effect, cost, effect0, cost0] = [psa.values(outcomes.effect, strategy), psa.values(outcomes.cost, strategy), psa.values(outcomes.effect, comparator), psa.values(outcomes.cost, comparator)];
  return { strategy, values: Float64Array.from(effect, (e, i) => wtp * e - cost[i]! - (wtp * effect0[i]! - cost0[i]!)) };
}
