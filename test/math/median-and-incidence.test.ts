// Rates and cycle probabilities from medians and cumulative incidences (constant hazard;
// Briggs, Claxton & Sculpher 2006, §3.2; Fleurence & Hollenbeak 2007). Hand computations are the
// closed forms evaluated directly; they agree to 1e-15 relative, or 1e-13 where the hand form
// 1 − x^y cancels (a small probability loses about log10(1/p) digits there, expm1/log1p do not).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { probabilityFromCumulativeIncidence, probabilityFromMedian, probabilityToRate, rateFromMedian, rateToProbability, rescaleProbability } from "../../src/math/index.js";
import { compileExpression } from "../../src/files/expression.js";
import { MODEL_FILE_FUNCTIONS } from "../../src/files/expression-env.js";

const close = (actual: number, expected: number, relative = 1e-15): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));

describe("rateFromMedian and probabilityFromMedian", () => {
  it("rateFromMedian(m) is ln 2 / m: a median of 10 years is 0.0693 per year, of 14 months is 0.594 per year", () => {
    close(rateFromMedian(10), Math.log(2) / 10);
    close(rateFromMedian(14 / 12), (Math.log(2) * 12) / 14);
    expect(rateFromMedian(Infinity)).toBe(0);
  });

  it("probabilityFromMedian(m, Δ) is 1 − 2^(−Δ/m): half the cohort by the median, 3/4 by twice the median", () => {
    close(probabilityFromMedian(2), 1 - 2 ** -0.5, 1e-13);
    close(probabilityFromMedian(14 / 12, 1 / 12), 1 - 2 ** (-1 / 14), 1e-13);
    expect(probabilityFromMedian(3, 3)).toBeCloseTo(0.5, 15);
    expect(probabilityFromMedian(3, 6)).toBeCloseTo(0.75, 15);
    expect(probabilityFromMedian(3, 0)).toBe(0);
  });

  it("12 monthly cycles at probabilityFromMedian(m, 1/12) leave the survival of one year at the annual rate", () => {
    const monthly = probabilityFromMedian(1.5, 1 / 12);
    close((1 - monthly) ** 12, Math.exp(-rateFromMedian(1.5)), 1e-13);
  });

  it("probabilityFromMedian(m, Δ) equals rateToProbability(rateFromMedian(m), Δ)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 100, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (median, years) => {
        expect(Math.abs(probabilityFromMedian(median, years) - rateToProbability(rateFromMedian(median), years))).toBeLessThanOrEqual(4e-16);
      }),
    );
  });

  it("return NaN outside their domain", () => {
    expect(rateFromMedian(0)).toBeNaN();
    expect(rateFromMedian(-1)).toBeNaN();
    expect(rateFromMedian(Number.NaN)).toBeNaN();
    expect(probabilityFromMedian(0, 1)).toBeNaN();
    expect(probabilityFromMedian(2, -1)).toBeNaN();
  });
});

describe("probabilityFromCumulativeIncidence", () => {
  it("a 5-year cumulative incidence of 30 % is a monthly probability of 1 − 0.7^(1/60) = 0.593 %, not 0.3/60", () => {
    const monthly = probabilityFromCumulativeIncidence(0.3, 5, 1 / 12);
    close(monthly, 1 - 0.7 ** (1 / 60), 1e-13);
    expect(monthly).toBeGreaterThan(0.3 / 60);
    // 60 monthly cycles at that probability give back the 5-year incidence.
    close(1 - (1 - monthly) ** 60, 0.3, 1e-13);
  });

  it("the annual default and the rate: rateToProbability(probabilityToRate(ci, T), Δ)", () => {
    close(probabilityFromCumulativeIncidence(0.3, 3), 1 - 0.7 ** (1 / 3), 1e-13);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0.1, max: 20, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (ci, over, years) => {
        expect(Math.abs(probabilityFromCumulativeIncidence(ci, over, years) - rateToProbability(probabilityToRate(ci, over), years))).toBeLessThanOrEqual(1e-14);
        expect(probabilityFromCumulativeIncidence(ci, over, years)).toBe(rescaleProbability(ci, over, years));
      }),
    );
  });

  it("returns NaN outside its domain", () => {
    expect(probabilityFromCumulativeIncidence(1.2, 5, 1)).toBeNaN();
    expect(probabilityFromCumulativeIncidence(0.3, 0, 1)).toBeNaN();
    expect(probabilityFromCumulativeIncidence(0.3, 5, -1)).toBeNaN();
  });
});

describe("model-file expressions", () => {
  it("rateFromMedian, probabilityFromMedian and probabilityFromCumulativeIncidence are model-file functions", () => {
    const evaluate = (source: string): number => compileExpression(source, { names: [], functions: MODEL_FILE_FUNCTIONS }).evaluate([]);
    expect(evaluate("rateFromMedian(10)")).toBe(rateFromMedian(10));
    expect(evaluate("probabilityFromMedian(14/12, 1/12)")).toBe(probabilityFromMedian(14 / 12, 1 / 12));
    expect(evaluate("probabilityFromMedian(2)")).toBe(probabilityFromMedian(2));
    expect(evaluate("probabilityFromCumulativeIncidence(0.3, 5, 1/12)")).toBe(probabilityFromCumulativeIncidence(0.3, 5, 1 / 12));
    expect(evaluate("probabilityFromCumulativeIncidence(0.3, 3)")).toBe(probabilityFromCumulativeIncidence(0.3, 3));
  });
});
