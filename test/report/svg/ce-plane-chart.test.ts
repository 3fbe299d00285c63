import { describe, expect, it } from "vitest";
import { cePlane, createRng, psaResult } from "../../../src/index.js";
import { cePlaneChart } from "../../../src/report/index.js";
import { countElements, expectChart, texts } from "../svg-structure.js";

/** A PSA with `n` draws of normal-ish noise around given means (seeded). */
function noisyPsa(n: number, strategies: string[]) {
  const rng = createRng("ce-plane-test");
  const normal = (): number => Math.sqrt(-2 * Math.log(rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
  const cost: Record<string, number[]> = {};
  const qaly: Record<string, number[]> = {};
  strategies.forEach((s, k) => {
    cost[s] = Array.from({ length: n }, () => 10_000 * k + 2_000 * normal());
    qaly[s] = Array.from({ length: n }, () => 1 + 0.1 * k + 0.05 * normal());
  });
  return psaResult({ strategies, outcomes: ["cost", "qaly"], values: { cost, qaly } });
}

/** Circles of the PSA draws (means and legend swatches carry a class). */
const drawCount = (svg: string): number => (svg.match(/<circle cx=/g) ?? []).length;

describe("cePlaneChart", () => {
  it("cePlaneChart(plane) draws one circle per distinct draw, a mean and an ellipse per strategy, axes with units", () => {
    const psa = noisyPsa(200, ["SoC", "A", "B"]);
    const svg = cePlaneChart(cePlane(psa), { currency: "SEK", wtp: [500_000] });
    expectChart(svg, "ce-plane");
    const draws = drawCount(svg);
    expect(draws).toBeGreaterThan(300); // 400 draws, a few may share a pixel
    expect(draws).toBeLessThanOrEqual(400);
    expect(countElements(svg, "circle", "mean")).toBe(2);
    expect(countElements(svg, "path", "ellipse")).toBe(2);
    expect(countElements(svg, "line", "wtp-line")).toBe(1);
    const labels = texts(svg);
    expect(labels).toContain("Incremental cost (SEK)");
    expect(labels).toContain("Incremental effect (QALY)");
    expect(labels).toContain("SEK 500 000/QALY");
    expect(labels.some((t) => /^-?\d{1,3}( \d{3})+$/.test(t))).toBe(true); // thousands separated tick labels
  });

  it("cePlaneChart(plane) escapes strategy names", () => {
    const psa = noisyPsa(10, ["SoC", '<script>alert("x")</script>']);
    const svg = cePlaneChart(cePlane(psa));
    expectChart(svg, "ce-plane");
    expect(svg).not.toContain("<script>");
    expect(texts(svg)).toContain('<script>alert("x")</script> vs SoC');
  });

  it("cePlaneChart(plane) keeps 5 000 draws × 3 strategies under 500 kB", () => {
    const psa = noisyPsa(5000, ["SoC", "A", "B", "C"]);
    const svg = cePlaneChart(cePlane(psa), { wtp: [100_000, 500_000] });
    expectChart(svg, "ce-plane");
    expect(svg.length).toBeLessThan(500_000);
  });

  it("cePlaneChart(plane) draws no ellipse for a single draw and handles a zero-variance cloud", () => {
    const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0, 0], B: [5, 5, 5] }, qaly: { A: [1, 1, 1], B: [2, 2, 2] } } });
    const svg = cePlaneChart(cePlane(psa));
    expectChart(svg, "ce-plane");
    expect(countElements(svg, "path", "ellipse")).toBe(0);
    expect(drawCount(svg)).toBe(1);
  });
});
