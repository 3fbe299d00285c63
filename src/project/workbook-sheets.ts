import { quantileSorted } from "d3-array";
import { neutraliseFormula } from "../core/csv/formula-cells.js";
import { severityStatement } from "../report/format/severity-statement.js";
import type { ProjectRun } from "./run-project.js";

/** One cell of a workbook sheet: text, a number, or empty. */
export type WorkbookCell = string | number | null;

/** One sheet of a run's workbook: a header row and data rows (plain values, no formulas). */
export interface WorkbookSheet {
  /** Sheet name, at most 31 characters, none of `[]:*?/\`. */
  readonly name: string;
  /** Column headers. */
  readonly columns: readonly string[];
  /** Data rows, each as long as `columns`. */
  readonly rows: readonly (readonly WorkbookCell[])[];
}

/**
 * The sheets of a run's Excel workbook, as plain values: About (model, settings, run, warnings),
 * Inputs (every parameter with its distribution, interval, source and status), Results (every
 * outcome per strategy), ICER table, Net benefit, and with a PSA the PSA summary (means with 95 %
 * intervals, probability cost-effective, EVPI at the thresholds), and a trace sheet per cohort
 * strategy. Browser-safe (no I/O): `qaly/node`'s `writeWorkbook` writes them as `.xlsx`.
 *
 * Text cells that a spreadsheet could run as a formula (starting with `=`, `+`, `-`, `@`) get a
 * leading `'`, as in qaly's CSV files; numbers stay numbers (NaN and ±∞ become empty cells).
 *
 * @param run - a project run (`runProject`)
 * @returns the sheets, in workbook order
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([p.cSoc, 5, 300000, 5.5]); } };
 * const project = { name: "demo", metadata: { title: "Demo", currency: "SEK" }, model, parameters: defineParameters({ cSoc: 100000 }),
 *   outcomes: { cost: "cost", effect: "qaly" }, scenarios: {}, wtp: { grid: { from: 0, to: 1000000, step: 500000 }, thresholds: [500000] },
 *   psa: { samples: 0, seed: 1 }, warnings: [] };
 * const sheets = workbookSheets(await runProject(project, { psa: 0, dsa: false }));
 * sheets.map((s) => s.name) // => ["About", "Inputs", "Results", "ICER table", "Net benefit"]
 * sheets[3].rows[1] // => ["New", 300000, 5.5, 200000, 0.5, 400000, "non-dominated"]
 */
export function workbookSheets(run: ProjectRun): WorkbookSheet[] {
  const sheets: WorkbookSheet[] = [about(run), inputs(run), results(run), icerSheet(run), netBenefitSheet(run)];
  if (run.psa !== undefined && run.psaSummary !== undefined) sheets.push(psaSheet(run));
  for (const trace of run.traces ?? []) {
    sheets.push({
      name: sheetName(`Trace ${trace.strategy}`, sheets),
      columns: ["cycle", "time (years)", ...trace.states],
      rows: Array.from({ length: trace.proportions[0]?.length ?? 0 }, (_, k) => [k, k * trace.cycleLength, ...trace.proportions.map((p) => p[k]!)]),
    });
  }
  return sheets.map(safeSheet);
}

function about(run: ProjectRun): WorkbookSheet {
  const m = run.metadata;
  const e = run.economics;
  const rows: [string, WorkbookCell][] = [
    ["Title", m.title],
    ["Model", run.name],
    ["Question", m.question ?? null],
    ["Country", m.country ?? null],
    ["Perspective", m.perspective ?? null],
    ["Currency", m.currency],
    ["Price year", m.priceYear ?? null],
    ["Economic settings", e === undefined ? null : `${e.preset}${e.payer === "" ? "" : ` (${e.payer})`}: ${e.source}`],
    ["Severity", e === undefined ? null : (severityStatement(e) ?? null)],
    ["Discount rate, costs", e?.discountRate.cost ?? null],
    ["Discount rate, effects", e?.discountRate.effect ?? null],
    ["Thresholds per unit of effect", run.wtp.thresholds.join("; ")],
    ["Cost outcome", run.outcomes.cost],
    ["Effect outcome", run.outcomes.effect],
    ["Scenario", run.run.scenario ?? null],
    ["PSA draws", run.run.samples ?? null],
    ["PSA seed", run.run.seed === undefined ? null : String(run.run.seed)],
    ["qaly version", run.run.version],
    ["Run date", run.run.date],
    ...run.warnings.map((w, i): [string, WorkbookCell] => [`Warning ${i + 1}`, w]),
  ];
  return { name: "About", columns: ["Item", "Value"], rows: rows.filter(([, v]) => v !== null) };
}

