// exponentialSurvival builds its curve in one piece (no parts object, no defineCurve: PSA builds 18 per
// NSCLC draw). These tests hold it to the curve defineCurve assembles from the same parts: same own
// properties in the same order, frozen, marked, and every method bit-identical.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSignificant } from "../../src/core/format-significant.js";
import { QalyError } from "../../src/core/errors.js";
import { curveMark } from "../../src/survival/curve-mark.js";
import { defineCurve } from "../../src/survival/define-curve.js";
import { exponentialFromMedian } from "../../src/survival/exponential-from-median.js";
import { ExponentialRate, exponentialRate, exponentialRateOf, exponentialSurvival } from "../../src/survival/exponential-survival.js";
import type { SurvivalCurve } from "../../src/survival/survival-curve.js";

/** The curve as defineCurve assembles it from the exponential parts (the construction before the direct one). */
function viaDefineCurve(rate: number): SurvivalCurve {
  return defineCurve({
    def: Object.freeze({ kind: "exponential" as const, rate }),
    label: () => `Exponential(rate=${formatSignificant(rate)})`,
    survival: (t) => (t > 0 ? Math.exp(-rate * t) : t <= 0 ? 1 : NaN),
    hazard: (t) => (t >= 0 ? rate : t < 0 ? 0 : NaN),
    cumulativeHazard: (t) => (t > 0 ? rate * t : t <= 0 ? 0 : NaN),
    restrictedMean: (tau) => (tau >= 0 && Number.isFinite(tau) ? -Math.expm1(-rate * tau) / rate : NaN),
    quantile: (p) => (p >= 0 && p <= 1 ? -Math.log1p(-p) / rate : NaN),
  }, [], [curveMark<number>(), rate] as const);
}

const rates = fc.double({ min: 1e-6, max: 1e3, noNaN: true });
const points = fc.oneof(fc.double({ min: -10, max: 1e4, noNaN: true }), fc.constantFrom(0, -0, Infinity, -Infinity, NaN));

describe("exponentialSurvival, built directly", () => {
  it("has defineCurve's own properties in its order, is frozen with a frozen def, prints the same and carries its rate", () => {
    const curve = exponentialSurvival({ rate: 0.05 });
    expect(Object.keys(curve)).toEqual(Object.keys(viaDefineCurve(0.05)));
    expect(Object.isFrozen(curve)).toBe(true);
    expect(Object.isFrozen(curve.def)).toBe(true);
    expect(curve.def).toEqual({ kind: "exponential", rate: 0.05 });
    expect(String(curve)).toBe("Exponential(rate=0.05)");
    expect(exponentialRateOf(curve)).toBe(0.05);
    expect(() => ((curve as { rate?: number }).rate = 1)).toThrow(TypeError);
  });

  it("every method gives the same bits as defineCurve's curve, called on the curve or detached", () => {
    fc.assert(
      fc.property(rates, points, (rate, x) => {
        const direct = exponentialSurvival({ rate });
        const reference = viaDefineCurve(rate);
        const { survival, hazard, cumulativeHazard, restrictedMean, quantile, median } = direct;
        expect(survival(x)).toBe(reference.survival(x));
        expect(hazard(x)).toBe(reference.hazard(x));
        expect(cumulativeHazard(x)).toBe(reference.cumulativeHazard(x));
        expect(restrictedMean(x)).toBe(reference.restrictedMean(x));
        expect(quantile(x / 1e4)).toBe(reference.quantile(x / 1e4));
        expect(median()).toBe(reference.median());
        expect(direct.toString()).toBe(reference.toString());
      }),
    );
  });

  it("curves built one after another keep their own rate: A, then B, then A again equal fresh ones", () => {
    fc.assert(
      fc.property(rates, rates, fc.double({ min: 0, max: 100, noNaN: true }), (a, b, t) => {
        const first = exponentialSurvival({ rate: a });
        const second = exponentialFromMedian(Math.LN2 / b);
        const again = exponentialSurvival({ rate: a });
        expect([first.survival(t), first.median(), exponentialRateOf(first)]).toEqual([viaDefineCurve(a).survival(t), viaDefineCurve(a).median(), a]);
        expect(again.survival(t)).toBe(first.survival(t));
        expect(second.survival(t)).toBe(viaDefineCurve(Math.LN2 / (Math.LN2 / b)).survival(t));
      }),
    );
  });

  it("exponentialFromMedian is exponentialSurvival of ln 2 / median, and a median so small that the rate overflows fails on the rate", () => {
    const curve = exponentialFromMedian(10.4);
    expect(curve.def.rate).toBe(Math.LN2 / 10.4);
    expect(exponentialRateOf(curve)).toBe(Math.LN2 / 10.4);
    expect(Object.isFrozen(curve)).toBe(true);
    expect(() => exponentialFromMedian(1e-310)).toThrow(QalyError);
    try {
      exponentialFromMedian(1e-310);
    } catch (error) {
      expect((error as QalyError).issues[0]!.path).toEqual(["exponential", "rate"]);
    }
    for (const bad of [0, -1, NaN, Infinity, "2" as unknown as number]) expect(() => exponentialSurvival({ rate: bad })).toThrow(QalyError);
  });

  it("exponentialRate (the PSM engine's stand-in, a model file's exponential endpoints) carries the rate and builds exponentialSurvival's curve once, on first use", () => {
    fc.assert(
      fc.property(rates, points, (rate, x) => {
        const record = exponentialRate(rate);
        const curve = exponentialSurvival({ rate });
        expect(exponentialRateOf(record)).toBe(rate);
        const built = record.curve();
        expect(record.curve()).toBe(built);
        expect(Object.keys(built)).toEqual(Object.keys(curve));
        expect(Object.isFrozen(built)).toBe(true);
        expect(built.def).toEqual(curve.def);
        expect(exponentialRateOf(built)).toBe(rate);
        expect([built.survival(x), built.hazard(x), built.cumulativeHazard(x), built.restrictedMean(x), built.quantile(x / 1e4), built.median(), String(built)]).toEqual([curve.survival(x), curve.hazard(x), curve.cumulativeHazard(x), curve.restrictedMean(x), curve.quantile(x / 1e4), curve.median(), String(curve)]);
      }),
    );
    expect(exponentialRate(0.05)).toBeInstanceOf(ExponentialRate);
  });

  it("exponentialRate rejects what exponentialSurvival rejects, with the same issues", () => {
    for (const bad of [0, -1, NaN, Infinity, -Infinity, "2" as unknown as number, undefined as unknown as number]) {
      const issuesOf = (build: () => unknown) => {
        try {
          build();
        } catch (error) {
          return (error as QalyError).issues;
        }
        throw new Error(`expected ${String(bad)} to be rejected`);
      };
      expect(issuesOf(() => exponentialRate(bad))).toEqual(issuesOf(() => exponentialSurvival({ rate: bad })));
    }
  });
});
