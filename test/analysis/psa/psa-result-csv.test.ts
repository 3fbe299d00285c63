// psaResultFromCsv reads what docs/uncertainty.md promises: TreeAge, Excel and R output
// (test/fixtures/psa-import/README.md describes the files; the means are checked by hand there).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { psaResult, psaResultFromCsv, psaResultToCsv } from "../../../src/analysis/psa/index.js";
import { psaResultCsvChunks } from "../../../src/analysis/psa/psa-result-csv.js";
import { columnDraws } from "../../../src/analysis/psa/column-draws.js";
import { evppi } from "../../../src/analysis/voi/index.js";
import { thrown } from "../../helpers/thrown.js";

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/psa-import/${name}`, import.meta.url)), "utf8");


/** The four draws both fixtures hold. */
const COST = { SoC: [1000, 1200, 1100, 900], "New drug": [3000, 3400, 2800, 3200] };
const EFFECT = { SoC: [1, 1.1, 0.9, 1], "New drug": [1.5, 1.4, 1.3, 1.6] };

describe("psaResultFromCsv: output of other tools", () => {
  it("reads R's write.csv output: quoted headers, the unnamed row-name column, NA parameter values as NaN", () => {
    const psa = psaResultFromCsv(fixture("r-write-csv.csv"));
    expect(psa.strategies).toEqual(["SoC", "New drug"]);
    for (const s of psa.strategies as ("SoC" | "New drug")[]) {
      expect(Array.from(psa.values("cost", s))).toEqual(COST[s]);
      expect(Array.from(psa.values("effect", s))).toEqual(EFFECT[s]);
    }
    expect(psa.mean("cost", "New drug")).toBe(3100);
    expect(psa.parameters!.names).toEqual(["pRespond", "uResponse"]);
    expect(Array.from(psa.parameters!.column("pRespond"))).toEqual([0.41, NaN, 0.38, 0.45]);
    expect(Array.from(psa.parameters!.column("uResponse"))).toEqual([0.82, 0.79, NaN, 0.85]);
  });

  it("reads the same file with Windows line ends, a byte-order mark and draws out of order", () => {
    const lines = fixture("r-write-csv.csv").trimEnd().split("\n");
    const text = "\uFEFF" + [lines[0], lines[3], lines[1], lines[4], lines[2]].join("\r\n") + "\r\n";
    const psa = psaResultFromCsv(text);
    expect(Array.from(psa.values("effect", "SoC"))).toEqual(EFFECT.SoC);
  });

  it("reads a TreeAge-style export: Iteration, then <strategy>_Cost and <strategy>_Eff columns", () => {
    const psa = psaResultFromCsv(fixture("treeage-psa.csv"));
    expect(psa.strategies).toEqual(["SoC", "New drug"]);
    expect(psa.outcomes).toEqual(["cost", "effect"]);
    for (const s of psa.strategies as ("SoC" | "New drug")[]) {
      expect(Array.from(psa.values("cost", s))).toEqual(COST[s]);
      expect(Array.from(psa.values("effect", s))).toEqual(EFFECT[s]);
    }
    expect(psa.parameters!.names).toEqual(["pRespond"]);
    // Strategy-first columns with other names and separators (R's read.csv turns spaces into dots).
    const other = psaResultFromCsv("iteration,A.cost,A.qaly,B.cost,B.qaly\n2,3,4,5,6\n1,1,2,3,4\n", { outcomes: ["cost", "qaly"] });
    expect(Array.from(other.values("qaly", "B"))).toEqual([4, 6]);
    expect(other.parameters).toBeUndefined();
  });

  it("prefers qaly's own <outcome>_<strategy> columns; explicit prefixes never fall back to strategy-first names", () => {
    const both = psaResultFromCsv("draw,cost_A,effect_A,X_cost,X_effect\n1,1,2,3,4\n");
    expect(both.strategies).toEqual(["A"]);
    expect(both.parameters!.names).toEqual(["X_cost", "X_effect"]);
    expect(thrown(() => psaResultFromCsv("draw,A_c,A_e\n1,1,2\n", { outcomes: { cost: "c_", qaly: "e_" } })).path).toEqual(["csv", "header"]);
  });

  it("reports a missing outcome value (NA or empty) with file, line and column", () => {
    const text = fixture("r-write-csv.csv").replace('"3",3,1100,', '"3",3,NA,');
    const error = thrown(() => psaResultFromCsv(text, { file: "r-write-csv.csv" }));
    expect(error.code).toBe("parse_error");
    expect(error.path).toEqual(["r-write-csv.csv", "line", 4, "column", "cost_SoC"]);
    expect(error.message).toContain('line 4, column "cost_SoC": "NA" is not a number');
  });

  it("reads a semicolon-separated Excel export with { delimiter: ';' } and explains the error without it", () => {
    const text = "draw;cost_A;effect_A\n1;1000,5;0,75\n";
    const error = thrown(() => psaResultFromCsv(text, { file: "excel.csv" }));
    expect(error.path).toEqual(["excel.csv", "line", 1]);
    expect(error.message).toMatch(/semicolon-separated.*delimiter ";"/);
    const psa = psaResultFromCsv(text, { delimiter: ";" });
    expect([psa.mean("cost", "A"), psa.mean("effect", "A")]).toEqual([1000.5, 0.75]);
  });

  it("writes a missing parameter value as NA, which reads back as NaN", () => {
    const psa = psaResultFromCsv(fixture("r-write-csv.csv"));
    const text = psaResultToCsv(psa);
    expect(text.split("\n")[2]).toBe("2,1200,3400,1.1,1.4,NA,0.79");
    expect(Array.from(psaResultFromCsv(text).parameters!.column("pRespond"))).toEqual([0.41, NaN, 0.38, 0.45]);
  });

  it("evppi refuses a parameter with missing draws instead of returning a number from NaN", () => {
    const psa = psaResultFromCsv(fixture("r-write-csv.csv"));
    const error = thrown(() => evppi(psa, "pRespond", [1000]));
    expect(error.code).toBe("invalid_argument");
    expect(error.path).toEqual(["parameter"]);
  });
});

describe("psaResultCsvChunks: the CSV of a large PSA in pieces", () => {
  it("joined, the chunks are psaResultToCsv's text (wide and long, with parameters), about a hundred rows each (under 128 kB: young objects for V8)", () => {
    const n = 2_500;
    const psa = psaResult({
      strategies: ["A", "B"],
      outcomes: ["cost", "qaly"],
      values: { cost: { A: Array.from({ length: n }, (_, i) => i / 3), B: Array.from({ length: n }, (_, i) => 1e21 + i) }, qaly: { A: Array.from({ length: n }, (_, i) => i * 0.1), B: Array.from({ length: n }, () => 0.5) } },
      parameters: columnDraws({ x: Array.from({ length: n }, (_, i) => i / 7) }),
    });
    const withParameters = psa;
    for (const options of [{}, { format: "long" as const }, { parameters: false }]) {
      const chunks = [...psaResultCsvChunks(withParameters, options)];
      expect(chunks.join("")).toBe(psaResultToCsv(withParameters, options));
      // The header, then whole lines: never a line split between chunks.
      expect(chunks.length).toBeGreaterThan(2);
      for (const chunk of chunks) expect(chunk.endsWith("\n")).toBe(true);
      for (const chunk of chunks.slice(1)) expect(chunk.split("\n").length - 1).toBeLessThanOrEqual(options.format === "long" ? 200 : 100);
    }
    expect(psaResultToCsv(withParameters).split("\n").slice(0, 3)).toEqual(["draw,cost_A,cost_B,qaly_A,qaly_B,x", "1,0,1e+21,0,0.5,0", "2,0.3333333333333333,1e+21,0.1,0.5,0.14285714285714285"]);
  });
});
