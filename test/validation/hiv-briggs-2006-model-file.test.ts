// The HIV model file (models/hiv-briggs-2006/model.yaml) against the TypeScript `hivBriggs2006`:
// identical results (bit for bit), and the published DMHEE figures via heemod
// (models/hiv-briggs-2006/reference.json, tolerance 1e-6 relative as for the TypeScript model).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseParameters, hivBriggs2006 } from "../../models/hiv-briggs-2006/model.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { applyScenario } from "../../src/files/apply-scenario.js";
import { evaluateModel } from "../../src/models/model.js";

const fileName = "models/hiv-briggs-2006/model.yaml";
const project = compileModelFile(readFileSync(new URL(`../../${fileName}`, import.meta.url), "utf8"), { fileName });
const reference = JSON.parse(readFileSync(new URL("../../models/hiv-briggs-2006/reference.json", import.meta.url), "utf8")) as {
  variants: { dmhee_exact: { expected: Record<string, Record<string, number>>; toleranceRelative: number } };
};

describe("models/hiv-briggs-2006/model.yaml", () => {
  const fromFile = evaluateModel(project.model, project.parameters.base());
  const fromTs = evaluateModel(hivBriggs2006, baseParameters);

  it("compileModelFile(hiv model.yaml) gives the TypeScript model's results bit for bit", () => {
    expect(project.model.outcomes).toEqual(hivBriggs2006.outcomes);
    for (const strategy of hivBriggs2006.strategies) {
      for (const outcome of hivBriggs2006.outcomes) expect(Object.is(fromFile[strategy]![outcome], fromTs[strategy][outcome])).toBe(true);
    }
  });

  it("compileModelFile(hiv model.yaml) reproduces the DMHEE costs and life years (heemod, 1e-6 relative)", () => {
    const { expected, toleranceRelative } = reference.variants.dmhee_exact;
    for (const strategy of ["Monotherapy", "Combination"]) {
      for (const outcome of ["cost", "lifeYears"]) {
        const want = expected[strategy]![outcome]!;
        expect(Math.abs(fromFile[strategy]![outcome]! - want) / want).toBeLessThanOrEqual(toleranceRelative);
      }
    }
    expect(project.outcomes).toEqual({ cost: "cost", effect: "lifeYears" });
  });

  it("applyScenario(hiv, 'Lamivudine for life') pays lamivudine every year", () => {
    const life = evaluateModel(applyScenario(project, "Lamivudine for life").model, applyScenario(project, "Lamivudine for life").parameters.base());
    expect(life["Combination"]!.costDrug!).toBeGreaterThan(fromFile["Combination"]!.costDrug!);
    expect(life["Monotherapy"]!.costDrug!).toBe(fromFile["Monotherapy"]!.costDrug!);
  });
});
