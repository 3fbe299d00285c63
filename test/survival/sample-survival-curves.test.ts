import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import { sampleSurvivalCurves, survivalFromCoefficients } from "../../src/survival/index.js";
import { thrown } from "../helpers/thrown.js";

describe("survivalFromCoefficients", () => {
  it("survivalFromCoefficients maps flexsurv's transformed coefficients to natural parameters for every family", () => {
    const cases = [
      ["exp", [Math.log(0.2)], { rate: 0.2 }],
      ["weibull", [Math.log(1.3), Math.log(12)], { shape: 1.3, scale: 12 }],
      ["weibullPH", [Math.log(1.3), Math.log(0.04)], { shape: 1.3, scale: 0.04 }],
      ["gompertz", [-0.1, Math.log(0.05)], { shape: -0.1, rate: 0.05 }],
      ["llogis", [Math.log(2), Math.log(9)], { shape: 2, scale: 9 }],
      ["lnorm", [2.1, Math.log(0.8)], { meanlog: 2.1, sdlog: 0.8 }],
      ["gamma", [Math.log(1.7), Math.log(0.3)], { shape: 1.7, rate: 0.3 }],
      ["gengamma", [2.5, Math.log(0.9), -0.4], { mu: 2.5, sigma: 0.9, Q: -0.4 }],
    ] as const;
    for (const [dist, coefficients, natural] of cases) {
      const def = survivalFromCoefficients(dist, coefficients).def as unknown as Record<string, number>;
      for (const [name, value] of Object.entries(natural)) expect(def[name]).toBeCloseTo(value, 13);
    }
    expect(thrown(() => survivalFromCoefficients("weibull", [1])).code).toBe("dimension_mismatch");
    expect(thrown(() => survivalFromCoefficients("weibul" as "weibull", [1, 1])).path).toEqual(["distribution"]);
  });
});

describe("sampleSurvivalCurves", () => {
  const fit = { coefficients: [0.3, 2.8], covariance: [[0.010, -0.004], [-0.004, 0.006]] };
  it("sampleSurvivalCurves draws coefficients with the fit's mean and covariance (within 4 standard errors)", () => {
    const n = 4000;
    const { coefficients, curves } = sampleSurvivalCurves("weibull", fit, n, createRng("survival-psa"));
    expect(curves).toHaveLength(n);
    const mean = [0, 0];
    for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) mean[j]! += coefficients[i * 2 + j]! / n;
    // SE of a mean is σ/√n; SE of a sample covariance of normals is √((σ₁₁σ₂₂ + σ₁₂²)/n).
    expect(Math.abs(mean[0]! - 0.3)).toBeLessThanOrEqual(4 * Math.sqrt(0.01 / n));
    expect(Math.abs(mean[1]! - 2.8)).toBeLessThanOrEqual(4 * Math.sqrt(0.006 / n));
    let covariance = 0;
    for (let i = 0; i < n; i++) covariance += (coefficients[i * 2]! - mean[0]!) * (coefficients[i * 2 + 1]! - mean[1]!);
    covariance /= n - 1;
    expect(Math.abs(covariance + 0.004)).toBeLessThanOrEqual(4 * Math.sqrt((0.01 * 0.006 + 0.004 ** 2) / n));
    // Each curve is the Weibull of its own coefficients.
    expect(curves[7]!.def).toEqual({ kind: "weibull", shape: Math.exp(coefficients[14]!), scale: Math.exp(coefficients[15]!) });
  });
  it("sampleSurvivalCurves gives identical curves for the same seed", () => {
    const a = sampleSurvivalCurves("gengamma", { coefficients: [2, -0.2, 0.5], covariance: [[0.01, 0, 0], [0, 0.004, 0.001], [0, 0.001, 0.02]] }, 5, createRng(9));
    const b = sampleSurvivalCurves("gengamma", { coefficients: [2, -0.2, 0.5], covariance: [[0.01, 0, 0], [0, 0.004, 0.001], [0, 0.001, 0.02]] }, 5, createRng(9));
    expect(Array.from(a.coefficients)).toEqual(Array.from(b.coefficients));
    expect(a.coefficientNames).toEqual(["mu", "log(sigma)", "Q"]);
  });
  it("sampleSurvivalCurves rejects a covariance that is not positive definite and a wrong number of coefficients", () => {
    expect(thrown(() => sampleSurvivalCurves("weibull", { coefficients: [0, 1], covariance: [[1, 2], [2, 1]] }, 10, createRng(1))).code).toBe("not_positive_definite");
    expect(thrown(() => sampleSurvivalCurves("weibull", { coefficients: [0], covariance: [[1]] }, 10, createRng(1))).path).toEqual(["coefficients"]);
    expect(thrown(() => sampleSurvivalCurves("exp", { coefficients: [0], covariance: [[1]] }, 0, createRng(1))).path).toEqual(["draws"]);
  });
});
