// subgroupModel: a subgroup is the same model on conditioned parameter values. Checked against the law
// of total expectation on a two-category screening tree computed by hand.
import { describe, expect, it } from "vitest";
import { subgroupModel } from "../../src/models/subgroup-model.js";
import { evaluateModel, type Model } from "../../src/models/model.js";

type P = { readonly prevalence: number; readonly sensitivity: number };
/** Screening: a positive (true positive) gets treatment costing 1000 and gains 1 QALY; everyone else 0. */
const screening: Model<P, "Screen"> = {
  title: "Screening",
  strategies: ["Screen"],
  outcomes: ["cost", "qaly"],
  evaluateInto(p, out) {
    const detected = p.prevalence * p.sensitivity;
    out[0] = 1000 * detected;
    out[1] = detected;
  },
};

describe("subgroupModel", () => {
  it("evaluates the model on the conditioned values, so subgroup means recombine into the whole population's (law of total expectation)", () => {
    const p: P = { prevalence: 0.3, sensitivity: 0.8 };
    const diseased = subgroupModel(screening, { condition: (v) => ({ ...v, prevalence: 1 }) }, "Diseased");
    const healthy = subgroupModel(screening, { condition: (v) => ({ ...v, prevalence: 0 }) }, "Healthy");
    const whole = evaluateModel(screening, p).Screen;
    const a = evaluateModel(diseased, p).Screen;
    const b = evaluateModel(healthy, p).Screen;
    // By hand: diseased 0.8 QALY and 800 per person; healthy 0; whole 0.3 × 0.8 = 0.24.
    expect(a).toEqual({ cost: 800, qaly: 0.8 });
    expect(b).toEqual({ cost: 0, qaly: 0 });
    expect(whole.qaly).toBeCloseTo(0.3 * a.qaly! + 0.7 * b.qaly!, 15);
    expect(whole.cost).toBeCloseTo(0.3 * a.cost! + 0.7 * b.cost!, 12);
  });

  it("keeps strategies and outcomes, names the subgroup in the title, and never changes the caller's values", () => {
    const p: P = Object.freeze({ prevalence: 0.3, sensitivity: 0.8 });
    const model = subgroupModel(screening, { condition: (v) => ({ ...v, sensitivity: 1 }) }, "Perfect test");
    expect(model.strategies).toEqual(["Screen"]);
    expect(model.outcomes).toEqual(["cost", "qaly"]);
    expect(model.title).toBe("Screening (subgroup: Perfect test)");
    expect(evaluateModel(model, p).Screen.qaly).toBeCloseTo(0.3, 15);
    expect(p).toEqual({ prevalence: 0.3, sensitivity: 0.8 });
  });

  it("refuses a subgroup without a condition function, naming it", () => {
    expect(() => subgroupModel(screening, {} as never, "Broken")).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["subgroups", "Broken", "condition"] }));
  });
});
