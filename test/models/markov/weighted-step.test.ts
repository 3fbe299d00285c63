// The fused weighted step (weighted-step.ts) drops the mass of states it can no longer reach any
// output from (absorbing, no value, no transition value out, in no milestone): the outputs must be
// exactly those of the same model in which that state stays live, here made live by a milestone
// that counts it, and by background mortality rows that move through it.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";

type P = { pSick: number; pDie: number; pDieSick: number; cSick: number };

function model(countDead: boolean) {
  return markovCohort({
    states: ["Well", { name: "Sick", tunnel: 4 }, "Dead"],
    strategies: ["A", "B"],
    outcomes: { cost: "cost", qaly: "effect", events: "effect" },
    cycles: 12,
    start: { Well: 1 },
    transitions: (p: P, time, strategy) => ({
      Well: { Sick: strategy === "B" ? p.pSick / 2 : p.pSick, Dead: p.pDie, Well: complement },
      Sick: { Dead: p.pDieSick * (1 + time.stateTime), Sick: complement },
      Dead: { Dead: 1 },
    }),
    values: (p) => ({ cost: { Sick: p.cSick }, qaly: { Well: 1, Sick: 0.6 } }),
    transitionValues: () => ({ events: { Well: { Dead: 1 }, Sick: { Dead: 1 } } }),
    milestones: countDead ? { dead: { states: ["Dead"], time: 12 }, alive: { states: ["Well", "Sick"], time: 12 } } : { alive: { states: ["Well", "Sick"], time: 12 } },
  });
}

describe("weighted step: states whose mass reaches no output", () => {
  it("dropping Dead's mass leaves every output bit-identical (property)", () => {
    const dropped = model(false);
    const kept = model(true);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (pSick, pDie, pDieSick, cSick) => {
        const p = { pSick, pDie, pDieSick, cSick };
        const a = evaluateModel(dropped, p);
        const b = evaluateModel(kept, p);
        for (const strategy of ["A", "B"] as const) {
          for (const [name, value] of Object.entries(a[strategy])) expect(b[strategy][name]).toBe(value);
          // Mass is conserved where it is kept: dead + alive = 1 up to rounding.
          expect(b[strategy].dead! + b[strategy].alive!).toBeCloseTo(1, 12);
        }
      }),
      { numRuns: 50 },
    );
  });
});
