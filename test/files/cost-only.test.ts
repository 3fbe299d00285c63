import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { runProject } from "../../src/project/run-project.js";
import { costComparison } from "../../src/analysis/cea/cost-comparison.js";
import { runJson } from "../../src/project/results-json.js";
import { formatRun } from "../../src/cli/terminal/format-run.js";
import { htmlReport } from "../../src/report/html/html-report.js";

// A cost-only dressing tree. By hand: Foam 310 + 0.1 × 500 = 360, Gauze 245 + 0.2 × 500 = 345,
// so Gauze is least costly and Foam costs 15 more.
const TREE = `metadata: { title: Dressings, currency: GBP }
parameters:
  pInfectionFoam: { value: 0.1, distribution: { kind: beta, mean: 0.1, se: 0.02 } }
  pInfectionGauze: { value: 0.2, distribution: { kind: beta, mean: 0.2, se: 0.03 } }
  cInfection: 500
strategies: [Foam, Gauze]
outcomes: { effect: null }
model:
  type: decision-tree
  root:
    decision:
      Foam:
        payoffs: { cost: 310 }
        next: { chance: [{ label: Infection, probability: pInfectionFoam, next: { terminal: { payoffs: { cost: cInfection } } } }, { label: Healed, probability: complement, next: { terminal: {} } }] }
      Gauze:
        payoffs: { cost: 245 }
        next: { chance: [{ label: Infection, probability: pInfectionGauze, next: { terminal: { payoffs: { cost: cInfection } } } }, { label: Healed, probability: complement, next: { terminal: {} } }] }
dsa: { cInfection: { low: 100, high: 1000 } }
`;

describe("cost-only model files (outcomes: { effect: null })", () => {
  it("a decision tree with only costs runs end to end: the hand-computed costs, Gauze least costly, no NaN anywhere", async () => {
    const project = compileModelFile(TREE, { fileName: "dressings.yaml" });
    expect(project.outcomes).toEqual({ cost: "cost", effect: "effect", costOnly: true });
    const run = await runProject(project, { psa: 200, seed: 1, detail: false });
    expect(run.baseCase.values["Foam"]!.cost).toBeCloseTo(360, 10);
    expect(run.baseCase.values["Gauze"]!.cost).toBeCloseTo(345, 10);
    expect(costComparison(run.baseCase.summary).map((row) => [row.strategy, row.incrementalCost])).toEqual([["Gauze", null], ["Foam", expect.closeTo(15, 10)]]);
    expect(run.icerTable.map((row) => [row.strategy, row.status, row.icer])).toEqual([["Gauze", "non-dominated", null], ["Foam", "dominated", null]]);
    // Net monetary benefit is minus the cost at every threshold.
    for (const row of run.netBenefit) expect(row.nmb).toBeCloseTo(-run.baseCase.values[row.strategy]!.cost!, 9);
    const numbers = JSON.stringify(run, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? "NON-FINITE" : v instanceof Float64Array ? Array.from(v) : v));
    expect(numbers).not.toContain("NON-FINITE");
    expect(run.tornado?.bars.length).toBeGreaterThan(0);
    // The tornado's incremental NMB is a cost saving: Gauze saves 15 against Foam in the base case.
    expect(run.tornado!.base).toBeCloseTo(15, 9);
    expect(formatRun(run)).toContain("Tornado: cost saving of Gauze vs Foam (GBP; no effect outcome) (base 15)");
  });

  it("without effect: null, the same tree is refused as today (no effect outcome 'qaly'); a model with its own 'effect' outcome cannot be cost-only", () => {
    const today = checkModelFile(TREE.replace("outcomes: { effect: null }\n", ""), { fileName: "dressings.yaml" });
    expect(today.ok).toBe(false);
    if (!today.ok) expect(today.issues.map((issue) => [issue.code, issue.path.join(".")])).toContainEqual(["unknown_outcome", "outcomes.effect"]);
    const clash = checkModelFile(TREE.replace("payoffs: { cost: 310 }", "payoffs: { cost: 310, effect: 1 }"), { fileName: "dressings.yaml" });
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.issues.map((issue) => [issue.code, issue.path.join(".")])).toContainEqual(["invalid_model", "outcomes.effect"]);
  });

  it("the terminal, the JSON and the report say it is a cost comparison, not ICERs", async () => {
    const project = compileModelFile(TREE, { fileName: "dressings.yaml" });
    const run = await runProject(project, { psa: 100, seed: 2, dsa: false });
    const text = formatRun(run);
    expect(text).toContain("no effect outcome: a cost comparison");
    expect(text).toContain("Least costly (base case): Gauze");
    expect(text).toContain("Cost comparison (base case)");
    expect(text).not.toContain("ICER table");
    const json = runJson(run);
    expect(json.outcomes.costOnly).toBe(true);
    expect(json.costComparison!.map((row) => [row.strategy, row.rank, row.incrementalCost === null ? null : Math.round(row.incrementalCost)])).toEqual([["Gauze", 1, null], ["Foam", 2, 15]]);
    const html = htmlReport(run);
    expect(html).toContain("<h3>Cost comparison</h3>");
    expect(html).not.toContain("<h3>Incremental cost-effectiveness</h3>");
    expect(html).toContain("this is a cost comparison (cost-minimisation): Gauze is the least costly strategy");
    expect(html).not.toMatch(/NaN|Infinity/);
    // No cost-effectiveness plane of zero effects; the acceptability curve is the probability of being least costly.
    expect(html).not.toContain("Incremental cost and effect of each PSA draw");
    expect(html).toContain("Probability that each strategy is the least costly");
  });

  it("a Markov model with only a cost outcome is valid with effect: null; by hand, 1 000 + 900 + 810 = 2 710 over three years", async () => {
    const file = `metadata: { title: Budget, currency: SEK }
strategies: [Usual, New]
outcomes: { effect: null }
model:
  type: markov
  states: [On, Off]
  outcomes: { cost: cost }
  start: { On: 1 }
  cycles: 3
  cycleCorrection: none-beginning
  discountRate: { cost: 0, effect: 0 }
  transitions:
    On: { Off: 0.1, On: complement }
    Off: { Off: 1 }
  values:
    cost: { On: 1000 }
`;
    const run = await runProject(compileModelFile(file, { fileName: "budget.yaml" }), { dsa: false });
    expect(run.baseCase.values["Usual"]!.cost).toBeCloseTo(2710, 9);
    expect(run.baseCase.values["New"]!.effect).toBe(0);
    expect(costComparison(run.baseCase.summary).map((row) => row.incrementalCost)).toEqual([null, 0]);
  });
});
