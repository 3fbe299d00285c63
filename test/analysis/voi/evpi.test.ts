import { describe, expect, it } from "vitest";
import { evpi, populationSize } from "../../../src/analysis/voi/index.js";
import { wtpGrid } from "../../../src/analysis/cea/index.js";
import { netBenefit } from "../../../src/analysis/cea/index.js";
import { psaResult } from "../../../src/analysis/psa/index.js";
import { chemoNb, chemoPsa } from "../psa/chemo.js";

const EPSILON = 2 ** -52;

/** voi's / BCEA's formula: mean over draws of the maximum NMB minus the maximum of the mean NMBs. */
function oracleEvpi(nmb: Float64Array[]): number {
  const n = nmb[0]!.length;
  let meanMax = 0;
  const means = nmb.map(() => 0);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    nmb.forEach((series, s) => {
      best = Math.max(best, series[i]!);
      means[s]! += series[i]!;
    });
    meanMax += best;
  }
  return meanMax / n - Math.max(...means) / n;
}

/** Bound on the difference of two orders of naive summation of n terms of size ≤ scale: 2 · n · ε · scale. */
function roundingBound(nmb: Float64Array[]): number {
  const scale = Math.max(...nmb.map((series) => Math.max(...Array.from(series, Math.abs))));
  return 2 * nmb[0]!.length * EPSILON * scale;
}

describe("evpi on the voi chemotherapy PSA", () => {
  const psa = chemoPsa();

  it("evpi(psa, [20 000]) agrees with voi's formula on voi's own chemo_nb to the summation rounding bound", () => {
    const nb = chemoNb();
    // Our NMB is voi's chemo_nb: 20 000 · e − c reproduces it to the 18 printed digits.
    const ours = netBenefit(psa, 20_000);
    ours.strategies.forEach((s) => {
      const theirs = nb[s as "SoC" | "Novel"];
      ours.values(s).forEach((v, i) => expect(Math.abs(v - theirs[i]!)).toBeLessThanOrEqual(4 * EPSILON * Math.abs(theirs[i]!)));
    });
    const expected = oracleEvpi([nb.SoC, nb.Novel]);
    expect(expected).toBeCloseTo(368.605, 3);
    expect(Math.abs(evpi(psa, [20_000]).perPerson[0]! - expected)).toBeLessThanOrEqual(roundingBound([nb.SoC, nb.Novel]));
  });

  it("evpi(psa, grid) agrees with a plain loop at every WTP of a 0–50 000 grid", () => {
    const grid = wtpGrid({ from: 0, to: 50_000, step: 500 });
    const curve = evpi(psa, grid);
    grid.forEach((w, g) => {
      const nmb = psa.strategies.map((s) => Float64Array.from(psa.values("qaly", s), (e, i) => w * e - psa.values("cost", s)[i]!));
      expect(Math.abs(curve.perPerson[g]! - oracleEvpi(nmb))).toBeLessThanOrEqual(roundingBound(nmb));
    });
    // At WTP 0 SoC is cheaper in every draw, so there is nothing to learn.
    expect(curve.perPerson[0]).toBe(0);
  });

  it("evpi(psa, wtp, { population }) multiplies by the discounted population", () => {
    const population = { annual: 2_000, years: 10, discountRate: 0.03 };
    const curve = evpi(psa, [20_000, 30_000], { population });
    const size = populationSize(population);
    expect(curve.populationSize).toBe(size);
    expect(curve.at(30_000)).toEqual({ perPerson: curve.perPerson[1], population: curve.perPerson[1]! * size });
  });
});

describe("evpi edge cases", () => {
  it("evpi(psa, wtp) is exactly 0 when one strategy wins every draw", () => {
    const psa = psaResult({ strategies: ["A", "B", "C"], outcomes: ["cost", "qaly"], values: { cost: { A: [1, 2, 3], B: [5, 6, 7], C: [9, 9, 9] }, qaly: { A: [2, 3, 4], B: [1, 1, 1], C: [0, 0.5, 1] } } });
    expect(Array.from(evpi(psa, [0, 1e3, 1e6]).perPerson)).toEqual([0, 0, 0]);
  });

  it("populationSize(population) sums annual incidence discounted from the first or the second year", () => {
    // 1000 · (1 + 1/1.03 + 1/1.03²)
    expect(populationSize({ annual: 1_000, years: 3, discountRate: 0.03 })).toBeCloseTo(1_000 * (1 + 1 / 1.03 + 1 / 1.03 ** 2), 9);
    expect(populationSize({ annual: 1_000, years: 3 })).toBe(3_000);
    expect(() => populationSize({ annual: 1_000, years: 2.5 })).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["population", "years"] }));
    expect(() => populationSize({ annual: 0, years: 2 })).toThrow(expect.objectContaining({ path: ["population", "annual"] }));
    expect(() => populationSize({ annual: 1, years: 2, discountRate: -0.1 })).toThrow(expect.objectContaining({ path: ["population", "discountRate"] }));
  });
});
