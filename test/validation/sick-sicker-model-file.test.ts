// The Sick-Sicker model file (models/sick-sicker/model.yaml) against the TypeScript model
// (models/sick-sicker/model.ts + parameters.ts): the same engine through two front doors, so the
// results must be identical, not merely close — the file's expressions perform the same floating-point
// operations in the same order as the TypeScript functions.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseParameters, sickSicker } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { applyScenario } from "../../src/files/apply-scenario.js";
import { evaluateModel } from "../../src/models/model.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";

const fileName = "models/sick-sicker/model.yaml";
const text = readFileSync(new URL(`../../${fileName}`, import.meta.url), "utf8");
const project = compileModelFile(text, { fileName });

describe("models/sick-sicker/model.yaml", () => {
  it("compileModelFile(sick-sicker model.yaml) gives the TypeScript model's base case bit for bit", () => {
    expect(project.baseCase).toBeDefined();
    const fromFile = evaluateModel(project.model, project.baseCase!);
    const fromTs = evaluateModel(sickSicker, baseParameters);
    expect(project.model.strategies).toEqual(sickSicker.strategies);
    expect(project.model.outcomes).toEqual(sickSicker.outcomes);
    for (const strategy of sickSicker.strategies) {
      for (const outcome of sickSicker.outcomes) expect(Object.is(fromFile[strategy]![outcome], fromTs[strategy][outcome])).toBe(true);
    }
  });

  it("compileModelFile(sick-sicker model.yaml) gives the TypeScript model's PSA draws bit for bit (same seed, 200 draws)", () => {
    const seed = "sick-sicker-file-vs-ts";
    const fromFile = runPsaSync(project.model, project.parameters.sample(200, { seed }));
    const fromTs = runPsaSync(sickSicker, psaParameters.sample(200, { seed }));
    for (const strategy of sickSicker.strategies) {
      for (const outcome of ["cost", "qaly"]) {
        const a = fromFile.values(outcome, strategy);
        const b = fromTs.values(outcome, strategy);
        expect(a.length).toBe(200);
        for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([strategy, outcome, i, a[i]]).toEqual([strategy, outcome, i, b[i]]);
      }
    }
  });

  it("compileModelFile(sick-sicker model.yaml) carries metadata, parameter metadata, settings and no warnings", () => {
    expect(project.name).toBe("sick-sicker");
    expect(project.metadata.currency).toBe("USD");
    expect(project.metadata.version).toBe("1.0");
    expect(project.outcomes).toEqual({ cost: "cost", effect: "qaly" });
    expect(project.psa).toEqual({ samples: 1000, seed: "sick-sicker-2023" });
    expect(project.wtp.thresholds).toEqual([100000, 150000]);
    expect(project.warnings).toEqual([]);
    expect(project.parameters.describe().find((row) => row.name === "rHS1")?.source).toBe("Alarid-Escudero et al. 2023, Table 1");
    expect(Object.keys(project.scenarios)).toEqual(["No discounting", "Cheaper treatment B", "Lifetime to age 75"]);
  });

  it("applyScenario(project, name) fixes overridden parameters in base case and PSA, and rebuilds the model for settings", () => {
    const cheaper = applyScenario(project, "Cheaper treatment B");
    expect(cheaper.scenario).toBe("Cheaper treatment B");
    expect(cheaper.parameters.base().cTrtB).toBe(6500);
    expect(cheaper.baseCase!.cTrtB).toBe(6500);
    const draws = cheaper.parameters.sample(50, { seed: 1 });
    expect([...draws.column("cTrtB")].every((v) => v === 6500)).toBe(true);
    // Other parameters keep their own draws (named substreams).
    expect(draws.column("cTrtA")).toEqual(project.parameters.sample(50, { seed: 1 }).column("cTrtA"));

    const undiscounted = applyScenario(project, "No discounting");
    const result = evaluateModel(undiscounted.model, undiscounted.baseCase!);
    const base = evaluateModel(project.model, project.baseCase!);
    expect(result["Standard of care"]!.cost).toBe(base["Standard of care"]!.costUndiscounted);
  });
});
