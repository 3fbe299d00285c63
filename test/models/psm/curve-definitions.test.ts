// A curves function may return curve definitions instead of curves (EndpointCurveInputs): the same
// totals, run() rows and curves, and the same errors as the curves themselves, for every arm, rate,
// crossing policy and background floor.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluateModel } from "../../../src/models/model.js";
import { partitionedSurvival } from "../../../src/models/psm/index.js";
import type { CrossingPolicy } from "../../../src/models/psm/index.js";
import { exponentialRateOf, exponentialSurvival } from "../../../src/survival/exponential-survival.js";
import { lifeTable } from "../../../src/survival/life-table.js";
import { survivalCurveFromDef } from "../../../src/survival/survival-curve-from-def.js";
import { weibullSurvival } from "../../../src/survival/weibull-survival.js";
import type { SurvivalCurve, SurvivalCurveDef } from "../../../src/survival/survival-curve.js";
import { swedenLifeTable2019 } from "../../../models/data/sweden-life-table-2019.js";

type Arm = "SoC" | "New" | "Combo";
type P = { readonly rates: Readonly<Record<Arm, readonly [number, number]>> };
const ARMS: readonly Arm[] = ["SoC", "New", "Combo"];
const table = lifeTable(swedenLifeTable2019);

/** The same model, its curves given as curves (`curve`) or as definitions (`def`). */
function model(form: "curve" | "def", crossing: CrossingPolicy, background: "none" | "cycle" | "exact", weibullOs = false) {
  const osDef = (rate: number): SurvivalCurveDef => (weibullOs ? { kind: "weibull", shape: 1.3, scale: 1 / rate } : { kind: "exponential", rate });
  return partitionedSurvival<P, Arm, "cost" | "qaly" | "lifeYears">({
    strategies: ARMS,
    outcomes: { cost: "cost", qaly: "effect", lifeYears: "effect" },
    timeUnit: "months",
    cycleLength: 1 / 12,
    horizon: 10,
    startAge: 70,
    crossing,
    ...(background === "none" ? {} : { backgroundMortality: { lifeTable: table, sexMix: { female: 0.5, male: 0.5 }, method: background } }),
    curves: (p, arm) => {
      const [pfs, os] = p.rates[arm];
      const defs = { PFS: { kind: "exponential", rate: pfs } as SurvivalCurveDef, OS: osDef(os) };
      return form === "def" ? defs : { PFS: exponentialSurvival({ rate: pfs }), OS: weibullOs ? weibullSurvival({ shape: 1.3, scale: 1 / os }) : exponentialSurvival({ rate: os }) };
    },
    values: (_p, _t, arm) => ({ cost: { PF: arm === "SoC" ? 1000 : 5000, PD: 800 }, qaly: { PF: 0.8, PD: 0.6 }, lifeYears: { PF: 1, PD: 1 } }),
    entryValues: () => ({ cost: { Dead: 3000 } }),
  });
}

/** The error `f` throws (name, message and issues), or "none". */
function thrown(f: () => unknown): unknown {
  try {
    f();
    return "none";
  } catch (error) {
    const e = error as Error & { issues?: unknown };
    return { name: e.name, message: e.message, issues: e.issues };
  }
}

const rate = fc.double({ min: 1e-4, max: 2, noNaN: true });
const rates = fc.record({ SoC: fc.tuple(rate, rate), New: fc.tuple(rate, rate), Combo: fc.tuple(rate, rate) });

