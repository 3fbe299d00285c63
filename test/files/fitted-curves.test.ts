import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { fitSurvival } from "../../src/survival/index.js";
import { QalyError } from "../../src/core/errors.js";
import { fittedPsmModel, readDataset, readFitFixture as readFile } from "../survival/fit/fixtures.js";




function issuesOf(text: string, withReader = true): { code: string; path: readonly (string | number)[] }[] {
  try {
    compileModelFile(text, { fileName: "model.yaml", ...(withReader ? { readFile } : {}) });
  } catch (error) {
    if (error instanceof QalyError) return error.issues.map((issue) => ({ code: issue.code, path: issue.path }));
    throw error;
  }
  return [];
}

describe("model files: curves fitted at build time", () => {
  it("{ kind: fitted } fits the group's data, adds the coefficients as a multivariate-normal group and uses the curve (also inside a hazard ratio)", () => {
    const text = fittedPsmModel(`{ kind: hazard-ratio, hazardRatio: h, curve: { kind: fitted, data: lung.csv, time: time, event: event, distribution: weibull, by: female, group: "1", name: osWomen } }`);
    const project = compileModelFile(text, { fileName: "model.yaml", readFile });
    const lung = readDataset("lung");
    const women = lung.female!.map((f, i) => (f === 1 ? i : -1)).filter((i) => i >= 0);
    const fit = fitSurvival({ time: women.map((i) => lung.time![i]!), event: women.map((i) => lung.event![i]!) }, "weibull");
    const base = project.parameters.base();
    expect([base["osWomenLogShape"], base["osWomenLogScale"]]).toEqual(Array.from(fit.coefficients));
    // The PSA draws the coefficients: they vary around the estimates.
    const draws = project.parameters.sample(200, { seed: 3 }).column("osWomenLogScale");
    expect(new Set(draws).size).toBe(200);
    const values = evaluateModel(project.model, base) as Record<string, Record<string, number>>;
    expect(values["New"]!["lifeYears"]!).toBeGreaterThan(values["Standard"]!["lifeYears"]!);
  });

  it("{ kind: fitted } problems are model-file issues at the curve's path: no reader, unreadable file, unknown column, group, family or option", () => {
    const curve = (options: string) => fittedPsmModel(`{ kind: fitted, data: lung.csv, time: time, event: event, ${options} }`);
    expect(issuesOf(curve("distribution: weibull"), false)).toEqual([{ code: "file_not_found", path: ["model", "curves", "OS", "data"] }]);
    expect(issuesOf(fittedPsmModel("{ kind: fitted, data: nowhere.csv, time: time, event: event, distribution: weibull }"))[0]).toMatchObject({ code: "file_not_found", path: ["model", "curves", "OS", "data"] });
    expect(issuesOf(curve("distribution: weibul"))[0]).toMatchObject({ path: ["model", "curves", "OS", "distribution"] });
    expect(issuesOf(fittedPsmModel("{ kind: fitted, data: lung.csv, time: days, event: event, distribution: weibull }"))[0]).toMatchObject({ code: "invalid_argument", path: ["model", "curves", "OS", "days"] });
    expect(issuesOf(curve("distribution: weibull, by: female, group: '3'"))[0]).toMatchObject({ path: ["model", "curves", "OS", "group"] });
    expect(issuesOf(curve("distribution: weibull, colour: red"))[0]).toMatchObject({ path: ["model", "curves", "OS", "colour"] });
  });

  it("{ kind: fitted, distribution: spline } fits a Royston–Parmar model with the given knots and scale", () => {
    const project = compileModelFile(fittedPsmModel("{ kind: fitted, data: lung.csv, time: time, event: event, distribution: spline, knots: 1, scale: odds }"), { fileName: "model.yaml", readFile });
    expect(project.parameters.names).toEqual(expect.arrayContaining(["OSFitGamma0", "OSFitGamma1", "OSFitGamma2"]));
  });
});
