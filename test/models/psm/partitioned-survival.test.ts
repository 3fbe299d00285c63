// Behaviour of the partitioned survival engine checked against naive oracles written here with
// plain loops over S(t) (docs/partitioned-survival.md gives the formulas).
import { describe, expect, it } from "vitest";
import { cycleWeights } from "../../../src/math/cycle-weights.js";
import { discountedCycleWeights } from "../../../src/math/discounted-cycle-weights.js";
import { evaluateModel } from "../../../src/models/model.js";
import { partitionedSurvival } from "../../../src/models/psm/index.js";
import { exponentialSurvival, lifeTable, weibullSurvival } from "../../../src/survival/index.js";
import { thrown } from "../../helpers/thrown.js";

type P = { shapePfs: number; scalePfs: number; shapeOs: number; scaleOs: number; cDrug: number; cCare: number; cDeath: number; uPF: number; uPD: number };
const base: P = { shapePfs: 1.3, scalePfs: 9, shapeOs: 1.1, scaleOs: 22, cDrug: 60_000, cCare: 12_000, cDeath: 8_000, uPF: 0.78, uPD: 0.6 };

const CYCLES = 240; // 20 years of months
const DT = 1 / 12;

/** S at rows 0 … N of a Weibull curve in months (the time unit of the curves below). */
function weibullRows(shape: number, scale: number): Float64Array {
  return Float64Array.from({ length: CYCLES + 1 }, (_, t) => Math.exp(-((t / scale) ** shape)));
}

function model(extra: Record<string, unknown> = {}) {
  return partitionedSurvival<P, "SoC", "costDrug" | "costCare" | "qaly" | "lifeYears">({
    title: "Oracle PSM",
    strategies: ["SoC"],
    outcomes: { costDrug: "cost", costCare: "cost", qaly: "effect", lifeYears: "effect" },
    cycles: CYCLES,
    cycleLength: DT,
    timeUnit: "months",
    discountRate: { cost: 0.03, effect: 0.015 },
    curves: (p) => ({ PFS: weibullSurvival({ shape: p.shapePfs, scale: p.scalePfs }), OS: weibullSurvival({ shape: p.shapeOs, scale: p.scaleOs }) }),
    values: (p) => ({ costDrug: { PF: p.cDrug }, costCare: { PF: p.cCare / 2, PD: p.cCare }, qaly: { PF: p.uPF, PD: p.uPD }, lifeYears: { PF: 1, PD: 1 } }),
    ...extra,
  });
}