function inputs(run: ProjectRun): WorkbookSheet {
  return {
    name: "Inputs",
    columns: ["parameter", "label", "kind", "value (base case)", "2.5 %", "97.5 %", "unit", "distribution", "source", "status", "note"],
    rows: (run.parameters ?? []).map((p) => [p.name, p.label, p.kind, p.mean, p.lower, p.upper, p.unit, p.distribution, p.source, p.status, p.note]),
  };
}

function results(run: ProjectRun): WorkbookSheet {
  const base = run.baseCase;
  return { name: "Results", columns: ["strategy", ...base.outcomes], rows: base.strategies.map((s) => [s, ...base.outcomes.map((o) => base.values[s]![o]!)]) };
}

function icerSheet(run: ProjectRun): WorkbookSheet {
  return {
    name: "ICER table",
    columns: ["strategy", `cost (${run.metadata.currency})`, run.outcomes.effect, "incremental cost", "incremental effect", "ICER", "status"],
    rows: run.icerTable.map((r) => [r.strategy, r.cost, r.effect, r.incrementalCost, r.incrementalEffect, r.icer, r.status]),
  };
}

function netBenefitSheet(run: ProjectRun): WorkbookSheet {
  return { name: "Net benefit", columns: ["WTP per unit of effect", "strategy", "net monetary benefit", "optimal"], rows: run.netBenefit.map((r) => [r.wtp, r.strategy, r.nmb, r.optimal ? "yes" : ""]) };
}

function psaSheet(run: ProjectRun): WorkbookSheet {
  const psa = run.psa!;
  const summary = run.psaSummary!;
  const { cost, effect } = run.outcomes;
  const interval = (outcome: string, strategy: string): [number, number] => {
    const sorted = Float64Array.from(psa.values(outcome, strategy)).sort();
    return [quantileSorted(sorted as unknown as number[], 0.025) ?? Number.NaN, quantileSorted(sorted as unknown as number[], 0.975) ?? Number.NaN];
  };
  const rows: WorkbookCell[][] = psa.strategies.map((s) => [s, psa.mean(cost, s), ...interval(cost, s), psa.mean(effect, s), ...interval(effect, s), null, null]);
  for (const r of summary.probabilityCostEffective) rows.push([r.strategy, null, null, null, null, null, null, r.wtp, r.probability]);
  const evpiAt = run.wtp.thresholds.map((w): WorkbookCell[] => {
    const g = Array.from(summary.evpi.wtp).indexOf(w);
    return ["EVPI per person", null, null, null, null, null, null, w, g < 0 ? null : summary.evpi.perPerson[g]!];
  });
  return {
    name: "PSA summary",
    columns: ["strategy", `mean ${cost}`, `${cost} 2.5 %`, `${cost} 97.5 %`, `mean ${effect}`, `${effect} 2.5 %`, `${effect} 97.5 %`, "WTP", "probability cost-effective (EVPI per person)"],
    rows: [...rows, ...evpiAt],
  };
}

/** A unique sheet name Excel accepts: no `[]:*?/\`, at most 31 characters. */
function sheetName(wanted: string, taken: readonly WorkbookSheet[]): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
  let name = clean;
  for (let i = 2; taken.some((s) => s.name.toLowerCase() === name.toLowerCase()); i++) name = `${clean.slice(0, 31 - String(i).length - 1)} ${i}`;
  return name;
}

/** Formula-looking text neutralised; non-finite numbers as empty cells. */
function safeSheet(sheet: WorkbookSheet): WorkbookSheet {
  const cell = (value: WorkbookCell | boolean | undefined): WorkbookCell => {
    if (value === null || value === undefined) return null;
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    return neutraliseFormula(String(value));
  };
  return Object.freeze({ name: sheet.name, columns: Object.freeze(sheet.columns.map((c) => cell(c) as string)), rows: Object.freeze(sheet.rows.map((r) => Object.freeze(r.map(cell)))) });
}
