// Compile-time checks (run by `npm run typecheck`): state, outcome and strategy names flow from the
// definition into callbacks and results, so a typo is a compile error.
import { describe, expect, it } from "vitest";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";

describe("markovCohort types", () => {
  it("markovCohort infers state, strategy and outcome names without `as const`", () => {
    const model = markovCohort({
      states: ["Well", "Dead"],
      strategies: ["Usual care", "New drug"],
      outcomes: { cost: "cost", qaly: "effect" },
      cycles: 1,
      start: { Well: 1 },
      transitions: (p: { pDie: number }) => ({
        Well: { Dead: p.pDie, Well: complement },
        Dead: { Dead: 1 },
      }),
      values: () => ({ qaly: { Well: 1 } }),
    });
    // Type-checked, never run:
    void (() =>
      markovCohort({
        states: ["Well", "Dead"],
        strategies: ["only"],
        outcomes: { qaly: "effect" },
        cycles: 1,
        start: { Well: 1 },
        transitions: () => ({ Well: { Well: 1 }, Dead: { Dead: 1 } }),
        // @ts-expect-error: "Sick" is not a state
        values: () => ({ qaly: { Sick: 1 } }),
      }));
    const states: readonly ("Well" | "Dead")[] = model.states;
    const run = model.run({ pDie: 0.1 });
    // @ts-expect-error: "Old drug" is not a strategy
    void run.strategies["Old drug"];
    // @ts-expect-error: "lifeYears" is not an outcome
    void run.strategies["New drug"].perCycle.lifeYears;
    expect(states).toEqual(["Well", "Dead"]);
  });

  it("markovCohort reports a destination typo inside a row at run time (TypeScript does not flag extra keys in nested rows)", () => {
    expect(() =>
      markovCohort({
        states: ["Well", "Dead"],
        strategies: ["only"],
        outcomes: { cost: "cost" },
        cycles: 1,
        start: { Well: 1 },
        transitions: () => ({ Well: { Sik: 0.1, Well: complement }, Dead: { Dead: 1 } }),
      }).evaluateInto({}, new Float64Array(2)),
    ).toThrow(/unknown destination state "Sik"/);
  });
});
