// The survival pass of a partitioned survival model: crossed rows are counted once per row (whichever
// endpoints cross there), afresh in every evaluation, and the fast Weibull grid gives the same
// occupancy as evaluating each curve point by point.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { partitionedSurvival } from "../../../src/models/psm/index.js";
import { PSM_TOLERANCE } from "../../../src/models/psm/partitioned-survival-definition.js";
import { evaluateModel } from "../../../src/models/model.js";
import { defineCurve } from "../../../src/survival/define-curve.js";
import { exponentialSurvival, lifeTable, weibullPhSurvival, weibullSurvival } from "../../../src/survival/index.js";
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

  it("evaluateModel(psm) with two exponential endpoints (one fused pass) counts crossed rows under clamp and fails at the first crossed row under error", () => {
    const make = (crossing: "clamp" | "error") => partitionedSurvival<{ rPfs: number; rOs: number }, "SoC", "lifeYears">({
      strategies: ["SoC"], outcomes: { lifeYears: "effect" }, cycles: 12, crossing,
      curves: (p) => ({ PFS: exponentialSurvival({ rate: p.rPfs }), OS: exponentialSurvival({ rate: p.rOs }) }),
      values: () => ({ lifeYears: { PF: 1, PD: 1 } }),
    });
    // PFS above OS at every row t ≥ 1 (rate 0.1 < 0.3): 12 crossed rows, the first at cycle 1.
    expect(evaluateModel(make("clamp"), { rPfs: 0.1, rOs: 0.3 }).SoC.clampedCycles).toBe(12);
    expect(evaluateModel(make("clamp"), { rPfs: 0.5, rOs: 0.3 }).SoC.clampedCycles).toBe(0);
    // Clamped PF = OS: life years are those of OS alone, with nothing in PD.
    const clamped = make("clamp").run({ rPfs: 0.1, rOs: 0.3 }).strategies.SoC;
    expect(Array.from(clamped.occupancy.PD)).toEqual(Array.from(clamped.occupancy.PD, () => 0));
    const error = (() => {
      try {
        evaluateModel(make("error"), { rPfs: 0.1, rOs: 0.3 });
      } catch (e) {
        return e as { code: string; issues: { path: unknown[] }[] };
      }
      return undefined;
    })();
    expect(error?.code).toBe("curves_cross");
    expect(error?.issues[0]!.path).toEqual(["strategies", "SoC", "curves", "PFS", "cycle", 1]);
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

  it("run(psm) writes exponential curves (floored per cycle or not) within 1e-14·max(1, H) relative of e^{−H} row by row", () => {
    // The exponential path multiplies S by e^{−rate·step} (or the population's e^{−ΔH}) instead of one
    // exp per row, re-anchored at e^{−H} every 32 rows: at most 64 roundings apart (≈ 7e-15 relative).
    const table = lifeTable({ ages: [0, 60, 70, 80, 90], rates: { female: [0.001, 0.008, 0.02, 0.06, 0.18], male: [0.0012, 0.011, 0.027, 0.075, 0.2] } });
    const strip = (curve: SurvivalCurve): SurvivalCurve => defineCurve({ def: curve.def, label: "generic", survival: curve.survival, hazard: curve.hazard, cumulativeHazard: curve.cumulativeHazard });
    const make = (exponential: boolean, floored: boolean) => partitionedSurvival<{ rPfs: number; rOs: number }, "SoC", "qaly" | "cDeath">({
      strategies: ["SoC"], outcomes: { qaly: "effect", cDeath: "cost" }, cycles: 480, cycleLength: 1 / 12, timeUnit: "months", startAge: 62,
      ...(floored ? { backgroundMortality: { lifeTable: table, sexMix: { female: 0.5, male: 0.5 } } } : {}),
      curves: (p) => {
        const pfs = exponentialSurvival({ rate: p.rPfs });
        const os = exponentialSurvival({ rate: p.rOs });
        return exponential ? { PFS: pfs, OS: os } : { PFS: strip(pfs), OS: strip(os) };
      },
      values: () => ({ qaly: { PF: 0.8, PD: 0.6 } }),
      entryValues: () => ({ cDeath: { Dead: 1000 } }),
    });
    const models = [false, true].map((floored) => [make(true, floored), make(false, floored)] as const);
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 2, noNaN: true }), fc.double({ min: 1e-4, max: 2, noNaN: true }), fc.boolean(), (rPfs, rOs, floored) => {
        const [fast, slow] = models[floored ? 1 : 0]!;
        const a = fast.run({ rPfs, rOs }).strategies.SoC;
        const b = slow.run({ rPfs, rOs }).strategies.SoC;
        for (const endpoint of ["PFS", "OS"] as const) {
          const x = a.survival[endpoint];
          const y = b.survival[endpoint];
          // e^{−H} itself moves by H·ε relative when H is rounded (ε = 2.2e-16), so the bound grows with H;
          // below 1e-300 the product may stop at a subnormal where e^{−H} gives 0.
          for (let t = 0; t < x.length; t++) expect(Math.abs(x[t]! - y[t]!)).toBeLessThanOrEqual(y[t]! > 0 ? 1e-14 * Math.max(1, -Math.log(y[t]!)) * y[t]! + 1e-300 : 1e-300);
        }
        expect(a.clampedCycles).toBe(b.clampedCycles);
        // Counted in the pair pass's own loop: the rows where its PFS lies above its OS by more than the tolerance.
        expect(a.clampedCycles).toBe(Array.from(a.survival.PFS).filter((s, t) => s > a.clampedSurvival.OS[t]! + PSM_TOLERANCE).length);
        // Totals in absolute terms: PD = S_OS − S_PFS cancels when the curves are close, so a relative
        // bound on the total would be meaningless. Rows within 1e-14 of S over ≤ 40 years give at most
        // 1e-14 · 40 · 0.8 · 2 < 1e-12 QALY, and at most 1e-14 · 1000 · 2 < 1e-10 of the death cost.
        for (const name of ["qaly", "qalyUndiscounted"]) expect(Math.abs(a.totals[name]! - b.totals[name]!)).toBeLessThanOrEqual(1e-12);
        for (const name of ["cDeath", "cDeathUndiscounted"]) expect(Math.abs(a.totals[name]! - b.totals[name]!)).toBeLessThanOrEqual(1e-10);
      }),
      { numRuns: 60 },
    );
  });

  it("run(psm) turns a Weibull curve's H into S within 1e-14·(1 + H) relative of e^{−H} row by row (polynomial steps between exact anchors)", () => {
    // Between anchors every 16 rows S_t = S_{t−1}·e^{−m/8}·poly(r), about 3 roundings per row: ≤ ~48
    // roundings (≈ 5e-15) from e^{−H} whatever H is, since the row's increment is exact; the Weibull
    // grid's H is within ~40 ulps of Math.pow's (test/survival/define-curve.test.ts), ≤ 4.4e-15·H in S.
    const model = partitionedSurvival<{ shapePfs: number; scalePfs: number; shapeOs: number; scaleOs: number }, "SoC", "qaly">({
      strategies: ["SoC"], outcomes: { qaly: "effect" }, cycles: 480, cycleLength: 1 / 12, timeUnit: "months",
      curves: (p) => ({ PFS: weibullSurvival({ shape: p.shapePfs, scale: p.scalePfs }), OS: weibullSurvival({ shape: p.shapeOs, scale: p.scaleOs }) }),
      values: () => ({ qaly: { PF: 0.8, PD: 0.6 } }),
    });
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 4, noNaN: true }), fc.double({ min: 0.5, max: 200, noNaN: true }), fc.double({ min: 0.3, max: 4, noNaN: true }), fc.double({ min: 0.5, max: 200, noNaN: true }), (shapePfs, scalePfs, shapeOs, scaleOs) => {
        const run = model.run({ shapePfs, scalePfs, shapeOs, scaleOs }).strategies.SoC;
        for (const [endpoint, shape, scale] of [["PFS", shapePfs, scalePfs], ["OS", shapeOs, scaleOs]] as const) {
          const rows = run.survival[endpoint];
          const curve = weibullSurvival({ shape, scale });
          for (let t = 0; t < rows.length; t++) {
            const h = curve.cumulativeHazard(t);
            const exact = Math.exp(-h);
            expect(Math.abs(rows[t]! - exact)).toBeLessThanOrEqual(1e-14 * (1 + h) * exact + 1e-300);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("run(psm) with two Weibull endpoints writes every row by the stepping rule bit for bit, in the paired loop and where it hands over to the endpoint-by-endpoint pass", () => {
    // The paired loop takes its anchors' exps first and hands rows whose increment is not a step
    // (d ≥ 8 here: shape 4, scale 0.5) to the endpoint-by-endpoint pass; either way each row must be
    // the rule's own value: S_{t−1}·e^{−m/256}·poly(r) between anchors, e^{−H} (never above the
    // previous row) at every 16th row and wherever 0 ≤ d < 8 fails.
    const STEPS = Float64Array.from({ length: 2048 }, (_, m) => Math.exp(-m / 256));
    const rule = (h: Float64Array): Float64Array => {
      const s = new Float64Array(h.length);
      let before = 2;
      let previous = 0;
      for (let t = 0; t < h.length; t++) {
        const d = h[t]! - previous;
        previous = h[t]!;
        if ((t & 15) !== 0 && d >= 0 && d < 8) {
          const m = (d * 256) | 0;
          const r = d - m * 0.00390625;
          const r2 = r * r;
          s[t] = before * (STEPS[m]! * (1 - r + r2 * (0.5 - r * 0.16666666666666666 + r2 * (0.041666666666666664 - r * 0.008333333333333333))));
        } else {
          const x = Math.exp(-h[t]!);
          s[t] = d >= 0 && x > before ? before : x;
        }
        before = s[t]!;
      }
      return s;
    };
    const model = (discount: number) => partitionedSurvival<{ shapePfs: number; scalePfs: number; shapeOs: number; scaleOs: number }, "SoC", "qaly" | "cost">({
      strategies: ["SoC"], outcomes: { qaly: "effect", cost: "cost" }, cycles: 480, cycleLength: 1 / 12, timeUnit: "months", discountRate: { cost: 0.03, effect: discount },
      curves: (p) => ({ PFS: weibullSurvival({ shape: p.shapePfs, scale: p.scalePfs }), OS: weibullSurvival({ shape: p.shapeOs, scale: p.scaleOs }) }),
      values: () => ({ qaly: { PF: 0.8, PD: 0.6 }, cost: { PF: 0.8, PD: 0.6 } }),
    });
    const [equal, different] = [model(0.03), model(0.05)];
    const check = (p: { shapePfs: number; scalePfs: number; shapeOs: number; scaleOs: number }): void => {
      const run = equal.run(p).strategies.SoC;
      const expected: Record<string, Float64Array> = {};
      for (const [endpoint, shape, scale] of [["PFS", p.shapePfs, p.scalePfs], ["OS", p.shapeOs, p.scaleOs]] as const) {
        const h = new Float64Array(481);
        weibullSurvival({ shape, scale }).cumulativeHazardGrid!(0, 1, h.subarray(1));
        expected[endpoint] = rule(h);
        const rows = run.survival[endpoint];
        for (let t = 0; t < rows.length; t++) expect(Object.is(rows[t], expected[endpoint]![t])).toBe(true);
      }
      // Crossed rows: PFS above OS (capped at 1) by more than the tolerance, each counted once.
      const crossed = expected.PFS!.filter((s, t) => s > Math.min(expected.OS![t]!, 1) + PSM_TOLERANCE).length;
      expect(run.clampedCycles).toBe(crossed);
      // Equal discount rates: one sum serves cost and effect, so the same values give the same totals bit for bit.
      expect(run.totals.qaly).toBe(run.totals.cost);
      expect(different.run(p).strategies.SoC.totals.cost).toBe(run.totals.cost);
    };
    check({ shapePfs: 4, scalePfs: 0.5, shapeOs: 1.2, scaleOs: 30 });
    check({ shapePfs: 1.3, scalePfs: 12, shapeOs: 4, scaleOs: 0.5 });
    check({ shapePfs: 1.5, scalePfs: 40, shapeOs: 1.1, scaleOs: 30 }); // PFS above OS from some row on
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 4, noNaN: true }), fc.double({ min: 0.5, max: 200, noNaN: true }), fc.double({ min: 0.3, max: 4, noNaN: true }), fc.double({ min: 0.5, max: 200, noNaN: true }), (shapePfs, scalePfs, shapeOs, scaleOs) => {
        check({ shapePfs, scalePfs, shapeOs, scaleOs });
      }),
      { numRuns: 40 },
    );
  });

  it("run(psm) gives the same rows and totals bit for bit whether a Weibull grid is scaled in the row loop (a marked curve) or by the curve (a copy)", () => {
    // The marked curves' grids are left unscaled and the loop multiplies each row by the same
    // coefficient·step^shape the curve's grid would: the same product, so nothing may move.
    const copy = (curve: SurvivalCurve): SurvivalCurve => defineCurve({ def: curve.def, label: "copy", survival: curve.survival, hazard: curve.hazard, cumulativeHazard: curve.cumulativeHazard, cumulativeHazardGrid: curve.cumulativeHazardGrid! });
    const make = (marked: boolean) => partitionedSurvival<{ shapePfs: number; scalePfs: number; shapeOs: number; rateOs: number }, "SoC", "qaly" | "cost">({
      strategies: ["SoC"], outcomes: { qaly: "effect", cost: "cost" }, cycles: 480, cycleLength: 1 / 12, timeUnit: "months", discountRate: { cost: 0.035, effect: 0.015 },
      curves: (p) => {
        const pfs = weibullSurvival({ shape: p.shapePfs, scale: p.scalePfs });
        const os = weibullPhSurvival({ shape: p.shapeOs, scale: p.rateOs });
        return marked ? { PFS: pfs, OS: os } : { PFS: copy(pfs), OS: copy(os) };
      },
      values: () => ({ qaly: { PF: 0.8, PD: 0.6 }, cost: { PF: 1000, PD: 300 } }),
      entryValues: () => ({ cost: { Dead: 5000 } }),
    });
    const [marked, copied] = [make(true), make(false)];
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 4, noNaN: true }), fc.double({ min: 0.5, max: 200, noNaN: true }), fc.double({ min: 0.3, max: 4, noNaN: true }), fc.double({ min: 1e-4, max: 2, noNaN: true }), (shapePfs, scalePfs, shapeOs, rateOs) => {
        const a = marked.run({ shapePfs, scalePfs, shapeOs, rateOs }).strategies.SoC;
        const b = copied.run({ shapePfs, scalePfs, shapeOs, rateOs }).strategies.SoC;
        expect(a.totals).toEqual(b.totals);
        expect(a.clampedCycles).toBe(b.clampedCycles);
        for (const endpoint of ["PFS", "OS"] as const) {
          expect(Array.from(a.survival[endpoint])).toEqual(Array.from(b.survival[endpoint]));
          expect(Array.from(a.clampedSurvival[endpoint])).toEqual(Array.from(b.clampedSurvival[endpoint]));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("evaluateModel(psm) gives each strategy the totals it has alone, bit for bit, when strategies share Weibull shapes (power tables reused within a draw) or not, draw after draw", () => {
    type Q = { shapePfs: number; scalePfs: number; shapeOs: number; scaleOs: number; hr: number; shapeNew: number };
    const make = (strategies: readonly ("SoC" | "New" | "Other")[]) => partitionedSurvival<Q, "SoC" | "New" | "Other", "qaly" | "cost">({
      strategies, outcomes: { qaly: "effect", cost: "cost" }, cycles: 240, cycleLength: 1 / 12, timeUnit: "months",
      curves: (p, s) => ({
        // New: the same shapes as SoC (a hazard ratio on the PFS scale); Other: a PFS shape of its own.
        PFS: weibullSurvival({ shape: s === "Other" ? p.shapeNew : p.shapePfs, scale: s === "SoC" ? p.scalePfs : p.scalePfs * p.hr ** (-1 / p.shapePfs) }),
        OS: weibullSurvival({ shape: p.shapeOs, scale: p.scaleOs }),
      }),
      values: () => ({ qaly: { PF: 0.8, PD: 0.6 }, cost: { PF: 1000, PD: 300 } }),
      entryValues: () => ({ cost: { Dead: 5000 } }),
    });
    const all = make(["SoC", "New", "Other"]);
    const alone = { SoC: make(["SoC"]), New: make(["New"]), Other: make(["Other"]) };
    const arbitrary = fc.record({ shapePfs: fc.double({ min: 0.5, max: 3, noNaN: true }), scalePfs: fc.double({ min: 2, max: 60, noNaN: true }), shapeOs: fc.double({ min: 0.5, max: 3, noNaN: true }), scaleOs: fc.double({ min: 2, max: 60, noNaN: true }), hr: fc.double({ min: 0.3, max: 1.5, noNaN: true }), shapeNew: fc.constantFrom(0.9, 1.2) });
    fc.assert(
      fc.property(fc.array(arbitrary, { minLength: 1, maxLength: 4 }), (draws) => {
        for (const p of draws) {
          const together = evaluateModel(all, p);
          for (const s of ["SoC", "New", "Other"] as const) expect(together[s]).toEqual(evaluateModel(alone[s], p)[s]);
        }
      }),
      { numRuns: 30 },
    );
  });
});
