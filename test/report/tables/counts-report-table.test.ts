import { describe, expect, it } from "vitest";
import { chance, complement, decision, decisionTree, runBaseCase, terminal } from "../../../src/index.js";
import { countOutcomes, countsReportTable, tableToCsv, tableToMarkdown } from "../../../src/report/index.js";

// A toy test strategy: the sample fails with p = 0.1 (re-biopsy, 14 more days); a result is found
// in 0.9 + 0.1 · 0.8 = 0.98; of those, 20% carry the driver, detected with sensitivity 0.9.
const toy = decisionTree({
  title: "Toy test",
  root: decision({
    Panel: {
      payoffs: { cost: 5000 },
      counts: { tests: 1 },
      time: 10 / 365.25,
      next: chance([
        { label: "Result", probability: 0.9, counts: { result: 1 }, next: chance([
          { label: "Driver found", probability: 0.2 * 0.9, counts: { detected: 1 }, next: terminal({ qaly: 2 }) },
          { label: "No driver found", probability: complement, next: terminal({ qaly: 1 }) },
        ]) },
        { label: "Sample fails", probability: complement, counts: { reBiopsy: 1, tests: 1 }, time: 14 / 365.25, next: chance([
          { label: "Result", probability: 0.8, counts: { result: 1 }, next: chance([
            { label: "Driver found", probability: 0.2 * 0.9, counts: { detected: 1 }, next: terminal({ qaly: 2 }) },
            { label: "No driver found", probability: complement, next: terminal({ qaly: 1 }) },
          ]) },
          { label: "No result", probability: complement, next: terminal({ qaly: 1 }) },
        ]) },
      ]),
    },
    "No test": terminal({ cost: 0, qaly: 1 }),
  }),
});
const base = runBaseCase(toy, {});

describe("countsReportTable", () => {
  it("countOutcomes(base) keeps the tree's counts and leaves out cost, QALYs and time", () => {
    expect(countOutcomes(base).sort()).toEqual(["detected", "reBiopsy", "result", "tests"]);
    expect(countOutcomes(base, ["tests"]).sort()).toEqual(["detected", "reBiopsy", "result"]);
  });

  it("countsReportTable(base) gives each count per 1 000 patients tested and the mean time in days", () => {
    const table = countsReportTable(base, { outcomes: ["result", "detected", "reBiopsy", "tests"] });
    expect(table.caption).toBe("Per 1 000 patients tested (base case)");
    expect(table.columns).toEqual(["Outcome", "Panel", "No test", "No test vs Panel"]);
    const rows = Object.fromEntries(table.rows.map((row) => [row[0]!.text, row.slice(1).map((cell) => cell.value as number)]));
    // Closed form: result 900 + 100 · 0.8 = 980; detected 980 · 0.18 = 176.4; re-biopsy 100; tests 1 100.
    expect(rows.result![0]).toBeCloseTo(980, 10);
    expect(rows.detected![0]).toBeCloseTo(176.4, 10);
    expect(rows.reBiopsy![0]).toBeCloseTo(100, 10);
    expect(rows.tests![0]).toBeCloseTo(1100, 10);
    expect(rows.result![1]).toBe(0);
    // Time: 10 days for all, 14 more for the 10% re-biopsied: 11.4 days.
    expect(rows["time: mean, days"]![0]).toBeCloseTo(11.4, 10);
    expect(table.rows.map((row) => row[1]!.text)).toEqual(["980", "176", "100", "1 100", "11.4"]);
    // The difference from the first strategy, per 1 000 and relative: no test gives no result (−980, −100 %).
    expect(rows.result![2]).toBeCloseTo(-980, 10);
    expect(table.rows[0]![3]!.text).toBe("-980 (-100 %)");
  });

  it("countsReportTable(base, { per }) renders as Markdown and as CSV with raw numbers", () => {
    const table = countsReportTable(base, { outcomes: ["detected"], per: "patients" });
    expect(tableToMarkdown(table)).toContain("**Per 1 000 patients (base case)**");
    const csv = tableToCsv(table).split("\n");
    expect(csv[0]).toBe("Outcome,Panel,No test,No test vs Panel");
    expect(Number(csv[1]!.split(",")[1])).toBeCloseTo(176.4, 10);
  });

  it("countsReportTable(base) of a model with neither counts nor time has no rows", () => {
    const model = { title: "Plain", strategies: ["A"], outcomes: ["cost", "qaly"], evaluateInto(_: unknown, out: Float64Array) { out.set([1, 1]); } };
    expect(countsReportTable(runBaseCase(model, {})).rows).toEqual([]);
  });
});
