// Budget impact driven by a model: the formula Budget(y) = Σ_c N_c Σ_s share_s(c) Cost_s(y − c + 1)
// checked by hand, its invariants, and the errors a user meets.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { budgetImpactFromOutcomes, modelBudgetImpact, budgetImpactSensitivity, budgetImpactUncertainty, type BudgetImpactDefinition } from "../../../src/analysis/bia/index.js";
import type { Model } from "../../../src/models/model.js";
import { QalyError } from "../../../src/core/errors.js";
import { runPsaSync } from "../../../src/analysis/run/run-psa.js";
import { defineParameters } from "../../../src/parameters/index.js";
import { normal } from "../../../src/distributions/index.js";

type P = { n: number; price: number };

/** Two strategies, three years; per-patient streams (testing, drugs) by year since start; tests per patient. */
function twoStrategyModel(): Model<P, "Old" | "New"> {
  const testing = { Old: [200, 0, 0], New: [1000, 0, 0] };
  const drug = { Old: [800, 500, 200], New: [2000, 800, 100] };
  const outcomes = ["cost", ...[1, 2, 3].map((k) => `costYear${k}`), ...[1, 2, 3].map((k) => `costTestingYear${k}`), ...[1, 2, 3].map((k) => `costDrugYear${k}`), "tests"];
  return {
    title: "Two strategies",
    strategies: ["Old", "New"],
    outcomes,
    evaluateInto(p, out) {
      (["Old", "New"] as const).forEach((s, i) => {
        // The new strategy's testing cost scales with the price parameter (1000 at price 1000).
        const t = s === "New" ? [p.price, 0, 0] : testing.Old;
        const total = t.map((x, k) => x + drug[s][k]!);
        out.set([total.reduce((a, b) => a + b, 0), ...total, ...t, ...drug[s], s === "New" ? 1.2 : 1], i * outcomes.length);
      });
    },
  };
}

const definition: BudgetImpactDefinition<P, "Old" | "New"> = {
  years: 3,
  funnel: [{ name: "incident", value: (p) => p.n }],
  growth: 0.1,
  without: { Old: 1 },
  with: { Old: (_, y) => [0.8, 0.5, 0.2][y - 1]!, New: (_, y) => [0.2, 0.5, 0.8][y - 1]! },
  categories: { testing: ["costTesting"], drugs: ["costDrug"] },
  counts: ["tests"],
};

