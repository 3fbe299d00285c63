import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { defineParameters, gamma } from "../../src/index.js";
import type { ModelProject } from "../../src/files/model-project.js";
import { threeStrategyProject } from "../helpers/three-strategy-project.js";
import { runProject } from "../../src/project/run-project.js";
import { runBaseCase } from "../../src/analysis/run/run-base-case.js";
import { loadModel } from "../../src/node/load-model.js";
import type { Model, ParameterValues } from "../../src/models/model.js";
import { projectPsaSetup } from "../../src/project/project-psa-setup.js";
import { runPsa } from "../../src/analysis/run/run-psa.js";
import { htmlReport } from "../../src/report/index.js";

// Three strategies in closed form (A 1000 for 1 QALY; B 1000 + cB for 1 + gB; C 1000 + cC for 1.8):
// base case cB = 2000, gB = 0.5, cC = 5000, so ICER B vs A 4000 and C vs B 10 000 (by hand).
const threeStrategies = () =>
  threeStrategyProject(defineParameters({ cB: gamma.fromMeanSd(2000, 400), gB: 0.5, cC: gamma.fromMeanSd(5000, 500) }), {
    baseCase: { cB: 2000, cC: 5000 },
    thresholds: [{ parameter: "cB", range: [0, 10_000], strategies: ["B", "A"] }],
    psa: { samples: 50, seed: "three" },
  });

