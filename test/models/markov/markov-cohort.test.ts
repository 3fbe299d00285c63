// Unit tests of markovCohort: small models with hand-computable results, tunnels, one-off values,
// evaluation context, definition checks.
import { describe, expect, it } from "vitest";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { rateToProbability } from "../../../src/math/index.js";

describe("markovCohort: basics", () => {
  it("markovCohort(two states) counts life years at the end of each cycle: 0.5 + 0.25 = 0.75", () => {
    const model = markovCohort({
      states: ["Well", "Dead"],
      strategies: ["Usual care"],
      outcomes: { lifeYears: "effect" },
      cycles: 2,
      start: { Well: 1 },
      cycleCorrection: "none-end",
      discountRate: { effect: 0 },
      transitions: (p: { pDie: number }) => ({ Well: { Dead: p.pDie, Well: complement }, Dead: { Dead: 1 } }),
      values: () => ({ lifeYears: { Well: 1 } }),
    });
    expect(model.outcomes).toEqual(["lifeYears", "lifeYearsUndiscounted"]);
    expect(evaluateModel(model, { pDie: 0.5 })["Usual care"]).toEqual({ lifeYears: 0.75, lifeYearsUndiscounted: 0.75 });
  });

  it("markovCohort(heemod two-state intro) reproduces heemod's life-table totals: cost 19 796.856, utility 7.654552 per person", () => {
    // heemod vignette a_introduction (shared validation heemod_hiv.json, variant heemod_intro_two_state):
    // 1000 persons, life-table counting, no discounting; totals 19 796 856 and 7 654.552, printed to 7 digits.
    const model = markovCohort({
      states: ["A", "B"],
      strategies: ["base"],
      outcomes: { cost: "cost", utility: "effect" },
      cycles: 10,
      start: { A: 1 },
      cycleCorrection: "half-cycle",
      discountTiming: "cycle-start",
      discountRate: { cost: 0, effect: 0 },
      transitions: () => ({ A: { A: 0.9, B: 0.1 }, B: { A: 0.2, B: 0.8 } }),
      values: () => ({ cost: { A: 1234, B: 4321 }, utility: { A: 0.85, B: 0.5 } }),
    });
    const result = evaluateModel(model, {}).base;
    expect(Math.abs(result.cost! * 1000 - 19796856) / 19796856).toBeLessThanOrEqual(1e-7);
    expect(Math.abs(result.utility! * 1000 - 7654.552) / 7654.552).toBeLessThanOrEqual(1e-7);
    const run = model.run({}).strategies.base;
    const lifeTableA = [950.0, 865.0, 805.5, 763.85, 734.695, 714.2865];
    lifeTableA.forEach((count, k) => expect((run.trace[k]!.A + run.trace[k + 1]!.A) * 500).toBeCloseTo(count, 9));
    const costs = [1388350, 1650745, 1834422, 1962995, 2052997, 2115998];
    costs.forEach((cost, k) => {
      const a = (run.trace[k]!.A + run.trace[k + 1]!.A) / 2;
      const b = (run.trace[k]!.B + run.trace[k + 1]!.B) / 2;
      // heemod prints per-cycle costs to the unit: half a unit for 1000 persons.
      expect(Math.abs(1000 * (a * 1234 + b * 4321) - cost)).toBeLessThanOrEqual(0.5);
    });
  });

  it("markovCohort sums cost outcomes into cost and names undiscounted twins (model.ts convention)", () => {
    const model = markovCohort({
      states: ["Alive", "Dead"],
      strategies: ["A", "B"],
      outcomes: { costDrug: "cost", costCare: "cost", qaly: "effect" },
      cycles: 3,
      start: { Alive: 1 },
      transitions: () => ({ Alive: { Dead: 0.1, Alive: complement }, Dead: { Dead: 1 } }),
      values: (_p, _t, strategy) => ({ costDrug: { Alive: strategy === "A" ? 100 : 200 }, costCare: { Alive: 50 }, qaly: { Alive: 0.8 } }),
    });
    expect(model.outcomes).toEqual(["cost", "costDrug", "costCare", "qaly", "costUndiscounted", "costDrugUndiscounted", "costCareUndiscounted", "qalyUndiscounted"]);
    const result = evaluateModel(model, {});
    expect(result.A.cost).toBeCloseTo(result.A.costDrug! + result.A.costCare!, 10);
    expect(result.B.costDrug).toBeCloseTo(2 * result.A.costDrug!, 10);
  });

  it("markovCohort(strategies as object) lets each strategy override start and transitions", () => {
    const model = markovCohort({
      states: ["Well", "Sick", "Dead"],
      strategies: {
        Screen: { start: { Well: 0.9, Sick: 0.1 } },
        "No screen": { transitions: () => ({ Well: { Well: 1 }, Sick: { Sick: 1 }, Dead: { Dead: 1 } }) },
      },
      outcomes: { lifeYears: "effect" },
      cycles: 1,
      start: { Well: 1 },
      cycleCorrection: "none-beginning",
      transitions: () => ({ Well: { Well: 1 }, Sick: { Dead: 1 }, Dead: { Dead: 1 } }),
      values: () => ({ lifeYears: { Well: 1, Sick: 1 } }),
    });
    const run = model.run({});
    expect(run.strategies.Screen.trace[1]).toEqual({ Well: 0.9, Sick: 0, Dead: 0.1 });
    expect(run.strategies["No screen"].trace[1]).toEqual({ Well: 1, Sick: 0, Dead: 0 });
  });

  it("markovCohort(horizon, monthly cycles) runs horizon / cycleLength cycles and scales values by the cycle length", () => {
    const model = markovCohort({
      states: ["Alive"],
      strategies: ["only"],
      outcomes: { lifeYears: "effect" },
      cycleLength: 1 / 12,
      horizon: 2,
      start: { Alive: 1 },
      discountRate: { effect: 0 },
      transitions: () => ({ Alive: { Alive: 1 } }),
      values: () => ({ lifeYears: { Alive: 1 } }),
    });
    expect(model.cycles).toBe(24);
    expect(evaluateModel(model, {}).only.lifeYears).toBeCloseTo(2, 12);
  });
});

