// Type-level checks: parameter names flow from defineParameters into callbacks and value types,
// so a misspelt name is a compile error (checked by `tsc -p test/tsconfig.json`). The runtime
// assertions make the same calls fail loudly when types are bypassed.
import { describe, expect, expectTypeOf, it } from "vitest";
import { defineParameters, type ParameterNames, type ParameterValues } from "../../src/parameters/index.js";
import { beta } from "../../src/distributions/beta.js";
import { catchQalyError } from "./catch-error.js";

const space = defineParameters({ uWell: beta({ alpha: 80, beta: 20 }), uSick: 0.6, cDrug: 2400 })
  .derive((p) => ({ uSickCapped: Math.min(p.uSick, p.uWell) }))
  .derive((p) => ({ uLoss: p.uWell - p.uSickCapped }));

describe("parameter types", () => {
  it("ParameterValues<typeof space> is { name: number } for declared and derived names", () => {
    expectTypeOf<ParameterValues<typeof space>>().toEqualTypeOf<{ uWell: number; uSick: number; cDrug: number; uSickCapped: number; uLoss: number }>();
    expectTypeOf<ParameterNames<typeof space>>().toEqualTypeOf<"uWell" | "uSick" | "cDrug" | "uSickCapped" | "uLoss">();
    const base: ParameterValues<typeof space> = space.base();
    expect(base.uLoss).toBeCloseTo(0.2, 12);
  });

  it("a misspelt name in derive, correlate, column or base is a compile error and a runtime QalyError", () => {
    // @ts-expect-error: 'uSik' is not a parameter
    expect(() => space.derive((p) => ({ bad: p.uSik + 1 }))).toThrow();
    // @ts-expect-error: 'cDrug' exists already, so a derivation cannot redefine it
    expect(catchQalyError(() => space.derive((p) => ({ cDrug: p.cDrug * 2 }))).code).toBe("invalid_parameter");
    // @ts-expect-error: 'uWel' is not a parameter
    expect(catchQalyError(() => space.correlate("uWel", "uSick", 0.5)).message).toContain("did you mean 'uWell'?");
    const draws = space.sample(2, { seed: 1 });
    // @ts-expect-error: 'cDrugs' is not a parameter
    expect(catchQalyError(() => draws.column("cDrugs")).message).toContain("did you mean 'cDrug'?");
    // @ts-expect-error: 'cDrugs' is not a parameter
    expect(catchQalyError(() => space.base({ cDrugs: 1 })).code).toBe("unknown_parameter");
    expectTypeOf(draws.row(0)).toEqualTypeOf<Readonly<Record<"uWell" | "uSick" | "cDrug" | "uSickCapped" | "uLoss", number>>>();
  });

  it("group(name, dist, components) adds the component names to the type", () => {
    const withGroup = defineParameters({ cVisit: 50 }).group("g", { dimension: 2, def: { kind: "test" }, mean: () => Float64Array.of(0.5, 0.5), covariance: () => new Float64Array(4), sample: (_rng, out = new Float64Array(2)) => out.fill(0.5), toString: () => "Test" }, ["pA", "pB"]);
    expectTypeOf<ParameterNames<typeof withGroup>>().toEqualTypeOf<"cVisit" | "pA" | "pB">();
    expect(withGroup.base()).toEqual({ cVisit: 50, pA: 0.5, pB: 0.5 });
  });
});
