// HIV model of Chancellor et al. 1997 / Briggs, Claxton & Sculpher 2006 Ex. 2.5, as reproduced
// exactly by heemod (vignette "Reproducing exact results from DMHEE") and in heemod's simplified
// homogeneous vignette. Reference values and tolerances: models/hiv-briggs-2006/reference.json.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseParameters, hivBriggs2006, hivHomogeneous, homogeneousParameters } from "../../models/hiv-briggs-2006/model.js";
import { evaluateModel } from "../../src/models/model.js";

interface Variant {
  expected: Record<string, Record<string, number>>;
  toleranceRelative: number;
}
const reference = JSON.parse(readFileSync(new URL("../../models/hiv-briggs-2006/reference.json", import.meta.url), "utf8")) as { variants: Record<string, Variant> };

function expectRelative(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(relative);
}

describe("HIV model (Briggs et al. 2006, Ex. 2.5), exact DMHEE conventions", () => {
  const variant = reference.variants["dmhee_exact"]!;
  const result = evaluateModel(hivBriggs2006, baseParameters);

  for (const strategy of ["Monotherapy", "Combination"] as const) {
    it(`markovCohort(hivBriggs2006) reproduces the discounted cost, undiscounted cost_health and cost_drugs and life years of ${strategy}`, () => {
      for (const [outcome, expected] of Object.entries(variant.expected[strategy]!)) {
        // heemod prints 7 significant digits: relative 1e-6 (reference.json).
        expectRelative(result[strategy][outcome]!, expected, variant.toleranceRelative);
      }
    });
  }

  it("markovCohort(hivBriggs2006) reproduces the ICER of 6 275.956 per life year gained", () => {
    const incremental = variant.expected["incremental"]!;
    const cost = result.Combination.cost! - result.Monotherapy.cost!;
    const lifeYears = result.Combination.lifeYears! - result.Monotherapy.lifeYears!;
    expectRelative(cost, incremental["cost"]!, variant.toleranceRelative);
    expectRelative(lifeYears, incremental["lifeYears"]!, variant.toleranceRelative);
    expectRelative(cost / lifeYears, incremental["icer"]!, variant.toleranceRelative);
  });
});

describe("HIV model, heemod homogeneous vignette (life-table counting, cycle 1 undiscounted)", () => {
  const variant = reference.variants["heemod_homogeneous"]!;
  const result = evaluateModel(hivHomogeneous, homogeneousParameters);

  for (const strategy of ["Monotherapy", "Combination"] as const) {
    it(`markovCohort(hivHomogeneous) reproduces the per-person costs and life years of ${strategy}`, () => {
      for (const [outcome, expected] of Object.entries(variant.expected[strategy]!)) {
        expectRelative(result[strategy][outcome]!, expected, variant.toleranceRelative);
      }
    });
  }

  it("markovCohort(hivHomogeneous) reproduces the incremental cost, life years and ICER per person", () => {
    const incremental = variant.expected["incremental"]!;
    const cost = result.Combination.cost! - result.Monotherapy.cost!;
    const lifeYears = result.Combination.lifeYears! - result.Monotherapy.lifeYears!;
    // The incremental values are printed as 44222.75, 8.671094 and 5100.02: a relative 1e-7 is finer
    // than half a unit of the last printed digit for the first, so each is held to that half unit.
    expect(Math.abs(cost - incremental["cost"]!)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(lifeYears - incremental["lifeYears"]!)).toBeLessThanOrEqual(0.0000005);
    expect(Math.abs(cost / lifeYears - incremental["icer"]!)).toBeLessThanOrEqual(0.005);
  });
});
