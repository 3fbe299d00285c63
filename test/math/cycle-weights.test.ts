// Within-cycle corrections by name (issue 17, item 3): "every-row" (every grid point counted once,
// DARTH's gen_wcc(n, "none")) and the peers' names for qaly's corrections, checked against hand sums.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CYCLE_CORRECTION_ALIASES, CYCLE_CORRECTION_NAMES, type CycleCorrection, canonicalCycleCorrection, cycleWeights } from "../../src/math/cycle-weights.js";
import { discountedCycleWeights } from "../../src/math/discounted-cycle-weights.js";
import { markovCohort } from "../../src/models/markov/markov-cohort.js";
import { complement } from "../../src/models/complement.js";
import { evaluateModel } from "../../src/models/model.js";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";

const alive = (cycleCorrection: CycleCorrection, discountTiming: "row" | "cycle-start" = "row") =>
  markovCohort<{ pDie: number }>({
    states: ["Alive", "Dead"], strategies: ["SoC"], outcomes: { lifeYears: "effect" },
    cycles: 3, start: { Alive: 1 }, cycleCorrection, discountTiming, discountRate: { effect: 0 },
    transitions: (p) => ({ Alive: { Dead: p.pDie, Alive: complement }, Dead: { Dead: 1 } }),
    values: () => ({ lifeYears: { Alive: 1 } }),
  });

describe("cycleWeights by name", () => {
  it('cycleWeights("every-row") counts every row 0 … N once (DARTH gen_wcc(n, "none"))', () => {
    expect(Array.from(cycleWeights("every-row", 3))).toEqual([1, 1, 1, 1]);
    expect(Array.from(cycleWeights("darth-none", 1))).toEqual([1, 1]);
  });

  it("every-row life-years are 1 + 0.9 + 0.81 + 0.729 = 3.439 with a 10 % death risk a cycle (hand sum)", () => {
    expect(evaluateModel(alive("every-row"), { pDie: 0.1 }).SoC!.lifeYears).toBeCloseTo(3.439, 12);
    // heemod "beginning" counts rows 0 … 2 (2.71), "end" rows 1 … 3 (2.439), "life-table" their mean.
    expect(evaluateModel(alive("beginning"), { pDie: 0.1 }).SoC!.lifeYears).toBeCloseTo(2.71, 12);
    expect(evaluateModel(alive("end"), { pDie: 0.1 }).SoC!.lifeYears).toBeCloseTo(2.439, 12);
    expect(evaluateModel(alive("life-table"), { pDie: 0.1 }).SoC!.lifeYears).toBeCloseTo((2.71 + 2.439) / 2, 12);
  });

  it("each peer's name gives the same weights as the qaly correction it maps to (property over N)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...Object.keys(CYCLE_CORRECTION_ALIASES)), (cycles, alias) => {
        const name = alias as CycleCorrection;
        expect(cycleWeights(name, cycles)).toEqual(cycleWeights(canonicalCycleCorrection(name), cycles));
      }),
    );
  });

  it('heemod\'s default ("life-table", first cycle undiscounted) is accepted with cycle-start timing, as "half-cycle" is', () => {
    const options = { cycles: 4, cycleLength: 1, discountRate: 0.04, timing: "cycle-start" as const };
    expect(discountedCycleWeights({ ...options, correction: "life-table" })).toEqual(discountedCycleWeights({ ...options, correction: "half-cycle" }));
    expect(discountedCycleWeights({ ...options, correction: "riemann-right" })).toEqual(discountedCycleWeights({ ...options, correction: "none-end" }));
    expect(() => discountedCycleWeights({ ...options, correction: "every-row" })).toThrow(/per-cycle correction/);
  });

  it("an unknown name lists every name", () => {
    try {
      cycleWeights("none" as CycleCorrection, 2);
      expect.unreachable();
    } catch (error) {
      expect((error as { issues: { expected: string }[] }).issues[0]!.expected).toContain('"every-row" | "beginning"');
    }
    expect(CYCLE_CORRECTION_NAMES).toContain("darth-simpson");
  });

  it("model files accept the names (every-row, life-table) with the API's results", () => {
    const text = (name: string) => `metadata: { title: names, currency: SEK }
parameters: { pDie: 0.1 }
strategies: [SoC]
model:
  type: markov
  states: [Alive, Dead]
  outcomes: { cost: cost, lifeYears: effect }
  cycles: 3
  start: { Alive: 1 }
  cycleCorrection: ${name}
  discountRate: { cost: 0, effect: 0 }
  transitions: { Alive: { Dead: pDie, Alive: complement }, Dead: { Dead: 1 } }
  values: { cost: { Alive: 0 }, lifeYears: { Alive: 1 } }
`;
    for (const name of ["every-row", "life-table"] as const) {
      const project = compileModelFile(text(name), { fileName: "names.yaml" });
      expect(evaluateModel(project.model, project.parameters.base()).SoC!.lifeYears).toBeCloseTo(evaluateModel(alive(name), { pDie: 0.1 }).SoC!.lifeYears!, 14);
    }
    expect(checkModelFile(text("none"), { fileName: "names.yaml" }).ok).toBe(false);
  });
});
