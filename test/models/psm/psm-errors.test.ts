// Every problem names its code and its place in model vocabulary: draw, strategy, curve, cycle.
import { describe, expect, it } from "vitest";
import { evaluateModel } from "../../../src/models/model.js";
import { partitionedSurvival } from "../../../src/models/psm/index.js";
import { exponentialSurvival, weibullSurvival, type SurvivalCurve } from "../../../src/survival/index.js";
import { catchQalyError } from "../../parameters/catch-error.js";

type P = { rPfs: number; rOs: number };
const params: P = { rPfs: 0.5, rOs: 0.2 };

function psm(extra: Record<string, unknown> = {}) {
  return partitionedSurvival<P, "SoC" | "New", "cost" | "qaly">({
    strategies: ["SoC", "New"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles: 20,
    curves: (p) => ({ PFS: exponentialSurvival({ rate: p.rPfs }), OS: exponentialSurvival({ rate: p.rOs }) }),
    values: () => ({ qaly: { PF: 0.8, PD: 0.6 } }),
    ...extra,
  });
}

/** A curve whose cumulative hazard is given point by point (for broken curves). */
function curveFrom(cumulativeHazard: (t: number) => number): SurvivalCurve {
  return { ...exponentialSurvival({ rate: 1 }), cumulativeHazard, toString: () => "Broken()" } as SurvivalCurve;
}

describe("partitionedSurvival errors", () => {
  it("partitionedSurvival(def) reports every definition problem at once (invalid_model)", () => {
    const error = catchQalyError(() => partitionedSurvival({ strategies: [], outcomes: {}, endpoints: ["PFS"], cycles: 0 } as never));
    expect(error.issues.map((i) => [i.code, i.path.join(".")])).toEqual(
      expect.arrayContaining([
        ["invalid_model", "endpoints"],
        ["invalid_model", "cycles"],
        ["invalid_model", "outcomes"],
        ["invalid_model", "strategies"],
      ]),
    );
  });

  it("evaluateInto names draw, strategy, curve and cycle when a curve gives NaN (non_finite_value)", () => {
    const m = psm({ curves: (p: P, s: string) => ({ PFS: s === "New" ? curveFrom((t) => (t >= 7 ? NaN : t)) : exponentialSurvival({ rate: p.rPfs }), OS: exponentialSurvival({ rate: p.rOs }) }) });
    const error = catchQalyError(() => m.evaluateInto(params, new Float64Array(2 * m.outcomes.length), { draw: 41 }));
    expect(error.code).toBe("non_finite_value");
    expect(error.issues[0]!.path).toEqual(["draw", 41, "strategies", "New", "curves", "PFS", "cycle", 7]);
    expect(error.message).toContain("PSA draw 41");
  });

  it("evaluateInto rejects a survival curve that increases (survival_increasing)", () => {
    const m = psm({ curves: () => ({ PFS: curveFrom((t) => (t < 3 ? 0.1 * t : 0.05)), OS: exponentialSurvival({ rate: 0.01 }) }) });
    const error = catchQalyError(() => evaluateModel(m, params));
    expect(error.code).toBe("survival_increasing");
    expect(error.issues[0]!.path).toEqual(["strategies", "SoC", "curves", "PFS", "cycle", 3]);
  });

  it('evaluateInto with crossing: "error" fails where PFS exceeds OS (curves_cross)', () => {
    const m = psm({ crossing: "error", curves: () => ({ PFS: weibullSurvival({ shape: 0.5, scale: 40 }), OS: weibullSurvival({ shape: 2, scale: 8 }) }) });
    const error = catchQalyError(() => evaluateModel(m, params));
    expect(error.code).toBe("curves_cross");
    expect(error.issues[0]!.path.slice(0, 5)).toEqual(["strategies", "SoC", "curves", "PFS", "cycle"]);
  });

  it("evaluateInto rejects a missing or unknown endpoint curve (invalid_model)", () => {
    const missing = psm({ curves: () => ({ PFS: exponentialSurvival({ rate: 1 }) }) });
    expect(catchQalyError(() => evaluateModel(missing, params)).issues[0]).toMatchObject({ code: "invalid_model", path: ["strategies", "SoC", "curves", "OS"] });
    const extra = psm({ curves: () => ({ PFS: exponentialSurvival({ rate: 1 }), OS: exponentialSurvival({ rate: 0.5 }), TTD: exponentialSurvival({ rate: 2 }) }) });
    expect(catchQalyError(() => evaluateModel(extra, params)).issues[0]).toMatchObject({ code: "invalid_model", path: ["strategies", "SoC", "curves", "TTD"] });
  });

  it("evaluateInto rejects a start other than everyone in the first state (invalid_argument)", () => {
    const m = psm();
    const out = new Float64Array(2 * m.outcomes.length);
    expect(() => m.evaluateInto(params, out, { start: { PF: 1 } })).not.toThrow();
    const error = catchQalyError(() => m.evaluateInto(params, out, { start: { PF: 0.5, PD: 0.5 } }));
    expect(error.code).toBe("invalid_argument");
    expect(error.issues[0]!.path).toEqual(["strategies", "SoC", "start", "PF"]);
    expect(catchQalyError(() => m.evaluateInto(params, out, { start: { Sick: 1 } })).issues[0]).toMatchObject({ code: "unknown_state", path: ["strategies", "SoC", "start", "Sick"] });
  });

  it("evaluateInto names unknown outcomes and states and non-finite values in values, entryValues and cappedValues", () => {
    const badValue = psm({ values: () => ({ qaly: { PF: Number.NaN } }) });
    expect(catchQalyError(() => evaluateModel(badValue, params)).issues[0]).toMatchObject({ code: "non_finite_value", path: ["strategies", "SoC", "row", 0, "values", "qaly", "PF"] });
    const badState = psm({ values: () => ({ qaly: { Progressed: 1 } }) });
    expect(catchQalyError(() => evaluateModel(badState, params)).issues[0]).toMatchObject({ code: "unknown_state", path: ["strategies", "SoC", "row", 0, "values", "qaly", "Progressed"] });
    const badEntry = psm({ entryValues: () => ({ cost: { PF: 100 } }) });
    expect(catchQalyError(() => evaluateModel(badEntry, params)).issues[0]).toMatchObject({ code: "invalid_model", path: ["strategies", "SoC", "cycle", 1, "entryValues", "cost", "PF"] });
    const badCap = psm({ cappedValues: () => ({ pembrolizumab: { outcome: "costDrug", states: "PF", perYear: 1, maxDuration: 2 } }) });
    expect(catchQalyError(() => evaluateModel(badCap, params)).issues[0]).toMatchObject({ code: "unknown_outcome", path: ["strategies", "SoC", "cappedValues", "pembrolizumab", "outcome"] });
    const badDuration = psm({ cappedValues: () => ({ pembrolizumab: { outcome: "cost", states: ["PF"], perYear: 1, maxDuration: Number.NaN } }) });
    expect(catchQalyError(() => evaluateModel(badDuration, params)).issues[0]).toMatchObject({ code: "invalid_model", path: ["strategies", "SoC", "cappedValues", "pembrolizumab", "maxDuration"] });
  });
});
