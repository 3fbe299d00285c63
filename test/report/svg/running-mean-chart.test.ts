// The PSA convergence plot (issue 19, item 5: "a running-mean plot in the report").
import { describe, expect, it } from "vitest";
import { runningMeanChart } from "../../../src/report/svg/running-mean-chart.js";
import { htmlReport } from "../../../src/report/html/html-report.js";
import { psaResult } from "../../../src/analysis/psa/psa-result.js";
import { runBaseCase } from "../../../src/analysis/run/run-base-case.js";
import { icerTable } from "../../../src/analysis/cea/icer-table.js";

describe("runningMeanChart", () => {
  it("draws the running mean and its ± 1.96 SE band, at most 400 points, ending at the last draw", () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 3 : -1));
    const svg = runningMeanChart(values, { label: "INB (SEK)" });
    expect(svg).toContain('class="running-mean"');
    expect(svg).toContain('class="band"');
    expect(svg).toContain("INB (SEK)");
    const path = /class="running-mean" d="([^"]+)"/.exec(svg)![1]!;
    expect(path.split(/[ML]/).filter((p) => p.trim() !== "").length).toBe(400);
  });

  it("a PSA report shows the convergence plot of the best strategy's incremental NMB against the comparator", () => {
    const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0, 0, 0], B: [1000, 3000, 2000, 2500] }, qaly: { A: [1, 1, 1, 1], B: [1.1, 1.2, 1.0, 1.3] } } });
    const model = { title: "T", strategies: ["A", "B"], outcomes: ["cost", "qaly"], evaluateInto(_p: unknown, out: Float64Array) { out.set([0, 1, 2000, 1.15]); } };
    const baseCase = runBaseCase(model, {});
    const html = htmlReport({ name: "t", metadata: { title: "T", currency: "SEK" }, outcomes: { cost: "cost", effect: "qaly" }, warnings: [], baseCase, icerTable: icerTable(baseCase.summary), wtp: { grid: { from: 0, to: 100000, step: 50000 }, thresholds: [50000] }, psa, run: { version: "test", date: "2026-12-07" } });
    expect(html).toContain('data-chart="running-mean"');
    expect(html).toContain("Running mean of the incremental net monetary benefit of B against A");
  });
});
