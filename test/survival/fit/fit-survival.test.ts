// Maximum-likelihood fits against R (test/fixtures/survival/fit/fit-reference.R: survival::survreg
// for the exponential, Weibull, Weibull PH, log-logistic and lognormal; a base-R likelihood with
// optim/optimHess for the Gompertz, gamma and generalised gamma) and against log-likelihoods that
// flexsurv's own tests assert (chjackson/flexsurv tests/testthat/test_flexsurvreg.R).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/random/rng.js";
import { fitSurvival } from "../../../src/survival/fit/index.js";
import { sampleSurvivalCurves } from "../../../src/survival/index.js";
import { thrown } from "../../helpers/thrown.js";
import { readDataset, reference } from "./fixtures.js";

const datasets = { lung: readDataset("lung"), ovarian: readDataset("ovarian") };

function dataFor(dataset: "lung" | "ovarian", covariates: readonly string[]) {
  const d = datasets[dataset];
  return { time: d.time!, event: d.event!, covariates: Object.fromEntries(covariates.map((c) => [c, d[c]!])) };
}

// Tolerances. R's fits stop at optim's reltol 1e-15 (survreg: its own convergence test, 1e-9 on the
// log-likelihood), ours at a Newton decrement of 1e-9, so log-likelihoods agree to ~1e-9 and
// estimates to ~1e-6 (flat directions); 1e-7 and 1e-5 leave a margin. Both covariance matrices are
// inverses of numerical Hessians (ours by central differences, R's by optimHess or survreg's analytic
// one through the delta method): entries agree to ~1e-5 of √(V_ii·V_jj); 1e-4 is asserted.
describe("fitSurvival against R", () => {
  for (const ref of reference.fits) {
    const label = `${ref.dist} on ${ref.dataset}${ref.covariates.length > 0 ? ` ~ ${ref.covariates.join(" + ")}` : ""}`;
    it(`fitSurvival(${label}) matches ${ref.method}`, () => {
      const fit = fitSurvival(dataFor(ref.dataset, ref.covariates), ref.dist);
      expect(fit.coefficientNames).toEqual(ref.names);
      expect(Math.abs(fit.logLikelihood - ref.logLikelihood)).toBeLessThan(1e-7);
      expect(Math.abs(fit.aic - ref.aic)).toBeLessThan(1e-6);
      expect(Math.abs(fit.bic - ref.bic)).toBeLessThan(1e-6);
      fit.coefficients.forEach((value, i) => expect(Math.abs(value - ref.estimates[i]!), `${ref.names[i]}`).toBeLessThan(1e-5));
      const k = ref.estimates.length;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const scale = Math.sqrt(ref.covariance[i]![i]! * ref.covariance[j]![j]!);
          expect(Math.abs(fit.covariance[i]![j]! - ref.covariance[i]![j]!) / scale, `cov[${i}][${j}]`).toBeLessThan(1e-4);
        }
      }
    });
  }

  it("fitSurvival reproduces the log-likelihoods flexsurv's tests assert for the ovarian data (tolerance 1e-6 relative, as there)", () => {
    // test_flexsurvreg.R: "Log-normal", "Gamma" and "Model fit with covariates" (~ factor(rx)).
    const published = [
      ["lnorm", [], -97.12174204265681],
      ["gamma", [], -97.86379723453011],
      ["weibull", ["rx2"], -97.3641506645869],
    ] as const;
    for (const [dist, covariates, logLik] of published) {
      const fit = fitSurvival(dataFor("ovarian", covariates), dist);
      expect(Math.abs(fit.logLikelihood / logLik - 1), dist).toBeLessThan(1e-6);
    }
  });
});