describe("runProject: analyses along the frontier", () => {
  it("runProject(project).frontier has, per threshold, the optimal strategy's tornado and threshold analyses against each frontier neighbour", async () => {
    const run = await runProject(threeStrategies());
    const [at5000, at20000] = run.frontier!;
    expect([at5000!.optimal, at5000!.competitors]).toEqual(["B", ["A", "C"]]);
    expect(at5000!.tornadoes.map((t) => [t.strategy, t.comparator, t.wtp])).toEqual([["B", "A", 5000], ["B", "C", 5000]]);
    // The project's own pair (B vs A at 5000) is reused, not searched again: B − A = 5000 × 0.5 − cB = 0 at cB = 2500.
    const ownAt5000 = run.thresholds!.find((t) => t.wtp === 5000)!;
    expect(at5000!.thresholds[0]).toBe(ownAt5000);
    // B vs C at 5000, searched for the frontier: B − C = (5000 × 0.5 − cB) − (5000 × 0.8 − 5000) = 3500 − cB.
    const vsC = at5000!.thresholds[1]!;
    expect(vsC.strategies).toEqual(["B", "C"]);
    expect(vsC.status).toBe("found");
    expect(vsC.status === "found" && vsC.roots[0]!.value).toBeCloseTo(3500, 6);
    // At 20 000: C against B; cB moves the pair: C − B = (20 000 × 0.8 − 5000) − (20 000 × 0.5 − cB) = 1000 + cB > 0 throughout [0, 10 000].
    expect([at20000!.optimal, at20000!.competitors]).toEqual(["C", ["B"]]);
    expect(at20000!.thresholds.map((t) => [t.strategies, t.status])).toEqual([[["C", "B"], "none"]]);
  });

  it("runProject(project) leaves out a frontier threshold search over a parameter that moves neither strategy of the pair", async () => {
    const project = { ...threeStrategies(), thresholds: [{ parameter: "cC", range: [0, 10_000] as const, strategies: ["C", "B"] as const }] };
    const run = await runProject(project as ModelProject, { psa: 0 });
    // At 5000, cC moves neither B nor A, so that pair has no search; B vs C is the project's own [C, B], reused.
    expect(run.frontier![0]!.thresholds.map((t) => t.strategies)).toEqual([["C", "B"]]);
  });

  it("runProject(project, { scenarioPsa }) runs each scenario's PSA with the run's seed; the report shows them beside the base case", async () => {
    const project = threeStrategies();
    // A runner that ignores the model it is given (as worker pools that rebuild the run's model from its file do) must not be used for the scenarios.
    const runner = (_m: unknown, _s: unknown, o: { samples: number; seed: string | number }) => runPsa(project.model as Model<ParameterValues>, project.parameters, o);
    const run = await runProject(project, { psa: 50, scenarioPsa: 50, psaRunner: runner });
    const [dear] = run.scenarioPsa!;
    expect(dear!.scenario).toBe("Dear C");
    expect(dear!.samples).toBe(50);
    // Under "Dear C" (cC = 9000) at 20 000: NMB A 19 000, B 29 000 − cB, C 26 000, so B is best exactly when cB < 3000.
    const cB = projectPsaSetup(project, "Dear C").parameters.sample(50, { seed: "three" }).column("cB");
    const expected = Array.from(cB).filter((v) => v < 3000).length / 50;
    const at20000 = dear!.probabilities.find((p) => p.wtp === 20_000 && p.strategy === "B")!;
    expect(at20000.probability).toBe(expected);
    expect(at20000.optimal).toBe(true);
    const html = htmlReport(run);
    expect(html).toContain("Scenario PSAs side by side");
    expect(html).toContain(`<td>B (${(100 * expected).toFixed(1)}%)</td>`);
  });

  it("runProject(project, { dsa: false }) has no frontier analyses", async () => {
    expect((await runProject(threeStrategies(), { dsa: false })).frontier).toBeUndefined();
  });

  it("runProject(nsclc-gene-panel): at SEK 1 000 000 NGS-BROAD against HOTSPOT; each tornado end equals a direct model run at that value", async () => {
    const { project } = await loadModel(fileURLToPath(new URL("../../models/nsclc-gene-panel", import.meta.url)));
    const run = await runProject(project, { psa: 0, detail: false });
    const at = run.frontier!.find((f) => f.wtp === 1_000_000)!;
    expect([at.optimal, at.competitors]).toEqual(["NGS-BROAD", ["HOTSPOT"]]);
    const t = at.tornadoes[0]!;
    const base = run.baseCase.values;
    const incremental = (v: typeof base) => 1_000_000 * (v["NGS-BROAD"]!.qaly! - v.HOTSPOT!.qaly!) - (v["NGS-BROAD"]!.cost! - v.HOTSPOT!.cost!);
    expect(t.base).toBeCloseTo(incremental(base), 4);
    // The tornado reuses the one-way runs made at SEK 500 000: check its ends against fresh runs at 1 000 000.
    const model = project.model as Model<ParameterValues>;
    for (const bar of t.bars.slice(0, 3)) {
      const values = project.parameters.base({ ...project.baseCase, [bar.parameter]: bar.lowValue });
      expect(bar.low).toBeCloseTo(incremental(runBaseCase(model, values, project.outcomes).values), 4);
    }
    // The project's own NGS-BROAD vs HOTSPOT threshold is the frontier's at 1 000 000.
    expect(at.thresholds.map((x) => x.strategies)).toEqual([["NGS-BROAD", "HOTSPOT"]]);
  });
});

describe("runJson: analyses along the frontier", () => {
  it("runJson(run) carries the frontier tornadoes with the parameters that can change the choice, and the scenario PSAs", async () => {
    const { runJson } = await import("../../src/project/results-json.js");
    const run = await runProject(threeStrategies(), { psa: 20, scenarioPsa: 20 });
    const json = JSON.parse(JSON.stringify(runJson(run)));
    const at20000 = json.frontier.find((f: { wtp: number }) => f.wtp === 20_000);
    // C − B at 20 000 = 3000 at base; cC at 9000 makes it −1000; cB at 1000 makes it 2000 (by hand).
    expect(at20000.tornadoes[0].decisionChanging).toEqual(["cC"]);
    expect(at20000.thresholds[0].scan).toBeUndefined();
    expect(json.scenarioPsa[0].scenario).toBe("Dear C");
  });
});
