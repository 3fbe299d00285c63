import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evpi, evppi, evppiRanking, evpiFromNetBenefit } from "../../../src/analysis/voi/index.js";
import { psaResult, psaResultFromCsv } from "../../../src/analysis/psa/index.js";
import { chemoNb } from "../psa/chemo.js";
import { chemoNbWithParameters, mgcv } from "./chemo-draws.js";

describe("evppiRanking", () => {
  const nb = chemoNbWithParameters();

  it("ranks voi's chemotherapy parameters as mgcv's single-parameter EVPPIs do, each with a standard error", () => {
    const ranking = evppiRanking(nb, [1], { knots: 5 });
    // mgcv's order (test/validation/voi/evppi-mgcv.json) for the seven largest; the next two,
    // lambda_home and lambda_hosp, are within 2 % of each other and swap (see reml-flat-lambda-home.txt).
    const expected = Object.entries(mgcv.single_nb_reml).sort((a, b) => b[1] - a[1]).map(([name]) => name);
    expect(ranking.rows.slice(0, 7).map((r) => r.parameter)).toEqual(expected.slice(0, 7));
    expect(ranking.rows[0]!.parameter).toBe("logor_side_effects");
    for (const row of ranking.rows) {
      expect(row.perPerson[0]!).toBeCloseTo(evppi(nb, row.parameter, [1], { knots: 5 }).perPerson[0]!, 10);
      expect(row.standardError![0]!).toBeGreaterThanOrEqual(0);
    }
    // voi's standard error for the second parameter (mgcv, 1000 draws) within 20 % with 100 draws here.
    const pi2 = ranking.rows.find((r) => r.parameter === "p_side_effects_t2")!;
    expect(Math.abs(pi2.standardError![0]! - mgcv.single_nb_se_reml.p_side_effects_t2!)).toBeLessThan(0.2 * mgcv.single_nb_se_reml.p_side_effects_t2!);
  });

  it("sorts at rankAt, ranks only the parameters named, and reports unknown names and a WTP off the grid", () => {
    const ranking = evppiRanking(nb, [0.5, 1], { parameters: ["u_home_care", "p_side_effects_t2"], rankAt: 1, standardError: false });
    expect(ranking.rows.map((r) => r.parameter)).toEqual(["p_side_effects_t2", "u_home_care"]);
    expect(ranking.rows[0]!.standardError).toBeNull();
    expect(ranking.rankedAt).toBe(1);
    expect(() => evppiRanking(nb, [1], { parameters: ["u_home_care", "p_side"] })).toThrow(expect.objectContaining({ code: "unknown_parameter", path: ["parameters", 1] }));
    expect(() => evppiRanking(nb, [1], { rankAt: 2 })).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["rankAt"] }));
    // By default a parameter with a missing draw (NA in an imported CSV) is left out, not an error.
    const withGap = psaResultFromCsv("draw,cost_A,effect_A,cost_B,effect_B,pX,pGap\n1,0,0,0,1,1,NA\n2,0,0,0,-1,-1,2\n3,0,0,0,2,2,3\n4,0,0,0,-2,-2,4");
    expect(evppiRanking(withGap, [1], { standardError: false }).rows.map((r) => r.parameter)).toEqual(["pX"]);
    expect(() => evppiRanking(withGap, [1], { parameters: ["pGap"] })).toThrow(expect.objectContaining({ code: "invalid_argument" }));
    const bare = psaResult({ strategies: ["A"], outcomes: ["cost", "effect"], values: { cost: { A: [1] }, effect: { A: [1] } } });
    expect(() => evppiRanking(bare, [1])).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["parameters"] }));
  });
});

describe("evpiFromNetBenefit", () => {
  it("equals voi's EVPI of chemo_nb, computed here as E[max] − max E by a plain loop, and evpi() of the same draws as a PSA", () => {
    const { SoC, Novel } = chemoNb();
    let top = 0;
    for (let i = 0; i < SoC.length; i++) top += Math.max(SoC[i]!, Novel[i]!);
    const mean = (v: Float64Array) => v.reduce((a, b) => a + b, 0) / v.length;
    const oracle = top / SoC.length - Math.max(mean(SoC), mean(Novel));
    const value = evpiFromNetBenefit({ SoC, Novel });
    expect(Math.abs(value - oracle)).toBeLessThan(1e-9 * oracle);
    expect(value).toBeCloseTo(evpi(chemoNbWithParameters(), [1]).perPerson[0]!, 8);
    expect(evpiFromNetBenefit([SoC, Novel])).toBe(value);
  });

  it("is never negative and is 0 when one strategy is best in every draw", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 50 }), (pairs) => {
        expect(evpiFromNetBenefit({ A: pairs.map((p) => p[0]), B: pairs.map((p) => p[1]) })).toBeGreaterThanOrEqual(0);
        expect(evpiFromNetBenefit({ A: pairs.map((p) => p[0]), B: pairs.map((p) => p[0] - 1) })).toBe(0);
      }),
    );
  });

  it("reports no strategies, no draws, unequal lengths and non-finite values by path", () => {
    expect(() => evpiFromNetBenefit({})).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["netBenefit"] }));
    expect(() => evpiFromNetBenefit({ A: [] })).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["netBenefit", "A"] }));
    expect(() => evpiFromNetBenefit({ A: [1, 2], B: [1] })).toThrow(expect.objectContaining({ code: "dimension_mismatch", path: ["netBenefit", "B"] }));
    expect(() => evpiFromNetBenefit({ A: [1, NaN] })).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["netBenefit", "A", 1] }));
  });
});
