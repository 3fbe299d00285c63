import { describe, expect, it } from "vitest";
import {
  beta, categorical, dirichlet, empirical, exponential, fixed, gamma, lognormal, multivariateNormal, normal, pert,
  triangular, truncatedNormal, uniform, weibull,
} from "../../src/distributions/index.js";

describe("toString()", () => {
  const cases: readonly [{ toString(): string }, string][] = [
    [fixed(2400), "Fixed(2400)"],
    [uniform({ min: 0, max: 1 }), "Uniform(min=0, max=1)"],
    [normal({ mean: 0.7, sd: 0.05 }), "Normal(μ=0.7, σ=0.05)"],
    [truncatedNormal({ mean: 0.8, sd: 0.1, lower: 0, upper: 1 }), "TruncatedNormal(μ=0.8, σ=0.1, lower=0, upper=1)"],
    [truncatedNormal({ mean: 0, sd: 1, lower: 0 }), "TruncatedNormal(μ=0, σ=1, lower=0)"],
    [lognormal({ meanlog: -0.3, sdlog: 0.1 }), "Lognormal(meanlog=-0.3, sdlog=0.1)"],
    [gamma({ shape: 100, scale: 20 }), "Gamma(shape=100, scale=20)"],
    [gamma.fromMeanSe(1850, 400), "Gamma(shape=21.3906, scale=86.4865)"],
    [beta({ alpha: 95, beta: 5 }), "Beta(α=95, β=5)"],
    [beta.fromMeanSe(0.8, 0.04), "Beta(α=79.2, β=19.8)"],
    [triangular({ min: 0, mode: 1, max: 3 }), "Triangular(min=0, mode=1, max=3)"],
    [pert({ min: 0, mode: 1, max: 3 }), "PERT(min=0, mode=1, max=3, λ=4)"],
    [exponential({ rate: 0.1 }), "Exponential(rate=0.1)"],
    [weibull({ shape: 1.5, scale: 10 }), "Weibull(shape=1.5, scale=10)"],
    [categorical({ values: [4, 6], probabilities: [0.25, 0.75] }), "Categorical(values=[4, 6], p=[0.25, 0.75])"],
    [empirical([0.61, 0.72, 0.75, 0.8]), "Empirical(n=4, min=0.61, max=0.8)"],
    [dirichlet({ alpha: [10, 5, 5] }), "Dirichlet(α=[10, 5, 5])"],
    [dirichlet({ alpha: [10, 5], names: ["Well", "Sick"] }), "Dirichlet(α=[10, 5], names=[Well, Sick])"],
    [multivariateNormal({ mean: [0, 1], covariance: [[1, 0.5], [0.5, 2]] }), "MultivariateNormal(μ=[0, 1], Σ=[[1, 0.5], [0.5, 2]])"],
  ];
  for (const [distribution, text] of cases) {
    it(`toString() reads ${text}`, () => {
      expect(distribution.toString()).toBe(text);
      expect(`${distribution}`).toBe(text);
    });
  }
});
