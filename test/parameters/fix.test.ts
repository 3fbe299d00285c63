import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defineParameters } from "../../src/parameters/index.js";
import { beta } from "../../src/distributions/beta.js";
import { dirichlet } from "../../src/distributions/dirichlet.js";
import { gamma } from "../../src/distributions/gamma.js";
import { normal } from "../../src/distributions/normal.js";
import { multivariateNormal } from "../../src/distributions/multivariate-normal.js";
import { catchQalyError } from "./catch-error.js";

const space = defineParameters({
  pRespond: beta({ alpha: 45, beta: 55 }),
  cSick: gamma({ shape: 25, scale: 74 }),
  cDrug: 2400,
  uWell: beta({ alpha: 80, beta: 20 }),
  uSick: beta({ alpha: 55, beta: 45 }),
})
  .group("response", dirichlet({ alpha: [20, 30, 50] }), ["pComplete", "pPartial", "pNone"])
  .group("survival", multivariateNormal({ mean: [-2, 0.3], covariance: [[0.04, 0.01], [0.01, 0.09]] }), ["logScale", "logShape"])
  .derive((p) => ({ cPerResponse: p.cDrug / p.pRespond }))
  .derive((p) => ({ pAny: p.pComplete + p.pPartial }))
  .derive((p) => ({ nmbGain: 1000 * p.pAny - p.cPerResponse }));