describe("partitionedSurvival: occupancy and values", () => {
  it("partitionedSurvival(def) totals equal Σ_t c_t · v · m_t over PF = S_PFS, PD = S_OS − S_PFS (trapezoid, row discounting)", () => {
    const pfs = weibullRows(base.shapePfs, base.scalePfs);
    const os = weibullRows(base.shapeOs, base.scaleOs);
    const cost = discountedCycleWeights({ cycles: CYCLES, cycleLength: DT, discountRate: 0.03 });
    const effect = discountedCycleWeights({ cycles: CYCLES, cycleLength: DT, discountRate: 0.015 });
    const plain = cycleWeights("trapezoid", CYCLES).map((w) => w * DT);
    let drug = 0, care = 0, qaly = 0, ly = 0, lyUndiscounted = 0;
    for (let t = 0; t <= CYCLES; t++) {
      const pf = pfs[t]!;
      const pd = os[t]! - pfs[t]!;
      drug += cost[t]! * pf * base.cDrug;
      care += cost[t]! * (pf * base.cCare / 2 + pd * base.cCare);
      qaly += effect[t]! * (pf * base.uPF + pd * base.uPD);
      ly += effect[t]! * (pf + pd);
      lyUndiscounted += plain[t]! * (pf + pd);
    }
    const result = evaluateModel(model(), base).SoC;
    // Same arithmetic in another order: agreement to 1e-12 relative.
    expect(result.costDrug).toBeCloseTo(drug, 6);
    expect(Math.abs(result.costCare! / care - 1)).toBeLessThan(1e-12);
    expect(Math.abs(result.qaly! / qaly - 1)).toBeLessThan(1e-12);
    expect(Math.abs(result.lifeYears! / ly - 1)).toBeLessThan(1e-12);
    expect(Math.abs(result.lifeYearsUndiscounted! / lyUndiscounted - 1)).toBeLessThan(1e-12);
    expect(result.cost).toBe(result.costDrug! + result.costCare!);
    expect(result.clampedCycles).toBe(0);
  });

  it("partitionedSurvival(def) evaluates time-dependent values per row with time.cycle, time.time and time.age", () => {
    const seen: number[] = [];
    const m = model({
      startAge: 60,
      values: (p: P, time: { cycle: number; time: number; age: number }) => {
        if (time.cycle === 12) seen.push(time.time, time.age);
        return { qaly: { PF: time.age < 62 ? p.uPF : 0.5, PD: p.uPD } };
      },
    });
    const pfs = weibullRows(base.shapePfs, base.scalePfs);
    const os = weibullRows(base.shapeOs, base.scaleOs);
    const effect = discountedCycleWeights({ cycles: CYCLES, cycleLength: DT, discountRate: 0.015 });
    let qaly = 0;
    for (let t = 0; t <= CYCLES; t++) qaly += effect[t]! * (pfs[t]! * (60 + t * DT < 62 ? base.uPF : 0.5) + (os[t]! - pfs[t]!) * base.uPD);
    expect(Math.abs(evaluateModel(m, base).SoC.qaly! / qaly - 1)).toBeLessThan(1e-12);
    expect(seen[0]).toBeCloseTo(1, 12);
    expect(seen[1]).toBeCloseTo(61, 12);
  });

  it("partitionedSurvival(def) charges entryValues on Dead to each cycle's deaths, discounted at the end of the cycle", () => {
    const os = weibullRows(base.shapeOs, base.scaleOs);
    const m = model({ entryValues: (p: P) => ({ costCare: { Dead: p.cDeath } }), values: () => ({}) });
    let discounted = 0;
    for (let k = 1; k <= CYCLES; k++) discounted += (os[k - 1]! - os[k]!) * base.cDeath * 1.03 ** -(k * DT);
    const result = evaluateModel(m, base).SoC;
    expect(Math.abs(result.costCare! / discounted - 1)).toBeLessThan(1e-12);
    expect(Math.abs(result.costCareUndiscounted! / (base.cDeath * (1 - os[CYCLES]!)) - 1)).toBeLessThan(1e-12);
  });

  it("partitionedSurvival(def) adds startingValues once, undiscounted", () => {
    const without = evaluateModel(model(), base).SoC;
    const withTest = evaluateModel(model({ startingValues: () => ({ costCare: 1_500 }) }), base).SoC;
    expect(withTest.costCare! - without.costCare!).toBeCloseTo(1_500, 9);
    expect(withTest.costCareUndiscounted! - without.costCareUndiscounted!).toBeCloseTo(1_500, 9);
  });

  it("partitionedSurvival(def) generalises to N states: occupancy S_k − S_{k−1} for PFS ≤ PFS2 ≤ OS", () => {
    const four = partitionedSurvival({
      states: ["PF", "PD1", "PD2", "Dead"],
      endpoints: ["PFS", "PFS2", "OS"],
      strategies: ["SoC"],
      outcomes: { lifeYears: "effect" },
      cycles: 200, cycleLength: 0.05, discountRate: { effect: 0 }, cycleCorrection: "none-end",
      curves: () => ({ PFS: exponentialSurvival({ rate: 0.6 }), PFS2: exponentialSurvival({ rate: 0.3 }), OS: exponentialSurvival({ rate: 0.1 }) }),
      values: () => ({ lifeYears: { PD1: 1 } }),
    });
    let expected = 0;
    for (let t = 1; t <= 200; t++) expected += 0.05 * (Math.exp(-0.3 * t * 0.05) - Math.exp(-0.6 * t * 0.05));
    expect(Math.abs(evaluateModel(four, {}).SoC.lifeYears! / expected - 1)).toBeLessThan(1e-12);
    const row = four.run({}).strategies.SoC.trace[20]!;
    expect(row.PF + row.PD1 + row.PD2 + row.Dead).toBeCloseTo(1, 14);
    expect(row.PD2).toBeCloseTo(Math.exp(-0.1) - Math.exp(-0.3), 14);
  });

  it("partitionedSurvival(def) with backgroundMortality caps every curve's hazard by the life table from startAge + startTime", () => {
    const table = lifeTable({ ages: [0, 70, 80], rates: { female: [0.001, 0.5, 1] } });
    const m = partitionedSurvival({
      strategies: ["SoC"], outcomes: { lifeYears: "effect" }, cycles: 20, discountRate: { effect: 0 }, cycleCorrection: "none-end",
      startAge: 68, backgroundMortality: { lifeTable: table, sexMix: { female: 1 } },
      curves: () => ({ PFS: exponentialSurvival({ rate: 0.2 }), OS: exponentialSurvival({ rate: 0.01 }) }),
      values: () => ({ lifeYears: { PF: 1, PD: 1 } }),
    });
    const os = m.run({}).strategies.SoC.survival.OS;
    // Ages 68–70 at the curve's 1 %, then 50 % a year, then 100 % a year past 80.
    expect(os[2]).toBeCloseTo(Math.exp(-0.02), 12);
    expect(os[4]).toBeCloseTo(Math.exp(-0.02 - 1), 10);
    const shifted = m.run({}, { startTime: 1 }).strategies.SoC.survival.OS;
    expect(shifted[1]).toBeCloseTo(Math.exp(-0.01), 12);
    expect(shifted[2]).toBeCloseTo(Math.exp(-0.01 - 0.5), 10);
  });

  it("partitionedSurvival(def) backgroundMortality method \"cycle\" raises each cycle's hazard increment; \"exact\" takes the pointwise maximum", () => {
    // Population hazard jumps from 0.001 to 0.5 at age 70.5, inside the third annual cycle (ages 70–71 from 68).
    const table = lifeTable({ ages: [0, 70.5], rates: { female: [0.001, 0.5] } });
    const build = (method: "cycle" | "exact") =>
      partitionedSurvival({
        strategies: ["SoC"], outcomes: { lifeYears: "effect" }, cycles: 5, discountRate: { effect: 0 }, cycleCorrection: "none-end",
        startAge: 68, backgroundMortality: { lifeTable: table, sexMix: { female: 1 }, method },
        curves: () => ({ PFS: exponentialSurvival({ rate: 0.3 }), OS: exponentialSurvival({ rate: 0.2 }) }),
      });
    const cycle = build("cycle").run({}).strategies.SoC.survival.OS;
    const exact = build("exact").run({}).strategies.SoC.survival.OS;
    // Cycle 3 (ages 70–71): population increment 0.5·0.001 + 0.5·0.5 = 0.2505 > the curve's 0.2, so the
    // cycle floor gives H = 0.4 + 0.2505; the exact floor max(0.2, h_pop) gives 0.4 + 0.5·0.2 + 0.5·0.5.
    expect(cycle[3]).toBeCloseTo(Math.exp(-(0.4 + 0.2505)), 12);
    expect(exact[3]).toBeCloseTo(Math.exp(-(0.4 + 0.1 + 0.25)), 10);
    expect(cycle[2]).toBeCloseTo(exact[2]!, 12);
    expect(thrown(() => partitionedSurvival({
      strategies: ["SoC"], outcomes: { lifeYears: "effect" }, cycles: 5, startAge: 68,
      backgroundMortality: { lifeTable: table, sexMix: { female: 1 }, method: "daily" as "cycle" },
      curves: () => ({ PFS: exponentialSurvival({ rate: 0.3 }), OS: exponentialSurvival({ rate: 0.2 }) }),
    })).issues[0]).toMatchObject({ code: "invalid_model", path: ["backgroundMortality", "method"] });
  });
});

