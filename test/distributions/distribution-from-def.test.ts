import { describe, expect, it } from "vitest";
import { beta, dirichlet, DISTRIBUTION_KINDS, distributionFromDef, isMultivariate, multivariateNormal } from "../../src/distributions/index.js";
import type { AnyDistributionDef } from "../../src/distributions/index.js";
import { thrown } from "../helpers/thrown.js";

describe("distributionFromDef", () => {
  it("distributionFromDef(def) understands every kind in DISTRIBUTION_KINDS", () => {
    const defs: AnyDistributionDef[] = [
      { kind: "fixed", value: 1 },
      { kind: "uniform", min: 0, max: 1 },
      { kind: "normal", mean: 0, sd: 1 },
      { kind: "truncatedNormal", mean: 0, sd: 1, lower: 0 },
      { kind: "lognormal", meanlog: 0, sdlog: 1 },
      { kind: "gamma", shape: 2, scale: 3 },
      { kind: "beta", alpha: 2, beta: 3 },
      { kind: "triangular", min: 0, mode: 1, max: 2 },
      { kind: "pert", min: 0, mode: 1, max: 2, lambda: 4 },
      { kind: "exponential", rate: 1 },
      { kind: "weibull", shape: 2, scale: 1 },
      { kind: "categorical", values: [1, 2], probabilities: [0.5, 0.5] },
      { kind: "empirical", values: [1, 2, 3] },
      { kind: "dirichlet", alpha: [1, 2] },
      { kind: "multivariateNormal", mean: [0], covariance: [[1]] },
    ];
    expect(defs.map((def) => def.kind).sort()).toEqual([...DISTRIBUTION_KINDS].sort());
    for (const def of defs) expect(distributionFromDef(def).def).toEqual(def);
  });

  it("distributionFromDef({ kind: 'Beta' }) reports the unknown kind with the closest known one", () => {
    const error = thrown(() => distributionFromDef({ kind: "Beta" }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["kind"]]);
    expect(error.message).toContain("did you mean 'beta'?");
    expect(thrown(() => distributionFromDef({ kind: "truncated-normal" })).message).toContain("did you mean 'truncatedNormal'?");
  });

  it("distributionFromDef validates parameters exactly as the factory does", () => {
    const error = thrown(() => distributionFromDef({ kind: "beta", alpha: 0, beta: 1 } as AnyDistributionDef));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["beta", "alpha"]]);
    expect(thrown(() => distributionFromDef(null as never)).path).toEqual(["kind"]);
  });

  it("isMultivariate(distribution) is true for dirichlet and multivariateNormal only", () => {
    expect(isMultivariate(dirichlet({ alpha: [1, 2] }))).toBe(true);
    expect(isMultivariate(multivariateNormal({ mean: [0], covariance: [[1]] }))).toBe(true);
    expect(isMultivariate(beta({ alpha: 1, beta: 2 }))).toBe(false);
  });
});
