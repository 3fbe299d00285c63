// Report v2 (issue 14, items 2 and 4): the decision at each threshold, pairwise PSA results and
// sensitivity analyses along the frontier, degenerate PSAs, true provenance claims, warnings once.
import { describe, expect, it } from "vitest";
import { defineParameters, icerTable, param, psaResult, runBaseCase, type Model } from "../../../src/index.js";
import { htmlReport, type ReportInput } from "../../../src/report/index.js";
import { threeStrategyProject } from "../../helpers/three-strategy-project.js";
import { runProject } from "../../../src/project/run-project.js";
import { expectWellFormed } from "../svg-structure.js";

/** Visible text of the report, tags removed and entities decoded. */
function text(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/g, "").replace(/<svg[\s\S]*?<\/svg>/g, "").replace(/<[^>]+>/g, " ").replace(/&#160;/g, " ").replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");
}

/** Two strategies: A costs 0 for 1 QALY, B costs 200 for 1.5 (ICER 400 by hand). */
function twoStrategyInput(extra: Partial<ReportInput> = {}): ReportInput {
  const model: Model<Record<string, number>, string> = { title: "Two", strategies: ["A", "B"], outcomes: ["cost", "qaly"], evaluateInto: (_p, out) => out.set([0, 1, 200, 1.5]) };
  const baseCase = runBaseCase(model, {});
  return { name: "two", metadata: { title: "Two", currency: "SEK" }, outcomes: { cost: "cost", effect: "qaly" }, warnings: [], baseCase, icerTable: icerTable(baseCase.summary), wtp: { grid: { from: 0, to: 1000, step: 100 }, thresholds: [500] }, run: { version: "0.1.0", date: "2026-01-01" }, ...extra };
}


/** Frontier A, B, C (test/helpers/three-strategy-project.ts); two parameters with neither source nor status. */
const threeStrategies = () => threeStrategyProject(defineParameters({ cB: param(2000, { source: "Price list 2024" }), cC: param(5000, { status: "assumption" }), unused: 1, also: 2 }), { psa: { samples: 10, seed: "three" } });

describe("report v2", () => {
  it("htmlReport(input) gives, per threshold, the probability over the PSA that the optimal strategy beats its frontier neighbour (worked by hand)", () => {
    // At 500: ΔNMB of B vs A per draw = 500 ΔE − ΔC = −100, 50, 200, so B has the higher NMB in 2 of 3 draws.
    const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0, 0], B: [100, 200, 300] }, qaly: { A: [1, 1, 1], B: [1, 1.5, 2] } } });
    const html = htmlReport(twoStrategyInput({ psa }));
    expectWellFormed(html.replace(/<!DOCTYPE html>/, ""));
    const body = text(html);
    expect(body).toContain("At SEK 500 per QALY: B. Next on the frontier: A (ICER of B vs A: SEK 400 per QALY); B has the higher net monetary benefit in 67% of PSA draws.");
    expect(body).toMatch(/SEK 500 per QALY B vs A [^%]* 66\.7%/);
    expect(html).toContain('aria-label="B vs A"'); // the pair's own CE plane
  });

  it("htmlReport(input with a degenerate PSA) says so and reports no probability, CE plane, CEAC or EVPI", () => {
    const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0, 0], B: [200, 200, 200] }, qaly: { A: [1, 1, 1], B: [1.5, 1.5, 1.5] } } });
    const html = htmlReport(twoStrategyInput({ psa }));
    const body = text(html);
    expect(body).toContain("The probabilistic analysis is degenerate: no parameter is uncertain, so the 3 draws give the same costs and effects (or, in a microsimulation, differ only by Monte Carlo noise).");
    expect(body).toContain("The probabilistic analysis is degenerate (no parameter is uncertain), so the probability that this choice is cost-effective is not known.");
    expect(body).not.toMatch(/100(\.0)?\s?%/);
    for (const kind of ["ce-plane", "ceac", "evpi", "running-mean"]) expect(html).not.toContain(`data-chart="${kind}"`);
    expect(html).not.toContain("<h2>Value of information</h2>");
  });

  it("htmlReport(runProject(...)) opens with the decision at each threshold, shows tornadoes along the frontier, and the scenario that changes the choice", async () => {
    const run = await runProject(threeStrategies());
    const html = htmlReport(run);
    expectWellFormed(html.replace(/<!DOCTYPE html>/, ""));
    const body = text(html);
    // Dear C (cC = 9000): at 20 000, C − B = (20 000 × 0.3) − 7000 < 0, so B is preferred there.
    expect(body).toContain("At SEK 20 000 per QALY: C. Next on the frontier: B (ICER of C vs B: SEK 10 000 per QALY)");
    expect(body).toContain("Scenario that changes it: Dear C (B).");
    expect(body).toContain("At SEK 5 000 per QALY: B.");
    expect(html.indexOf("The decision at each threshold")).toBeLessThan(html.indexOf("<h1>"));
    expect(html.indexOf("<h2>Base case</h2>")).toBeLessThan(html.indexOf("<h2>Model summary</h2>"));
    expect(html.indexOf("<h2>Model summary</h2>")).toBeLessThan(html.indexOf("<h2>Appendix: parameters</h2>"));
    // B vs A and B vs C at 5000, C vs B at 20 000.
    expect([...html.matchAll(/aria-label="Tornado: ([^"]+)"/g)].map((m) => m[1])).toEqual(expect.arrayContaining(["B vs A", "B vs C", "C vs B"]));
    expect(body).toContain("Preferred at SEK 20 000 per QALY");
    expect(body).toContain("Dear C 4 000 4 500 -1 000 B B *");
  });

  it("the parameter appendix counts inputs without source or status instead of claiming every one has them", async () => {
    const body = text(htmlReport(await runProject(threeStrategies(), { psa: 0 })));
    expect(body).toContain("2 of 4 input parameters have neither a source nor a status: those are not traceable to evidence.");
    expect(body).not.toContain("Every input parameter has a stated source or status");
  });

  it("a placeholder named in the model's own warning is warned about once", () => {
    const parameters = defineParameters({ cDrug: param(100, { status: "placeholder" }), cOther: param(5, { source: "List" }) }).describe();
    const once = htmlReport(twoStrategyInput({ parameters, warnings: ["Placeholder price in use: cDrug. Replace it."] }));
    expect(text(once)).toContain("Placeholder price in use: cDrug. Replace it.");
    expect(text(once)).not.toContain("not yet sourced");
    const generated = htmlReport(twoStrategyInput({ parameters, warnings: [] }));
    expect(text(generated)).toContain("1 parameter is a placeholder (not yet sourced): cDrug.");
  });
});
