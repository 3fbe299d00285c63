import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { survivalCurveFromDef } from "../../src/survival/index.js";
import { qaly } from "./run-in-process.js";
import { reference } from "../survival/fit/fixtures.js";

const LUNG = "test/fixtures/survival/fit/lung.csv";
const folder = mkdtempSync(join(tmpdir(), "qaly-fit-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("qaly fit", () => {
  it("qaly fit lung.csv prints the comparison table best AIC first, with R's AICs, and writes the fits and the chart", async () => {
    const out = join(folder, "fits.json");
    const svg = join(folder, "lung.svg");
    const { code, stdout, stderr } = await qaly("fit", LUNG, "--time", "time", "--event", "event", "--families", "exp,weibull,lnorm", "--horizon", "1000", "--out", out, "--svg", svg);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("All patients (228 patients, 165 events)");
    expect(lines[3]).toMatch(/^weibull\s+2\s+-1153\.85\s+2311\.70\s+0\.00/);
    const json = JSON.parse(readFileSync(out, "utf8"));
    const fits = json.groups[0].fits as { model: string; curve: { kind: string }; aic: number; coefficients: number[]; covariance: number[][] }[];
    expect(fits.map((f) => f.model)).toEqual(["weibull", "exp", "lnorm"]);
    for (const fit of fits) {
      const ref = reference.fits.find((r) => r.dataset === "lung" && r.covariates.length === 0 && r.dist === fit.model)!;
      expect(Math.abs(fit.aic - ref.aic)).toBeLessThan(1e-6);
      expect(survivalCurveFromDef(fit.curve).def).toEqual(fit.curve);
    }
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg/);
  });

  it("qaly fit --by fits each group separately and --json prints the fits", async () => {
    const { code, stdout } = await qaly("fit", LUNG, "--time", "time", "--event", "event", "--by", "female", "--families", "exp", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.groups.map((g: { group: string; patients: number }) => [g.group, g.patients])).toEqual([["0", 138], ["1", 90]]);
    // Each fit comes with a model-file fragment: its coefficients as a multivariate-normal group, a curve over them.
    const fragment = json.groups[1].fits[0].modelFile;
    expect(Object.keys(fragment.parameters)).toEqual(["fit1ExpLogRate"]);
    expect(fragment.curve).toEqual({ kind: "exponential", rate: "exp(fit1ExpLogRate)" });
    expect(fragment.parameters.fit1ExpLogRate.value).toEqual(json.groups[1].fits[0].coefficients[0]);
  });

  it("qaly fit without --time is a usage error (2); a missing column or a bad cell is a data error (1) naming it", async () => {
    expect((await qaly("fit", LUNG, "--event", "event")).code).toBe(2);
    expect((await qaly("fit", LUNG, "--time", "time", "--event", "event", "--families", "weibul")).code).toBe(2);
    expect((await qaly("fit", LUNG, "--time", "time", "--event", "event", "--name", "os curve")).code).toBe(2);
    const missing = await qaly("fit", LUNG, "--time", "days", "--event", "event");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no column "days"/);
  });
});
