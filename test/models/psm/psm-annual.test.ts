// Undiscounted cost by year since the start (costByYear, for budget impact) from a partitioned
// survival model and through a decision tree whose leaves enter it.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { partitionedSurvival } from "../../../src/models/psm/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { exponentialSurvival } from "../../../src/survival/index.js";
import { chance, decision, decisionTree, terminal } from "../../../src/models/tree/index.js";
import { complement } from "../../../src/models/complement.js";
import { QalyError } from "../../../src/core/errors.js";

type P = { a: number; b: number };

const annualModel = (costByYear: number, cycles = 3, cycleLength = 1) =>
  partitionedSurvival<P, "Arm", "costCare" | "costEnd" | "qaly">({
    strategies: ["Arm"], outcomes: { costCare: "cost", costEnd: "cost", qaly: "effect" }, cycles, cycleLength, costByYear,
    cycleCorrection: "trapezoid", discountRate: { cost: 0.03, effect: 0.03 },
    curves: (p) => ({ PFS: exponentialSurvival({ rate: p.a }), OS: exponentialSurvival({ rate: p.b }) }),
    values: () => ({ costCare: { PF: 100, PD: 50 }, qaly: { PF: 0.8, PD: 0.6 } }),
    entryValues: () => ({ costEnd: { Dead: 1000 } }),
    startingValues: () => ({ costCare: 7 }),
  });

