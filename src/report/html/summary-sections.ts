import { baseCasePerCohort } from "../../analysis/run/base-case-per-cohort.js";
import { formatNumber } from "../format/format-number.js";
import { costComparison } from "../../analysis/cea/cost-comparison.js";
import { costComparisonReportTable } from "../tables/cost-comparison-report-table.js";
import { escapeXml } from "../format/escape-xml.js";
import { tableToHtml } from "../format/report-table.js";
import { baseCaseReportTable } from "../tables/base-case-report-table.js";
import { icerReportTable } from "../tables/icer-report-table.js";
import { nmbReportTable } from "../tables/nmb-report-table.js";
import { parameterReportTable } from "../tables/parameter-report-table.js";
import { costBreakdownChart, costCategories } from "../svg/cost-breakdown-chart.js";
import { countsReportTable } from "../tables/counts-report-table.js";
import { decisionTreeChart, openNodes } from "../svg/decision-tree-chart.js";
import { markovTraceChart } from "../svg/markov-trace-chart.js";
import { markovTracePanelsChart } from "../svg/markov-trace-panels-chart.js";
import { survivalChart } from "../svg/survival-chart.js";
import { survivalPanelsChart } from "../svg/survival-panels-chart.js";
import type { RollbackNode } from "../../models/tree/tree-rollback.js";
import type { ReportContext } from "./report-context.js";

