// The budgetImpact: block of a model file: compiled into the project's budget-impact definition,
// run with the project (base case, PSA draws, one-way, scenarios), and its errors named by path.
import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { runProject } from "../../src/project/run-project.js";
import { runJson } from "../../src/project/results-json.js";
import { budgetImpactCsv } from "../../src/project/budget-impact-csv.js";
import { modelBudgetImpact } from "../../src/analysis/bia/model-budget-impact.js";

const file = (budgetImpact: string, costByYear = 3) => `
metadata: { title: BIA demo, currency: SEK }
parameters:
  incidence: { distribution: { kind: normal, mean: 100, sd: 10 }, label: Incident patients per year, status: sourced }
  pTested: { value: 0.9, label: Share tested, status: assumption }
  cNew: { distribution: { kind: gamma, mean: 12000, se: 3000 }, label: New test price, status: assumption }
  cDrug: { value: 50000, label: Drug per year, status: sourced }
  mixOld: { value: 0.6 }
strategies:
  Old: { variables: { cTest: 3000 } }
  Other: { variables: { cTest: 3000 } }
  New: { variables: { cTest: cNew } }
model:
  type: partitioned-survival
  outcomes: { costTesting: cost, costDrug: cost, qaly: effect }
  cycleLength: 1/12
  cycles: 48
  costByYear: ${costByYear}
  curves:
    PFS: { kind: exponential, rate: 0.05 }
    OS: { kind: exponential, rate: 0.02 }
  startingValues: { costTesting: cTest }
  values:
    costDrug: { PF: cDrug }
    qaly: { PF: 0.8, PD: 0.6 }
budgetImpact:
${budgetImpact}
`;

const block = `  years: 3
  inhabitants: 1000000
  funnel:
    incident: { value: incidence, label: Incident patients, source: registry, status: sourced }
    tested: pTested
  without: { Old: mixOld, Other: 1 - mixOld }
  uptake: { New: [0.5, 0.75, 1] }
  categories: { testing: [costTesting], drugs: [costDrug] }
  listPrices: [cDrug]
  sensitivity: { incidence: distribution, cNew: { low: 6000, high: 20000 } }
  scenarios:
    Send-out test: { parameters: { cNew: 20000 } }
    Fast uptake: { uptake: { New: 1 } }`;

describe("budgetImpact: in model files", () => {
  it("compiles uptake into the shares of the world with, the rest split as without", async () => {
    const project = compileModelFile(file(block), { fileName: "bia.yaml" });
    const definition = project.budgetImpact!;
    const base = project.parameters.base();
    const r = modelBudgetImpact(project.model, definition, base);
    expect(r.shares.with["New"]).toEqual([0.5, 0.75, 1]);
    expect(r.shares.with["Old"]![0]).toBeCloseTo(0.5 * 0.6, 12);
    expect(r.shares.with["Other"]![1]).toBeCloseTo(0.25 * 0.4, 12);
    expect(r.patients[0]).toBeCloseTo(90, 9);
    expect(r.funnel[0]).toEqual({ name: "incident", label: "Incident patients", value: 100, source: "registry", status: "sourced" });
    expect(r.funnel[1]).toEqual({ name: "tested", label: "tested", value: 0.9 });
    // Same survival in every strategy: only testing differs, by 12 000 − 3 000 per switched patient, in year 1.
    expect(r.net.byCategory["testing"]![0]).toBeCloseTo(90 * 0.5 * 9000, 6);
    expect(r.net.byCategory["drugs"]![2]).toBeCloseTo(0, 6);
    expect(r.net.perInhabitant![1]).toBeCloseTo((90 * 0.75 * 9000) / 1e6, 9);

    const run = await runProject(project, { psa: 50, dsa: false, detail: false });
    const bia = run.budgetImpactRun!;
    expect(bia.base.net.total[0]).toBeCloseTo(r.net.total[0]!, 6);
    expect(bia.uncertainty!.draws).toBe(50);
    expect(bia.sensitivity.oneWay.map((row) => row.parameter).sort()).toEqual(["cNew", "incidence"]);
    expect(bia.sensitivity.scenarios.find((s) => s.name === "Send-out test")!.cumulative).toBeCloseTo(90 * (0.5 + 0.75 + 1) * 17000, 4);
    expect(bia.sensitivity.scenarios.find((s) => s.name === "Fast uptake")!.cumulative).toBeCloseTo(90 * 3 * 9000, 4);
    expect(bia.listPrices).toEqual(["cDrug"]);
    expect(JSON.parse(JSON.stringify(runJson(run))).budgetImpact.base.net.total).toHaveLength(3);
    expect(budgetImpactCsv(bia).split("\n")[0]).toBe("year,patients,without,with,net,cumulativeNet,net:testing,net:drugs,netPerInhabitant,netMean,netLower,netUpper,cumulativeNetLower,cumulativeNetUpper");
  });

  const issues = (text: string) => {
    const result = checkModelFile(text, { fileName: "bia.yaml" });
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.issues.map(({ code, path }) => ({ code, path }));
  };

  it("names the path of shares not summing to 1, a negative population, a horizon longer than the model's", () => {
    expect(issues(file(block.replace("uptake: { New: [0.5, 0.75, 1] }", "with: { New: [0.5, 0.75, 1], Old: [0.5, 0.2, 0] }")))).toEqual([{ code: "invalid_argument", path: ["budgetImpact", "with", "year", 2] }]);
    expect(issues(file(block.replace("tested: pTested", "tested: -pTested")))).toEqual([{ code: "invalid_argument", path: ["budgetImpact", "funnel", "tested"] }]);
    expect(issues(file(block, 2))).toEqual([{ code: "invalid_argument", path: ["budgetImpact", "years"] }]);
    expect(issues(file(block, 5))).toEqual([{ code: "invalid_model", path: ["model", "costByYear"] }]);
    expect(issues(file(block.replace("uptake: { New: [0.5, 0.75, 1] }", "uptake: { Nwe: [0.5, 0.75, 1, 1] }")))).toEqual([
      { code: "unknown_strategy", path: ["budgetImpact", "uptake", "Nwe"] },
      { code: "invalid_model", path: ["budgetImpact", "uptake", "Nwe"] },
    ]);
    expect(issues(file(block.replace("  uptake: { New: [0.5, 0.75, 1] }\n", "")))).toEqual([{ code: "invalid_model", path: ["budgetImpact"] }]);
    expect(issues(file(block.replace("cNew: { low: 6000, high: 20000 }", "cNwe: { low: 6000, high: 20000 }")))[0]).toEqual({ code: "unknown_parameter", path: ["budgetImpact", "sensitivity", "cNwe"] });
    expect(issues(file(block.replace("years: 3", "years: 0")))[0]!.path).toEqual(["budgetImpact", "years"]);
  });
});
