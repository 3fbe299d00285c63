// Partitioned survival against closed forms: the area under S equals the restricted mean survival
// time (RMST) of the curve, up to the within-cycle rule's known error; PF + PD + Dead = 1 always.
// Closed forms: exponential ∫₀^τ e^{−λt} dt = (1 − e^{−λτ})/λ; Weibull (AFT, R pweibull)
// ∫₀^τ exp(−(t/b)^a) dt = b·Γ(1 + 1/a)·P(1/a, (τ/b)^a) (Latimer 2011, NICE DSU TSD 14; Jackson 2016),
// for a = 2: b·(√π/2)·erf(τ/b).
import erf from "@stdlib/math-base-special-erf";
import gammaln from "@stdlib/math-base-special-gammaln";
import gammainc from "@stdlib/math-base-special-gammainc";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateModel } from "../../src/models/model.js";
import { partitionedSurvival } from "../../src/models/psm/index.js";
import { exponentialSurvival, weibullSurvival } from "../../src/survival/index.js";

type Curves = { pfs: { shape: number; scale: number }; os: { shape: number; scale: number } };

function lifeYearModel(cycles: number, cycleLength: number, correction: "trapezoid" | "simpson" = "trapezoid") {
  return partitionedSurvival<Curves, "Arm", "pfYears" | "pdYears">({
    strategies: ["Arm"],
    outcomes: { pfYears: "effect", pdYears: "effect" },
    cycles, cycleLength, discountRate: { effect: 0 }, cycleCorrection: correction,
    curves: (p) => ({ PFS: weibullSurvival(p.pfs), OS: weibullSurvival(p.os) }),
    values: () => ({ pfYears: { PF: 1 }, pdYears: { PD: 1 } }),
  });
}

const gamma = (x: number): number => Math.exp(gammaln(x));

function weibullRmst(shape: number, scale: number, tau: number): number {
  return scale * gamma(1 + 1 / shape) * gammainc((tau / scale) ** shape, 1 / shape);
}

describe("partitioned survival areas equal closed-form restricted means", () => {
  it("exponential PFS/OS with the trapezoid: PF years = RMST · (λΔ/2)·coth(λΔ/2) exactly (geometric sum)", () => {
    const [lPfs, lOs, dt, n] = [0.45, 0.12, 0.25, 60];
    const m = partitionedSurvival({
      strategies: ["Arm"], outcomes: { pfYears: "effect", lifeYears: "effect" }, cycles: n, cycleLength: dt, discountRate: { effect: 0 },
      curves: () => ({ PFS: exponentialSurvival({ rate: lPfs }), OS: exponentialSurvival({ rate: lOs }) }),
      values: () => ({ pfYears: { PF: 1 }, lifeYears: { PF: 1, PD: 1 } }),
    });
    const rmst = (l: number) => -Math.expm1(-l * n * dt) / l;
    const trapezoidFactor = (l: number) => ((l * dt) / 2) / Math.tanh((l * dt) / 2);
    const result = evaluateModel(m, {}).Arm;
    // Identity up to rounding: 1e-13 relative.
    expect(Math.abs(result.pfYears! / (rmst(lPfs) * trapezoidFactor(lPfs)) - 1)).toBeLessThan(1e-13);
    expect(Math.abs(result.lifeYears! / (rmst(lOs) * trapezoidFactor(lOs)) - 1)).toBeLessThan(1e-13);
  });

  it("Weibull shape 2 with the trapezoid: area = b(√π/2)erf(τ/b) + (Δ²/12)(S'(τ) − S'(0)) within O(Δ⁴) (Euler–Maclaurin)", () => {
    const [scale, tau, n] = [3, 10, 400];
    const dt = tau / n;
    const result = evaluateModel(lifeYearModel(n, dt), { pfs: { shape: 2, scale }, os: { shape: 2, scale: 6 } }).Arm;
    const area = (b: number) => b * (Math.sqrt(Math.PI) / 2) * erf(tau / b);
    const slope = (b: number, t: number) => (-2 * t / (b * b)) * Math.exp(-((t / b) ** 2));
    const predicted = (b: number) => area(b) + ((dt * dt) / 12) * (slope(b, tau) - slope(b, 0));
    // Next Euler–Maclaurin term: −(Δ⁴/720)(S'''(τ) − S'''(0)), with S'''(0) = 0 and S'''(10) ≈ 1e-3: < 1e-12.
    expect(Math.abs(result.pfYears! - predicted(scale))).toBeLessThan(1e-9);
    expect(Math.abs(result.pdYears! - (predicted(6) - predicted(scale)))).toBeLessThan(1e-9);
  });

  it("Weibull shape 0.8 and 1.3 with daily cycles (Simpson): PF and PD years = closed-form RMSTs within 2e-6 relative", () => {
    const tau = 15;
    const n = 15 * 365;
    // H_PFS/H_OS = 5.62/√t > 1 for t < 31.6 years: the curves do not cross within 15 years.
    const p = { pfs: { shape: 0.8, scale: 1.1 }, os: { shape: 1.3, scale: 4 } };
    const m = lifeYearModel(n, tau / n, "simpson");
    const result = evaluateModel(m, p).Arm;
    expect(result.clampedCycles).toBe(0);
    const pf = weibullRmst(0.8, 1.1, tau);
    const os = weibullRmst(1.3, 4, tau);
    // Simpson's error is concentrated near 0, where S ≈ 1 − (t/b)^a is not smooth: on the first
    // double panel |(2^{a+1}/(a+1) − (4 + 2^a)/3)|·Δ^{a+1}/b^a ≈ 0.02·(1/365)^{1.8}/1.1^{0.8} ≈ 5e-7
    // years for a = 0.8 (later panels add terms of the same order), against RMSTs of 1 to 3 years.
    expect(Math.abs(result.pfYears! / pf - 1)).toBeLessThan(2e-6);
    expect(Math.abs((result.pfYears! + result.pdYears!) / os - 1)).toBeLessThan(2e-6);
  });
});

describe("partitioned survival: occupancy invariants (fast-check)", () => {
  const weibull = fc.record({ shape: fc.double({ min: 0.3, max: 4, noNaN: true }), scale: fc.double({ min: 0.2, max: 30, noNaN: true }) });
  it("run(params): PF + PD + Dead = 1 and each in [0, 1] at every row; clampedCycles counts the rows where S_PFS > S_OS", () => {
    fc.assert(
      fc.property(weibull, weibull, fc.integer({ min: 1, max: 120 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (pfs, os, cycles, cycleLength) => {
        const m = lifeYearModel(cycles, cycleLength);
        const run = m.run({ pfs, os }).strategies.Arm;
        let crossed = 0;
        for (let t = 0; t <= cycles; t++) {
          const row = run.trace[t]!;
          expect(Math.abs(row.PF + row.PD + row.Dead - 1)).toBeLessThanOrEqual(1e-15);
          for (const value of [row.PF, row.PD, row.Dead]) expect(value >= 0 && value <= 1).toBe(true);
          if (run.survival.PFS[t]! > run.survival.OS[t]! + 1e-12) crossed++;
        }
        expect(run.clampedCycles).toBe(crossed);
      }),
      { numRuns: 200, seed: 20261126 },
    );
  });
});
