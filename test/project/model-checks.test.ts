import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { modelChecks } from "../../src/project/model-checks.js";
import { psaResultFromCsv } from "../../src/analysis/psa/psa-result-csv.js";
import { qaly } from "../cli/run-in-process.js";

// Issue 19, model checks (TECH-VER, Büyükkaramikli et al. 2019). Fixtures in test/fixtures/trust/checks/.
const path = (name: string): string => fileURLToPath(new URL(`../fixtures/trust/${name}`, import.meta.url));
const compile = (text: string) => compileModelFile(text, { fileName: "t.yaml" });
const valid = readFileSync(path("budget/valid-markov.yaml"), "utf8");
const failing = (text: string, psa = 0) => modelChecks(compile(text), { psa }).filter((check) => !check.passed);

describe("modelChecks", () => {
  it("modelChecks(valid-markov.yaml) passes every check, survival at the horizon and PSA convergence included", () => {
    const checks = modelChecks(compile(valid), { psa: 200 });
    expect(checks.filter((check) => !check.passed)).toEqual([]);
    expect(checks.map((check) => check.code)).toEqual(expect.arrayContaining(["psa_convergence", "survival_at_horizon"]));
  });

  it("modelChecks(utility 1.4 under a beta distribution) fails value_outside_support and utility_above_one at parameters.uSick", () => {
    const failed = failing(readFileSync(path("checks/utility-above-one.yaml"), "utf8"));
    expect(failed.map(({ code, severity, path }) => ({ code, severity, path }))).toEqual([
      { code: "value_outside_support", severity: "error", path: ["parameters", "uSick"] },
      { code: "utility_above_one", severity: "error", path: ["parameters", "uSick"] },
    ]);
  });

  it("modelChecks finds QALYs above life years, a negative cost, costs that are not parameters, and unsourced parameters", () => {
    const text = valid
      .replace("outcomes: { cost: cost, qaly: effect }", "outcomes: { cost: cost, qaly: effect, lifeYears: effect }")
      .replace("qaly: { Well: 1, Sick: uSick }", "qaly: { Well: 1.5, Sick: uSick }\n    lifeYears: { Well: 1, Sick: 1 }")
      .replace("cost: { Well: 0, Sick: cSick }", "cost: { Well: 10, Sick: cSick }")
      .replace("cSick: { value: 1000,", "cSick: { value: -1000,")
      .replace(", source: invented, status: assumption }\n  uSick", " }\n  uSick");
    const codes = failing(text.replace("distribution: { kind: gamma, mean: 1000, sd: 100 }, ", "")).map((check) => check.code);
    // QALYs exceed life years, discounted and undiscounted (Well is worth 1.5); the constant 1.5
    // also fails the unit-utility extreme test.
    expect(codes).toEqual(["negative_cost_parameter", "parameter_without_source", "qaly_exceeds_life_years", "qaly_exceeds_life_years", "negative_total_cost", "zero_costs_give_zero_cost", "unit_utilities_give_life_years"]);
  });

  it("modelChecks(PSA of a model whose strategies differ only by noise) fails psa_convergence", () => {
    // A hazard ratio of mean 1 with a wide spread: the strategies' net benefits differ by noise around 0.
    const same = valid.replace("hrNew: { value: 0.8, distribution: { kind: lognormal, mean: 0.8, sd: 0.1 }", "hrNew: { value: 1, distribution: { kind: lognormal, mean: 1, sd: 0.5 }");
    expect(failing(same, 50).map((check) => check.code)).toEqual(["psa_convergence"]);
  });
});

describe("survival at the horizon", () => {
  it("modelChecks(a 10-cycle valid-markov.yaml) warns survival_at_horizon with the share alive per strategy", () => {
    const short = failing(valid.replace("cycles: 40", "cycles: 10"));
    expect(short.map(({ code, severity, path }) => ({ code, severity, path }))).toEqual([{ code: "survival_at_horizon", severity: "warning", path: ["model", "horizon"] }]);
    expect(short[0]!.message).toMatch(/^still alive at the horizon: \d+\.?\d*% in 'Old', \d+\.?\d*% in 'New'/);
  });
});

