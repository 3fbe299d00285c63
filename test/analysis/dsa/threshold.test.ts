import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { threshold } from "../../../src/analysis/dsa/index.js";
import { BASE, linearModel, nmbModel } from "./toy-models.js";
import { thrown } from "../../helpers/thrown.js";

describe("threshold", () => {
  const model = linearModel();

  it("threshold(model, base, { parameter: 'cDrug' }) finds the price where ICER = WTP exactly (wtp·pResponse·uGain)", () => {
    for (const wtp of [500_000, 1_000_000]) {
      const result = threshold(model, BASE, { parameter: "cDrug", range: [0, 1_000_000], strategies: ["New drug", "Standard care"], wtp });
      expect(result.status).toBe("found");
      expect(result.roots).toHaveLength(1);
      const root = result.roots[0]!;
      const exact = wtp * 0.5 * 0.6;
      // Tolerance: the root finder's 1e-10 relative, plus rounding of NMB (≈ 1e6) at ε.
      expect(Math.abs(root.value - exact)).toBeLessThanOrEqual(1e-10 * exact + 1e-9);
      expect(root).toMatchObject({ converged: true, higherBelow: "New drug", higherAbove: "Standard care" });
    }
  });

  it("threshold(...) finds an off-grid threshold on the response probability (1/3) to 1e-10 relative", () => {
    const result = threshold(model, BASE, { parameter: "pResponse", range: [0, 1], strategies: ["New drug", "Standard care"], wtp: 500_000 });
    expect(result.status).toBe("found");
    const root = result.roots[0]!;
    expect(Math.abs(root.value - 1 / 3)).toBeLessThanOrEqual(2e-10 / 3);
    expect([root.higherBelow, root.higherAbove]).toEqual(["Standard care", "New drug"]);
    expect(result.message).toContain("equal at pResponse = 0.333");
  });

  it("threshold(...) reports 'none' honestly when one strategy wins throughout the range", () => {
    const result = threshold(model, BASE, { parameter: "cDrug", range: [0, 100_000], strategies: ["New drug", "Standard care"], wtp: 500_000 });
    expect(result.status).toBe("none");
    expect(result.roots).toEqual([]);
    if (result.status === "none") expect(result.higher).toBe("New drug");
    expect(result.message).toBe('no threshold in range: "New drug" has the higher NMB throughout cDrug in [0, 100000]');
    expect(result.scan.values).toHaveLength(101);
  });

  it("threshold(...) reports 'indifferent' when the difference is zero everywhere", () => {
    // With a free drug the costs are equal whatever the baseline utility.
    const result = threshold(model, { ...BASE, cDrug: 0 }, { parameter: "uBase", range: [0, 10], strategies: ["New drug", "Standard care"], measure: "cost" });
    expect(result.status).toBe("indifferent");
    expect(result.roots).toEqual([]);
  });

  it("threshold(...) reports an exact zero on the grid as a root, including a touching one (same strategy on both sides)", () => {
    const crossing = threshold(nmbModel((x) => x, 1), { x: 0.5 }, { parameter: "x", range: [-1, 1], strategies: ["A", "B"], wtp: 1 });
    expect(crossing.roots).toEqual([{ value: 0, residual: 0, converged: true, higherBelow: "B", higherAbove: "A" }]);
    const touching = threshold(nmbModel((x) => x * x, 1), { x: 0.5 }, { parameter: "x", range: [-1, 1], strategies: ["A", "B"], wtp: 1 });
    expect(touching.roots).toEqual([{ value: 0, residual: 0, converged: true, higherBelow: "A", higherAbove: "A" }]);
  });

  it("threshold(..., { measure: 'cost' }) finds a cost-neutral value", () => {
    // New drug costs cCare + cDrug vs cCare: equal costs at cDrug = 0.
    const result = threshold(model, BASE, { parameter: "cDrug", range: [-1000, 1000], strategies: ["New drug", "Standard care"], measure: "cost" });
    expect(result.status).toBe("found");
    expect(Math.abs(result.roots[0]!.value)).toBeLessThanOrEqual(1e-10 * 2000);
  });

  it("threshold(...) on a nonlinear NMB difference finds every root a brute-force fine grid finds", () => {
    // g(x) = 1000·(sin(3x) + 0.3x − 0.5) on [0, 6] crosses zero several times.
    const g = (x: number): number => 1000 * (Math.sin(3 * x) + 0.3 * x - 0.5);
    const result = threshold(nmbModel(g, 500_000), { x: 1 }, { parameter: "x", range: [0, 6], strategies: ["A", "B"], wtp: 500_000 });
    const n = 600_000;
    const brute: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = (6 * i) / n;
      const b = (6 * (i + 1)) / n;
      if (g(a) * g(b) < 0) brute.push(a - (g(a) * (b - a)) / (g(b) - g(a)));
    }
    expect(result.status).toBe("found");
    expect(result.roots.map((root) => root.value)).toHaveLength(brute.length);
    result.roots.forEach((root, i) => {
      // The brute-force root is within one fine-grid step (1e-5) of the true root.
      expect(Math.abs(root.value - brute[i]!)).toBeLessThanOrEqual(1e-5);
      // g' is at most ~3300, so 1e-10 relative in x gives |g| below ~1e-6.
      expect(Math.abs(root.residual)).toBeLessThanOrEqual(1e-6);
      expect(root.higherBelow).not.toBe(root.higherAbove);
    });
  });

  it("threshold(...): the root makes the NMB difference vanish for any affine difference with a root in range (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 0.01, max: 1e3, noNaN: true }), fc.boolean(), (root, slope, rising) => {
        const g = (x: number): number => (rising ? slope : -slope) * (x - root);
        const range: [number, number] = [root - 17.3, root + 29.1];
        const result = threshold(nmbModel(g, 1), { x: 0 }, { parameter: "x", range, strategies: ["A", "B"], wtp: 1 });
        expect(result.status).toBe("found");
        expect(result.roots).toHaveLength(1);
        const found = result.roots[0]!;
        // 1e-10 relative to max(|x|, 1e-6·width), plus rounding of x − root at ε·|x|.
        const tolerance = 1e-10 * Math.max(Math.abs(root), 1e-6 * 46.4) + 4 * Number.EPSILON * (Math.abs(root) + 30);
        expect(Math.abs(found.value - root)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(g(found.value))).toBeLessThanOrEqual(slope * tolerance + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it("threshold(...) rejects a bad range, the same strategy twice, unknown names and too few grid points", () => {
    const base = { parameter: "cDrug", range: [0, 1] as const, strategies: ["New drug", "Standard care"] as const };
    const cases: [() => unknown, string, readonly (string | number)[]][] = [
      [() => threshold(model, BASE, { ...base, range: [1, 1] }), "invalid_argument", ["range"]],
      [() => threshold(model, BASE, { ...base, range: [0, NaN] }), "invalid_argument", ["range"]],
      [() => threshold(model, BASE, { ...base, strategies: ["New drug", "New drug"] }), "invalid_argument", ["strategies"]],
      [() => threshold(model, BASE, { ...base, strategies: ["New drug", "Standard"] as never }), "unknown_strategy", ["strategies", 1]],
      [() => threshold(model, BASE, { ...base, parameter: "pRespons" as never }), "unknown_parameter", ["parameter"]],
      [() => threshold(model, BASE, { ...base, measure: "costs" }), "unknown_outcome", ["measure"]],
      [() => threshold(model, BASE, { ...base, gridPoints: 1 }), "invalid_argument", ["gridPoints"]],
    ];
    for (const [run, code, path] of cases) {
      const error = thrown(run);
      expect([error.code, error.path]).toEqual([code, path]);
    }
  });
});
