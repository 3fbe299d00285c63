import { describe, expect, it } from "vitest";
import { defineParameters, param } from "../../src/parameters/index.js";
import { beta } from "../../src/distributions/beta.js";
import { dirichlet } from "../../src/distributions/dirichlet.js";
import { gamma } from "../../src/distributions/gamma.js";
import { normal } from "../../src/distributions/normal.js";
import { catchQalyError } from "./catch-error.js";

const space = defineParameters({
  pRespond: param(beta({ alpha: 45, beta: 55 }), { label: "Response, standard care", source: "Trial X, table 2", status: "sourced" }),
  cDrug: param(2400, { label: "Drug cost", unit: "GBP per year", status: "assumption", note: "list price" }),
  cSick: gamma({ shape: 25, scale: 74 }),
  uWell: 0.82,
});

describe("defineParameters", () => {
  it("defineParameters(entries) keeps the declared order of names", () => {
    expect(space.names).toEqual(["pRespond", "cDrug", "cSick", "uWell"]);
  });

  it("space.base() gives declared values and distribution means", () => {
    expect(space.base()).toEqual({ pRespond: 0.45, cDrug: 2400, cSick: 25 * 74, uWell: 0.82 });
    expect(Object.isFrozen(space.base())).toBe(true);
  });

  it("space.base() gives group components their means, then derived values", () => {
    const s = space
      .group("response", dirichlet({ alpha: [20, 30, 50] }), ["pComplete", "pPartial", "pNone"])
      .derive((p) => ({ cExpected: p.pRespond * p.cDrug }))
      .derive((p) => ({ cDouble: 2 * p.cExpected }));
    const base = s.base();
    expect(s.names).toEqual(["pRespond", "cDrug", "cSick", "uWell", "pComplete", "pPartial", "pNone", "cExpected", "cDouble"]);
    expect(base.pPartial).toBeCloseTo(0.3, 15);
    expect(base.cExpected).toBeCloseTo(0.45 * 2400, 9);
    expect(base.cDouble).toBeCloseTo(2 * 0.45 * 2400, 9);
  });

  it("space.base(overrides) replaces declared values before derivation", () => {
    const s = space.derive((p) => ({ cExpected: p.pRespond * p.cDrug }));
    expect(s.base({ cDrug: 1000 }).cExpected).toBeCloseTo(450, 9);
    expect(s.base().cExpected).toBeCloseTo(1080, 9);
    const error = catchQalyError(() => s.base({ cExpected: 1 }));
    expect(error.code).toBe("invalid_argument");
    expect(error.path).toEqual(["parameters", "cExpected"]);
    const unknown = catchQalyError(() => s.base({ cDrugg: 1 } as never));
    expect(unknown.code).toBe("unknown_parameter");
    expect(unknown.message).toContain("did you mean 'cDrug'?");
  });

  it("space methods return new spaces and leave the original unchanged (immutability)", () => {
    const derived = space.derive((p) => ({ cTwice: 2 * p.cDrug }));
    const correlated = space.correlate("pRespond", "cSick", 0.3);
    expect(space.names).toHaveLength(4);
    expect(derived.names).toHaveLength(5);
    expect(space.toJSON().correlations).toEqual([]);
    expect(correlated.toJSON().correlations).toEqual([{ a: "pRespond", b: "cSick", rho: 0.3 }]);
    expect(Object.isFrozen(space.names)).toBe(true);
  });

  it("space.describe() lists label, unit, distribution, mean, 95% interval, source and status", () => {
    const rows = space.derive((p) => ({ cTwice: 2 * p.cDrug })).describe();
    expect(rows.map((r) => r.name)).toEqual(["pRespond", "cDrug", "cSick", "uWell", "cTwice"]);
    const [pRespond, cDrug, , uWell, cTwice] = rows;
    expect(pRespond).toMatchObject({ kind: "distribution", label: "Response, standard care", distribution: "Beta(α=45, β=55)", source: "Trial X, table 2", status: "sourced" });
    expect(pRespond!.mean).toBeCloseTo(0.45, 15);
    // 95% interval = 2.5% and 97.5% quantiles of Beta(45, 55); a beta has mean inside it
    expect(pRespond!.lower).toBeLessThan(0.45);
    expect(pRespond!.upper).toBeGreaterThan(0.45);
    expect(pRespond!.lower).toBeCloseTo(beta({ alpha: 45, beta: 55 }).quantile(0.025), 12);
    expect(cDrug).toMatchObject({ kind: "fixed", unit: "GBP per year", distribution: "2400", mean: 2400, lower: null, upper: null, status: "assumption", note: "list price" });
    expect(uWell).toMatchObject({ label: "uWell", status: null, source: "" });
    expect(cTwice).toMatchObject({ kind: "derived", distribution: "derived", mean: 4800 });
  });

  it("space.describe() gives Dirichlet components beta marginal intervals", () => {
    const rows = defineParameters({}).group("response", dirichlet({ alpha: [20, 30, 50] }), ["pA", "pB", "pC"], { source: "Registry" }).describe();
    // component B of Dirichlet(20, 30, 50) is Beta(30, 70)
    expect(rows[1]!.lower).toBeCloseTo(beta({ alpha: 30, beta: 70 }).quantile(0.025), 9);
    expect(rows[1]!.upper).toBeCloseTo(beta({ alpha: 30, beta: 70 }).quantile(0.975), 9);
    expect(rows[1]).toMatchObject({ kind: "group", source: "Registry", distribution: "Dirichlet(α=[20, 30, 50]) [2/3]" });
  });

  it("space.toJSON() is plain data: definitions, metadata, groups, correlations and derived names", () => {
    const s = space.correlate("pRespond", "cSick", -0.2).derive((p) => ({ cTwice: 2 * p.cDrug }));
    const json = JSON.parse(JSON.stringify(s));
    expect(json.parameters.pRespond).toEqual({ distribution: { kind: "beta", alpha: 45, beta: 55 }, text: "Beta(α=45, β=55)" });
    expect(json.parameters.cDrug).toEqual({ value: 2400 });
    expect(json.meta.cDrug).toEqual({ label: "Drug cost", unit: "GBP per year", status: "assumption", note: "list price" });
    expect(json.correlations).toEqual([{ a: "pRespond", b: "cSick", rho: -0.2 }]);
    expect(json.derived).toEqual(["cTwice"]);
  });
});

