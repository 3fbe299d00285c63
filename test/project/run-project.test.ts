import { describe, expect, it } from "vitest";
import { defineParameters, dirichlet, gamma } from "../../src/index.js";
import { QalyError } from "../../src/core/errors.js";
import { runPsa } from "../../src/analysis/run/run-psa.js";
import type { ModelProject } from "../../src/files/model-project.js";
import { runProject, type PsaRunner } from "../../src/project/run-project.js";
import { projectPsaSetup } from "../../src/project/project-psa-setup.js";
import { psaSummary } from "../../src/project/psa-summary.js";
import { runJson } from "../../src/project/results-json.js";
import { project as sickSicker } from "../cli/fixtures/sick-sicker/project.js";
import { loadModel } from "../../src/node/load-model.js";
import { fileURLToPath } from "node:url";

/** A two-strategy toy whose results are known in closed form: New costs 1000 + cDrug for 1.1 QALYs, SoC 1000 for 1. */
function toyProject(overrides: Partial<ModelProject> = {}): ModelProject {
  const model = {
    title: "Toy",
    strategies: ["SoC", "New"],
    outcomes: ["cost", "qaly"],
    evaluateInto(p: Readonly<Record<string, number>>, out: Float64Array) {
      out.set([1000, 1, 1000 + p.cDrug!, 1 + p.qGain!]);
    },
  };
  return {
    name: "toy",
    metadata: { title: "Toy", currency: "SEK" },
    model,
    parameters: defineParameters({ cDrug: gamma.fromMeanSd(20_000, 2_000), qGain: 0.1 }),
    outcomes: { cost: "cost", effect: "qaly" },
    scenarios: { Cheap: { parameters: { cDrug: 10_000 } } },
    thresholds: [{ parameter: "cDrug", range: [0, 100_000], strategies: ["New", "SoC"] }],
    wtp: { grid: { from: 0, to: 1_000_000, step: 100_000 }, thresholds: [500_000, 1_000_000] },
    psa: { samples: 100, seed: "toy" },
    warnings: ["toy warning"],
    ...overrides,
  };
}

