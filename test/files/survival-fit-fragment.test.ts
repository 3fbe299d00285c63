import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { survivalFitFragment } from "../../src/files/survival-fit-fragment.js";
import { evaluateModel } from "../../src/models/model.js";
import { fitSurvival, fitSurvivalSpline } from "../../src/survival/index.js";
import type { SurvivalFit } from "../../src/survival/index.js";
import { thrown } from "../helpers/thrown.js";
import { readDataset } from "../survival/fit/fixtures.js";

const lung = readDataset("lung");
const data = { time: lung.time!.map((days) => days / 30.4375), event: lung.event!, covariates: { female: lung.female! } }; // months

/** A partitioned survival model file (as JSON, which is YAML) whose OS curve is the fragment's. */
function modelFile(fit: SurvivalFit, profile: Record<string, number> = {}): string {
  const fragment = survivalFitFragment(fit, { name: "os", covariates: profile });
  return JSON.stringify({
    metadata: { title: "Fitted OS", currency: "SEK" },
    parameters: { uPF: 0.8, uPD: 0.6, ...fragment.parameters },
    groups: fragment.groups,
    strategies: ["Standard"],
    model: {
      type: "partitioned-survival",
      outcomes: { cost: "cost", qaly: "effect", lifeYears: "effect" },
      timeUnit: "months",
      cycleLength: 1 / 12,
      horizon: 5,
      curves: { PFS: { kind: "exponential", rate: 0.2 }, OS: fragment.curve },
      values: { qaly: { PF: "uPF", PD: "uPD" }, lifeYears: { PF: 1, PD: 1 }, cost: { PF: 0 } },
    },
  });
}

describe("survivalFitFragment", () => {
  it("survivalFitFragment writes a fit (women's profile) as a multivariate-normal group and a curve a model file compiles to the fitted curve", () => {
    const fit = fitSurvival(data, "weibull");
    const project = compileModelFile(modelFile(fit, { female: 1 }), { fileName: "fitted.json" });
    const base = project.parameters.base();
    const profile = fit.atCovariates({ female: 1 });
    expect([base["osLogShape"], base["osLogScale"]]).toEqual(Array.from(profile.coefficients));
    const lifeYears = (evaluateModel(project.model, base) as Record<string, Record<string, number>>)["Standard"]!["lifeYearsUndiscounted"]!;
    // ∫ S over 5 years, in years; the engine's within-cycle correction keeps it within 0.5%.
    expect(Math.abs(lifeYears / (fit.curve({ female: 1 }).restrictedMean(60) / 12) - 1)).toBeLessThan(0.005);
  });

  it("survivalFitFragment carries the fit's covariance into the model file's PSA draws (means and covariance within Monte Carlo error)", () => {
    const fit = fitSurvival(data, "lnorm");
    const project = compileModelFile(modelFile(fit), { fileName: "fitted.json" });
    const n = 4000;
    const draws = project.parameters.sample(n, { seed: 11 });
    const a = draws.column("osMeanlog");
    const b = draws.column("osLogSdlog");
    const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / n;
    const [ma, mb] = [mean(a), mean(b)];
    const cov = (x: Float64Array, mx: number, y: Float64Array, my: number) => x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0) / (n - 1);
    const v = fit.atCovariates().covariance;
    // 4 standard errors of a mean; variances and the covariance within 10% (their sampling error at n = 4000 is about 2–3%).
    expect(Math.abs(ma - fit.coefficients[0]!)).toBeLessThan(4 * Math.sqrt(v[0]![0]! / n));
    expect(Math.abs(mb - fit.coefficients[1]!)).toBeLessThan(4 * Math.sqrt(v[1]![1]! / n));
    expect(Math.abs(cov(a, ma, a, ma) / v[0]![0]! - 1)).toBeLessThan(0.1);
    expect(Math.abs(cov(b, mb, b, mb) / v[1]![1]! - 1)).toBeLessThan(0.1);
    expect(Math.abs(cov(a, ma, b, mb) / v[0]![1]! - 1)).toBeLessThan(0.1);
  });

  it("survivalFitFragment writes spline fits with their knots and scale, and every family with flexsurv's transforms", () => {
    const spline = fitSurvivalSpline({ time: data.time, event: data.event }, { internalKnots: 1, scale: "odds" });
    const fragment = survivalFitFragment(spline, { name: "os" });
    expect(fragment.curve).toEqual({ kind: "royston-parmar", gamma: ["osGamma0", "osGamma1", "osGamma2"], knots: spline.knots, scale: "odds" });
    const splineProject = compileModelFile(modelFile(spline), { fileName: "fitted.json" });
    expect(evaluateModel(splineProject.model, splineProject.parameters.base())).toBeDefined();
    const curves = (["exp", "weibullPH", "gompertz", "llogis", "gamma", "gengamma"] as const).map((dist) => survivalFitFragment(fitSurvival({ time: data.time, event: data.event }, dist), { name: "x" }).curve);
    expect(curves).toEqual([
      { kind: "exponential", rate: "exp(xLogRate)" },
      { kind: "weibull-ph", shape: "exp(xLogShape)", scale: "exp(xLogScale)" },
      { kind: "gompertz", shape: "xShape", rate: "exp(xLogRate)" },
      { kind: "log-logistic", shape: "exp(xLogShape)", scale: "exp(xLogScale)" },
      { kind: "gamma", shape: "exp(xLogShape)", rate: "exp(xLogRate)" },
      { kind: "generalised-gamma", mu: "xMu", sigma: "exp(xLogSigma)", Q: "xQ" },
    ]);
    expect(thrown(() => survivalFitFragment(spline, { name: "os curve" })).path).toEqual(["name"]);
    // One coefficient: a normal parameter, since a model file's groups have two components or more.
    const exponential = fitSurvival({ time: data.time, event: data.event }, "exp");
    const project = compileModelFile(modelFile(exponential), { fileName: "fitted.json" });
    expect(project.parameters.base()["osLogRate"]).toBe(exponential.coefficients[0]);
    expect(survivalFitFragment(exponential, { name: "os" }).parameters["osLogRate"]!.distribution.sd).toBe(Math.sqrt(exponential.covariance[0]![0]!));
  });
});