describe("modelBudgetImpact", () => {
  it("two strategies, three years: the formula by hand", () => {
    const r = modelBudgetImpact(twoStrategyModel(), definition, { n: 100, price: 1000 });
    r.patients.forEach((n, y) => expect(n).toBeCloseTo([100, 110, 121][y]!, 9));
    // Without: 100·1000; 100·500 + 110·1000; 100·200 + 110·500 + 121·1000.
    expect(r.without.total[0]).toBeCloseTo(100_000, 6);
    expect(r.without.total[1]).toBeCloseTo(160_000, 6);
    expect(r.without.total[2]).toBeCloseTo(196_000, 6);
    // With: cohort mixes 1400/560/180 (year 1), 2000/650 (year 2), 2600 (year 3).
    expect(r.with.total[0]).toBeCloseTo(140_000, 6);
    expect(r.with.total[1]).toBeCloseTo(100 * 560 + 110 * 2000, 6);
    expect(r.with.total[2]).toBeCloseTo(100 * 180 + 110 * 650 + 121 * 2600, 6);
    expect(r.net.total.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([40_000, 116_000, 208_100]);
    expect(r.net.cumulative[2]).toBeCloseTo(364_100, 6);
    // Testing only: 800 more per patient switched, in the year they start.
    expect(r.net.byCategory["testing"]![0]).toBeCloseTo(100 * 0.2 * 800, 6);
    expect(r.net.byCategory["testing"]![2]).toBeCloseTo(121 * 0.8 * 800, 6);
    // Categories add up to the total.
    for (let y = 0; y < 3; y++) expect(r.net.byCategory["testing"]![y]! + r.net.byCategory["drugs"]![y]!).toBeCloseTo(r.net.total[y]!, 6);
    // 0.2 more tests per patient switched.
    expect(r.net.counts["tests"]![1]).toBeCloseTo(110 * 0.5 * 0.2, 9);
    expect(r.with.patients["New"]![2]).toBeCloseTo(121 * 0.8, 9);
  });

  it("property: with shares that do not change and cost in year 1 only, the budget is N × cost every year", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), (n, share, a, b) => {
        const model: Model<P, "A" | "B"> = { title: "One-year costs", strategies: ["A", "B"], outcomes: ["cost", "costYear1", "costYear2", "costYear3"], evaluateInto: (_, out) => out.set([a, a, 0, 0, b, b, 0, 0]) };
        const r = modelBudgetImpact(model, { years: 3, funnel: [{ name: "n", value: n }], without: { A: 1 }, with: { A: 1 - share, B: share }, categories: {} }, { n, price: 0 });
        const expected = n * ((1 - share) * a + share * b);
        for (const y of [0, 1, 2]) {
          expect(Math.abs(r.with.total[y]! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
          expect(Math.abs(r.without.total[y]! - n * a)).toBeLessThanOrEqual(1e-9 * Math.max(1, n * a));
        }
      }),
    );
  });

  it("property: with no uptake (world with = world without) the net impact is 0 in every year and category", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (n, old, price) => {
        const shares = { Old: old, New: 1 - old };
        const r = modelBudgetImpact(twoStrategyModel(), { ...definition, without: shares, with: shares }, { n, price });
        expect(r.with.total).toEqual(r.without.total);
        expect(r.net.total.every((x) => x === 0)).toBe(true);
        expect(r.net.byCategory["drugs"]!.every((x) => x === 0)).toBe(true);
      }),
    );
  });

  const issuesOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(QalyError);
      return (error as QalyError).issues.map(({ code, path }) => ({ code, path }));
    }
    throw new Error("expected a QalyError");
  };

  it("names the year whose shares do not sum to 1, a negative funnel step, and a horizon longer than the model's", () => {
    const model = twoStrategyModel();
    expect(issuesOf(() => modelBudgetImpact(model, { ...definition, with: { Old: 0.5, New: (_, y) => (y === 2 ? 0.4 : 0.5) } }, { n: 100, price: 1 }))).toEqual([
      { code: "invalid_argument", path: ["with", "year", 2] },
    ]);
    expect(issuesOf(() => modelBudgetImpact(model, definition, { n: -5, price: 1 }))).toEqual([{ code: "invalid_argument", path: ["funnel", "incident"] }]);
    expect(issuesOf(() => modelBudgetImpact(model, { ...definition, years: 4 }, { n: 100, price: 1 }))).toEqual([{ code: "invalid_argument", path: ["years"] }]);
    expect(issuesOf(() => modelBudgetImpact(model, { ...definition, categories: { drugs: ["costDrugs"] }, counts: ["test"] }, { n: 100, price: 1 }))).toEqual([
      { code: "unknown_outcome", path: ["categories", "drugs", 0] },
      { code: "unknown_outcome", path: ["counts", 0] },
    ]);
    expect(issuesOf(() => modelBudgetImpact(model, { ...definition, with: { Old: 0.5, Nwe: 0.5 } }, { n: 100, price: 1 }))[0]).toEqual({ code: "unknown_strategy", path: ["with", "Nwe"] });
  });
});