describe("runProject", () => {
  it("runProject(sick-sicker) reproduces the published base-case ICERs of Alarid-Escudero et al. 2023", async () => {
    // Reference: Alarid-Escudero et al., MDM 2023;43(1):3-20, table-cea (models/sick-sicker/reference.json),
    // printed as whole US$: the tolerance is half a unit of the last printed digit.
    const run = await runProject(sickSicker, { dsa: false });
    const icer = Object.fromEntries(run.icerTable.map((row) => [row.strategy, row]));
    expect(Math.abs(icer["Strategy B"]!.icer! - 72_988)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(icer["Strategy AB"]!.icer! - 125_764)).toBeLessThanOrEqual(0.5);
    expect(icer["Strategy A"]!.status).toBe("dominated");
    expect(run.psa).toBeUndefined();
    expect(run.warnings).toEqual(sickSicker.warnings);
  });

  it("runProject(project) reports NMB = wtp × effect − cost at each threshold and flags the optimal strategy", async () => {
    const run = await runProject(toyProject(), { dsa: false });
    // New: 500 000 × 1.1 − 21 000 = 529 000 > SoC: 500 000 − 1 000 = 499 000.
    const at = (wtp: number, strategy: string) => run.netBenefit.find((row) => row.wtp === wtp && row.strategy === strategy)!;
    expect(at(500_000, "New").nmb).toBeCloseTo(529_000, 6);
    expect(at(500_000, "SoC").nmb).toBe(499_000);
    expect(at(500_000, "New").optimal).toBe(true);
    expect(at(500_000, "SoC").optimal).toBe(false);
    expect(run.icerTable[1]!.icer).toBeCloseTo(200_000, 6);
  });

  it("runProject(project, { psa, seed }) is reproducible and its CEAC sums to 1 at every WTP", async () => {
    const a = await runProject(toyProject(), { psa: 200, seed: 7, dsa: false });
    const b = await runProject(toyProject(), { psa: 200, seed: 7, dsa: false });
    expect(a.psa!.buffer).toEqual(b.psa!.buffer);
    const summary = a.psaSummary!;
    expect(summary.samples).toBe(200);
    expect(summary.seed).toBe(7);
    for (let g = 0; g < summary.ceac.wtp.length; g++) {
      expect(summary.ceac.probability.SoC![g]! + summary.ceac.probability.New![g]!).toBeCloseTo(1, 12);
    }
    expect(summary.probabilityCostEffective).toHaveLength(4);
    expect(a.run.samples).toBe(200);
    expect(a.run.seed).toBe(7);
    expect(a.run.modelHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("runProject(project, { psa }) takes the project's seed when none is given", async () => {
    const run = await runProject(toyProject(), { psa: 10, dsa: false });
    expect(run.psaSummary!.seed).toBe("toy");
  });

  it("runProject(project) runs the tornado, the threshold analysis at every WTP threshold and the scenarios", async () => {
    const run = await runProject(toyProject());
    expect(run.tornado!.strategy).toBe("New");
    expect(run.tornado!.bars.map((bar) => bar.parameter)).toEqual(["cDrug"]); // qGain is fixed: no range
    // Threshold price where 500 000 × 0.1 = cDrug: 50 000; at 1 000 000: 100 000 (the range's end).
    const roots = run.thresholds!.map((t) => (t.status === "found" ? t.roots[0]!.value : null));
    expect(roots[0]).toBeCloseTo(50_000, 4);
    expect(run.thresholds).toHaveLength(2);
    expect(run.scenarios!.rows.map((row) => row.scenario)).toEqual(["Base case", "Cheap"]);
    expect(run.scenarios!.rows[1]!.results.New!.outcomes.cost).toBe(11_000);
  });

  it("runProject(project, { scenario }) applies the overrides to the base case and holds them fixed in the PSA", async () => {
    const run = await runProject(toyProject(), { scenario: "Cheap", psa: 20, dsa: false });
    expect(run.baseCase.values.New!.cost).toBe(11_000);
    expect(Array.from(run.psa!.parameters!.column("cDrug"))).toEqual(new Array(20).fill(10_000));
    expect(run.run.scenario).toBe("Cheap");
  });

  it("runProject(project, { scenario }) rejects an unknown scenario with unknown_scenario", async () => {
    const error = await runProject(toyProject(), { scenario: "Chaep" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QalyError);
    expect((error as QalyError).code).toBe("unknown_scenario");
    expect((error as QalyError).path).toEqual(["scenarios", "Chaep"]);
  });

  it("runProject(project, { psaRunner }) evaluates the PSA with the runner it is given", async () => {
    let calls = 0;
    const psaRunner: PsaRunner = (model, sampler, options) => {
      calls++;
      return runPsa(model, sampler, options);
    };
    const run = await runProject(toyProject(), { psa: 5, dsa: false, psaRunner });
    expect(calls).toBe(1);
    expect(run.psa!.size).toBe(5);
  });

  it("runProject(project) uses project.baseCase when given instead of the distribution means", async () => {
    const run = await runProject(toyProject({ baseCase: { cDrug: 30_000, qGain: 0.1 } }), { dsa: false });
    expect(run.baseCase.values.New!.cost).toBe(31_000);
  });

  it("runProject(project) recomputes derived parameters from project.baseCase in scenarios and the one-way analysis", async () => {
    // cDrug is derived: twice the unit price. A scenario on the unit price must move it.
    const parameters = defineParameters({ cUnit: gamma.fromMeanSd(10_000, 1_000), qGain: 0.1 }).derive((p) => ({ cDrug: 2 * p.cUnit }));
    const project = toyProject({ parameters, baseCase: { cUnit: 15_000, qGain: 0.1, cDrug: 30_000 }, scenarios: { Cheap: { parameters: { cUnit: 5_000 } } }, thresholds: [] });
    const run = await runProject(project, { psa: 0 });
    expect(run.baseCase.values.New!.cost).toBe(31_000);
    expect(run.scenarios!.rows[1]!.results.New!.outcomes.cost).toBe(11_000);
    const bar = run.tornado!.bars.find((b) => b.parameter === "cUnit")!;
    expect(bar.low).not.toBe(bar.high);
  });

  it("runProject(project) reports parameters that make the model fail in the one-way analysis as warnings", async () => {
    const model = {
      title: "Fragile",
      strategies: ["SoC", "New"],
      outcomes: ["cost", "qaly"],
      evaluateInto(p: Readonly<Record<string, number>>, out: Float64Array) {
        out.set([0, 1, p.cDrug!, p.cDrug! > 22_000 ? Number.NaN : 1.1]);
      },
    };
    const run = await runProject(toyProject({ model, thresholds: [] }));
    expect(run.warnings.some((w) => w.includes('"cDrug"'))).toBe(true);
    expect(run.tornado).toBeUndefined();
  });

  it("runJson(run) has the documented keys and plain arrays", async () => {
    const json = runJson(await runProject(toyProject(), { psa: 10, dsa: false }));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["model", "currency", "baseCase", "icerTable", "psa"]));
    expect(json.baseCase.strategies.New).toEqual({ cost: 21_000, qaly: 1.1 });
    expect(Object.keys(json.icerTable[1]!)).toEqual(["strategy", "cost", "effect", "comparator", "incrementalCost", "incrementalEffect", "icer", "status"]);
    expect(Array.isArray(json.psa!.ceac.probability.New)).toBe(true);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe("runProject base-case detail", () => {
  it("runProject(markov project) adds one cohort trace per strategy whose rows sum to 1", async () => {
    const run = await runProject(sickSicker, { dsa: false });
    expect(run.traces!.map((trace) => trace.strategy)).toEqual(["Standard of care", "Strategy A", "Strategy B", "Strategy AB"]);
    const trace = run.traces![0]!;
    expect(trace.states).toEqual(["H", "S1", "S2", "D"]);
    expect(trace.proportions[0]!.length).toBe(76); // 75 cycles: rows 0 … 75
    for (const row of [0, 1, 40, 75]) expect(trace.proportions.reduce((sum, column) => sum + column[row]!, 0)).toBeCloseTo(1, 12);
    expect(run.treeRollback).toBeUndefined();
  });

  it("runProject(tree project) adds the tree rollback; { detail: false } leaves the detail out", async () => {
    const { project } = await loadModel(fileURLToPath(new URL("../cli/fixtures/toy-tree", import.meta.url)));
    const run = await runProject(project, { dsa: false });
    expect(Object.keys(run.treeRollback!.strategies)).toEqual(["Standard care", "New drug"]);
    expect(run.traces).toBeUndefined();
    const bare = await runProject(project, { dsa: false, detail: false });
    expect(bare.treeRollback).toBeUndefined();
  });
});

describe("projectPsaSetup", () => {
  it("projectPsaSetup(project) without a scenario returns the project's own space", () => {
    const project = toyProject();
    expect(projectPsaSetup(project).parameters).toBe(project.parameters);
  });

  it("projectPsaSetup(project, scenario) keeps the other parameters' draws unchanged", () => {
    const project = toyProject();
    const base = project.parameters.sample(5, { seed: 3 });
    const cheap = projectPsaSetup(project, "Cheap").parameters.sample(5, { seed: 3 });
    expect(Array.from(cheap.column("qGain"))).toEqual(Array.from(base.column("qGain")));
    expect(cheap.row(2).cDrug).toBe(10_000);
  });

  it("projectPsaSetup(project, scenario) holds a Dirichlet component fixed and recomputes derived parameters in every draw, without warnings", () => {
    const parameters = defineParameters({ cDrug: gamma.fromMeanSd(20_000, 2_000), qGain: 0.1 })
      .group("response", dirichlet({ alpha: [20, 30, 50] }), ["pComplete", "pPartial", "pNone"])
      .derive((p) => ({ cPerResponder: p.cDrug / (p.pComplete + p.pPartial) }));
    const project = toyProject({ parameters, scenarios: { Responders: { parameters: { pComplete: 0.4 } } } });
    const setup = projectPsaSetup(project, "Responders");
    expect(setup.warnings).toEqual([]);
    const draws = setup.parameters.sample(20, { seed: 5 });
    const free = project.parameters.sample(20, { seed: 5 });
    for (let i = 0; i < 20; i++) {
      const row = draws.row(i);
      expect(row.pComplete).toBe(0.4);
      expect(row.pPartial).toBe(free.row(i).pPartial);
      expect(row.cPerResponder).toBe(row.cDrug! / (0.4 + row.pPartial!));
    }
  });

  it("projectPsaSetup(project, scenario) refuses a scenario that fixes a derived parameter (invalid_parameter)", () => {
    const parameters = defineParameters({ cDrug: 20_000 }).derive((p) => ({ cYear: 12 * p.cDrug }));
    const project = toyProject({ parameters, scenarios: { Bad: { parameters: { cYear: 1 } } } });
    const error = (() => {
      try {
        projectPsaSetup(project, "Bad");
      } catch (e) {
        return e as QalyError;
      }
      throw new Error("expected a QalyError");
    })();
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([["invalid_parameter", ["parameters", "cYear"]]]);
    expect(error.issues[0]!.message).toContain("fix 'cDrug' instead");
  });
});

describe("psaSummary", () => {
  it("psaSummary(psa, settings) with one strategy dominant everywhere has EVPI 0", async () => {
    const run = await runProject(toyProject({ parameters: defineParameters({ cDrug: gamma.fromMeanSd(1_000, 100), qGain: 0.1 }) }), { psa: 50, dsa: false });
    const summary = psaSummary(run.psa!, { seed: null, grid: { from: 100_000, to: 200_000, step: 100_000 }, thresholds: [], cost: "cost", effect: "qaly" });
    // New gains 0.1 QALY for about 1 000: at WTP ≥ 100 000 it wins in every draw.
    expect(Array.from(summary.evpi.perPerson)).toEqual([0, 0]);
    expect(summary.seed).toBeNull();
  });
});

describe("runProject under a scenario", () => {
  it("runProject(project, { scenario }) does not vary the parameters the scenario holds fixed in the one-way analysis", async () => {
    const project = { ...toyProject(), dsa: { cDrug: { low: 10_000, high: 30_000 }, qGain: { low: 0.05, high: 0.15 } } };
    const run = await runProject(project, { scenario: "Cheap" });
    expect(run.oneWay!.parameters.map((p) => p.parameter)).toEqual(["qGain"]);
    expect(run.warnings.filter((w) => w.includes("cDrug"))).toEqual([]);
  });
});