describe("fitSurvival results", () => {
  const lung = dataFor("lung", ["female"]);

  it("fitSurvival gives natural-scale parameters with delta-method standard errors and intervals from the log scale", () => {
    const fit = fitSurvival(lung, "weibull");
    const [shape, scale, female] = fit.parameters;
    expect(shape!.name).toBe("shape");
    expect(shape!.estimate).toBeCloseTo(Math.exp(fit.coefficients[0]!), 12);
    expect(shape!.standardError).toBeCloseTo(shape!.estimate * Math.sqrt(fit.covariance[0]![0]!), 12);
    expect(Math.log(shape!.lower) + Math.log(shape!.upper)).toBeCloseTo(2 * fit.coefficients[0]!, 10);
    expect(scale!.name).toBe("scale");
    expect(female!.name).toBe("female");
    expect(female!.estimate).toBe(fit.coefficients[2]);
    expect(fit.observations).toBe(228);
    expect(fit.events).toBe(165);
  });

  it("fit.curve(profile) adds the covariate effects to the location parameter; fit.atCovariates feeds sampleSurvivalCurves", () => {
    const fit = fitSurvival(lung, "weibull");
    const women = fit.curve({ female: 1 });
    expect(women.def).toEqual({ kind: "weibull", shape: Math.exp(fit.coefficients[0]!), scale: Math.exp(fit.coefficients[1]! + fit.coefficients[2]!) });
    const profile = fit.atCovariates({ female: 1 });
    // Var(log scale + β) = V11 + 2·V12 + V22.
    expect(profile.covariance[1]![1]).toBeCloseTo(fit.covariance[1]![1]! + 2 * fit.covariance[1]![2]! + fit.covariance[2]![2]!, 14);
    const draws = sampleSurvivalCurves("weibull", profile, 50, createRng(7));
    expect(draws.curves).toHaveLength(50);
    expect(thrown(() => fit.curve({ sex: 1 })).path).toEqual(["covariates", "sex"]);
  });

  it("fitSurvival of the exponential gives the closed form rate = events / total time (property, fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 40 }), (rows) => {
        fc.pre(rows.some(([, e]) => e));
        const time = rows.map(([t]) => t);
        const event = rows.map(([, e]) => e);
        const fit = fitSurvival({ time, event }, "exp");
        const rate = event.filter(Boolean).length / time.reduce((s, t) => s + t, 0);
        expect(fit.parameters[0]!.estimate / rate - 1).toBeCloseTo(0, 8);
      }),
      { numRuns: 50 },
    );
  });

  it("fitSurvival is equivariant in the time unit: days → months changes only the scale (property, fast-check)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), (unit) => {
        const d = datasets.ovarian;
        const a = fitSurvival({ time: d.time!, event: d.event! }, "weibull");
        const b = fitSurvival({ time: d.time!.map((t) => t / unit), event: d.event! }, "weibull");
        expect(b.coefficients[0]! - a.coefficients[0]!).toBeCloseTo(0, 5);
        expect(b.coefficients[1]! - (a.coefficients[1]! - Math.log(unit))).toBeCloseTo(0, 5);
        // The density picks up the Jacobian: logLik_b = logLik_a + events·log(unit).
        expect(b.logLikelihood - a.logLikelihood - a.events * Math.log(unit)).toBeCloseTo(0, 6);
      }),
      { numRuns: 10 },
    );
  });

  it("fitSurvival of a nesting family is at least as likely as the nested one (generalised gamma ⊇ Weibull, lognormal, gamma)", () => {
    for (const dataset of ["lung", "ovarian"] as const) {
      const data = dataFor(dataset, []);
      const gengamma = fitSurvival(data, "gengamma").logLikelihood;
      for (const nested of ["weibull", "lnorm", "gamma", "exp"] as const) expect(gengamma).toBeGreaterThanOrEqual(fitSurvival(data, nested).logLikelihood - 1e-9);
    }
  });
});

describe("fitSurvival bad input", () => {
  it("fitSurvival rejects negative or zero times, events other than 0/1 and length mismatches, listing all, with paths", () => {
    const error = thrown(() => fitSurvival({ time: [1, -2, 0, 4], event: [1, 2, 0, 1] }, "weibull"));
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["invalid_argument", ["time", 1]],
      ["invalid_argument", ["event", 1]],
      ["invalid_argument", ["time", 2]],
    ]);
    expect(thrown(() => fitSurvival({ time: [1, 2], event: [1] }, "exp")).issues[0]!.code).toBe("dimension_mismatch");
    expect(thrown(() => fitSurvival({ time: [], event: [] }, "exp")).path).toEqual(["time"]);
    expect(thrown(() => fitSurvival({ time: [1, Number.NaN], event: [1, 1] }, "exp")).path).toEqual(["time", 1]);
  });

  it("fitSurvival with no events, a constant covariate or an unknown family is a typed error", () => {
    expect(thrown(() => fitSurvival({ time: [1, 2, 3], event: [0, 0, 0] }, "weibull")).issues[0]).toMatchObject({ code: "impossible_fit", path: ["event"] });
    expect(thrown(() => fitSurvival({ time: [1, 2, 3], event: [1, 0, 1], covariates: { arm: [1, 1, 1] } }, "weibull")).issues[0]).toMatchObject({ code: "impossible_fit", path: ["covariates", "arm"] });
    expect(thrown(() => fitSurvival({ time: [1, 2, 3], event: [1, 0, 1], covariates: { arm: [1, 0] } }, "weibull")).issues[0]).toMatchObject({ code: "dimension_mismatch", path: ["covariates", "arm"] });
    expect(thrown(() => fitSurvival({ time: [1, 2], event: [1, 1] }, "weibul" as "weibull")).path).toEqual(["distribution"]);
  });

  it("fitSurvival names the family that does not converge instead of returning NaN", () => {
    // Two events cannot identify three generalised-gamma parameters.
    const error = thrown(() => fitSurvival({ time: [3, 5], event: [1, 1] }, "gengamma"));
    expect(error.code).toBe("impossible_fit");
    expect(error.path).toEqual(["gengamma"]);
    expect(error.message).toMatch(/gengamma did not converge/);
  });
});
