// Markov milestones: the share of the cohort in some states at one trace row, checked against closed
// forms (constant annual and monthly death probabilities), through tunnels, tree leaves and model files.
import { describe, expect, it } from "vitest";
import { markovCohort } from "../../../src/models/markov/markov-cohort.js";
import { evaluateModel } from "../../../src/models/model.js";
import { complement } from "../../../src/models/complement.js";
import { compileModelFile } from "../../../src/files/compile-model-file.js";

const base = {
  states: ["Well", { name: "Sick", tunnel: 3 }, "Dead"] as const,
  strategies: ["A"] as const,
  outcomes: { lifeYears: "effect" } as const,
  start: { Well: 1 },
  cycleLength: 1,
  cycles: 10,
  transitions: (p: { pSick: number; pDie: number }) => ({
    Well: { Sick: p.pSick, Dead: p.pDie, Well: complement },
    Sick: { Dead: p.pDie, Sick: complement },
    Dead: { Dead: 1 },
  }),
  values: () => ({ lifeYears: { Well: 1, Sick: 1 } }),
};

describe("Markov milestones", () => {
  it("alive at 3 years is (1 − pDie)³; well at 0 is 1; sick at 2 counts every tunnel position: pSick(1 − pDie)(2 − pSick − pDie) by hand", () => {
    const model = markovCohort({ ...base, milestones: { alive3: { states: ["Well", "Sick"], time: 3 }, well0: { states: ["Well"], time: 0 }, sick2: { states: ["Sick"], time: 2 } } });
    const p = { pSick: 0.2, pDie: 0.1 };
    const r = evaluateModel(model, p).A;
    expect(model.outcomes.slice(-3)).toEqual(["alive3", "well0", "sick2"]);
    expect(r.alive3).toBeCloseTo(0.9 ** 3, 15);
    expect(r.well0).toBe(1);
    // Sick at row 2: sick after year 1 and still alive (0.2 · 0.9), plus well after year 1 (0.7) then sick (0.2).
    expect(r.sick2).toBeCloseTo(0.2 * 0.9 + 0.7 * 0.2, 15);
    // The other outcomes are those of the model without milestones, and the trace agrees.
    const plain = evaluateModel(markovCohort(base), p).A;
    expect(r.lifeYears).toBe(plain.lifeYears);
    const row = model.run(p).strategies.A.trace[2]!;
    expect(r.sick2).toBeCloseTo(row.Sick, 15);
  });

  it("monthly cycles: the milestone at 5 years reads row 60; entered from a leaf, time counts from entry", () => {
    const monthly = markovCohort({ ...base, cycleLength: 1 / 12, cycles: 120, milestones: { alive5y: { states: ["Well", "Sick"], time: 5 } } });
    const p = { pSick: 0, pDie: 0.01 };
    expect(evaluateModel(monthly, p).A.alive5y).toBeCloseTo(0.99 ** 60, 14);
    expect(evaluateModel(monthly, p, { startTime: 0.5 }).A.alive5y).toBeCloseTo(0.99 ** 60, 14);
  });

  it("names an unknown state, a time off the trace rows and a name that clashes with an outcome", () => {
    expect(() => markovCohort({ ...base, milestones: { a: { states: ["Wel" as "Well"], time: 1 } } })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: "unknown_state", path: ["milestones", "a", "states", 0] })] }));
    expect(() => markovCohort({ ...base, milestones: { a: { states: ["Well"], time: 1.5 } } })).toThrow(expect.objectContaining({ path: ["milestones", "a", "time"] }));
    expect(() => markovCohort({ ...base, milestones: { a: { states: ["Well"], time: 11 } } })).toThrow(expect.objectContaining({ path: ["milestones", "a", "time"] }));
    expect(() => markovCohort({ ...base, milestones: { lifeYearsUndiscounted: { states: ["Well"], time: 1 } } })).toThrow(expect.objectContaining({ path: ["milestones", "lifeYearsUndiscounted"] }));
  });

  it("model files: milestones: { name: { states, time } } gives the same output", () => {
    const project = compileModelFile(
      `metadata: { title: M, currency: SEK }
parameters: { pDie: 0.1 }
strategies: [A]
model:
  type: markov
  states: [Well, Dead]
  outcomes: { cost: cost, lifeYears: effect }
  start: { Well: 1 }
  cycles: 10
  milestones: { alive3: { states: [Well], time: 3 } }
  transitions: { Well: { Dead: pDie, Well: complement }, Dead: { Dead: 1 } }
  values: { cost: { Well: 100 }, lifeYears: { Well: 1 } }
`,
      { fileName: "m.yaml" },
    );
    expect(evaluateModel(project.model, project.parameters.base()).A!.alive3).toBeCloseTo(0.9 ** 3, 15);
  });
});
