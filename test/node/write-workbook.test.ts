// The Excel workbook of a run (issue 14, item 6): written with ExcelJS, read back with ExcelJS, and
// checked sheet by sheet against the run it came from.
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { loadModel } from "../../src/node/load-model.js";
import { writeWorkbook, workbookBytes } from "../../src/node/write-workbook.js";
import { runProject } from "../../src/project/run-project.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const rowValues = (ws: ExcelJS.Worksheet, r: number): unknown[] => (ws.getRow(r).values as unknown[]).slice(1);

describe("writeWorkbook", () => {
  it("writes inputs with sources and status, results, ICER table, net benefit, PSA summary and traces; read back they are the run's numbers", async () => {
    const { project } = await loadModel("models/sick-sicker/model.yaml");
    const run = await runProject(project, { psa: 40, dsa: false });
    const file = join(mkdtempSync(join(tmpdir(), "qaly-xlsx-")), "out", "sick-sicker.xlsx");
    await writeWorkbook(run, file);
    const workbook = await readBack(file);
    const names = workbook.worksheets.map((ws) => ws.name);
    expect(names.slice(0, 6)).toEqual(["About", "Inputs", "Results", "ICER table", "Net benefit", "PSA summary"]);
    expect(names.filter((n) => n.startsWith("Trace ")).length).toBe(run.traces!.length);

    const inputs = workbook.getWorksheet("Inputs")!;
    expect(rowValues(inputs, 1)).toEqual(["parameter", "label", "kind", "value (base case)", "2.5 %", "97.5 %", "unit", "distribution", "source", "status", "note"]);
    expect(inputs.rowCount).toBe(run.parameters!.length + 1);
    const first = run.parameters![0]!;
    expect(inputs.getRow(2).getCell(1).value).toBe(first.name);
    expect(inputs.getRow(2).getCell(4).value).toBe(first.mean);
    expect(inputs.getRow(2).getCell(9).value ?? "").toBe(first.source);

    const icer = workbook.getWorksheet("ICER table")!;
    run.icerTable.forEach((row, i) => {
      expect(icer.getRow(i + 2).getCell(1).value).toBe(row.strategy);
      expect(icer.getRow(i + 2).getCell(2).value).toBe(row.cost);
      expect(icer.getRow(i + 2).getCell(7).value).toBe(row.status);
    });

    const results = workbook.getWorksheet("Results")!;
    const s = run.baseCase.strategies[1]!;
    const column = run.baseCase.outcomes.indexOf("qaly") + 2;
    expect(results.getRow(3).getCell(1).value).toBe(s);
    expect(results.getRow(3).getCell(column).value).toBe(run.baseCase.values[s]!["qaly"]);

    const psa = workbook.getWorksheet("PSA summary")!;
    expect(psa.getRow(2).getCell(2).value).toBe(run.psa!.mean("cost", run.psa!.strategies[0]!));

    const trace = workbook.getWorksheet(names.find((n) => n.startsWith("Trace "))!)!;
    const series = run.traces![0]!;
    expect(trace.rowCount).toBe(series.proportions[0]!.length + 1);
    expect(trace.getRow(2).getCell(3).value).toBe(series.proportions[0]![0]);
  });

  it("neutralises text a spreadsheet could run as a formula (CSV rule); numbers stay numbers", async () => {
    const text = `metadata: { title: "=HYPERLINK(\\"http://x\\")" }
parameters:
  cA: { value: 1000, source: "=1+1", label: "@cmd" }
strategies: [A, B]
model:
  type: decision-tree
  root: { decision: { A: { terminal: { payoffs: { cost: cA, qaly: 1 } } }, B: { terminal: { payoffs: { cost: -5, qaly: 1.5 } } } } }
`;
    const run = await runProject(compileModelFile(text, { fileName: "inject.yaml" }), { psa: 0, dsa: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await workbookBytes(run)) as unknown as ExcelJS.Buffer);
    const about = workbook.getWorksheet("About")!;
    expect(about.getRow(2).getCell(2).value).toBe("'=HYPERLINK(\"http://x\")");
    const inputs = workbook.getWorksheet("Inputs")!;
    expect(inputs.getRow(2).getCell(2).value).toBe("'@cmd");
    expect(inputs.getRow(2).getCell(9).value).toBe("'=1+1");
    for (const ws of workbook.worksheets) ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const results = workbook.getWorksheet("Results")!;
    expect(results.getRow(3).getCell(2).value).toBe(-5);
    const aboutRows = about.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(aboutRows).toContainEqual(["Currency", "currency units"]);
  });
});