describe("qaly check", () => {
  it("qaly check exits 1 on an unacknowledged error, 0 when the file acknowledges it with a reason", async () => {
    const failed = await qaly("check", path("checks/utility-above-one.yaml"), "--psa", "0");
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/✖ value_outside_support: the base-case value 1\.4 of 'uSick' lies outside \[0, 1\]/);
    const acknowledged = await qaly("check", path("checks/acknowledged.yaml"), "--psa", "0", "--json");
    expect(acknowledged.code).toBe(0);
    const json = JSON.parse(acknowledged.stdout) as { passed: boolean; checks: { code: string; acknowledged?: string }[] };
    expect(json.passed).toBe(true);
    expect(json.checks.find((check) => check.code === "utility_above_one")?.acknowledged).toMatch(/deliberate/);
  });

  it("qaly validate accepts the 1.4 utility (it checks structure, not plausibility); qaly check is where it shows", async () => {
    expect((await qaly("validate", path("checks/utility-above-one.yaml"))).code).toBe(0);
  });
});

describe("model checks in every run", () => {
  it("qaly run ends its summary with the model-checks line, acknowledged failures named", async () => {
    const run = await qaly("run", path("checks/acknowledged.yaml"), "--psa", "20", "--no-dsa", "--quiet");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nmodel checks: \d+ passed; acknowledged: value_outside_support, utility_above_one \(qaly check for details\)\n$/);
  });
});

describe("modelChecks: zero effect difference (TECH-VER extreme value)", () => {
  // A screening tree (test/fixtures/screening-tree.yaml) in which only the test's sensitivity separates the strategies' QALYs.
  const tree = readFileSync(fileURLToPath(new URL("../fixtures/screening-tree.yaml", import.meta.url)), "utf8");
  const check = (nullEffect?: Record<string, number>) => modelChecks(compile(tree), { psa: 0, ...(nullEffect === undefined ? {} : { nullEffect }) }).find((c) => c.code === "zero_effect_difference");

  it("passes when the declared null effect leaves every strategy with the same effect, and is not run without one", () => {
    expect(check({ sensitivity: 0 })).toMatchObject({ passed: true, severity: "warning" });
    expect(check()).toBeUndefined();
  });

  it("fails, naming the strategies' effects, when the null effect leaves a difference; an unknown parameter is an error at its path", () => {
    const failed = check({ cTest: 0 });
    expect(failed).toMatchObject({ passed: false, path: ["checks", "nullEffect"] });
    // By hand: Test keeps 0.3 × 0.8 = 0.24 QALY, No test 0.
    expect(failed!.message).toContain("differs between strategies by 0.240");
    expect(check({ sensitivty: 0 })).toMatchObject({ passed: false, severity: "error", path: ["checks", "nullEffect", "sensitivty"] });
  });

  it("model files declare it under checks.nullEffect, and qaly check runs it", async () => {
    const project = compileModelFile(`${tree}checks: { nullEffect: { sensitivity: 0 } }\n`, { fileName: "t.yaml" });
    expect(project.model.strategies).toEqual(["No test", "Test"]);
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "qaly-null-"));
    writeFileSync(join(dir, "model.yaml"), `${tree}checks: { nullEffect: { sensitivity: 0 } }\n`);
    const result = await qaly("check", join(dir, "model.yaml"), "--psa", "0");
    expect(result.stdout).toContain("✓ zero_effect_difference: with sensitivity = 0 (no difference in effect), qaly is equal in every strategy");
  });
});

describe("psa_convergence", () => {
  it("reports the incremental NMB with its Monte Carlo SE and each mean ± SE, as computed by hand on 4 draws", () => {
    // psaConvergence's loops were rewritten (no Float64Array.from with a mapping function): the numbers
    // must stay those of the definition. New − Old net benefit per draw is w·(1, 2, 1, 2) − 50: mean
    // 1.5w − 50, SE = sd/√4 = (w/2·√(4/3))/2 = w/√12; Old's cost 100 … 400: mean 250, SE √(50 000/12) ≈ 64.5.
    const project = compile(valid);
    const w = project.wtp.thresholds[0] ?? 0;
    const psa = psaResultFromCsv("draw,cost_Old,qaly_Old,cost_New,qaly_New\n1,100,1,150,2\n2,200,1,250,3\n3,300,1,350,2\n4,400,1,450,3", { outcomes: ["cost", "qaly"] });
    const check = modelChecks(project, { psaResult: psa }).find((c) => c.code === "psa_convergence")!;
    expect(check.message).toContain(`4 draws at ${w} per unit effect: incremental NMB of 'New' over 'Old' ${(1.5 * w - 50).toPrecision(4)} ± ${(w / Math.sqrt(12)).toPrecision(2)} (Monte Carlo SE)`);
    expect(check.message).toContain("Old: cost 250.00 ± 65, qaly 1.0000 ± 0.0");
    expect(check.message).toContain("New: cost 300.00 ± 65, qaly 2.5000 ± 0.29");
  });
});
