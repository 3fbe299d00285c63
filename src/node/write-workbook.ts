import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import ExcelJS from "exceljs";
import type { ProjectRun } from "../project/run-project.js";
import { workbookSheets } from "../project/workbook-sheets.js";

/**
 * The Excel workbook of a run as `.xlsx` bytes: the sheets of `workbookSheets` (About, Inputs with
 * sources and status, Results, ICER table, Net benefit, PSA summary, traces), each with a bold,
 * frozen header row. Reviewers and payers who read models in Excel get the numbers as numbers.
 *
 * @param run - a project run (`runProject`)
 * @returns the workbook file's bytes
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([100000, 5, 300000, 5.5]); } };
 * const project = { name: "demo", metadata: { title: "Demo", currency: "SEK" }, model, parameters: defineParameters({}),
 *   outcomes: { cost: "cost", effect: "qaly" }, scenarios: {}, wtp: { grid: { from: 0, to: 1000000, step: 500000 }, thresholds: [500000] },
 *   psa: { samples: 0, seed: 1 }, warnings: [] };
 * const bytes = await workbookBytes(await runProject(project, { psa: 0, dsa: false }));
 * String.fromCharCode(bytes[0], bytes[1]) // => "PK"
 */
export async function workbookBytes(run: ProjectRun): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `qaly ${run.run.version}`;
  // A fixed date keeps the file identical for identical results (the run date is in the About sheet).
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const sheet of workbookSheets(run)) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow([...sheet.columns]).font = { bold: true };
    for (const row of sheet.rows) ws.addRow([...row]);
    sheet.columns.forEach((header, c) => {
      const longest = Math.max(header.length, ...sheet.rows.map((r) => String(r[c] ?? "").length));
      ws.getColumn(c + 1).width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * Writes the Excel workbook of a run (see {@link workbookBytes}) to a file, creating its folder.
 *
 * @param run - a project run
 * @param file - path of the `.xlsx` file
 * @returns when the file is written
 * @example
 * // await writeWorkbook(await runProject(project), "out/nsclc.xlsx");
 * typeof writeWorkbook // => "function"
 */
export async function writeWorkbook(run: ProjectRun, file: string): Promise<void> {
  const bytes = await workbookBytes(run);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, bytes);
}
