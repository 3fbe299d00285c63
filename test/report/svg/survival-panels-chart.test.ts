import { describe, expect, it } from "vitest";
import { markovTracePanelsChart, survivalPanelsChart, type SurvivalSeries } from "../../../src/report/index.js";
import { thinIndices } from "../../../src/report/svg/panel-grid.js";
import { countElements, expectChart, texts } from "../svg-structure.js";

/** An arm with exponential PFS and OS (rates per year) sampled monthly for `years`. */
function arm(name: string, rPfs: number, rOs: number, years = 31): SurvivalSeries {
  const times = Float64Array.from({ length: years * 12 + 1 }, (_, k) => k / 12);
  return { arm: name, times, curves: [{ name: "PFS", values: times.map((t) => Math.exp(-rPfs * t)) }, { name: "OS", values: times.map((t) => Math.exp(-rOs * t)) }], states: ["PF", "PD", "Dead"] };
}

describe("survivalPanelsChart", () => {
  const arms = ["EGFR", "ALK", "ROS1", "Chemo <IO>"].map((name, k) => arm(name, 0.4 + 0.2 * k, 0.15 + 0.1 * k));

  it("survivalPanelsChart(arms) draws one panel per arm with each curve and a shaded band per state below the highest curve", () => {
    const svg = survivalPanelsChart(arms);
    expectChart(svg, "survival-panels");
    expect(countElements(svg, "g", "panel")).toBe(4);
    expect(countElements(svg, "path", "curve")).toBe(8);
    expect(countElements(svg, "path", "state-band")).toBe(8);
    const labels = texts(svg);
    // Panel titles (escaped in the markup), one shared legend with the state names, axis titles.
    expect(labels).toEqual(expect.arrayContaining(["EGFR", "Chemo <IO>", "PFS", "OS", "PF", "PD", "Time (years)", "Proportion surviving", "100%"]));
    expect(labels.filter((t) => t === "PF").length).toBe(1);
    // y tick labels on the first column only: 2 rows × 3 ticks.
    expect(labels.filter((t) => t === "50%").length).toBe(2);
  });

  it("survivalPanelsChart(arms) draws a 372-row curve with fewer points than a panel has pixels", () => {
    const svg = survivalPanelsChart(arms);
    const d = /data-curve="OS" d="([^"]*)"/.exec(svg)![1]!;
    const points = d.split(/[ML]/).filter((s) => s !== "").length;
    expect(points).toBeGreaterThan(20);
    expect(points).toBeLessThan(200); // a 720 px chart in 3 columns: panels about 210 px wide, a point per 2 px
  });

  it("survivalPanelsChart(arms) cuts the time axis when every curve is below 1% and says so; { until } sets it", () => {
    // OS rates ≥ 0.5/year: every curve is at most 1% by ln(100)/0.5 = 9.2 years, so the axis ends at 10.
    const fast = [arm("A", 1, 0.5), arm("B", 1.2, 0.6), arm("C", 1.4, 0.7)];
    const cut = survivalPanelsChart(fast);
    expect(texts(cut).some((t) => t.startsWith("Time axis cut at 10 years"))).toBe(true);
    expect(texts(cut)).toContain("10");
    expect(texts(cut)).not.toContain("30");
    const full = survivalPanelsChart(fast, { until: 31 });
    expect(texts(full).some((t) => t.startsWith("Time axis cut"))).toBe(false);
    expect(texts(full)).toContain("30");
  });

  it("survivalPanelsChart(arms) without state names labels the bands by their curves", () => {
    const { states: _states, ...plain } = arms[0]!;
    expect(texts(survivalPanelsChart([plain, plain, plain]))).toEqual(expect.arrayContaining(["Below PFS", "Between PFS and OS"]));
  });
});

describe("markovTracePanelsChart", () => {
  it("markovTracePanelsChart(traces) stacks one area per state in each strategy's panel, one legend entry per state", () => {
    const trace = (strategy: string) => ({ strategy, cycleLength: 1, states: ["Well", "Sick", "Dead"], proportions: [Float64Array.of(1, 0.6, 0.3), Float64Array.of(0, 0.3, 0.4), Float64Array.of(0, 0.1, 0.3)] });
    const svg = markovTracePanelsChart(["A", "B", "C", "D"].map(trace));
    expectChart(svg, "markov-trace-panels");
    expect(countElements(svg, "g", "panel")).toBe(4);
    expect(countElements(svg, "path", "state-area")).toBe(12);
    expect(texts(svg).filter((t) => t === "Sick").length).toBe(1);
  });
});

describe("thinIndices", () => {
  it("thinIndices(xs, step) keeps the first and last point and points at least step px apart", () => {
    expect(thinIndices([0, 0.5, 1, 1.5, 2, 2.2, 4.5, 5], 2)).toEqual([0, 4, 6, 7]);
    expect(thinIndices([3])).toEqual([0]);
  });
});
