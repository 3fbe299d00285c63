// The fill cache (src/models/markov/fill-cache.ts): a model entered several times per draw with the
// same parameter values (tree leaves with other start states) reuses its time-independent rows and
// values; results must equal a fresh model's bit for bit, and any change of a value must refill.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { lifeTable } from "../../../src/survival/index.js";

type P = { pSick: number; pDie: number; pRecover: number; cSick: number };
const definition = () =>
  markovCohort({
    states: ["Well", { name: "Sick", tunnel: 4 }, "Dead"],
    strategies: ["A", "B"],
    outcomes: { cost: "cost", lifeYears: "effect" },
    cycles: 12,
    startAge: 60,
    start: { Well: 1 },
    backgroundMortality: { lifeTable: lifeTable({ ages: [0, 50, 100], rates: { female: [0.001, 0.01, 0.5], male: [0.001, 0.012, 0.5] } }), sexMix: { female: 0.5, male: 0.5 }, deathState: "Dead" },
    transitions: (p: P, time, strategy) => ({
      Well: { Sick: p.pSick, Dead: p.pDie, Well: complement },
      Sick: { Well: time.stateTime < 2 ? 0 : p.pRecover, Dead: strategy === "B" ? p.pDie / 2 : p.pDie, Sick: complement },
      Dead: { Dead: 1 },
    }),
    values: (p: P, time) => ({ cost: { Sick: time.stateTime === 0 ? 2 * p.cSick : p.cSick }, lifeYears: { Well: 1, Sick: 1 } }),
    transitionValues: (p: P) => ({ cost: { Well: { Sick: p.cSick / 4 } } }),
  });

const parameters = fc.record({
  pSick: fc.double({ min: 0, max: 0.3, noNaN: true }),
  pDie: fc.double({ min: 0, max: 0.3, noNaN: true }),
  pRecover: fc.double({ min: 0, max: 0.3, noNaN: true }),
  cSick: fc.double({ min: 0, max: 1e4, noNaN: true }),
});

describe("Markov fill cache", () => {
  it("evaluateModel(model entered from several start states, as a tree's leaves do) equals a fresh model's results bit for bit", () => {
    const shared = definition();
    fc.assert(
      fc.property(fc.array(parameters, { minLength: 1, maxLength: 4 }), (draws) => {
        for (const p of draws) {
          for (const start of [{ Well: 1 }, { Sick: 1 }, { Well: 0.5, Sick: 0.5 }]) {
            const reused = evaluateModel(shared, p, { start });
            const fresh = evaluateModel(definition(), p, { start });
            expect(reused).toEqual(fresh);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("a model whose rows fill few of the matrix buffers (a 10-state chain: the kept rows are copied row by row) equals a fresh model too", () => {
    const names = ["S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "Dead"] as const;
    const chain = () =>
      markovCohort({
        states: names,
        strategies: ["A", "B"],
        outcomes: { lifeYears: "effect" },
        cycles: 15,
        start: { S0: 1 },
        // Each strategy's rows differ, so a kept fill must bring its own rows back.
        transitions: (p: { q: number }, _time, strategy) => Object.fromEntries(names.map((name, i) => [name, name === "Dead" ? { Dead: 1 } : { [names[i + 1]!]: p.q * (strategy === "B" ? 2 : 1 + i / 10), [name]: complement }])) as never,
        values: () => ({ lifeYears: { S0: 1, S1: 1, S2: 1, S3: 1, S4: 0.9, S5: 0.9, S6: 0.8, S7: 0.8, S8: 0.5 } }),
      });
    const shared = chain();
    for (const q of [0.1, 0.2, 0.2]) {
      for (const start of [{ S0: 1 }, { S3: 1 }, { S8: 0.5, S1: 0.5 }]) expect(evaluateModel(shared, { q }, { start })).toEqual(evaluateModel(chain(), { q }, { start }));
    }
  });

  it("evaluateModel(same params object changed in place) refills: the result follows the new values", () => {
    const model = definition();
    const p = { pSick: 0.1, pDie: 0.05, pRecover: 0.2, cSick: 1000 };
    const before = evaluateModel(model, p, { start: { Sick: 1 } });
    evaluateModel(model, p, { start: { Sick: 1 } });
    p.cSick = 2000;
    const after = evaluateModel(model, p, { start: { Sick: 1 } });
    expect(after).toEqual(evaluateModel(definition(), { ...p }, { start: { Sick: 1 } }));
    expect(after.A!.cost).not.toBe(before.A!.cost);
  });

  it("evaluateModel(params holding an object) never reuses a fill: a nested value changed in place is read again", () => {
    const model = markovCohort({
      states: ["Well", "Dead"],
      strategies: ["s"],
      outcomes: { lifeYears: "effect" },
      cycles: 2,
      start: { Well: 1 },
      cycleCorrection: "none-end",
      discountRate: { effect: 0 },
      transitions: (p: { risk: { pDie: number } }) => ({ Well: { Dead: p.risk.pDie, Well: complement }, Dead: { Dead: 1 } }),
      values: () => ({ lifeYears: { Well: 1 } }),
    });
    const p = { risk: { pDie: 0.5 } };
    expect(evaluateModel(model, p).s!.lifeYears).toBe(0.75);
    expect(evaluateModel(model, p).s!.lifeYears).toBe(0.75);
    p.risk.pDie = 0;
    expect(evaluateModel(model, p).s!.lifeYears).toBe(2);
  });
});
