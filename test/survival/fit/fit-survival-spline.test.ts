// Royston–Parmar fits against numbers flexsurv's tests assert (chjackson/flexsurv,
// tests/testthat/test_spline.R) for its `bc` data: the German Breast Cancer Study Group data, which
// R's survival package ships as `gbsg` (recyrs = rfstime/365, censrec = status; exported by
// fit-reference.R). The identity is checked by the first test: flexsurv's Weibull spline
// log-likelihood for bc is reproduced to 1e-9.
import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/random/rng.js";
import { fitSurvival, fitSurvivalSpline } from "../../../src/survival/fit/index.js";
import { thrown } from "../../helpers/thrown.js";
import { readDataset } from "./fixtures.js";

const gbsg = readDataset("gbsg");
const bc = { time: gbsg.time!, event: gbsg.event! };
// flexsurv and Stata's stpm compare log-likelihoods without the −Σ log t of the events.
const sumLogEventTimes = bc.time.reduce((s, t, i) => s + (bc.event[i] === 1 ? Math.log(t) : 0), 0);

describe("fitSurvivalSpline against flexsurv", () => {
  it("fitSurvivalSpline(bc, k = 0) has flexsurv's log-likelihood −873.207054864145 (asserted there to 1e-6)", () => {
    const fit = fitSurvivalSpline(bc, { internalKnots: 0 });
    expect(Math.abs(fit.logLikelihood - -873.207054864145)).toBeLessThan(1e-6);
  });

  // "flexsurvspline results match stpm in Stata": flexsurv asserts these to relative 1e-4 (1e-2 for
  // the coefficients, whose knots Stata places by a slightly different centile rule); so do we.
  it("fitSurvivalSpline(bc, k = 2) on the hazard, odds and normal scales matches Stata's stpm log-likelihoods as flexsurv asserts them", () => {
    const published = [
      ["hazard", -674.75128],
      ["odds", -675.271],
      ["normal", -675.73591],
    ] as const;
    for (const [scale, logLik] of published) {
      const fit = fitSurvivalSpline(bc, { internalKnots: 2, scale });
      expect(Math.abs((fit.logLikelihood + sumLogEventTimes) / logLik - 1), scale).toBeLessThan(1e-4);
    }
    const hazard = fitSurvivalSpline(bc, { internalKnots: 2 });
    const stata = [-1.728339, 3.476179, 0.567432, -0.3420749];
    const meanRelative = stata.reduce((s, v, i) => s + Math.abs(hazard.coefficients[i]! - v), 0) / stata.reduce((s, v) => s + Math.abs(v), 0);
    expect(meanRelative).toBeLessThan(1e-2);
    expect(hazard.knots).toHaveLength(4);
    expect(hazard.scale).toBe("hazard");
  });

  it("fitSurvivalSpline with k = 0 equals the Weibull (hazard) and log-logistic (odds) fits, covariates included (log hazard ratios = Weibull PH's)", () => {
    const lung = readDataset("lung");
    const data = { time: lung.time!, event: lung.event!, covariates: { female: lung.female!, age: lung.age! } };
    const spline = fitSurvivalSpline(data, { internalKnots: 0 });
    const weibullPh = fitSurvival(data, "weibullPH");
    expect(spline.logLikelihood - weibullPh.logLikelihood).toBeCloseTo(0, 7);
    // γ₁ is the Weibull shape; the covariate effects are the PH coefficients (validated against survreg).
    expect(spline.coefficients[1]! / Math.exp(weibullPh.coefficients[0]!) - 1).toBeCloseTo(0, 5);
    expect(spline.coefficients[2]! - weibullPh.coefficients[2]!).toBeCloseTo(0, 5);
    expect(spline.coefficients[3]! - weibullPh.coefficients[3]!).toBeCloseTo(0, 5);
    expect(fitSurvivalSpline(bc, { internalKnots: 0, scale: "odds" }).logLikelihood - fitSurvival(bc, "llogis").logLikelihood).toBeCloseTo(0, 7);
  });
});

describe("fitSurvivalSpline", () => {
  it("fitSurvivalSpline places knots at the extreme log event times and their quantiles (R type 7), or where given", () => {
    const data = { time: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], event: [1, 1, 1, 0, 1, 1, 1, 1, 1, 0] };
    const fit = fitSurvivalSpline(data, { internalKnots: 1 });
    const logs = [1, 2, 3, 5, 6, 7, 8, 9].map(Math.log);
    expect(fit.knots).toEqual([0, (logs[3]! + logs[4]!) / 2, Math.log(9)]);
    expect(fitSurvivalSpline(data, { knots: [1] }).knots).toEqual([0, 1, Math.log(9)]);
  });

  it("fitSurvivalSpline fits draw curves for PSA and give the fitted curve a definition model files can rebuild", () => {
    const fit = fitSurvivalSpline(bc, { internalKnots: 1 });
    const curves = fit.drawCurves(20, createRng(3));
    expect(curves).toHaveLength(20);
    expect(fit.curve().def).toMatchObject({ kind: "royston-parmar", scale: "hazard" });
    const median = fit.curve().median();
    for (const curve of curves) expect(Math.abs(curve.median() / median - 1)).toBeLessThan(0.5);
  });

  it("fitSurvivalSpline rejects bad options and data with typed errors", () => {
    expect(thrown(() => fitSurvivalSpline(bc, { internalKnots: -1 })).path).toEqual(["internalKnots"]);
    expect(thrown(() => fitSurvivalSpline(bc, { knots: [10] })).path).toEqual(["knots", 0]);
    expect(thrown(() => fitSurvivalSpline(bc, { scale: "logit" as "odds" })).path).toEqual(["scale"]);
    expect(thrown(() => fitSurvivalSpline({ time: [2, 2, 3], event: [1, 1, 0] })).code).toBe("impossible_fit");
  });
});
