import { describe, expect, it } from "vitest";
import { evaluateModel, type Model } from "../../src/models/model.js";
import { markovCohort } from "../../src/models/markov/markov-cohort.js";
import { complement } from "../../src/models/complement.js";
import { thrown } from "../helpers/thrown.js";

const linear: Model<{ c: number }, "A" | "B"> = {
  title: "Linear",
  strategies: ["A", "B"],
  outcomes: ["cost", "qaly"],
  evaluateInto(p, out) {
    out.set([p.c, 1, 2 * p.c, 1.5]);
  },
};

describe("evaluateModel", () => {
  it("returns the totals per strategy and outcome", () => {
    expect(evaluateModel(linear, { c: 100 })).toEqual({ A: { cost: 100, qaly: 1 }, B: { cost: 200, qaly: 1.5 } });
  });

  it("a non-finite total is non_finite_value naming strategy and outcome", () => {
    expect(thrown(() => evaluateModel(linear, { c: Number.NaN }))).toMatchObject({ code: "non_finite_value", path: ["strategies", "A", "outcomes", "cost"] });
    expect(thrown(() => evaluateModel(linear, { c: 1e308 }))).toMatchObject({ code: "non_finite_value", path: ["strategies", "B", "outcomes", "cost"], message: expect.stringContaining('the model returned Infinity for outcome "cost" of strategy "B"') });
  });

  // Found by mutating the bundled HIV model (a state cost of -1e308): every value finite, the
  // discounted sum over cycles -Infinity, which evaluateModel used to return as a result.
  it("a Markov model whose finite values add up to -Infinity is refused, not returned", () => {
    const model = markovCohort({
      title: "Overflow",
      states: ["Well", "Dead"],
      strategies: ["Only"],
      outcomes: { cost: "cost", qaly: "effect" },
      start: { Well: 1 },
      cycles: 5,
      transitions: () => ({ Well: { Well: complement, Dead: 0.1 }, Dead: { Dead: 1 } }),
      values: (p: { c: number }) => ({ cost: { Well: p.c, Dead: 0 }, qaly: { Well: 1, Dead: 0 } }),
    });
    expect(evaluateModel(model, { c: -1e300 }).Only.cost).toBeLessThan(-1e300);
    expect(thrown(() => evaluateModel(model, { c: -1e308 }))).toMatchObject({ code: "non_finite_value", path: ["strategies", "Only", "outcomes", "cost"] });
  });
});