/** A chart in a `<figure>` with an escaped caption. @internal */
export function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${escapeXml(caption)}</figcaption></figure>`;
}

/** Paragraphs of plain text (blank-line separated), escaped. @internal */
export function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => `<p>${escapeXml(p)}</p>`)
    .join("");
}

/** Title, decision question and metadata. @internal */
export function headerSection(context: ReportContext): string {
  const m = context.input.metadata;
  const meta = [
    m.country,
    m.perspective === undefined ? undefined : `${m.perspective} perspective`,
    `costs in ${m.currency}${m.priceYear === undefined ? "" : ` (${m.priceYear} prices)`}`,
    m.author === undefined ? undefined : `by ${m.author}`,
    m.version === undefined ? undefined : `model version ${m.version}`,
  ].filter((x): x is string => x !== undefined);
  return `<header><h1>${escapeXml(m.title)}</h1>${m.question === undefined ? "" : `<p class="question">${escapeXml(m.question)}</p>`}<p class="meta">${escapeXml(meta.join(" · "))}</p></header>`;
}

/** The warnings box: the input's warnings plus placeholder and assumption parameters. @internal */
export function warningsSection(context: ReportContext): string {
  const rows = context.input.parameters ?? [];
  const placeholders = rows.filter((r) => r.status === "placeholder").map((r) => r.name);
  const assumptions = rows.filter((r) => r.status === "assumption").map((r) => r.name);
  // Each warning once: the input's generic placeholder list is replaced by the fuller sentence below.
  const items = context.input.warnings.filter((w) => !(placeholders.length > 0 && w.startsWith("placeholder values in use:")));
  // A file's own warning that already names every placeholder is not repeated by the generated sentence.
  const named = placeholders.length > 0 && items.some((w) => {
    const words = new Set(w.split(/[^\w]+/));
    return placeholders.every((name) => words.has(name));
  });
  if (placeholders.length > 0 && !named) items.push(`${placeholders.length} parameter${placeholders.length === 1 ? " is a placeholder" : "s are placeholders"} (not yet sourced): ${placeholders.join(", ")}. Results depend on them and must not be used for decisions until they are replaced.`);
  if (assumptions.length > 0) items.push(`${assumptions.length} parameter${assumptions.length === 1 ? " rests" : "s rest"} on assumptions: ${assumptions.join(", ")}.`);
  if (items.length === 0) return "";
  return `<section class="warnings" role="alert"><h2>Warnings</h2><ul>${items.map((w) => `<li>${escapeXml(w)}</li>`).join("")}</ul></section>`;
}

/** Model summary: strategies, outcomes, description and tree text. @internal */
export function modelSection(context: ReportContext): string {
  const { input } = context;
  const m = input.metadata;
  const facts: [string, string][] = [
    ["Model", input.name],
    ["Strategies", input.baseCase.strategies.join(", ")],
    ["Outcomes", input.baseCase.outcomes.join(", ")],
    ["Decision outcomes", `cost = ${input.outcomes.cost}, effect = ${input.outcomes.effect} (${context.effectUnit})`],
    ["Currency", `${m.currency}${m.priceYear === undefined ? "" : `, price year ${m.priceYear}`}`],
  ];
  if (input.parameters !== undefined) facts.push(["Parameters", String(input.parameters.length)]);
  const list = `<dl class="run">${facts.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join("")}</dl>`;
  const tree = input.tree === undefined ? "" : `<h3>Decision tree</h3><pre class="tree">${escapeXml(input.tree)}</pre>`;
  return `<section><h2>Model summary</h2>${m.description === undefined ? "" : paragraphs(m.description)}${list}${tree}</section>`;
}

/** The parameter table with the evidence-status note. @internal */
export function parameterSection(context: ReportContext): string {
  const rows = context.input.parameters;
  if (rows === undefined || rows.length === 0) return "";
  const flagged = rows.filter((r) => r.status === "placeholder" || r.status === "assumption").length;
  // Provenance is claimed only as far as it is true: inputs (derived parameters are formulas of them) without a source or a status are counted.
  const inputs = rows.filter((r) => r.kind !== "derived");
  const bare = inputs.filter((r) => r.source.trim() === "" && r.status === null).length;
  const provenance =
    bare === 0
      ? `Every input parameter has a stated source or status.`
      : `${bare} of ${inputs.length} input parameter${inputs.length === 1 ? " has" : "s have"} neither a source nor a status: ${bare === inputs.length ? "no input is traceable to evidence" : "those are not traceable to evidence"}.`;
  const flaggedText = flagged === 0 ? "" : ` ${flagged} parameter${flagged === 1 ? " is a placeholder or an assumption" : "s are placeholders or assumptions"} (highlighted); see the warnings above.`;
  const note = `<p class="note">${escapeXml(`Intervals are the 2.5% and 97.5% quantiles of each distribution. ${provenance}${flaggedText}`)}</p>`;
  return `<section class="major appendix"><h2>Appendix: parameters</h2>${note}${tableToHtml(parameterReportTable(rows))}</section>`;
}

/** Charts drawn one per series up to this many series; more go into one small-multiples chart. */
const SEPARATE_CHARTS = 2;

/** Most path ends of the tree diagram before its least likely subtrees are collapsed. */
const TREE_ROWS = 40;

/** Base-case outcomes with the counts per 1 000, cost breakdown, tree diagram, traces and survival curves. @internal */
export function baseCaseSection(context: ReportContext): string {
  const { input, currency, effectUnit } = context;
  let out = `<section class="major"><h2>Base case</h2>${tableToHtml(baseCaseReportTable(input.baseCase))}`;
  // With a stated cohort size, the totals for the cohort beside the per-person results above.
  if (input.cohortSize !== undefined) {
    const perCohort = baseCaseReportTable(baseCasePerCohort(input.baseCase, input.cohortSize));
    out += `<h3>Per cohort of ${escapeXml(formatNumber(input.cohortSize))} people</h3>${tableToHtml({ ...perCohort, caption: `Base-case totals for a starting cohort of ${formatNumber(input.cohortSize)} (per person × cohort size)` })}`;
  }
  const counts = countsReportTable(input.baseCase, { ...(input.counts === undefined ? {} : { outcomes: input.counts }), ...(input.countsPer === undefined ? {} : { per: input.countsPer }), exclude: [input.outcomes.cost, input.outcomes.effect] });
  if (counts.rows.length > 0) out += `<h3>Counts per 1 000</h3>${tableToHtml(counts)}`;
  const categories = input.costCategories ?? costCategories(input.baseCase);
  if (categories.length > 0) out += figure(costBreakdownChart(input.baseCase, { categories, currency }), "Discounted base-case cost per patient, by category.");
  if (input.treeRollback !== undefined) {
    const roots = Object.values(input.treeRollback.strategies as Record<string, RollbackNode>).map((root) => root.branches[0]?.node ?? root);
    const collapsed = openNodes(roots, TREE_ROWS) !== null;
    const note = collapsed ? " The tree is too large to draw in full: the most likely paths are drawn, and each dashed node stands for a collapsed subtree with its expected values from that node on and the number of nodes it hides." : "";
    out += figure(decisionTreeChart(input.treeRollback, { outcomes: [input.outcomes.cost, input.outcomes.effect], maxRows: TREE_ROWS }), `Decision tree with branch probabilities and expected values per strategy (base case).${note}`);
  }
  const traces = input.traces ?? [];
  if (traces.length > SEPARATE_CHARTS) out += figure(markovTracePanelsChart(traces), "Markov traces: proportion of the cohort in each state, per strategy.");
  else for (const trace of traces) out += figure(markovTraceChart(trace), `Markov trace of ${trace.strategy}: proportion of the cohort in each state.`);
  const survival = input.survival ?? [];
  if (survival.length > SEPARATE_CHARTS) out += figure(survivalPanelsChart(survival), "Survival curves per arm (base case); shaded areas are the partitioned health states.");
  else for (const arm of survival) out += figure(survivalChart(arm), `Survival curves of ${arm.arm}; shaded areas are the partitioned health states.`);
  // A cost-only model (no effect outcome) is a cost comparison: no ICERs.
  out += input.outcomes.costOnly === true ? `<h3>Cost comparison</h3>${tableToHtml(costComparisonReportTable(costComparison(input.icerTable), { currency }))}` : `<h3>Incremental cost-effectiveness</h3>${tableToHtml(icerReportTable(input.icerTable, { currency, effectUnit }))}`;
  if (context.thresholds.length > 0) {
    const probabilities = context.psa?.probabilities;
    out += `<h3>Net monetary benefit at the thresholds</h3>${tableToHtml(nmbReportTable(input.baseCase.summary, context.thresholds, { currency, effectUnit, ...(probabilities === undefined ? {} : { probabilities }) }))}`;
  }
  return `${out}</section>`;
}
