// Compile-time checks (run by `npm run typecheck`): state, endpoint, outcome and strategy names flow
// from the definition into callbacks and results, so a typo is a compile error.
import { describe, expect, it } from "vitest";
import { partitionedSurvival } from "../../../src/models/psm/index.js";
import { exponentialSurvival } from "../../../src/survival/index.js";

describe("partitionedSurvival types", () => {
  it("partitionedSurvival infers strategy and outcome names and defaults states to PF / PD / Dead", () => {
    const model = partitionedSurvival({
      strategies: ["Chemotherapy", "Targeted"],
      outcomes: { costDrug: "cost", qaly: "effect" },
      cycles: 2,
      curves: (p: { rOs: number }) => ({ PFS: exponentialSurvival({ rate: 1 }), OS: exponentialSurvival({ rate: p.rOs }) }),
      values: () => ({ qaly: { PF: 0.8, PD: 0.6 } }),
    });
    // Type-checked, never run:
    void (() =>
      partitionedSurvival({
        strategies: ["only"],
        outcomes: { qaly: "effect" },
        cycles: 1,
        curves: () => ({ PFS: exponentialSurvival({ rate: 1 }), OS: exponentialSurvival({ rate: 0.5 }) }),
        // @ts-expect-error: "Progressed" is not a state
        values: () => ({ qaly: { Progressed: 1 } }),
      }));
    void (() =>
      partitionedSurvival({
        strategies: ["only"],
        outcomes: { qaly: "effect" },
        cycles: 1,
        // @ts-expect-error: the OS curve is missing
        curves: () => ({ PFS: exponentialSurvival({ rate: 1 }) }),
      }));
    const states: readonly ("PF" | "PD" | "Dead")[] = model.states;
    const run = model.run({ rOs: 0.1 });
    // @ts-expect-error: "Surgery" is not a strategy
    void run.strategies["Surgery"];
    // @ts-expect-error: "PFS2" is not an endpoint
    void run.strategies.Targeted.survival.PFS2;
    expect(states).toEqual(["PF", "PD", "Dead"]);
  });

  it("partitionedSurvival infers custom states and endpoints from the definition", () => {
    const model = partitionedSurvival({
      states: ["PF", "PD1", "PD2", "Dead"],
      endpoints: ["PFS", "PFS2", "OS"],
      strategies: ["SoC"],
      outcomes: { lifeYears: "effect" },
      cycles: 1,
      curves: () => ({ PFS: exponentialSurvival({ rate: 1 }), PFS2: exponentialSurvival({ rate: 0.5 }), OS: exponentialSurvival({ rate: 0.2 }) }),
      values: () => ({ lifeYears: { PF: 1, PD1: 1, PD2: 1 } }),
    });
    const trace = model.run({}).strategies.SoC.trace;
    expect(trace[0]!.PD2).toBe(0);
  });
});
