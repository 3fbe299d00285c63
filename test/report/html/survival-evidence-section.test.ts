import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../../src/files/compile-model-file.js";
import { runProject } from "../../../src/project/run-project.js";
import { htmlReport } from "../../../src/report/html/html-report.js";
import { runJson } from "../../../src/project/results-json.js";
import { fitSurvival } from "../../../src/survival/fit/fit-survival.js";
import { fittedPsmModel, readDataset, readFitFixture as readFile } from "../../survival/fit/fixtures.js";


// NCCTG lung cancer data (times in days); the model's horizon is 5 years = 1826.25 days.
const MODEL = fittedPsmModel("{ kind: hazard-ratio, hazardRatio: h, curve: { kind: fitted, data: lung.csv, time: time, event: event, distribution: weibull } }");

describe("report: survival evidence of fitted curves", () => {
  const project = compileModelFile(MODEL, { fileName: "model.yaml", readFile });

  it("the project records each fitted curve with its data, time unit and horizon in that unit", () => {
    const evidence = project.survivalEvidence!;
    expect(evidence).toHaveLength(1);
    const lung = readDataset("lung");
    expect(evidence[0]!.endpoint).toBe("OS");
    expect(evidence[0]!.timeUnit).toBe("days");
    expect(evidence[0]!.horizon).toBeCloseTo(5 * 365.25, 9);
    expect(Array.from(evidence[0]!.data.time)).toEqual(lung.time);
    expect(Array.from(evidence[0]!.fit.coefficients)).toEqual(Array.from(fitSurvival({ time: lung.time!, event: lung.event! }, "weibull").coefficients));
    expect(evidence[0]!.label).toMatch(/^weibull fitted to lung\.csv: 228 patients, 165 events, AIC /);
  });

  it("the report draws Kaplan–Meier with the used and best other fits, their hazards, and the AIC table with the used family marked", async () => {
    const run = await runProject(project, { dsa: false });
    const html = htmlReport(run);
    const section = html.slice(html.indexOf("<h2>Survival evidence</h2>"));
    expect(section.length).toBeGreaterThan(0);
    const first = section.slice(0, section.indexOf("</section>"));
    // One KM figure (KM steps, 4 fitted curves, extrapolation marker) and one hazard figure (4 hazards).
    expect(first.match(/<path class="km"/g)).toHaveLength(1);
    expect(first.match(/<path class="fitted"/g)).toHaveLength(4);
    expect(first).toContain('class="extrapolation"');
    expect(first.match(/<path class="hazard"/g)).toHaveLength(4);
    expect(first).toContain("weibull (used; AIC");
    // The next-best distinct curves: gengamma, gamma, gompertz (weibullPH is the same curve as weibull).
    expect([...first.slice(0, first.indexOf("<table")).matchAll(/data-curve="([a-zA-Z]+) \(/g)].map((m) => m[1])).toEqual(["weibull", "gengamma", "gamma", "gompertz", "weibull", "gengamma", "gamma", "gompertz"]);
    // The table compares all eight families; the Weibull row is the one used.
    const rows = first.slice(first.indexOf("<tbody>"), first.indexOf("</tbody>")).split("<tr").slice(1);
    expect(rows).toHaveLength(8);
    const used = rows.filter((row) => row.includes(">yes<"));
    expect(used).toHaveLength(1);
    expect(used[0]).toContain(">weibull<");
    // flexsurvreg on the same data (test/fixtures/survival/fit/fit-reference.json, from fit-reference.R):
    // Weibull AIC 2311.702, Gompertz 2314.711, log-normal 2342.538 (the worst of the eight).
    expect(used[0]).toContain(">2311.7<");
    expect(rows.find((row) => row.includes(">gompertz<"))).toContain(">2314.7<");
    expect(rows.at(-1)).toContain(">lnorm<");
    expect(rows.at(-1)).toContain(">2342.5<");
  });

  it("the run fits the comparison once; results.json carries it (AIC as flexsurv's) without the patient data", async () => {
    const run = await runProject(project, { dsa: false });
    const evidence = run.survivalEvidence![0]!;
    expect(evidence.comparison!.table).toHaveLength(8);
    // The report reads the run's comparison rather than fitting again: a marker row shows up in the table.
    const marked = { ...run, survivalEvidence: [{ ...evidence, comparison: { ...evidence.comparison!, table: evidence.comparison!.table.map((row) => (row.distribution === "lnorm" ? { ...row, aic: 1234.5 } : row)) } }] };
    expect(htmlReport(marked)).toContain(">1234.5<");
    const json = runJson(run).survivalEvidence!;
    expect(json).toHaveLength(1);
    expect(json[0]!.used.distribution).toBe("weibull");
    // flexsurvreg on the same data (fit-reference.json): Weibull AIC 2311.702, Gompertz 2314.711.
    expect(json[0]!.used.aic).toBeCloseTo(2311.702, 2);
    expect(json[0]!.comparison.find((row) => row.distribution === "gompertz")!.aic).toBeCloseTo(2314.711, 2);
    expect(JSON.stringify(json)).not.toContain('"time"');
  });

  it("a report without fitted curves has no survival-evidence section", async () => {
    const plain = compileModelFile(fittedPsmModel("{ kind: exponential, rate: 0.002 }"), { fileName: "model.yaml" });
    expect(plain.survivalEvidence).toBeUndefined();
    expect(htmlReport(await runProject(plain, { dsa: false }))).not.toContain("Survival evidence");
  });
});
