// `qaly run --xlsx FILE` and `qaly analyze --xlsx FILE` write the run's Excel workbook (issue 14, item 6).
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { qaly } from "./run-in-process.js";

describe("--xlsx", () => {
  it("qaly run models/sumatriptan-evans-1997 --psa 20 --xlsx FILE writes a workbook with the ICER table", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "qaly-run-xlsx-")), "sumatriptan.xlsx");
    const result = await qaly("run", "models/sumatriptan-evans-1997", "--psa", "20", "--no-dsa", "--xlsx", file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`workbook: ${file}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet("ICER table")!.getRow(1).getCell(1).value).toBe("strategy");
    expect(workbook.getWorksheet("PSA summary")).toBeDefined();
  });

  it("qaly analyze psa.csv --xlsx FILE writes a workbook", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "qaly-analyze-xlsx-")), "psa.xlsx");
    const csv = fileURLToPath(new URL("../fixtures/psa-import/r-write-csv.csv", import.meta.url));
    const result = await qaly("analyze", csv, "--xlsx", file);
    expect(result.code).toBe(0);
    expect(existsSync(file)).toBe(true);
  });
});
