import { describe, expect, it } from "vitest";
import { icerTable, psaResult, ceac, evpi } from "../../src/index.js";
import { parseCsv } from "../../src/core/csv/parse-csv.js";
import { ceacCsv, evpiCsv, icerTableCsv, parametersCsv, scenariosCsv } from "../../src/project/results-csv.js";
import { defineParameters, param, beta, scenarios } from "../../src/index.js";

describe("results CSV builders", () => {
  it("icerTableCsv(table) leaves undefined incremental values empty and quotes names with commas", () => {
    const text = icerTableCsv(icerTable([{ strategy: "Test, then treat", cost: 0, effect: 1 }, { strategy: "B", cost: 500, effect: 0.5 }]));
    const { header, rows } = parseCsv(text);
    expect(header).toEqual(["strategy", "cost", "effect", "comparator", "incremental_cost", "incremental_effect", "icer", "status"]);
    expect(rows[0]).toEqual(["Test, then treat", "0", "1", "", "", "", "", "non-dominated"]);
    expect(rows[1]![7]).toBe("dominated");
  });

  it("ceacCsv(curve) and evpiCsv(curve) round-trip every value exactly", () => {
    const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0, 0], B: [10_000, 20_000, 35_000] }, qaly: { A: [1, 1, 1], B: [1.3, 1.5, 1.7] } } });
    const grid = [0, 12_345.5, 50_000, 100_000];
    const curve = ceac(psa, grid);
    const parsed = parseCsv(ceacCsv(curve));
    expect(parsed.rows.map((row) => Number(row[2]))).toEqual(Array.from(curve.probability.B));
    const voi = evpi(psa, grid);
    expect(parseCsv(evpiCsv(voi)).rows.map((row) => Number(row[1]))).toEqual(Array.from(voi.perPerson));
  });

  it("parametersCsv(rows) writes the 95% interval and the status", () => {
    const rows = defineParameters({ pRespond: param(beta({ alpha: 45, beta: 55 }), { label: "Response", source: "Trial X", status: "sourced" }) }).describe();
    const { rows: lines } = parseCsv(parametersCsv(rows));
    expect(lines[0]!.slice(0, 6)).toEqual(["pRespond", "distribution", "Response", "", "Beta(α=45, β=55)", "0.45"]);
    expect(Number(lines[0]![6])).toBe(rows[0]!.lower);
    expect(lines[0]!.slice(8, 10)).toEqual(["Trial X", "sourced"]);
  });

  it("scenariosCsv(result) writes one row per scenario and strategy with the optimal flag", () => {
    const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"], evaluateInto: (p: Readonly<Record<string, number>>, out: Float64Array) => out.set([1000, 1, 1000 + p.cDrug!, 1.1]) };
    const { rows } = parseCsv(scenariosCsv(scenarios(model, { cDrug: 20_000 }, { wtp: 100_000, scenarios: { Cheap: { parameters: { cDrug: 5_000 } } } })));
    // At 100 000 per QALY: New's incremental NMB is 10 000 − 20 000 < 0 in the base case, 10 000 − 5 000 > 0 when cheap.
    expect(rows.map((row) => [row[0], row[1], row[6]])).toEqual([
      ["Base case", "Old", "true"],
      ["Base case", "New", "false"],
      ["Cheap", "Old", "false"],
      ["Cheap", "New", "true"],
    ]);
  });
});
