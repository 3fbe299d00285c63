// Every univariate family at fixed seeds: Kolmogorov–Smirnov goodness of fit against its own CDF
// (α = 0.001, n = 20 000), moments within 4 standard errors, quantile(cdf(x)) ≈ x, the same seed
// giving identical draws, and the definition round trip. Each case has its own named stream, so
// adding a case never changes the draws of the others.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  beta, categorical, distributionFromDef, empirical, exponential, fixed, gamma, lognormal, normal, pert, triangular,
  truncatedNormal, uniform, weibull,
} from "../../src/distributions/index.js";
import type { Distribution } from "../../src/distributions/index.js";
import { createRng } from "../../src/random/rng.js";
import { draws, expectMomentsWithin4Se, ksCritical, ksStatistic } from "./goodness-of-fit.js";

const N = 20_000;
const SEED = "qaly-distributions-v1";

/** Continuous families over the parameter regimes PSAs use (small and large shapes, tails). */
const continuous: readonly [string, Distribution][] = [
  ["uniform", uniform({ min: -2, max: 5 })],
  ["normal", normal({ mean: 0.7, sd: 0.05 })],
  ["truncatedNormal two-sided", truncatedNormal({ mean: 0.8, sd: 0.15, lower: 0.5, upper: 1 })],
  ["truncatedNormal lower only", truncatedNormal({ mean: 0, sd: 1, lower: 0 })],
  ["truncatedNormal upper tail window", truncatedNormal({ mean: 0, sd: 1, lower: 6, upper: 7 })],
  ["lognormal", lognormal({ meanlog: -0.3, sdlog: 0.2 })],
  ["gamma shape 0.3", gamma({ shape: 0.3, scale: 2 })],
  ["gamma shape 1", gamma({ shape: 1, rate: 0.5 })],
  ["gamma shape 100", gamma({ shape: 100, scale: 20 })],
  ["beta 95, 5", beta({ alpha: 95, beta: 5 })],
  ["beta 2, 3", beta({ alpha: 2, beta: 3 })],
  ["beta 0.5, 0.5", beta({ alpha: 0.5, beta: 0.5 })],
  ["beta 0.2, 3", beta({ alpha: 0.2, beta: 3 })],
  ["triangular", triangular({ min: 0, mode: 1, max: 3 })],
  ["triangular mode at min", triangular({ min: 10, mode: 10, max: 20 })],
  ["pert", pert({ min: 0, mode: 1, max: 8 })],
  ["pert lambda 2", pert({ min: 100, mode: 150, max: 400, lambda: 2 })],
  ["exponential", exponential({ rate: 0.2 })],
  ["weibull shape 0.7", weibull({ shape: 0.7, scale: 5 })],
  ["weibull shape 3", weibull({ shape: 3, scale: 10 })],
];

const rng = createRng(SEED);

describe("continuous families at fixed seeds", () => {
  for (const [label, distribution] of continuous) {
    it(`${label}: ${distribution}.sample(rng) passes KS at α = 0.001 and matches mean and variance within 4 SE`, () => {
      const sample = draws(distribution, rng.stream(label), N);
      expect(ksStatistic(sample, (x) => distribution.cdf(x))).toBeLessThan(ksCritical(N));
      expectMomentsWithin4Se(sample, distribution, label);
    });
  }
});

describe("discrete families at fixed seeds", () => {
  it("categorical({ values, probabilities }).sample(rng) hits every value with its probability within 4 SE", () => {
    const values = [0, 1, 2.5, 7];
    const probabilities = [0.1, 0.2, 0.3, 0.4];
    const distribution = categorical({ values, probabilities });
    const sample = draws(distribution, rng.stream("categorical"), N);
    values.forEach((value, i) => {
      const share = sample.filter((x) => x === value).length / N;
      const p = probabilities[i]!;
      expect(Math.abs(share - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / N));
    });
    expectMomentsWithin4Se(sample, distribution, "categorical");
  });

  it("empirical(values).sample(rng) resamples each value with probability 1/n within 4 SE", () => {
    const values = [0.61, 0.72, 0.75, 0.8, 0.93];
    const distribution = empirical(values);
    const sample = draws(distribution, rng.stream("empirical"), N);
    const p = 1 / values.length;
    for (const value of values) {
      const share = sample.filter((x) => x === value).length / N;
      expect(Math.abs(share - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / N));
    }
    expectMomentsWithin4Se(sample, distribution, "empirical");
  });

  it("fixed(value).sample(rng) always returns the value and consumes no uniforms", () => {
    const stream = createRng(SEED).stream("fixed");
    const before = stream.state();
    expect(Array.from(draws(fixed(2400), stream, 10))).toEqual(Array(10).fill(2400));
    expect(stream.state()).toEqual(before);
    expect([fixed(2400).variance(), fixed(2400).cdf(2399.9), fixed(2400).cdf(2400), fixed(2400).quantile(0.3)]).toEqual([0, 0, 1, 2400]);
  });
});

describe("invariants", () => {
  const all: readonly [string, Distribution][] = [
    ...continuous,
    ["categorical", categorical({ values: [3, 1, 2], probabilities: [0.5, 0.25, 0.25] })],
    ["empirical", empirical([5, 1, 4, 1, 3])],
    ["fixed", fixed(-3)],
  ];

  for (const [label, distribution] of all) {
    it(`${label}: the same seed gives identical draws and distributionFromDef(def) rebuilds ${distribution}`, () => {
      const first = draws(distribution, createRng(7).stream(label), 200);
      const again = draws(distribution, createRng(7).stream(label), 200);
      expect(again).toEqual(first);
      const rebuilt = distributionFromDef(JSON.parse(JSON.stringify(distribution.def)));
      expect(rebuilt.def).toEqual(distribution.def);
      expect(rebuilt.toString()).toBe(distribution.toString());
      expect(draws(rebuilt as Distribution, createRng(7).stream(label), 200)).toEqual(first);
    });

    it(`${label}: cdf and quantile are total: NaN outside their domain`, () => {
      expect(distribution.quantile(-0.1)).toBeNaN();
      expect(distribution.quantile(1.1)).toBeNaN();
      expect(distribution.quantile(Number.NaN)).toBeNaN();
      expect(distribution.cdf(Number.NaN)).toBeNaN();
    });
  }

  // quantile(cdf(x)) ≈ x for x inside the 0.1%–99.9% range. The tolerance is 1e-9 of that range:
  // stdlib's CDFs and quantiles are accurate to ~1e-14 relative, and the round trip magnifies an
  // error in p by 1/density, which stays below ~1e4 × range in this window.
  for (const [label, distribution] of continuous) {
    it(`${label}: quantile(cdf(x)) ≈ x (fast-check)`, () => {
      const low = distribution.quantile(0.001);
      const high = distribution.quantile(0.999);
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (t) => {
          const x = low + t * (high - low);
          expect(Math.abs(distribution.quantile(distribution.cdf(x)) - x)).toBeLessThanOrEqual(1e-9 * (high - low));
        }),
        { numRuns: 200, seed: 20251125 },
      );
    });
  }

  it("categorical and empirical: quantile(cdf(x)) = x on the support", () => {
    const discrete: [Distribution, number[]][] = [
      [categorical({ values: [3, 1, 2], probabilities: [0.5, 0.25, 0.25] }), [1, 2, 3]],
      [empirical([5, 1, 4, 1, 3]), [1, 3, 4, 5]],
    ];
    for (const [distribution, support] of discrete) {
      for (const x of support) expect(distribution.quantile(distribution.cdf(x))).toBe(x);
    }
  });
});
