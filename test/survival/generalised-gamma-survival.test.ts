import gammaln from "@stdlib/math-base-special-gammaln";
import { describe, expect, it } from "vitest";
import { gammaSurvival, generalisedGammaSurvival, lognormalSurvival, weibullSurvival } from "../../src/survival/index.js";
import { integrate } from "../../src/survival/integrate.js";

const TIMES = [0.3, 2, 6, 15, 40, 120];
const relative = (a: number, b: number): number => Math.abs(a / b - 1);

describe("generalisedGammaSurvival (flexsurv 'gengamma')", () => {
  it("generalisedGammaSurvival({ mu, sigma, Q: 1 }) is the Weibull with shape 1/sigma and scale e^mu", () => {
    const gengamma = generalisedGammaSurvival({ mu: 2.2, sigma: 0.6, Q: 1 });
    const weibull = weibullSurvival({ shape: 1 / 0.6, scale: Math.exp(2.2) });
    for (const t of TIMES) {
      expect(Math.abs(gengamma.survival(t) - weibull.survival(t))).toBeLessThan(1e-14);
      expect(relative(gengamma.hazard(t), weibull.hazard(t))).toBeLessThan(1e-12);
      expect(relative(gengamma.restrictedMean(t), weibull.restrictedMean(t))).toBeLessThan(1e-12);
    }
    expect(relative(gengamma.median(), weibull.median())).toBeLessThan(1e-12);
  });
  it("generalisedGammaSurvival({ mu, sigma, Q: sigma }) is the gamma with shape 1/sigma² and rate e^{−mu}/sigma²", () => {
    const sigma = 0.8;
    const gengamma = generalisedGammaSurvival({ mu: 1.5, sigma, Q: sigma });
    const gamma = gammaSurvival({ shape: 1 / sigma ** 2, rate: Math.exp(-1.5) / sigma ** 2 });
    for (const t of TIMES) {
      expect(Math.abs(gengamma.survival(t) - gamma.survival(t))).toBeLessThan(1e-13);
      expect(relative(gengamma.hazard(t), gamma.hazard(t))).toBeLessThan(1e-10);
      expect(relative(gengamma.restrictedMean(t), gamma.restrictedMean(t))).toBeLessThan(1e-10);
    }
  });
  it("generalisedGammaSurvival({ mu, sigma, Q: 0 }) is the lognormal, and small |Q| tends to it continuously", () => {
    const lognormal = lognormalSurvival({ meanlog: 2, sdlog: 0.7 });
    expect(generalisedGammaSurvival({ mu: 2, sigma: 0.7, Q: 0 }).survival(9)).toBe(lognormal.survival(9));
    // S differs from the lognormal by O(Q): the gap shrinks tenfold with Q, on both sides of 0.
    for (const sign of [1, -1]) {
      const gaps = [1e-2, 1e-3, 1e-4, 1e-6].map((q) => generalisedGammaSurvival({ mu: 2, sigma: 0.7, Q: sign * q }).survival(9) - lognormal.survival(9));
      for (let i = 1; i < gaps.length; i++) expect(Math.abs(gaps[i]!)).toBeLessThan(Math.abs(gaps[i - 1]!) / 5);
      expect(Math.abs(gaps[3]!)).toBeLessThan(1e-6);
    }
  });
  it("generalisedGammaSurvival with 1/Q² > 500 (quadrature route) matches S from integrating the density written out", () => {
    // Independent density: f(t) = |Q|·γ^γ/(σ·t·Γ(γ))·exp(γ·(Q·w − e^{Q·w})), γ = 1/Q², w = (log t − μ)/σ.
    for (const Q of [0.03, -0.02, 0.005]) {
      const mu = 2;
      const sigma = 0.9;
      const g = 1 / (Q * Q);
      const density = (t: number): number => {
        const w = (Math.log(t) - mu) / sigma;
        return Math.exp(Math.log(Math.abs(Q)) + g * Math.log(g) - gammaln(g) - Math.log(sigma * t) + g * (Q * w - Math.exp(Q * w)));
      };
      const curve = generalisedGammaSurvival({ mu, sigma, Q });
      for (const t of [1, 4, 7.4, 20, 60]) {
        const upper = integrate(density, t, 5000, 1e-13, 1e-300);
        // Tolerance 1e-9: the reference density loses ~γ·log γ·ε ≈ 1e-11 relative to cancellation.
        expect(Math.abs(curve.survival(t) - upper)).toBeLessThan(1e-9);
        expect(relative(curve.hazard(t), density(t) / upper)).toBeLessThan(1e-8);
      }
      expect(relative(curve.restrictedMean(30), integrate(curve.survival, 0, 30, 1e-12))).toBeLessThan(1e-10);
    }
  });
  it("generalisedGammaSurvival(...).restrictedMean(τ) (closed form) equals adaptive quadrature of S for Q of both signs", () => {
    for (const [mu, sigma, Q] of [[2, 1, 3], [2, 1, -0.5], [3, 2, 0.5], [1, 0.3, -1.5], [2, 0.7, 0.06]] as const) {
      const curve = generalisedGammaSurvival({ mu, sigma, Q });
      for (const tau of [1, 10, 50]) expect(relative(curve.restrictedMean(tau), integrate(curve.survival, 0, tau, 1e-13))).toBeLessThan(1e-9);
    }
  });
  it("generalisedGammaSurvival hazard at 0 is the limit of f(t) for small t", () => {
    expect(generalisedGammaSurvival({ mu: 2, sigma: 0.5, Q: 1 }).hazard(0)).toBe(0); // Weibull shape 2
    expect(generalisedGammaSurvival({ mu: 2, sigma: 2, Q: 1 }).hazard(0)).toBe(Infinity); // Weibull shape 0.5
    expect(generalisedGammaSurvival({ mu: 2, sigma: 1, Q: 1 }).hazard(0)).toBeCloseTo(Math.exp(-2), 15); // exponential
    const qs = generalisedGammaSurvival({ mu: 1, sigma: 0.5, Q: 2 }); // Q·σ = 1
    expect(relative(qs.hazard(0), qs.hazard(1e-9))).toBeLessThan(1e-6);
    expect(generalisedGammaSurvival({ mu: 2, sigma: 1, Q: -1 }).hazard(0)).toBe(0);
  });
  it("generalisedGammaSurvival keeps the cumulative hazard accurate where S is close to 1 and finite far in the tail", () => {
    const curve = generalisedGammaSurvival({ mu: 2, sigma: 1, Q: -3 });
    const h = curve.cumulativeHazard(1);
    expect(h).toBeGreaterThan(0);
    expect(relative(h, integrate(curve.hazard, 0, 1, 1e-12, 1e-300))).toBeLessThan(1e-8);
    const weibull = generalisedGammaSurvival({ mu: 0, sigma: 0.5, Q: 1 });
    expect(weibull.cumulativeHazard(200)).toBeCloseTo(200 ** 2, 6);
  });
});
