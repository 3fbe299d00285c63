// Evans et al. 1997 sumatriptan vs caffeine/ergotamine decision tree, as implemented by the rdecision
// R package (vignette DT01-Sumatriptan, version 1.3.0). Reference values, sources and tolerances:
// models/sumatriptan-evans-1997/reference.json (each tolerance is half a unit of the printed digit).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseParameters, sumatriptanEvans1997 } from "../../models/sumatriptan-evans-1997/model.js";
import { evaluateModel } from "../../src/models/model.js";

interface PathReference { probability: number; costContribution: number; utilityContribution: number }
interface Reference {
  expected: {
    strategies: Record<string, { cost: number; utility: number; qaly: number }>;
    paths: Record<string, PathReference>;
    icer: { rdecision: number; evans1997: number };
    oneWay: { cases: { delta: number; sumatriptanCost: number; sumatriptanUtility: number; icerRdecision: number }[] };
  };
  tolerance: Record<string, number>;
}
const reference = JSON.parse(readFileSync(new URL("../../models/sumatriptan-evans-1997/reference.json", import.meta.url), "utf8")) as Reference;
const tol = reference.tolerance;

function icer(params: typeof baseParameters): number {
  const r = evaluateModel(sumatriptanEvans1997, params);
  return (r.Sumatriptan.cost! - r["Caffeine-Ergotamine"].cost!) / (r.Sumatriptan.qaly! - r["Caffeine-Ergotamine"].qaly!);
}

describe("Evans et al. 1997 sumatriptan tree (rdecision DT01)", () => {
  const result = evaluateModel(sumatriptanEvans1997, baseParameters);

  for (const strategy of ["Sumatriptan", "Caffeine-Ergotamine"] as const) {
    it(`decisionTree(sumatriptanEvans1997) reproduces the expected cost, utility and QALYs of ${strategy}`, () => {
      const expected = reference.expected.strategies[strategy]!;
      expect(Math.abs(result[strategy].cost! - expected.cost)).toBeLessThanOrEqual(tol["costAbsolute"]!);
      expect(Math.abs(result[strategy].utility! - expected.utility)).toBeLessThanOrEqual(tol["utilityAbsolute"]!);
      expect(Math.abs(result[strategy].qaly! - expected.qaly)).toBeLessThanOrEqual(tol["qalyAbsolute"]!);
    });
  }

  it("tree.paths(base case) reproduces rdecision's path table A–J (probability, cost and utility contributions)", () => {
    const paths = sumatriptanEvans1997.paths(baseParameters);
    expect(paths.map((p) => p.terminal)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]);
    for (const path of paths) {
      const expected = reference.expected.paths[path.terminal!]!;
      expect(Math.abs(path.probability - expected.probability), path.terminal).toBeLessThanOrEqual(tol["pathProbabilityAbsolute"]!);
      expect(Math.abs(path.contribution.cost! - expected.costContribution), path.terminal).toBeLessThanOrEqual(tol["pathCostAbsolute"]!);
      expect(Math.abs(path.contribution.utility! - expected.utilityContribution), path.terminal).toBeLessThanOrEqual(tol["pathUtilityAbsolute"]!);
    }
    expect(paths[4]!.labels).toEqual(["Sumatriptan", "No relief", "Emergency room", "Hospitalisation"]);
  });

  it("tree.paths contributions sum to the strategy's expected values", () => {
    const paths = sumatriptanEvans1997.paths(baseParameters);
    for (const strategy of sumatriptanEvans1997.strategies) {
      const own = paths.filter((p) => p.strategy === strategy);
      expect(own.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 14);
      expect(own.reduce((s, p) => s + p.contribution.cost!, 0)).toBeCloseTo(result[strategy]!.cost!, 12);
    }
  });

  it("Δcost/Δqaly reproduces rdecision's ICER of 29 383 (365.25-day year) and Evans' published 29 366 within 0.1 %", () => {
    const value = icer(baseParameters);
    expect(Math.abs(value - reference.expected.icer.rdecision) / reference.expected.icer.rdecision).toBeLessThanOrEqual(tol["icerRdecisionRelative"]!);
    expect(Math.abs(value - reference.expected.icer.evans1997) / reference.expected.icer.evans1997).toBeLessThanOrEqual(tol["icerEvansRelative"]!);
  });

  for (const oneWay of reference.expected.oneWay.cases) {
    it(`one-way: sumatriptan relief = caffeine relief + ${oneWay.delta} reproduces rdecision's cost, utility and ICER ${oneWay.icerRdecision}`, () => {
      const params = { ...baseParameters, pSumatriptanRelief: baseParameters.pCaffeineRelief + oneWay.delta };
      const r = evaluateModel(sumatriptanEvans1997, params);
      expect(Math.abs(r.Sumatriptan.cost! - oneWay.sumatriptanCost)).toBeLessThanOrEqual(tol["costAbsolute"]!);
      expect(Math.abs(r.Sumatriptan.utility! - oneWay.sumatriptanUtility)).toBeLessThanOrEqual(tol["utilityAbsolute"]!);
      expect(Math.abs(icer(params) - oneWay.icerRdecision) / oneWay.icerRdecision).toBeLessThanOrEqual(tol["icerRdecisionRelative"]!);
    });
  }
});
