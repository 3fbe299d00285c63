import { escapeXml } from "../format/escape-xml.js";
import { numberCell, tableToHtml, textCell, type ReportTable } from "../format/report-table.js";
import { formatMoney, formatNumber } from "../format/format-number.js";
import { formatSignificant } from "../../core/format-significant.js";
import { icerReportTable } from "../tables/icer-report-table.js";
import type { ReportContext } from "./report-context.js";

/** The subgroups' ICER tables beside the whole population's. @internal */
export function subgroupsSection(context: ReportContext): string {
  const { input, currency, effectUnit } = context;
  const groups = input.subgroups ?? [];
  if (groups.length === 0) return "";
  let out = `<section><h2>Subgroups</h2><p class="note">Base case per patient in each subgroup; the whole population's results are above.</p>`;
  for (const group of groups) {
    out += `<h3>${escapeXml(group.name)}</h3>`;
    if (group.description !== undefined) out += `<p>${escapeXml(group.description)}</p>`;
    out += tableToHtml(icerReportTable(group.icerTable, { currency, effectUnit }));
  }
  return `${out}</section>`;
}

/** The calibration table: each target, the model's value and the difference. @internal */
export function calibrationSection(context: ReportContext): string {
  const rows = context.input.calibration ?? [];
  if (rows.length === 0) return "";
  const value = (v: number) => formatSignificant(v);
  const table: ReportTable = {
    caption: "Model (base case) against calibration targets",
    columns: ["Target", "Subgroup", "Strategy", "Outcome", "Target value", "Model", "Difference", "Within tolerance", "Source"],
    numeric: [false, false, false, false, true, true, true, false, false],
    rows: rows.map((r) => [
      textCell(r.name),
      textCell(r.subgroup ?? "whole population"),
      textCell(r.strategy),
      textCell(r.outcome),
      numberCell(r.target, value),
      numberCell(r.model, value),
      numberCell(r.difference, value),
      textCell(r.withinTolerance === undefined ? "" : `${r.withinTolerance ? "yes" : "NO"} (±${value(r.tolerance!)})`),
      textCell(r.source ?? ""),
    ]),
    rowClasses: rows.map((r) => (r.withinTolerance === false ? "dominated" : "")),
  };
  const outside = rows.filter((r) => r.withinTolerance === false).length;
  const note = outside === 0 ? "" : `<p class="note">${outside} target${outside === 1 ? " is" : "s are"} outside ${outside === 1 ? "its" : "their"} tolerance: recalibrate before relying on the results.</p>`;
  return `<section><h2>Calibration</h2>${note}${tableToHtml(table)}</section>`;
}

/** EVPPI of the project's parameter groups at the thresholds (the curves are drawn with the EVPI). @internal */
export function evppiGroupsSection(context: ReportContext): string {
  const { input, currency, effectUnit, thresholds } = context;
  const groups = input.evppi ?? [];
  if (groups.length === 0 || thresholds.length === 0 || context.degenerate) return "";
  const table: ReportTable = {
    caption: `EVPPI per person${currency === "" ? "" : ` (${currency})`}: the most it is worth paying to learn each group of parameters exactly`,
    columns: ["Parameter group", "Parameters", ...thresholds.map((w) => `at ${formatMoney(w, currency)} per ${effectUnit}`)],
    numeric: [false, false, ...thresholds.map(() => true)],
    rows: groups.map((g) => [textCell(g.name), textCell(g.curve.parameters.join(", ")), ...thresholds.map((_, j) => numberCell(g.atThresholds.perPerson[j]!, (v) => formatNumber(v)))]),
  };
  return `<section><h2>Value of partial perfect information</h2><p class="note">Regression estimates from the PSA draws (Strong, Oakley &amp; Brennan 2014); each group is learnt together, so a group's value is not the sum of its members'.</p>${tableToHtml(table)}</section>`;
}

/** Reclassification tables: how one test's calls are re-assigned by another, as shares of all patients. @internal */
export function reclassificationSection(context: ReportContext): string {
  const tables = context.input.reclassification ?? [];
  if (tables.length === 0) return "";
  const percent = (v: number) => `${(100 * v).toFixed(1)} %`;
  let out = `<section><h2>Reclassification</h2><p class="note">Base case; each cell is the share of all patients with that pair of calls (one run of each test, independent given the true status). Off the diagonal: patients the second test calls differently.</p>`;
  for (const t of tables) {
    const table: ReportTable = {
      caption: `${t.from}'s call (rows) and ${t.to}'s call (columns): ${percent(t.reclassified)} called differently`,
      columns: [`${t.from} → ${t.to}`, ...t.labels, "Total"],
      numeric: [false, ...t.labels.map(() => true), true],
      rows: t.labels.map((label, i) => [textCell(label), ...t.probability[i]!.map((p) => numberCell(p, percent)), numberCell(t.probability[i]!.reduce((a, b) => a + b, 0), percent)]),
    };
    out += tableToHtml(table);
  }
  return `${out}</section>`;
}