const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe("space.fix", () => {
  it("fix({ pRespond }) holds pRespond in base() and every draw and recomputes the derived parameters from it", () => {
    const fixed = space.fix({ pRespond: 0.5 });
    expect(fixed.base().pRespond).toBe(0.5);
    expect(fixed.base().cPerResponse).toBe(4800);
    const draws = fixed.sample(200, { seed: "fix-1" });
    expect(new Set(draws.column("pRespond"))).toEqual(new Set([0.5]));
    expect(new Set(draws.column("cPerResponse"))).toEqual(new Set([4800]));
    const pAny = draws.column("pAny");
    draws.column("nmbGain").forEach((v, i) => expect(v).toBe(1000 * pAny[i]! - 4800));
  });

  it("fix(values) leaves every other declared column and group bit-identical to the unfixed space (random and lhs)", () => {
    for (const method of ["random", "lhs"] as const) {
      const base = space.sample(300, { seed: "fix-2", method });
      const fixed = space.fix({ cSick: 1000, pPartial: 0.25, logShape: 0.5 }).sample(300, { seed: "fix-2", method });
      for (const name of ["pRespond", "cDrug", "uWell", "uSick", "pComplete", "pNone", "logScale", "cPerResponse"] as const) {
        expect([method, name, same(fixed.column(name), base.column(name))]).toEqual([method, name, true]);
      }
    }
  });

  it("fix({ pPartial }) overwrites one Dirichlet component: the others keep their draws and are not renormalised", () => {
    const fixed = space.fix({ pPartial: 0.1 });
    expect(fixed.base()).toMatchObject({ pComplete: 0.2, pPartial: 0.1, pNone: 0.5 });
    const draws = fixed.sample(100, { seed: "fix-3" });
    const free = space.sample(100, { seed: "fix-3" });
    const complete = draws.column("pComplete");
    const none = draws.column("pNone");
    for (let i = 0; i < 100; i++) {
      expect(draws.column("pPartial")[i]).toBe(0.1);
      expect(complete[i]).toBe(free.column("pComplete")[i]);
      // The derived sum sees the fixed component: the row need not sum to one any more.
      expect(draws.column("pAny")[i]).toBe(complete[i]! + 0.1);
    }
    expect(complete.some((c, i) => Math.abs(c + 0.1 + none[i]! - 1) > 1e-6)).toBe(true);
  });

  it("fix(values) of every component of a group and of a multivariate normal component holds them all", () => {
    const draws = space.fix({ pComplete: 0.3, pPartial: 0.3, pNone: 0.4, logScale: -1.5 }).sample(50, { seed: "fix-4" });
    for (const [name, value] of [["pComplete", 0.3], ["pPartial", 0.3], ["pNone", 0.4], ["logScale", -1.5]] as const) expect(new Set(draws.column(name))).toEqual(new Set([value]));
    expect(same(draws.column("logShape"), space.sample(50, { seed: "fix-4" }).column("logShape"))).toBe(true);
  });

  it("fix({ derived }) throws invalid_parameter naming the declared inputs to fix instead, through chained derivations", () => {
    const direct = catchQalyError(() => space.fix({ cPerResponse: 1 } as never));
    expect(direct.issues.map((i) => [i.code, i.path])).toEqual([["invalid_parameter", ["parameters", "cPerResponse"]]]);
    expect(direct.issues[0]!.message).toContain("fix 'pRespond', 'cDrug' instead");
    const chained = catchQalyError(() => space.fix({ nmbGain: 1 } as never));
    expect(chained.issues[0]!.message).toContain("fix 'pRespond', 'cDrug', 'pComplete', 'pPartial' instead");
  });

  it("fix(values) reports every unknown name (with the closest one) and non-finite value at once", () => {
    const error = catchQalyError(() => space.fix({ pRepsond: 0.5, cSick: Number.NaN, uWell: Infinity } as never));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["unknown_parameter", ["parameters", "pRepsond"]],
      ["non_finite_value", ["parameters", "cSick"]],
      ["non_finite_value", ["parameters", "uWell"]],
    ]);
    expect(error.issues[0]!.message).toContain("did you mean 'pRespond'?");
    expect(catchQalyError(() => space.fix(null as never)).issues[0]!.code).toBe("invalid_argument");
  });

  it("fix(values) is immutable; a later fix merges and replaces; base(overrides) still overrides a fixed value", () => {
    const a = space.fix({ cSick: 1000 });
    const b = a.fix({ cSick: 500, pNone: 0.6 });
    expect(space.base().cSick).toBe(1850);
    expect(a.base().cSick).toBe(1000);
    expect(a.base().pNone).toBe(0.5);
    expect(b.base()).toMatchObject({ cSick: 500, pNone: 0.6 });
    expect(b.base({ cSick: 700 }).cSick).toBe(700);
    expect(b.fix({}).base()).toEqual(b.base());
  });

  it("fix({ b }) of a rank-correlated parameter reports achieved NaN, keeps the partner's draws and pairs the others as before", () => {
    const correlated = defineParameters({ a: normal({ mean: 0, sd: 1 }), b: normal({ mean: 0, sd: 1 }), c: gamma({ shape: 4, scale: 1 }) })
      .correlate("a", "b", 0.7)
      .correlate("b", "c", 0.5);
    const free = correlated.sample(500, { seed: "fix-5" });
    const fixed = correlated.fix({ b: 0.25 }).sample(500, { seed: "fix-5" });
    expect(fixed.correlation.map((c) => [c.a, c.b, c.target, c.achieved])).toEqual([["a", "b", 0.7, Number.NaN], ["b", "c", 0.5, Number.NaN]]);
    expect(new Set(fixed.column("b"))).toEqual(new Set([0.25]));
    expect(same(fixed.column("a"), free.column("a"))).toBe(true);
    expect(same(fixed.column("c"), free.column("c"))).toBe(true);
    // Fixing before correlating gives the same draws: the order of fix() and correlate() does not matter.
    const before = defineParameters({ a: normal({ mean: 0, sd: 1 }), b: normal({ mean: 0, sd: 1 }), c: gamma({ shape: 4, scale: 1 })}).fix({ b: 0.25 }).correlate("a", "b", 0.7).correlate("b", "c", 0.5);
    expect(same(before.sample(500, { seed: "fix-5" }).buffer, fixed.buffer)).toBe(true);
  });

  it("fix(values).describe() shows fixed parameters as kind fixed at their value with the declared distribution; toJSON() lists them", () => {
    const rows = space.fix({ pRespond: 0.5, cDrug: 1200, pNone: 0.6 }).describe();
    const row = (name: string) => rows.find((r) => r.name === name)!;
    expect(row("pRespond")).toMatchObject({ kind: "fixed", distribution: "fixed at 0.5 (declared Beta(α=45, β=55))", mean: 0.5, lower: null, upper: null });
    expect(row("cDrug")).toMatchObject({ kind: "fixed", distribution: "fixed at 1200 (declared 2400)", mean: 1200 });
    expect(row("pNone")).toMatchObject({ kind: "fixed", mean: 0.6, lower: null, upper: null });
    expect(row("pNone").distribution).toMatch(/^fixed at 0\.6 \(declared Dirichlet.*\[3\/3\]\)$/);
    expect(row("cPerResponse").mean).toBe(2400);
    expect(row("pComplete").kind).toBe("group");
    expect(space.fix({ cSick: 1000, pNone: 0.6 }).toJSON().fixed).toEqual({ cSick: 1000, pNone: 0.6 });
    expect("fixed" in space.toJSON()).toBe(false);
  });

  it("fix(values) property: fixed columns are constant, other declared columns unchanged, derived columns recomputed", () => {
    const declared = ["pRespond", "cSick", "uWell", "pComplete", "pPartial", "pNone", "logScale", "logShape"] as const;
    const free = space.sample(40, { seed: "fix-prop" });
    fc.assert(
      fc.property(fc.subarray([...declared], { minLength: 1 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (names, value) => {
        const draws = space.fix(Object.fromEntries(names.map((n) => [n, value]))).sample(40, { seed: "fix-prop" });
        for (const name of declared) {
          const column = draws.column(name);
          if ((names as string[]).includes(name)) expect(column.every((v) => v === value)).toBe(true);
          else expect(same(column, free.column(name))).toBe(true);
        }
        for (let i = 0; i < 40; i++) {
          const row = draws.row(i);
          expect(row.pAny).toBe(row.pComplete + row.pPartial);
          expect(row.nmbGain).toBe(1000 * row.pAny - row.cDrug / row.pRespond);
        }
      }),
      { numRuns: 30 },
    );
  });
});
