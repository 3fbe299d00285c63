// A partitioned survival model satisfies the Model interface: it is a decision-tree leaf, runs
// under PSA (clampedCycles reported for every draw) and honours context.startTime.
import { describe, expect, it } from "vitest";
import { runPsaSync } from "../../../src/analysis/run/index.js";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { partitionedSurvival } from "../../../src/models/psm/index.js";
import { chance, decision, decisionTree, terminal } from "../../../src/models/tree/index.js";
import type { ParameterDraws } from "../../../src/parameters/parameter-draws.js";
import { weibullSurvival } from "../../../src/survival/index.js";

type P = { scalePfs: number; scaleOs: number; pMutation: number; cTest: number };
const params: P = { scalePfs: 10, scaleOs: 24, pMutation: 0.3, cTest: 3_000 };

const psm = partitionedSurvival<P, "Targeted" | "Chemotherapy", "costDrug" | "qaly">({
  title: "NSCLC PSM",
  strategies: ["Targeted", "Chemotherapy"],
  outcomes: { costDrug: "cost", qaly: "effect" },
  horizon: 20, cycleLength: 1 / 12, timeUnit: "months", startAge: 65,
  curves: (p, s) => ({ PFS: weibullSurvival({ shape: 1.2, scale: s === "Targeted" ? p.scalePfs * 1.8 : p.scalePfs }), OS: weibullSurvival({ shape: 1.1, scale: p.scaleOs }) }),
  values: () => ({ qaly: { PF: 0.8, PD: 0.65 } }),
  cappedValues: (_, s) => ({ drug: { outcome: "costDrug", states: "PF", perYear: s === "Targeted" ? 90_000 : 20_000, maxDuration: 2 } }),
});

/** Columnar draws from plain arrays (no sampler needed). */
function parameterDraws(columns: Record<string, Float64Array>): ParameterDraws {
  const names = Object.keys(columns);
  return {
    names,
    size: columns[names[0]!]!.length,
    column: (name) => columns[name]!,
    row: (i) => Object.fromEntries(names.map((name) => [name, columns[name]![i]!])),
  };
}

describe("partitionedSurvival as a Model", () => {
  it("evaluateInto(params, out, { startTime }) multiplies discounted totals by (1 + r)^(−startTime) and leaves undiscounted ones", () => {
    const now = evaluateModel(psm, params).Targeted;
    const later = evaluateModel(psm, params, { startTime: 0.5 }).Targeted;
    expect(later.qaly).toBeCloseTo(now.qaly! * 1.03 ** -0.5, 12);
    expect(later.costDrug).toBeCloseTo(now.costDrug! * 1.03 ** -0.5, 6);
    expect(later.qalyUndiscounted).toBe(now.qalyUndiscounted);
  });

  it("terminal(psm, { strategy, startTime }) in a decision tree equals the probability-weighted leaf outcomes", () => {
    const tree = decisionTree<P>({
      title: "Test then treat",
      root: decision({
        Test: {
          payoffs: { costTesting: (p: P) => p.cTest },
          next: chance([
            { label: "Mutation", probability: (p: P) => p.pMutation, next: terminal(psm, { strategy: "Targeted", startTime: 0.1 }) },
            { label: "Wild type", probability: complement, next: terminal(psm, { strategy: "Chemotherapy", startTime: 0.1 }) },
          ]),
        },
        "No test": terminal(psm, { strategy: "Chemotherapy" }),
      }),
    });
    const result = evaluateModel(tree, params);
    const later = evaluateModel(psm, params, { startTime: 0.1 });
    expect(result.Test!.qaly).toBeCloseTo(0.3 * later.Targeted.qaly! + 0.7 * later.Chemotherapy.qaly!, 10);
    expect(result["No test"]!.qaly).toBeCloseTo(evaluateModel(psm, params).Chemotherapy.qaly!, 12);
  });

  it("runPsaSync(psm, draws) reports clampedCycles per draw, 0 when PFS stays below OS", () => {
    const draws = parameterDraws({ scalePfs: Float64Array.of(10, 40, 12), scaleOs: Float64Array.of(24, 20, 30), pMutation: Float64Array.of(0.3, 0.3, 0.3), cTest: Float64Array.of(1, 1, 1) });
    const psa = runPsaSync(psm, draws);
    const clamped = Array.from(psa.values("clampedCycles", "Targeted"));
    expect(clamped[0]).toBe(0); // PFS scale 18 months (shape 1.2) stays below OS scale 24 (shape 1.1)
    expect(clamped[1]).toBeGreaterThan(0); // PFS scale 72 months above OS scale 20: clamped
    expect(clamped[1]).toBe(psm.run({ ...params, scalePfs: 40, scaleOs: 20 }).strategies.Targeted.clampedCycles);
    expect(Array.from(psa.values("clampedCycles", "Chemotherapy"))[0]).toBe(0);
    expect(psa.values("qaly", "Targeted")[2]).toBeCloseTo(evaluateModel(psm, { ...params, scalePfs: 12, scaleOs: 30 }).Targeted.qaly!, 12);
  });
});
