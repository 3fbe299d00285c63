// Undiscounted cost by year since the start (costByYear) from a Markov cohort model: by hand on an
// annual-cycle model, the years adding up to the undiscounted total, other outputs unchanged.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { markovCohort } from "../../../src/models/markov/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { complement } from "../../../src/models/complement.js";
import { QalyError } from "../../../src/core/errors.js";

type P = { pSick: number; pDie: number };
const STATES = ["Well", "Sick", "Dead"] as const;

function model(costByYear: number | undefined, cycles = 3, cycleLength = 1) {
  return markovCohort<P, typeof STATES, "Arm", "costCare" | "costDeath" | "qaly">({
    states: STATES,
    strategies: ["Arm"],
    start: { Well: 1 },
    outcomes: { costCare: "cost", costDeath: "cost", qaly: "effect" },
    cycles,
    cycleLength,
    ...(costByYear === undefined ? {} : { costByYear }),
    cycleCorrection: "trapezoid",
    transitions: (p) => ({ Well: { Sick: p.pSick, Well: complement }, Sick: { Dead: p.pDie, Sick: complement }, Dead: { Dead: 1 } }),
    values: () => ({ costCare: { Well: 100, Sick: 1000 }, qaly: { Well: 1, Sick: 0.5 } }),
    transitionValues: () => ({ costDeath: { Sick: { Dead: 5000 } } }),
    startingValues: () => ({ costCare: 7 }),
  });
}

describe("Markov cohort: cost by year since the start", () => {
  it("annual cycles, trapezoid: year k = half of row k−1 plus half of row k (by hand); deaths in their cycle's year", () => {
    const p = { pSick: 0.2, pDie: 0.3 };
    const r = evaluateModel(model(3), p).Arm!;
    // Trace by hand: rows 0 … 3.
    const well = [1, 0.8, 0.64, 0.512];
    const sick = [0, 0.2, 0.2 * 0.7 + 0.16, (0.2 * 0.7 + 0.16) * 0.7 + 0.128];
    const v = (t: number) => 100 * well[t]! + 1000 * sick[t]!;
    expect(r["costCareYear1"]).toBeCloseTo(7 + 0.5 * v(0) + 0.5 * v(1), 12);
    expect(r["costCareYear2"]).toBeCloseTo(0.5 * v(1) + 0.5 * v(2), 12);
    expect(r["costCareYear3"]).toBeCloseTo(0.5 * v(2) + 0.5 * v(3), 12);
    // Deaths in cycle k: 0.3 × Sick at row k − 1, all in year k.
    for (const k of [1, 2, 3]) expect(r[`costDeathYear${k}`]).toBeCloseTo(5000 * 0.3 * sick[k - 1]!, 12);
    expect(r["costYear2"]).toBeCloseTo(r["costCareYear2"]! + r["costDeathYear2"]!, 12);
  });

  it("property: the years add up to the undiscounted total (monthly cycles); the other outputs are unchanged (to rounding)", () => {
    const annual = model(2, 24, 1 / 12);
    const plain = model(undefined, 24, 1 / 12);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (pSick, pDie) => {
        const a = evaluateModel(annual, { pSick, pDie }).Arm!;
        const b = evaluateModel(plain, { pSick, pDie }).Arm!;
        // Annual costs take the recorded path (values summed per row, not per state at the end): the
        // same sums in another order, equal to rounding.
        for (const name of plain.outcomes) expect(Math.abs(a[name]! - b[name]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b[name]!)));
        for (const outcome of ["cost", "costCare", "costDeath"]) {
          const total = a[`${outcome}Undiscounted`]!;
          expect(Math.abs(a[`${outcome}Year1`]! + a[`${outcome}Year2`]! - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
        }
      }),
      { numRuns: 50 },
    );
  });

  it("the detailed run reports the same annual outputs; a costByYear beyond the horizon is an error at costByYear", () => {
    const m = model(3);
    const p = { pSick: 0.2, pDie: 0.3 };
    expect(m.run(p).strategies.Arm.totals["costYear3"]).toBe(evaluateModel(m, p).Arm!["costYear3"]);
    try {
      model(4);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QalyError);
      expect((error as QalyError).issues[0]).toMatchObject({ code: "invalid_model", path: ["costByYear"] });
    }
  });
});