describe("markovCohort: time, tunnels and one-off values", () => {
  const gompertz = (age: number): number => rateToProbability(0.0005 * Math.exp(0.09 * (age - 40)));

  it("markovCohort passes cycle, time and age to transitions and values, and evaluateInto matches an explicit loop", () => {
    const model = markovCohort({
      states: ["Alive", "Dead"],
      strategies: ["only"],
      outcomes: { qaly: "effect" },
      cycles: 30,
      startAge: 50,
      start: { Alive: 1 },
      cycleCorrection: "none-end",
      discountRate: { effect: 0.035 },
      transitions: (_p, time) => ({ Alive: { Dead: gompertz(time.age), Alive: complement }, Dead: { Dead: 1 } }),
      values: (_p, time) => ({ qaly: { Alive: time.age < 60 ? 0.9 : 0.7 } }),
    });
    let alive = 1;
    let expected = 0;
    for (let cycle = 1; cycle <= 30; cycle++) {
      alive *= 1 - gompertz(50 + cycle - 1);
      expected += alive * (50 + cycle < 60 ? 0.9 : 0.7) * 1.035 ** -cycle;
    }
    expect(evaluateModel(model, {}).only.qaly).toBeCloseTo(expected, 12);
  });

  it("markovCohort(tunnel state) equals the same model with the tunnel written out by hand, with the trace collapsed", () => {
    const exitByStateTime = [0.5, 0.3, 0.1];
    const tunnelled = markovCohort({
      states: ["Well", { name: "PostEvent", tunnel: 3 }, "Dead"],
      strategies: ["only"],
      outcomes: { cost: "cost" },
      cycles: 8,
      start: { Well: 1 },
      transitions: (_p, time) => ({
        Well: { PostEvent: 0.2, Dead: 0.01, Well: complement },
        PostEvent: { Dead: exitByStateTime[time.stateTime]!, PostEvent: complement },
        Dead: { Dead: 1 },
      }),
      values: (_p, time) => ({ cost: { Well: 10, PostEvent: time.stateTime === 0 ? 1000 : 100 } }),
    });
    const manual = markovCohort({
      states: ["Well", "P1", "P2", "P3", "Dead"],
      strategies: ["only"],
      outcomes: { cost: "cost" },
      cycles: 8,
      start: { Well: 1 },
      transitions: () => ({
        Well: { P1: 0.2, Dead: 0.01, Well: complement },
        P1: { Dead: 0.5, P2: complement },
        P2: { Dead: 0.3, P3: complement },
        P3: { Dead: 0.1, P3: complement },
        Dead: { Dead: 1 },
      }),
      values: () => ({ cost: { Well: 10, P1: 1000, P2: 100, P3: 100 } }),
    });
    expect(evaluateModel(tunnelled, {}).only.cost).toBeCloseTo(evaluateModel(manual, {}).only.cost!, 9);
    const a = tunnelled.run({}).strategies.only.trace;
    const b = manual.run({}).strategies.only.trace;
    a.forEach((row, t) => expect(row.PostEvent).toBeCloseTo(b[t]!.P1 + b[t]!.P2 + b[t]!.P3, 14));
  });

  it("markovCohort(transitionValues, startingValues) books a death cost on the flow and a test cost at entry", () => {
    const model = markovCohort({
      states: ["Alive", "Dead"],
      strategies: ["only"],
      outcomes: { cost: "cost" },
      cycles: 3,
      start: { Alive: 1 },
      discountRate: { cost: 0.05 },
      transitions: () => ({ Alive: { Dead: 0.1, Alive: complement }, Dead: { Dead: 1 } }),
      transitionValues: () => ({ cost: { Alive: { Dead: 5000 } } }),
      startingValues: () => ({ cost: 300 }),
    });
    // Flows into Dead: 0.1, 0.09, 0.081 in cycles 1-3, discounted at the end of their cycle ("row" timing).
    const expected = 300 + 5000 * (0.1 / 1.05 + 0.09 / 1.05 ** 2 + 0.081 / 1.05 ** 3);
    const result = evaluateModel(model, {}).only;
    expect(result.cost).toBeCloseTo(expected, 9);
    expect(result.costUndiscounted).toBeCloseTo(300 + 5000 * 0.271, 9);
    expect(model.run({}).strategies.only.perCycle.cost[2]).toBeCloseTo((5000 * 0.09) / 1.05 ** 2, 9);
  });

  it("evaluateInto(params, out, { start, startTime }) starts from the given distribution and discounts and ages from startTime", () => {
    const model = markovCohort({
      states: ["Well", "Sick", "Dead"],
      strategies: ["only"],
      outcomes: { cost: "cost", qaly: "effect" },
      cycles: 5,
      startAge: 60,
      start: { Well: 1 },
      transitions: (_p, time) => ({ Well: { Sick: 0.1, Dead: time.age > 61 ? 0.05 : 0.01, Well: complement }, Sick: { Dead: 0.2, Sick: complement }, Dead: { Dead: 1 } }),
      values: () => ({ cost: { Well: 100, Sick: 1000 }, qaly: { Well: 1, Sick: 0.5 } }),
    });
    const fromSick = evaluateModel(model, {}, { start: { Sick: 1 } }).only;
    const sickOnly = markovCohort({
      states: ["Well", "Sick", "Dead"], strategies: ["only"], outcomes: { cost: "cost", qaly: "effect" }, cycles: 5, start: { Sick: 1 },
      transitions: () => ({ Well: { Well: 1 }, Sick: { Dead: 0.2, Sick: complement }, Dead: { Dead: 1 } }),
      values: () => ({ cost: { Well: 100, Sick: 1000 }, qaly: { Well: 1, Sick: 0.5 } }),
    });
    expect(fromSick.cost).toBeCloseTo(evaluateModel(sickOnly, {}).only.cost!, 10);
    const later = evaluateModel(model, {}, { startTime: 2 }).only;
    const olderModel = markovCohort({
      states: ["Well", "Sick", "Dead"], strategies: ["only"], outcomes: { cost: "cost", qaly: "effect" }, cycles: 5, startAge: 62, start: { Well: 1 },
      transitions: (_p, time) => ({ Well: { Sick: 0.1, Dead: time.age > 61 ? 0.05 : 0.01, Well: complement }, Sick: { Dead: 0.2, Sick: complement }, Dead: { Dead: 1 } }),
      values: () => ({ cost: { Well: 100, Sick: 1000 }, qaly: { Well: 1, Sick: 0.5 } }),
    });
    const older = evaluateModel(olderModel, {}).only;
    expect(later.cost).toBeCloseTo(older.cost! * 1.03 ** -2, 9);
    expect(later.qalyUndiscounted).toBeCloseTo(older.qalyUndiscounted!, 12);
  });
});
