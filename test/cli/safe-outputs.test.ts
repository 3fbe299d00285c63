import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { csvParseRows } from "d3-dsv";
import { parseCsv } from "../../src/core/csv/parse-csv.js";
import { qaly } from "./run-in-process.js";

// Issue 19, safe outputs: test/fixtures/trust/outputs/formula-names.yaml names strategies, labels,
// sources and a scenario with spreadsheet formulas and terminal escape sequences.
const model = fileURLToPath(new URL("../fixtures/trust/outputs/formula-names.yaml", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "qaly-safe-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// A control character other than tab, line feed and carriage return, written raw.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

describe("qaly run (formula and escape-sequence names)", () => {
  it("qaly run --out writes no CSV cell a spreadsheet would run as a formula, and keeps negative numbers as numbers", async () => {
    const { code, stderr } = await qaly("run", model, "--out", out, "--quiet");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const files = readdirSync(out).filter((name) => name.endsWith(".csv"));
    expect(files.length).toBeGreaterThan(5);
    let neutralised = 0;
    for (const file of files) {
      // The raw fields, as a spreadsheet sees them (parseCsv would remove the protecting quote).
      for (const cell of csvParseRows(readFileSync(join(out, file), "utf8")).flat()) {
        if (DECIMAL.test(cell)) continue;
        expect(cell, `${file}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
        if (cell.startsWith("'")) neutralised++;
      }
    }
    expect(neutralised).toBeGreaterThan(10);
    const baseCase = readFileSync(join(out, "base-case.csv"), "utf8");
    expect(baseCase).toContain("'+cmd|' /C calc'!A0,-500,0.5\n");
    expect(baseCase).toContain("\n-10,3000,");
    // parseCsv reads qaly's own CSV back to the names as written.
    expect(parseCsv(baseCase).rows.map((row) => row[0])).toContain("=HYPERLINK(\"http://example.invalid\")");
  });

  it("qaly run --out writes the names' escape sequences into CSV and JSON files as visible text, never raw", async () => {
    // The run of the first test wrote them (`cat parameters.csv` must not retitle the terminal).
    const files = readdirSync(out).filter((name) => name.endsWith(".csv") || name.endsWith(".json"));
    expect(files).toContain("results.json");
    for (const file of files) expect(readFileSync(join(out, file), "utf8"), file).not.toMatch(RAW_CONTROL);
    expect(readFileSync(join(out, "base-case.csv"), "utf8")).toContain("\\x1b]0;pwned\\x07Retitled");
    const json = readFileSync(join(out, "results.json"), "utf8");
    expect(json).toContain("\\u001b]0;pwned\\u0007Retitled");
    expect(JSON.stringify(JSON.parse(json))).toContain("\\u001b]0;pwned\\u0007Retitled");
  });

  it("qaly run prints the names' escape sequences as visible text, never raw", async () => {
    const { code, stdout } = await qaly("run", model, "--psa", "0", "--no-dsa");
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(stdout).toContain("\\x1b]0;pwned\\x07Retitled");
  });
});

describe("qaly analyze (hostile inputs)", () => {
  it("qaly analyze /dev/zero fails with file_not_allowed instead of reading forever; a missing file is file_not_found", async () => {
    const zero = await qaly("analyze", "/dev/zero");
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/file_not_allowed: \/dev\/zero is not a regular file/);
    expect((await qaly("analyze", join(out, "no-such.csv"))).stderr).toMatch(/file_not_found/);
  });

  it("qaly analyze of a PSA whose strategy names hold ESC and CSI: --json stays JSON, the CSVs hold them as visible text", async () => {
    const folder = mkdtempSync(join(tmpdir(), "qaly-hostile-psa-"));
    try {
      const names = ["A\u001b[2J", "B\u009b31m"];
      const rows = Array.from({ length: 20 }, (_, i) => `${i + 1},${1000 + i},${2000 + 3 * i},${0.5 + i / 100},${0.7 + i / 90}`);
      writeFileSync(join(folder, "psa.csv"), [`draw,cost_${names[0]},cost_${names[1]},qaly_${names[0]},qaly_${names[1]}`, ...rows, ""].join("\n"));
      const result = await qaly("analyze", join(folder, "psa.csv"), "--json", "--out", join(folder, "out"), "--quiet");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).icerTable.map((row: { strategy: string }) => row.strategy).sort()).toEqual(names);
      for (const file of readdirSync(join(folder, "out"))) expect(readFileSync(join(folder, "out", file), "utf8"), file).not.toMatch(RAW_CONTROL);
      expect(readFileSync(join(folder, "out", "icer-table.csv"), "utf8")).toContain("B\\x9b31m");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("qaly analyze warns that cost_B is read as a parameter when qaly_B is missing (fixture psa-missing-column.csv)", async () => {
    const result = await qaly("analyze", fileURLToPath(new URL("../fixtures/trust/strict/psa-missing-column.csv", import.meta.url)));
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/column "cost_B" is read as a parameter, not as a strategy: there is no qaly_B column/);
  });
});
