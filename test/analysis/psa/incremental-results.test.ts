import { describe, expect, it } from "vitest";
import { cePlane, incrementalResults, psaResult } from "../../../src/analysis/psa/index.js";
import { chemoPsa } from "./chemo.js";

describe("incremental results and the CE plane", () => {
  it("cePlane(psa, { comparator }) gives each other strategy's increments per draw", () => {
    const psa = psaResult({ strategies: ["A", "B", "C"], outcomes: ["cost", "qaly"], values: { cost: { A: [1, 2], B: [3, 5], C: [0, 0] }, qaly: { A: [1, 1], B: [2, 3], C: [0.5, 0.25] } } });
    const plane = cePlane(psa, { comparator: "B" });
    expect(plane.comparator).toBe("B");
    expect(plane.series.map((s) => [s.strategy, Array.from(s.incrementalCost), Array.from(s.incrementalEffect)])).toEqual([
      ["A", [-2, -3], [-1, -2]],
      ["C", [-3, -5], [-1.5, -2.75]],
    ]);
    expect(() => cePlane(psa, { comparator: "D" })).toThrow(expect.objectContaining({ code: "unknown_strategy", path: ["comparator"] }));
  });

  it("incrementalResults(psa) gives the 95% interval R's quantile(x, c(0.025, 0.975)) (type 7, the default) prints", () => {
    // R 4.x: quantile(c(3, 1, 4, 1, 5, 9, 2, 6), c(0.025, 0.975)) → 1.000 8.475
    const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: new Array(8).fill(0), B: [3, 1, 4, 1, 5, 9, 2, 6] }, qaly: { A: new Array(8).fill(0), B: new Array(8).fill(1) } } });
    const [row] = incrementalResults(psa);
    expect(row!.incrementalCost.lower).toBe(1);
    expect(row!.incrementalCost.upper).toBeCloseTo(8.475, 12); // R prints 4 significant digits; the test above checks the bits

  });

  it("incrementalResults(psa) on the chemo PSA: means, R-7 percentile intervals and P(INMB > 0) from a plain loop", () => {
    const psa = chemoPsa();
    const [row] = incrementalResults(psa, { wtp: 20_000 });
    const dc = Array.from(psa.values("cost", "Novel"), (c, i) => c - psa.values("cost", "SoC")[i]!);
    const de = Array.from(psa.values("qaly", "Novel"), (e, i) => e - psa.values("qaly", "SoC")[i]!);
    const sorted = [...dc].sort((a, b) => a - b);
    // h = (n − 1) p, interpolate between order statistics floor(h) and floor(h) + 1.
    const r7 = (p: number) => {
      const h = (sorted.length - 1) * p;
      return sorted[Math.floor(h)]! + (h - Math.floor(h)) * (sorted[Math.floor(h) + 1]! - sorted[Math.floor(h)]!);
    };
    expect(row!.incrementalCost.lower).toBe(r7(0.025));
    expect(row!.incrementalCost.upper).toBe(r7(0.975));
    const mean = dc.reduce((a, b) => a + b, 0) / dc.length;
    expect(row!.incrementalCost.mean).toBe(mean);
    expect(row!.icer).toBe(mean / (de.reduce((a, b) => a + b, 0) / de.length));
    const wins = de.filter((d, i) => 20_000 * psa.values("qaly", "Novel")[i]! - psa.values("cost", "Novel")[i]! - (20_000 * psa.values("qaly", "SoC")[i]! - psa.values("cost", "SoC")[i]!) > 0).length;
    expect(row!.probabilityCostEffective).toBe(wins / 10_000);
    expect(() => incrementalResults(psa, { level: 1 })).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["level"] }));
  });
});
