// The "floor" crossing policy (issue 17, item 2): progression-free kept as fitted, progressed
// floored at 0, dead = 1 − OS, as in DARTH's partitioned survival tutorial (partition_surv:
// prog <- os − pfs; prog[prog < 0] <- 0; stable <- pfs; dead <- 1 − os). Checked against hand sums.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { partitionedSurvival, type CrossingPolicy } from "../../../src/models/psm/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { exponentialSurvival, tabulatedSurvival } from "../../../src/survival/index.js";
import { compileModelFile } from "../../../src/files/compile-model-file.js";

// PFS and OS given at the trace rows t = 0 … 3 (annual cycles); PFS > OS at row 2 only.
const PFS = [1, 0.6, 0.5, 0.2];
const OS = [1, 0.9, 0.4, 0.3];
const model = (crossing: CrossingPolicy) =>
  partitionedSurvival<object, "SoC", "lifeYears" | "qaly" | "cost">({
    strategies: ["SoC"], outcomes: { lifeYears: "effect", qaly: "effect", cost: "cost" }, cycles: 3, discountRate: { cost: 0, effect: 0 }, crossing, costByYear: 3,
    curves: () => ({ PFS: tabulatedSurvival({ time: [0, 1, 2, 3], survival: PFS }), OS: tabulatedSurvival({ time: [0, 1, 2, 3], survival: OS }) }),
    values: () => ({ lifeYears: { PF: 1, PD: 1 }, qaly: { PF: 1, PD: 0.5 }, cost: { PD: 1000, Dead: 10 } }),
  });

describe('partitionedSurvival({ crossing: "floor" })', () => {
  it("keeps PF as fitted, floors PD at 0 and leaves Dead = 1 − OS at a crossed row", () => {
    const run = model("floor").run({}).strategies.SoC;
    expect(Array.from(run.occupancy.PF)).toEqual([1, 0.6, 0.5, 0.2]);
    expect(Array.from(run.occupancy.PD).map((v) => +v.toFixed(12))).toEqual([0, 0.3, 0, 0.1]);
    expect(Array.from(run.occupancy.Dead).map((v) => +v.toFixed(12))).toEqual([0, 0.1, 0.6, 0.7]);
    expect(run.clampedCycles).toBe(1);
  });

  it("gives the hand-computed totals (trapezoid ½, 1, 1, ½, undiscounted), different from clamp's", () => {
    const floor = evaluateModel(model("floor"), {}).SoC;
    const clamp = evaluateModel(model("clamp"), {}).SoC;
    // PF: ½·1 + 0.6 + 0.5 + ½·0.2 = 1.7; PD: 0.3 + 0 + ½·0.1 = 0.35; Dead: 0.1 + 0.6 + ½·0.7 = 1.05.
    expect(floor.lifeYears).toBeCloseTo(1.7 + 0.35, 12);
    expect(floor.qaly).toBeCloseTo(1.7 + 0.5 * 0.35, 12);
    expect(floor.cost).toBeCloseTo(1000 * 0.35 + 10 * 1.05, 9);
    expect(floor.clampedCycles).toBe(1);
    // Clamp caps PF at OS at row 2 (0.4): PF = 1.6, PD unchanged at 0.35.
    expect(clamp.lifeYears).toBeCloseTo(1.6 + 0.35, 12);
    expect(clamp.clampedCycles).toBe(1);
  });

  it("splits the same undiscounted cost over the years (costByYear)", () => {
    const floor = evaluateModel(model("floor"), {}).SoC;
    expect(floor.costYear1! + floor.costYear2! + floor.costYear3!).toBeCloseTo(floor.costUndiscounted!, 9);
  });

  it("equals clamp wherever the curves do not cross (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (rOs, extra) => {
        const make = (crossing: CrossingPolicy) =>
          partitionedSurvival<object, "SoC", "qaly">({
            strategies: ["SoC"], outcomes: { qaly: "effect" }, cycles: 10, crossing,
            curves: () => ({ PFS: exponentialSurvival({ rate: rOs + extra }), OS: exponentialSurvival({ rate: rOs }) }),
            values: () => ({ qaly: { PF: 0.8, PD: 0.6 } }),
          });
        expect(evaluateModel(make("floor"), {})).toEqual(evaluateModel(make("clamp"), {}));
      }),
      { numRuns: 30 },
    );
  });

  it("PD is max(OS − PFS, 0) and PF is PFS at every row when the curves cross everywhere (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), (rPfs, rOs) => {
        const run = partitionedSurvival<object, "SoC", "qaly">({
          strategies: ["SoC"], outcomes: { qaly: "effect" }, cycles: 6, crossing: "floor",
          curves: () => ({ PFS: exponentialSurvival({ rate: rPfs }), OS: exponentialSurvival({ rate: rOs }) }),
        }).run({}).strategies.SoC;
        for (let t = 0; t <= 6; t++) {
          expect(run.occupancy.PF[t]).toBeCloseTo(Math.exp(-rPfs * t), 12);
          expect(run.occupancy.PD[t]).toBeCloseTo(Math.max(Math.exp(-rOs * t) - Math.exp(-rPfs * t), 0), 12);
          expect(run.occupancy.Dead[t]).toBeCloseTo(1 - Math.exp(-rOs * t), 12);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("is accepted in model files as crossing: floor, with the API's results; other words are an error", () => {
    const text = (crossing: string) => `metadata: { title: floor, currency: SEK }
parameters: { u: 0.8 }
strategies: [SoC]
model:
  type: partitioned-survival
  outcomes: { cost: cost, qaly: effect }
  cycles: 10
  crossing: ${crossing}
  curves:
    PFS: { kind: exponential, rate: 0.2 }
    OS: { kind: exponential, rate: 0.3 }
  values: { cost: { PD: 100 }, qaly: { PF: u, PD: 0.6 } }
`;
    const project = compileModelFile(text("floor"), { fileName: "floor.yaml" });
    const api = partitionedSurvival<{ u: number }, "SoC", "cost" | "qaly">({
      strategies: ["SoC"], outcomes: { cost: "cost", qaly: "effect" }, cycles: 10, crossing: "floor",
      curves: () => ({ PFS: exponentialSurvival({ rate: 0.2 }), OS: exponentialSurvival({ rate: 0.3 }) }),
      values: (p) => ({ cost: { PD: 100 }, qaly: { PF: p.u, PD: 0.6 } }),
    });
    expect(evaluateModel(project.model, project.parameters.base())).toEqual(evaluateModel(api, { u: 0.8 }));
    expect(evaluateModel(project.model, project.parameters.base()).SoC!.clampedCycles).toBe(10);
    expect(() => compileModelFile(text("darth"), { fileName: "floor.yaml" })).toThrow(/crossing/);
  });

  it("rejects an unknown policy through the API", () => {
    expect(() => model("keep" as CrossingPolicy)).toThrow(/"clamp", "error" or "floor"/);
  });
});
