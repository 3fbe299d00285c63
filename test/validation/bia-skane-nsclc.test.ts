// The Region Skåne budget-impact model (models/bia-skane-nsclc, review §4.3): the NSCLC gene-panel
// model unchanged but for the budget-impact inputs, the review's patient funnel, the market shares of
// its uptake curve, costs per patient by year from the model, and the qualitative pattern the review
// expects (testing-only impact small next to downstream drugs and care).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadModel } from "../../src/node/load-model.js";
import { evaluateModel } from "../../src/models/model.js";
import { modelBudgetImpact } from "../../src/analysis/bia/model-budget-impact.js";
import { bundledModel } from "../../src/node/bundled-models.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";

const folder = new URL("../../models/", import.meta.url);
const read = (name: string) => parse(readFileSync(new URL(`${name}/model.yaml`, folder), "utf8")) as Record<string, any>;

describe("models/bia-skane-nsclc", () => {
  it("is bundled: qaly list shows it and qaly run bia-skane-nsclc finds its model file", () => {
    expect(bundledModel("bia-skane-nsclc")?.file).toBe("model.yaml");
  });

  it("is the NSCLC model file apart from metadata, costByYear, the budget-impact parameters and the budgetImpact block", () => {
    const bia = read("bia-skane-nsclc");
    const nsclc = read("nsclc-gene-panel");
    const own = ["popRegion", "popSweden", "incLung", "pNsclc", "pAdvanced", "pNonSquamous", "pTested", "growth", "mixHotspot", "uptakeShift"];
    expect(Object.keys(bia.parameters).filter((name) => !(name in nsclc.parameters))).toEqual(own);
    for (const name of own) delete bia.parameters[name];
    expect(bia.models.arms.costByYear).toBe(5);
    delete bia.models.arms.costByYear;
    for (const key of ["metadata", "budgetImpact"]) delete bia[key];
    delete nsclc.metadata;
    expect(bia).toEqual(nsclc);
  });

  it("funnel, shares and costs by year (review §4.3.2), with the cost-effectiveness results of the NSCLC model", async () => {
    const { project } = await loadModel(new URL("bia-skane-nsclc", folder).pathname);
    const { project: nsclc } = await loadModel(new URL("nsclc-gene-panel", folder).pathname);
    const values = project.baseCase ?? project.parameters.base();
    const r = modelBudgetImpact(project.model, project.budgetImpact!, values);
    // Review §4.3.2, C.N: 4 200 × 0.1347 × 0.80 × 0.70 × 0.808 × 0.90 ≈ 230.5 tested patients a year; the
    // review rounds the population share to 0.1347 (1 421 781 / 10 551 707 = 0.134744), hence ± 0.1.
    expect(Math.abs(r.patients[0]! - 230.5)).toBeLessThan(0.1);
    expect(r.patients[4]).toBe(r.patients[0]); // growth 0 [A]
    // C.mix.without 0.60 / 0.40; C.uptake 0.50, 0.75, 0.90, 1, 1 with the rest split as without.
    expect(r.shares.without["HOTSPOT"]).toEqual([0.6, 0.6, 0.6, 0.6, 0.6]);
    expect(r.shares.with["NGS-BROAD"]).toEqual([0.5, 0.75, 0.9, 1, 1]);
    r.shares.with["HOTSPOT"]!.forEach((share, y) => expect(share).toBeCloseTo(0.6 * (1 - [0.5, 0.75, 0.9, 1, 1][y]!), 12));
    expect(r.inhabitants).toBe(1_421_781);

    // One engine, one parameter set: the model's CEA outcomes are the NSCLC model's, bit for bit.
    const cea = evaluateModel(project.model, values);
    const reference = evaluateModel(nsclc.model, nsclc.baseCase ?? nsclc.parameters.base());
    for (const strategy of nsclc.model.strategies) for (const outcome of nsclc.model.outcomes) expect(cea[strategy]![outcome]).toBe(reference[strategy]![outcome]);
    // The same PSA draws: the budget-impact inputs have streams of their own, so the model's draws are
    // the NSCLC model's (same seed), draw by draw.
    const draws = (p: typeof project) => runPsaSync(p.model, p.parameters, { samples: 20, seed: p.psa.seed });
    const [a, b] = [draws(project), draws(nsclc)];
    for (const strategy of nsclc.model.strategies) for (const outcome of ["cost", "qaly", "costTesting"]) expect(a.values(outcome, strategy)).toEqual(b.values(outcome, strategy));
    // Testing happens in year 1; the five years hold part of the undiscounted lifetime cost.
    for (const strategy of project.model.strategies) {
      const row = cea[strategy]!;
      expect(row["costTestingYear1"]).toBe(row["costTesting"]);
      expect(row["costTestingYear2"]).toBe(0);
      const fiveYears = [1, 2, 3, 4, 5].reduce((sum, k) => sum + row[`costYear${k}`]!, 0);
      expect(fiveYears).toBeLessThan(row["costUndiscounted"]!);
      expect(fiveYears).toBeGreaterThan(0.5 * row["costUndiscounted"]!);
      expect(r.costPerPatient[strategy]!["testing"]![0]).toBe(row["costTesting"]);
    }
    // Review §4.3.3: the testing-only impact is small next to the downstream drug and care costs of the
    // additional patients found (van Amerongen 2016, Kang 2024); more drivers found and treated each year.
    const last = 4;
    const testing = r.net.cumulativeByCategory["testing"]![last]!;
    expect(testing).toBeGreaterThan(0);
    expect(r.net.cumulative[last]! - testing).toBeGreaterThan(testing);
    for (let y = 0; y < 5; y++) {
      expect(r.net.counts["actionableDetected"]![y]!).toBeGreaterThan(0);
      expect(r.net.counts["matchedTherapy"]![y]!).toBeGreaterThan(0);
    }
  });
});