describe("budget impact under uncertainty and one-way", () => {
  it("PSA draws: the mean over draws equals the impact at the mean (the impact is linear in N and in the price)", () => {
    const model = twoStrategyModel();
    const space = defineParameters({ n: normal({ mean: 100, sd: 10 }), price: normal({ mean: 1000, sd: 100 }) });
    const psa = runPsaSync(model, space, { samples: 400, seed: "bia" });
    const u = budgetImpactUncertainty(psa, definition);
    const n = psa.parameters!.column("n");
    const price = psa.parameters!.column("price");
    const meanN = n.reduce((a, b) => a + b, 0) / n.length;
    // Year 1 net = N (0.2 (price − 200) + 0.2 · 1200) exactly, so its mean is that of the draws' products.
    let expected = 0;
    for (let i = 0; i < n.length; i++) expected += (n[i]! * 0.2 * (price[i]! - 200 + 1200)) / n.length;
    expect(u.net.mean[0]).toBeCloseTo(expected, 6);
    expect(u.net.lower[0]!).toBeLessThan(u.net.mean[0]!);
    expect(u.net.upper[0]!).toBeGreaterThan(u.net.mean[0]!);
    expect(u.cumulative.mean[2]).toBeCloseTo(u.net.mean.reduce((a, b) => a + b, 0), 6);
    expect(meanN).toBeGreaterThan(90);
  });

  it("PSA draws: the fast per-draw kernel equals the full analysis draw by draw; a bad draw is named", () => {
    const model = twoStrategyModel();
    const space = defineParameters({ n: normal({ mean: 100, sd: 10 }), price: normal({ mean: 1000, sd: 100 }) });
    const psa = runPsaSync(model, space, { samples: 5, seed: "bia-kernel" });
    const shifting: BudgetImpactDefinition<P, "Old" | "New"> = { ...definition, with: { Old: (p, y) => 1 - Math.min(1, (y * p.price) / 5000), New: (p, y) => Math.min(1, (y * p.price) / 5000) } };
    const u = budgetImpactUncertainty(psa, shifting);
    const full = Array.from({ length: 5 }, (_, i) => budgetImpactFromOutcomes(shifting as BudgetImpactDefinition<P, string>, psa.strategies, (o, s) => psa.values(o, s as "Old" | "New")[i]!, psa.parameters!.row(i) as P));
    for (let y = 0; y < 3; y++) {
      const mean = full.reduce((sum, r) => sum + r.net.total[y]!, 0) / 5;
      expect(Math.abs(u.net.mean[y]! - mean)).toBeLessThanOrEqual(1e-9 * Math.abs(mean));
      const testing = full.reduce((sum, r) => sum + r.net.byCategory["testing"]![y]!, 0) / 5;
      expect(Math.abs(u.byCategory["testing"]!.mean[y]! - testing)).toBeLessThanOrEqual(1e-9 * Math.abs(testing));
    }
    const broken: BudgetImpactDefinition<P, "Old" | "New"> = { ...definition, with: { Old: 0.5, New: (p) => (p.n !== 100 ? 0.6 : 0.5) } };
    expect(() => budgetImpactUncertainty(psa, broken)).toThrow(/PSA draw 0: 3 issues in budget impact[^]*with\.year\[1\]/);
  });

  it("one-way: each input at its low and high value, sorted by swing; scenarios replace parameters or shares", () => {
    const model = twoStrategyModel();
    const values = (o: Readonly<Record<string, number>> = {}) => ({ n: 100, price: 1000, ...o }) as P;
    const s = budgetImpactSensitivity(model, { ...definition, sensitivity: [{ parameter: "price", low: 500, high: 1500 }, { parameter: "n", low: 50, high: 150 }], scenarios: { "No uptake": { with: { Old: 1 } }, "Cheap test": { parameters: { price: 200 } } } }, values);
    expect(s.base).toBeCloseTo(364_100, 6);
    expect(s.oneWay.map((row) => row.parameter)).toEqual(["n", "price"]);
    expect(s.oneWay[0]!.atLow).toBeCloseTo(364_100 / 2, 6);
    // price 1500: 500 more per patient switched, 20 + 55 + 96.8 patients switched.
    expect(s.oneWay[1]!.atHigh).toBeCloseTo(364_100 + 500 * (20 + 55 + 96.8), 6);
    expect(s.scenarios[0]).toMatchObject({ name: "No uptake", cumulative: 0 });
    expect(s.scenarios[1]!.cumulative).toBeCloseTo(364_100 - 800 * (20 + 55 + 96.8), 6);
  });
});