describe("partitionedSurvival: treatment-duration caps", () => {
  const capped = (correction: string, maxDuration: number) =>
    model({
      cycleCorrection: correction,
      values: (p: P) => ({ qaly: { PF: p.uPF } }),
      cappedValues: (p: P) => ({ pembrolizumab: { outcome: "costDrug", states: "PF", perYear: p.cDrug, maxDuration } }),
    });
  const timeDependent = (correction: string, inside: (cycle: number) => boolean) =>
    model({ cycleCorrection: correction, values: (p: P, time: { cycle: number }) => ({ qaly: { PF: p.uPF }, costDrug: { PF: inside(time.cycle) ? p.cDrug : 0 } }) });

  it("cappedValues at 2 years equal a value that stops after cycle 24 under per-cycle counting", () => {
    for (const [correction, inside] of [["none-beginning", (c: number) => c < 24], ["none-end", (c: number) => c <= 24]] as const) {
      const a = evaluateModel(capped(correction, 2), base).SoC;
      const b = evaluateModel(timeDependent(correction, inside), base).SoC;
      expect(Math.abs(a.costDrug! / b.costDrug! - 1)).toBeLessThan(1e-12);
      expect(Math.abs(a.costDrugUndiscounted! / b.costDrugUndiscounted! - 1)).toBeLessThan(1e-12);
    }
  });

  it("cappedValues under the trapezoid integrate PF from 0 to the cap: Σ_{t≤24} c⁽²⁴⁾_t · S_PFS(t)", () => {
    const pfs = weibullRows(base.shapePfs, base.scalePfs);
    const c24 = discountedCycleWeights({ cycles: 24, cycleLength: DT, discountRate: 0.03 });
    let expected = 0;
    for (let t = 0; t <= 24; t++) expected += c24[t]! * pfs[t]! * base.cDrug;
    expect(Math.abs(evaluateModel(capped("trapezoid", 2), base).SoC.costDrug! / expected - 1)).toBeLessThan(1e-12);
  });

  it("cappedValues: Infinity or a cap beyond the horizon equals the uncapped value, 0 gives nothing, a mid-cycle cap rounds up", () => {
    const uncapped = evaluateModel(timeDependent("trapezoid", () => true), base).SoC.costDrug!;
    expect(evaluateModel(capped("trapezoid", Infinity), base).SoC.costDrug).toBeCloseTo(uncapped, 6);
    expect(evaluateModel(capped("trapezoid", 50), base).SoC.costDrug).toBeCloseTo(uncapped, 6);
    expect(evaluateModel(capped("trapezoid", 0), base).SoC.costDrug).toBe(0);
    expect(evaluateModel(capped("trapezoid", 1.95), base).SoC.costDrug).toBe(evaluateModel(capped("trapezoid", 2), base).SoC.costDrug);
  });
});

