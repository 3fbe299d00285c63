import { escapeXml } from "../format/escape-xml.js";
import type { ReportInput } from "../report-input.js";
import { answerOf } from "./report-answer.js";
import { reportContext } from "./report-context.js";
import { REPORT_CSS } from "./report-css.js";
import { baseCaseSection, headerSection, modelSection, parameterSection, warningsSection } from "./summary-sections.js";
import { budgetImpactSection, dsaSection, evpiSection, psaSection, runSection } from "./uncertainty-sections.js";
import { budgetImpactRunSection } from "./budget-impact-run-section.js";
import { calibrationSection, evppiGroupsSection, reclassificationSection, subgroupsSection } from "./subgroup-sections.js";
import { checksSection } from "./checks-section.js";
import { decisionSection, frontierDsaSection } from "./frontier-sections.js";
import { survivalEvidenceSection } from "./survival-evidence-section.js";
import { evppiRankingSection } from "./evppi-ranking-section.js";

/**
 * The report as an HTML fragment: a `<div class="qaly-report">` with its own scoped `<style>`,
 * for notebooks and web pages. {@link htmlReport} wraps it in a complete document.
 *
 * @param input - everything the report shows
 * @returns HTML text with inline SVG charts
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([100000, 5, 300000, 5.5]); } };
 * const baseCase = runBaseCase(model, {});
 * const input = { name: "demo", metadata: { title: "Demo", currency: "SEK" }, outcomes: { cost: "cost", effect: "qaly" }, warnings: [], baseCase, icerTable: icerTable(baseCase.summary), wtp: { grid: { from: 0, to: 1000000, step: 100000 }, thresholds: [500000] }, run: { version: "0.1.0", date: "2026-01-01" } };
 * htmlReportFragment(input).startsWith('<div class="qaly-report">') // => true
 */
export function htmlReportFragment(input: ReportInput): string {
  const context = reportContext(input);
  const body = [
    `<p class="answer">${escapeXml(answerOf(context)).replace(/(\d) (?=\d{3}\b)/g, "$1&#160;")}</p>`,
    decisionSection(context),
    headerSection(context),
    warningsSection(context),
    // Results first; the model's description and its inputs follow them (report v2, issue 14).
    baseCaseSection(context),
    reclassificationSection(context),
    subgroupsSection(context),
    calibrationSection(context),
    survivalEvidenceSection(context),
    psaSection(context),
    evpiSection(context),
    evppiGroupsSection(context),
    evppiRankingSection(context),
    frontierDsaSection(context),
    dsaSection(context),
    budgetImpactSection(context),
    budgetImpactRunSection(context),
    checksSection(context),
    modelSection(context),
    parameterSection(context),
    runSection(context),
  ].join("\n");
  return `<div class="qaly-report"><style>${REPORT_CSS}</style>\n${body}\n</div>`;
}

/**
 * A complete, self-contained HTML report: one file with inline CSS and SVG charts and no external
 * requests (no fonts, scripts or images from elsewhere), printable with sensible page breaks. It
 * opens with the answer in two sentences (see {@link reportAnswer}) and the decision at each
 * threshold (the optimal strategy against its frontier neighbours), then the title and decision
 * question, warnings, and the results: base case, ICER table, net monetary benefit at the
 * thresholds, PSA (CE plane, CEAC with frontier, pairwise results along the frontier), EVPI,
 * sensitivity analyses along the frontier and against the first strategy, budget impact, model
 * checks; then the inputs: model summary, the parameter table as an appendix, and run information.
 * Every part that applies to the input is shown.
 *
 * @param input - everything the report shows (see {@link ReportInput})
 * @returns the HTML document as text
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([100000, 5, 300000, 5.5]); } };
 * const baseCase = runBaseCase(model, {});
 * const input = { name: "demo", metadata: { title: "Demo <1>", currency: "SEK" }, outcomes: { cost: "cost", effect: "qaly" }, warnings: [], baseCase, icerTable: icerTable(baseCase.summary), wtp: { grid: { from: 0, to: 1000000, step: 100000 }, thresholds: [500000] }, run: { version: "0.1.0", date: "2026-01-01" } };
 * const html = htmlReport(input);
 * html.startsWith("<!DOCTYPE html>") // => true
 * html.includes("<title>Demo &lt;1&gt;</title>") // => true
 */
export function htmlReport(input: ReportInput): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Forbids every external fetch, so a report can never phone home.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="qaly ${escapeXml(input.run.version)}">`,
    `<title>${escapeXml(input.metadata.title)}</title>`,
    "</head>",
    "<body>",
    htmlReportFragment(input),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