describe("partitionedSurvival: curve definitions from the curves function", () => {
  it("gives the same totals and run() rows and curves as the curves (fast-check over rates, arms, crossing and the cycle floor)", () => {
    const forms = new Map<string, [ReturnType<typeof model>, ReturnType<typeof model>]>();
    const pair = (crossing: CrossingPolicy, background: "none" | "cycle", weibullOs: boolean) => {
      const key = `${crossing} ${background} ${weibullOs}`;
      if (!forms.has(key)) forms.set(key, [model("curve", crossing, background, weibullOs), model("def", crossing, background, weibullOs)]);
      return forms.get(key)!;
    };
    fc.assert(
      fc.property(rates, fc.constantFrom<CrossingPolicy>("clamp", "error", "floor"), fc.constantFrom("none" as const, "cycle" as const), fc.boolean(), (r, crossing, background, weibullOs) => {
        const [curves, defs] = pair(crossing, background, weibullOs);
        const p: P = { rates: r };
        // Crossing curves under "error" must fail alike; otherwise every total is bit for bit the same.
        expect(thrown(() => evaluateModel(defs, p))).toEqual(thrown(() => evaluateModel(curves, p)));
        if (thrown(() => evaluateModel(curves, p)) !== "none") return;
        expect(evaluateModel(defs, p)).toEqual(evaluateModel(curves, p));
        const a = curves.run(p);
        const b = defs.run(p);
        for (const arm of ARMS) {
          const x = a.strategies[arm];
          const y = b.strategies[arm];
          expect(y.totals).toEqual(x.totals);
          expect(y.trace).toEqual(x.trace);
          expect(y.survival).toEqual(x.survival);
          expect(y.clampedSurvival).toEqual(x.clampedSurvival);
          expect(y.clampedCycles).toBe(x.clampedCycles);
          for (const endpoint of ["PFS", "OS"] as const) {
            // run() hands out public curves (built from the definitions), frozen, with the same def and rate mark.
            const curve: SurvivalCurve = y.curves[endpoint];
            expect(Object.isFrozen(curve)).toBe(true);
            expect(curve.def).toEqual(x.curves[endpoint].def);
            expect(curve.survival(7)).toBe(x.curves[endpoint].survival(7));
            expect(exponentialRateOf(curve)).toBe(exponentialRateOf(x.curves[endpoint]));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("gives the same totals under the exact background cap", () => {
    const curves = model("curve", "clamp", "exact");
    const defs = model("def", "clamp", "exact");
    fc.assert(
      fc.property(rates, (r) => {
        expect(evaluateModel(defs, { rates: r })).toEqual(evaluateModel(curves, { rates: r }));
      }),
      { numRuns: 4 },
    );
  });

  it("fails as the curve constructors fail (the same errors and paths), and names an endpoint given neither", () => {
    const curves = model("curve", "clamp", "cycle");
    const defs = model("def", "clamp", "cycle");
    const weibullCurves = model("curve", "clamp", "none", true);
    const weibullDefs = model("def", "clamp", "none", true);
    for (const bad of [0, -0.1, Number.NaN, Infinity, -Infinity]) {
      for (const arm of ARMS) {
        const r = { SoC: [0.1, 0.05], New: [0.1, 0.05], Combo: [0.1, 0.05], [arm]: [0.1, bad] } as unknown as P["rates"];
        const expected = thrown(() => evaluateModel(curves, { rates: r }));
        expect(expected).not.toBe("none");
        expect(thrown(() => evaluateModel(defs, { rates: r }))).toEqual(expected);
        expect(thrown(() => evaluateModel(weibullDefs, { rates: r }))).toEqual(thrown(() => evaluateModel(weibullCurves, { rates: r })));
      }
    }
    const p: P = { rates: { SoC: [0.1, 0.05], New: [0.1, 0.05], Combo: [0.1, 0.05] } };
    const wrong = (OS: unknown) =>
      partitionedSurvival<P, "SoC", "qaly">({ strategies: ["SoC"], outcomes: { qaly: "effect" }, cycles: 5, curves: () => ({ PFS: { kind: "exponential", rate: 1 }, OS }) as never, values: () => ({ qaly: { PF: 1 } }) });
    const noKind = thrown(() => evaluateModel(wrong({ rate: 1 }), p)) as { issues: { code: string; path: unknown[] }[] };
    expect([noKind.issues[0]!.code, noKind.issues[0]!.path.slice(-2)]).toEqual(["invalid_model", ["curves", "OS"]]);
    // An unknown kind fails as survivalCurveFromDef fails on it.
    expect(thrown(() => evaluateModel(wrong({ kind: "weibul", shape: 1, scale: 1 }), p))).toEqual(thrown(() => survivalCurveFromDef({ kind: "weibul" })));
  });

  it("reads each definition when the function returns, so one record may be refilled every call", () => {
    const pfs = { kind: "exponential" as const, rate: 1 };
    const os = { kind: "exponential" as const, rate: 1 };
    // The same model but for its curves function.
    const withCurves = (curves: NonNullable<Parameters<typeof partitionedSurvival<P, Arm, "cost" | "qaly" | "lifeYears">>[0]["curves"]>) =>
      partitionedSurvival<P, Arm, "cost" | "qaly" | "lifeYears">({
        strategies: ARMS,
        outcomes: { cost: "cost", qaly: "effect", lifeYears: "effect" },
        timeUnit: "months",
        cycleLength: 1 / 12,
        horizon: 10,
        curves,
        values: (_p, _t, arm) => ({ cost: { PF: arm === "SoC" ? 1000 : 5000, PD: 800 }, qaly: { PF: 0.8, PD: 0.6 }, lifeYears: { PF: 1, PD: 1 } }),
        entryValues: () => ({ cost: { Dead: 3000 } }),
      });
    const refilled = withCurves((p, arm) => {
      pfs.rate = p.rates[arm][0];
      os.rate = p.rates[arm][1];
      return { PFS: pfs, OS: os };
    });
    const p: P = { rates: { SoC: [0.3, 0.1], New: [0.2, 0.08], Combo: [0.1, 0.04] } };
    const run = refilled.run(p);
    expect(run.strategies.SoC.curves.OS.def).toEqual({ kind: "exponential", rate: 0.1 });
    expect(run.strategies.Combo.curves.PFS.def).toEqual({ kind: "exponential", rate: 0.1 });
    const fresh = withCurves((q, arm) => ({ PFS: exponentialSurvival({ rate: q.rates[arm][0] }), OS: exponentialSurvival({ rate: q.rates[arm][1] }) }));
    expect(evaluateModel(refilled, p)).toEqual(evaluateModel(fresh, p));
  });
});
