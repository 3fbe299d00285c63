// The survival pass of a partitioned survival model: crossed rows are counted once per row (whichever
// endpoints cross there), afresh in every evaluation, and the fast Weibull grid gives the same
// occupancy as evaluating each curve point by point.
import { describe, expect, it } from "vitest";
import { partitionedSurvival } from "../../../src/models/psm/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { defineCurve } from "../../../src/survival/define-curve.js";
import { exponentialSurvival, weibullSurvival } from "../../../src/survival/index.js";
import type { SurvivalCurve } from "../../../src/survival/survival-curve.js";

type P = { rPfs: number; rPfs2: number; rOs: number };

/** Rows t = 0 … 12 where an exponential with rate `earlier` lies above one with rate `later`: all t ≥ 1 when earlier < later. */
const threeCurves = partitionedSurvival<P, "SoC", "lifeYears", "PF" | "PD1" | "PD2" | "Dead", "PFS" | "PFS2" | "OS">({
  strategies: ["SoC"], outcomes: { lifeYears: "effect" }, cycles: 12,
  states: ["PF", "PD1", "PD2", "Dead"], endpoints: ["PFS", "PFS2", "OS"],
  curves: (p) => ({ PFS: exponentialSurvival({ rate: p.rPfs }), PFS2: exponentialSurvival({ rate: p.rPfs2 }), OS: exponentialSurvival({ rate: p.rOs }) }),
  values: () => ({ lifeYears: { PF: 1, PD1: 1, PD2: 1 } }),
});

describe("fillSurvival", () => {
  it("evaluateModel(psm) counts crossed rows afresh in each evaluation, once per row when two endpoints cross there", () => {
    const ordered = { rPfs: 0.5, rPfs2: 0.3, rOs: 0.1 };
    const bothCross = { rPfs: 0.1, rPfs2: 0.2, rOs: 0.3 }; // PFS > PFS2 > OS at every row t ≥ 1
    const oneCrosses = { rPfs: 0.5, rPfs2: 0.2, rOs: 0.3 }; // only PFS2 > OS
    expect(evaluateModel(threeCurves, ordered).SoC.clampedCycles).toBe(0);
    expect(evaluateModel(threeCurves, bothCross).SoC.clampedCycles).toBe(12);
    expect(evaluateModel(threeCurves, ordered).SoC.clampedCycles).toBe(0);
    expect(evaluateModel(threeCurves, oneCrosses).SoC.clampedCycles).toBe(12);
    expect(evaluateModel(threeCurves, bothCross).SoC.clampedCycles).toBe(12);
  });

  it("evaluateModel(psm) gives the same totals through the Weibull cumulativeHazardGrid fast path as point by point", () => {
    const strip = (curve: SurvivalCurve): SurvivalCurve => defineCurve({ def: curve.def, label: "no grid", survival: curve.survival, hazard: curve.hazard, cumulativeHazard: curve.cumulativeHazard });
    const make = (grid: boolean) => partitionedSurvival<{ shape: number }, "SoC", "qaly">({
      strategies: ["SoC"], outcomes: { qaly: "effect" }, cycles: 480, cycleLength: 1 / 12, timeUnit: "months",
      curves: (p) => {
        const pfs = weibullSurvival({ shape: p.shape, scale: 10 });
        const os = weibullSurvival({ shape: 1.1, scale: 24 });
        return grid ? { PFS: pfs, OS: os } : { PFS: strip(pfs), OS: strip(os) };
      },
      values: () => ({ qaly: { PF: 0.8, PD: 0.6 } }),
    });
    for (const shape of [0.7, 1, 1.37]) {
      const fast = evaluateModel(make(true), { shape }).SoC.qaly!;
      const slow = evaluateModel(make(false), { shape }).SoC.qaly!;
      // The grid's H is within ~40 ulps of Math.pow (test/survival/define-curve.test.ts); S = e^{−H}
      // then differs by at most H·40 ulps ≤ 1e-12 relative for H ≤ 100, and the sums inherit that.
      expect(Math.abs(fast / slow - 1)).toBeLessThan(1e-12);
    }
  });
});
