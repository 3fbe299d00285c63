// Shared Monte Carlo checks for the distribution tests. Tolerances are derived, not picked:
// the Kolmogorov–Smirnov critical value at α = 0.001 and moment bands of 4 standard errors.
import { expect } from "vitest";
import type { Distribution } from "../../src/distributions/distribution.js";
import type { Rng } from "../../src/random/rng.js";

/** Draws n values into a Float64Array. */
export function draws(distribution: Distribution, rng: Rng, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = distribution.sample(rng);
  return out;
}

/** The two-sided KS statistic D = sup |F_n(x) − F(x)| of a sample against a continuous CDF. */
export function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/**
 * Asymptotic KS critical value at level α: √(−ln(α/2)/2)/√n (Kolmogorov's limit law; for
 * n = 20 000 the finite-sample correction is below 0.5%). At α = 0.001 the factor is 1.9495.
 */
export function ksCritical(n: number, alpha = 0.001): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/** Sample mean, variance (divisor n) and fourth central moment. */
export function moments(sample: Float64Array): { mean: number; variance: number; fourth: number } {
  const n = sample.length;
  let mean = 0;
  for (const x of sample) mean += x;
  mean /= n;
  let variance = 0;
  let fourth = 0;
  for (const x of sample) {
    const d2 = (x - mean) ** 2;
    variance += d2;
    fourth += d2 * d2;
  }
  return { mean, variance: variance / n, fourth: fourth / n };
}

/**
 * Asserts that the sample mean is within 4 standard errors (σ/√n) of the distribution's mean and
 * the sample variance within 4 standard errors of its variance, SE(s²) = √((μ₄ − σ⁴)/n), with μ₄
 * estimated from the sample. A 4-SE band fails by chance about once in 16 000 checks.
 */
export function expectMomentsWithin4Se(sample: Float64Array, distribution: Distribution, label: string): void {
  const n = sample.length;
  const { mean, variance, fourth } = moments(sample);
  const sigma2 = distribution.variance();
  expect(Math.abs(mean - distribution.mean()), `${label}: mean ${mean} vs ${distribution.mean()}`).toBeLessThanOrEqual(4 * Math.sqrt(sigma2 / n));
  const seVariance = Math.sqrt(Math.max(fourth - variance * variance, 0) / n);
  expect(Math.abs(variance - sigma2), `${label}: variance ${variance} vs ${sigma2}`).toBeLessThanOrEqual(4 * seVariance);
}
