import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { runProject } from "../../src/project/run-project.js";
import { runJson } from "../../src/project/results-json.js";
import { formatRun } from "../../src/cli/terminal/format-run.js";
import { runResultFiles } from "../../src/node/write-results.js";
import { htmlReport } from "../../src/report/html/html-report.js";

// Two states, 3 annual cycles, end-of-cycle counting, no discounting. A cohort of 1 000 starts
// 900 Well and 100 Sick; Well → Sick 0.1, Sick → Dead 0.2 (Sick absorbs nothing else).
// By hand, per person (proportions 0.9, 0.1, 0):
//   after cycle 1: Well 0.81,   Sick 0.09 + 0.08 = 0.17,       Dead 0.02
//   after cycle 2: Well 0.729,  Sick 0.081 + 0.136 = 0.217,    Dead 0.054
//   after cycle 3: Well 0.6561, Sick 0.0729 + 0.1736 = 0.2465, Dead 0.0974
// life-years = 0.81 + 0.17 + 0.729 + 0.217 + 0.6561 + 0.2465 = 2.8286; cost (Sick 1 000 a year) =
// (0.17 + 0.217 + 0.2465) × 1 000 = 633.5. For the cohort: 2 828.6 life-years, 633 500.
const MODEL = (start: string, cohort = "cohortSize: 1000\n") => `metadata: { title: Cohort, currency: SEK }
strategies: [A, B]
${cohort}model:
  type: markov
  states: [Well, Sick, Dead]
  outcomes: { cost: cost, lifeYears: effect }
  start: ${start}
  cycles: 3
  cycleCorrection: none-end
  discountRate: { cost: 0, effect: 0 }
  transitions:
    Well: { Sick: 0.1, Well: complement }
    Sick: { Dead: 0.2, Sick: complement }
    Dead: { Dead: 1 }
  values:
    cost: { Sick: 1000 }
    lifeYears: { Well: 1, Sick: 1 }
`;

describe("cohort size (cohortSize, starting counts)", () => {
  it("starting counts of a cohort of 1 000 give the hand-computed per-person results (unchanged) and per-cohort totals in the JSON, the CSV files and the terminal", async () => {
    const run = await runProject(compileModelFile(MODEL("{ Well: 900, Sick: 100 }"), { fileName: "cohort.yaml" }), { dsa: false });
    expect(run.baseCase.values["A"]!.lifeYears).toBeCloseTo(2.8286, 12);
    expect(run.baseCase.values["A"]!.cost).toBeCloseTo(633.5, 10);
    const json = runJson(run);
    expect(json.cohortSize).toBe(1000);
    expect(json.baseCase.strategies["A"]!.cost).toBeCloseTo(633.5, 10);
    expect(json.baseCasePerCohort!.strategies["A"]!.lifeYears).toBeCloseTo(2828.6, 9);
    expect(json.baseCasePerCohort!.strategies["A"]!.cost).toBeCloseTo(633_500, 7);
    const files = runResultFiles(run);
    const [header, first] = files["base-case-per-cohort.csv"]!.split("\n").map((line) => line.split(","));
    expect(header!.slice(0, 4)).toEqual(["strategy", "cohort_size", "cost", "lifeYears"]);
    expect([first![0], Number(first![1]), Number(first![2]), Number(first![3])]).toEqual(["A", 1000, expect.closeTo(633_500, 7), expect.closeTo(2828.6, 9)]);
    const text = formatRun(run);
    expect(text).toContain("Base case, per person");
    expect(text).toContain("Base case, per cohort of 1 000 people");
    expect(text).toMatch(/A\s+633 500\s+2828\.6/);
    // The report shows the per-cohort totals under the per-person table.
    const html = htmlReport(run);
    const cohort = html.slice(html.indexOf("<h3>Per cohort of 1 000 people</h3>"));
    expect(cohort.length).toBeLessThan(html.length);
    expect(cohort.slice(0, cohort.indexOf("</table>"))).toContain("<td>A</td><td class=\"num\">633&#160;500</td><td class=\"num\">2&#160;829</td>");
  });

  it("proportions are still accepted with a cohort size, and give the same per-person results", async () => {
    const counts = await runProject(compileModelFile(MODEL("{ Well: 900, Sick: 100 }"), { fileName: "cohort.yaml" }), { dsa: false });
    const shares = await runProject(compileModelFile(MODEL("{ Well: 0.9, Sick: 0.1 }"), { fileName: "cohort.yaml" }), { dsa: false });
    expect(shares.baseCase.values).toEqual(counts.baseCase.values);
  });

  it("without cohortSize nothing changes: no per-cohort results, and counts are refused as before", async () => {
    const run = await runProject(compileModelFile(MODEL("{ Well: 0.9, Sick: 0.1 }", ""), { fileName: "cohort.yaml" }), { dsa: false });
    expect(run.cohortSize).toBeUndefined();
    expect(runJson(run).baseCasePerCohort).toBeUndefined();
    expect(Object.keys(runResultFiles(run))).not.toContain("base-case-per-cohort.csv");
    expect(formatRun(run)).not.toContain("per cohort");
    expect(checkModelFile(MODEL("{ Well: 900, Sick: 100 }", ""), { fileName: "cohort.yaml" }).ok).toBe(false);
  });

  it("a starting cohort that sums to neither 1 nor cohortSize, and a cohortSize ≤ 0, are issues with their paths", () => {
    const wrong = checkModelFile(MODEL("{ Well: 900, Sick: 50 }"), { fileName: "cohort.yaml" });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.issues.map((issue) => [issue.code, issue.path.join(".")])).toContainEqual(["invalid_model", "model.start"]);
    const zero = checkModelFile(MODEL("{ Well: 1 }", "cohortSize: 0\n"), { fileName: "cohort.yaml" });
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.issues.map((issue) => issue.path.join("."))).toContain("cohortSize");
  });
});