describe("defineParameters validation", () => {
  it("defineParameters(entries) reports every bad entry at once with paths ['parameters', name, …]", () => {
    const error = catchQalyError(() =>
      defineParameters({
        pA: Number.NaN,
        pB: "0.3" as never,
        pC: param(0.2, { status: "guess" as never }),
        pD: param(Number.POSITIVE_INFINITY, { label: "D" }),
        pE: param(0.1, { lable: "typo" } as never),
        pF: ((p: number) => p) as never,
        pOk: 0.5,
      }),
    );
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_parameter", ["parameters", "pA"]],
      ["invalid_parameter", ["parameters", "pB"]],
      ["invalid_parameter", ["parameters", "pC", "status"]],
      ["invalid_parameter", ["parameters", "pD", "value"]],
      ["invalid_parameter", ["parameters", "pE", "lable"]],
      ["invalid_parameter", ["parameters", "pF"]],
    ]);
    expect(error.issues[0]!.message).toBe("must be a finite number (received NaN)");
    expect(error.issues[2]!.message).toBe('must be "sourced", "assumption" or "placeholder" (received "guess")');
    expect(error.message).toContain("6 issues in parameters");
  });

  it("derive(fn) rejects a name that already exists and a non-finite base value", () => {
    // @ts-expect-error: redefining 'cDrug' is also a compile error
    const error = catchQalyError(() => space.derive((p) => ({ cDrug: p.cDrug, bad: Math.log(p.uWell - 1) })));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_parameter", ["parameters", "cDrug"]],
      ["non_finite_value", ["parameters", "bad"]],
    ]);
  });

  it("correlate(a, b, rho) with an unknown name suggests the closest known name", () => {
    const error = catchQalyError(() => space.correlate("pRespnd" as "pRespond", "cSick", 0.5));
    expect(error.code).toBe("unknown_parameter");
    expect(error.path).toEqual(["correlations", "pRespnd, cSick", "pRespnd"]);
    expect(error.message).toContain("did you mean 'pRespond'?");
  });

  it("correlate(a, b, rho) rejects fixed and derived parameters, rho outside [-1, 1], and repeats", () => {
    const s = space.derive((p) => ({ cTwice: 2 * p.cDrug }));
    expect(catchQalyError(() => s.correlate("cDrug", "cSick", 0.5)).path).toEqual(["correlations", "cDrug, cSick", "cDrug"]);
    expect(catchQalyError(() => s.correlate("cTwice", "cSick", 0.5)).message).toContain("it is derived");
    const range = catchQalyError(() => s.correlate("pRespond", "cSick", 1.5));
    expect([range.code, range.path]).toEqual(["invalid_argument", ["correlations", "pRespond, cSick", "rho"]]);
    expect(catchQalyError(() => s.correlate("pRespond", "cSick", 0.5).correlate("cSick", "pRespond", 0.1)).code).toBe("invalid_argument");
  });

  it("correlate(a, b, rho) reports an impossible set of correlations as not_positive_definite", () => {
    const s = defineParameters({ a: normal({ mean: 0, sd: 1 }), b: normal({ mean: 0, sd: 1 }), c: normal({ mean: 0, sd: 1 }) });
    const error = catchQalyError(() => s.correlate("a", "b", 0.5).correlate("b", "c", 0.5).correlate("a", "c", -0.9));
    expect(error.code).toBe("not_positive_definite");
    expect(error.path).toEqual(["correlations", "a, c"]);
  });

  it("group(name, dist, names) rejects a wrong number of names and names already defined", () => {
    const error = catchQalyError(() => space.group("response", dirichlet({ alpha: [1, 2, 3] }), ["cDrug", "pX"]));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["dimension_mismatch", ["groups", "response", "components"]],
      ["invalid_parameter", ["groups", "response", "components", 0]],
    ]);
  });
});

describe("defineParameters with a point-mass distribution", () => {
  it("defineParameters({ x: fixed(v) }) treats the point mass as the fixed number v", () => {
    const pointMass = { def: { kind: "fixed", value: 7 }, mean: () => 7, variance: () => 0, cdf: (x: number) => (x >= 7 ? 1 : 0), quantile: () => 7, sample: () => 7, toString: () => "Fixed(7)" };
    const s = defineParameters({ cVisit: pointMass });
    expect(s.describe()[0]).toMatchObject({ kind: "fixed", distribution: "7", mean: 7 });
    expect(s.toJSON().parameters).toEqual({ cVisit: { value: 7 } });
  });
});