describe("partitioned survival: cost by year since the start", () => {
  it("annual cycles, trapezoid: year k = half of row k−1 plus half of row k (by hand), events in their cycle's year", () => {
    const p = { a: 0.5, b: 0.2 };
    const r = evaluateModel(annualModel(3), p).Arm!;
    const S = (rate: number, t: number) => Math.exp(-rate * t);
    const v = (t: number) => 100 * S(p.a, t) + 50 * (S(p.b, t) - S(p.a, t));
    const deaths = (k: number) => 1000 * (S(p.b, k - 1) - S(p.b, k));
    // Hand computation: rows 0 … 3 at times 0 … 3, trapezoid weights ½, 1, 1, ½; start cost 7 in year 1.
    expect(r["costCareYear1"]).toBeCloseTo(7 + 0.5 * v(0) + 0.5 * v(1), 12);
    expect(r["costCareYear2"]).toBeCloseTo(0.5 * v(1) + 0.5 * v(2), 12);
    expect(r["costCareYear3"]).toBeCloseTo(0.5 * v(2) + 0.5 * v(3), 12);
    for (const k of [1, 2, 3]) expect(r[`costEndYear${k}`]).toBeCloseTo(deaths(k), 12);
    expect(r["costYear2"]).toBeCloseTo(r["costCareYear2"]! + r["costEndYear2"]!, 12);
    expect(Object.keys(r).some((name) => name.startsWith("qalyYear"))).toBe(false);
  });

  it("property: the years add up to the undiscounted total (monthly cycles); a later entry shifts spending into later years", () => {
    const model = annualModel(3, 36, 1 / 12);
    const sum = (out: Float64Array, outcome: string) => [1, 2, 3].reduce((s, y) => s + out[model.outcomes.indexOf(`${outcome}Year${y}`)]!, 0);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 3, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 0.9, noNaN: true }), (a, b, startTime) => {
        const out = new Float64Array(model.outcomes.length);
        model.evaluateInto({ a, b }, out);
        for (const outcome of ["cost", "costCare", "costEnd"]) {
          const total = out[model.outcomes.indexOf(`${outcome}Undiscounted`)]!;
          expect(Math.abs(sum(out, outcome) - total)).toBeLessThanOrEqual(1e-9 * total);
        }
        const year1 = out[model.outcomes.indexOf("costYear1")]!;
        const later = new Float64Array(model.outcomes.length);
        model.evaluateInto({ a, b }, later, { startTime });
        // Same undiscounted spending, started later: less of it in year 1, part of it beyond year 3.
        expect(later[model.outcomes.indexOf("costUndiscounted")]).toBeCloseTo(out[model.outcomes.indexOf("costUndiscounted")]!, 9);
        expect(later[model.outcomes.indexOf("costYear1")]!).toBeLessThan(year1);
        expect(sum(later, "cost")).toBeLessThanOrEqual(sum(out, "cost") * (1 + 1e-12));
      }),
      { numRuns: 50 },
    );
  });

  it("leaves the other outputs unchanged", () => {
    const plain = partitionedSurvival<P, "Arm", "costCare" | "qaly">({
      strategies: ["Arm"], outcomes: { costCare: "cost", qaly: "effect" }, cycles: 24, cycleLength: 1 / 12,
      curves: (p) => ({ PFS: exponentialSurvival({ rate: p.a }), OS: exponentialSurvival({ rate: p.b }) }),
      values: () => ({ costCare: { PF: 100, PD: 50 }, qaly: { PF: 0.8, PD: 0.6 } }),
    });
    const annual = partitionedSurvival<P, "Arm", "costCare" | "qaly">({
      strategies: ["Arm"], outcomes: { costCare: "cost", qaly: "effect" }, cycles: 24, cycleLength: 1 / 12, costByYear: 2,
      curves: (p) => ({ PFS: exponentialSurvival({ rate: p.a }), OS: exponentialSurvival({ rate: p.b }) }),
      values: () => ({ costCare: { PF: 100, PD: 50 }, qaly: { PF: 0.8, PD: 0.6 } }),
    });
    const a = evaluateModel(plain, { a: 0.4, b: 0.1 }).Arm!;
    const b = evaluateModel(annual, { a: 0.4, b: 0.1 }).Arm!;
    for (const name of plain.outcomes) expect(b[name]).toBe(a[name]);
    expect(annual.outcomes).toEqual(["cost", "costCare", "qaly", "costUndiscounted", "costCareUndiscounted", "qalyUndiscounted", "costYear1", "costYear2", "costCareYear1", "costCareYear2", "clampedCycles"]);
  });

  it("rejects a costByYear longer than the horizon or not whole", () => {
    const error = (() => {
      try {
        annualModel(4);
      } catch (e) {
        return e as QalyError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(QalyError);
    expect(error!.issues[0]).toMatchObject({ code: "invalid_model", path: ["costByYear"] });
    expect(error!.issues[0]!.message).toMatch(/longer than the model's horizon/);
    expect(() => annualModel(1.5)).toThrow(/whole number of years/);
  });
});

describe("decision tree with model leaves: cost by year", () => {
  it("tree payoffs count in year 1; leaf annual costs are weighted by path probability", () => {
    const arms = annualModel(3);
    const tree = decisionTree<P & { pFound: number }>({
      title: "Test then treat",
      root: decision({
        Test: chance([
          { label: "Found", probability: (p) => p.pFound, payoffs: { costTesting: 500 }, next: terminal(arms, { strategy: "Arm" }) },
          { label: "Not found", probability: complement, payoffs: { costTesting: 500 }, next: terminal({ cost: 0, qaly: 0 }) },
        ]),
      }),
    });
    const p = { a: 0.5, b: 0.2, pFound: 0.3 };
    const leaf = evaluateModel(arms, p).Arm!;
    const r = evaluateModel(tree, p).Test!;
    expect(r["costTestingYear1"]).toBe(500);
    expect(r["costTestingYear2"]).toBe(0);
    expect(r["costYear1"]).toBeCloseTo(500 + 0.3 * leaf["costYear1"]!, 9);
    expect(r["costYear3"]).toBeCloseTo(0.3 * leaf["costYear3"]!, 9);
    expect(r["costCareYear2"]).toBeCloseTo(0.3 * leaf["costCareYear2"]!, 9);
    expect(r["cost"]).toBeCloseTo(500 + 0.3 * leaf["cost"]!, 9);
  });
});