describe("partitionedSurvival: crossing curves", () => {
  it("partitionedSurvival(def) clamps PF to OS where PFS > OS and reports the clamped rows as clampedCycles", () => {
    const crossing = { ...base, shapePfs: 0.8, scalePfs: 30, shapeOs: 1.6, scaleOs: 25 };
    const pfs = weibullRows(crossing.shapePfs, crossing.scalePfs);
    const os = weibullRows(crossing.shapeOs, crossing.scaleOs);
    let rows = 0;
    for (let t = 0; t <= CYCLES; t++) if (pfs[t]! > os[t]! + 1e-12) rows++;
    expect(rows).toBeGreaterThan(0);
    const m = model();
    const run = m.run(crossing).strategies.SoC;
    expect(run.clampedCycles).toBe(rows);
    expect(evaluateModel(m, crossing).SoC.clampedCycles).toBe(rows);
    for (let t = 0; t <= CYCLES; t++) {
      expect(run.occupancy.PF[t]).toBe(Math.min(pfs[t]!, os[t]!) === pfs[t] ? run.survival.PFS[t] : run.survival.OS[t]);
      expect(run.occupancy.PD[t]).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("partitionedSurvival: run()", () => {
  it("run(params) returns times in years, the trace, raw and clamped curves and the totals of evaluateInto", () => {
    const m = model();
    const run = m.run(base);
    expect(run.times.length).toBe(CYCLES + 1);
    expect(run.times[12]).toBeCloseTo(1, 14);
    const soc = run.strategies.SoC;
    expect(soc.trace[0]).toEqual({ PF: 1, PD: 0, Dead: 0 });
    expect(soc.survival.OS[12]).toBeCloseTo(Math.exp(-((12 / 22) ** 1.1)), 14);
    expect(soc.curves.OS.survival(12)).toBeCloseTo(soc.survival.OS[12]!, 14);
    expect(soc.totals).toEqual(evaluateModel(m, base).SoC);
  });
});
