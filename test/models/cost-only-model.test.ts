import { describe, expect, it } from "vitest";
import { QalyError } from "../../src/core/errors.js";
import { costOnlyModel } from "../../src/models/cost-only-model.js";
import { evaluateModel, type Model } from "../../src/models/model.js";

const dressings: Model<{ c: number }> = {
  title: "Dressings",
  strategies: ["Foam", "Gauze"],
  outcomes: ["cost", "costDressing"],
  evaluateInto(p, out) {
    out.set([p.c + 50, p.c, 245, 245]);
  },
};

describe("costOnlyModel", () => {
  it("costOnlyModel adds a zero effect outcome after the model's own, strategy by strategy", () => {
    const model = costOnlyModel(dressings);
    expect(model.outcomes).toEqual(["cost", "costDressing", "effect"]);
    expect(evaluateModel(model, { c: 310 })).toEqual({ Foam: { cost: 360, costDressing: 310, effect: 0 }, Gauze: { cost: 245, costDressing: 245, effect: 0 } });
    // The scratch buffer is reused: a second evaluation sees its own values.
    expect(evaluateModel(model, { c: 10 }).Foam!.cost).toBe(60);
  });

  it("costOnlyModel refuses a model that already has an outcome of that name", () => {
    expect(() => costOnlyModel(dressings, "cost")).toThrow(QalyError);
  });
});
