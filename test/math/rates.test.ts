// Rate, probability, odds and relative-effect conversions (Briggs, Claxton & Sculpher 2006, §3.2;
// Fleurence & Hollenbeak 2007). Exact identities are checked to a few ulps.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  applyHazardRatio,
  applyOddsRatio,
  applyRelativeRisk,
  oddsToProbability,
  probabilityToOdds,
  probabilityToRate,
  rateToProbability,
  rescaleProbability,
} from "../../src/math/index.js";

const probability = fc.double({ min: 0, max: 1, noNaN: true });
const positive = fc.double({ min: 1e-6, max: 50, noNaN: true });

describe("rate ↔ probability", () => {
  it("rateToProbability(rate, years) is 1 − exp(−rate·years) and 0 at rate 0", () => {
    expect(rateToProbability(0)).toBe(0);
    expect(rateToProbability(0.15)).toBeCloseTo(1 - Math.exp(-0.15), 15);
    expect(rateToProbability(0.15, 1 / 12)).toBeCloseTo(1 - Math.exp(-0.15 / 12), 15);
    expect(rateToProbability(Infinity)).toBe(1);
  });

  it("rateToProbability and probabilityToRate return NaN outside their domain", () => {
    expect(rateToProbability(-0.1)).toBeNaN();
    expect(rateToProbability(Number.NaN)).toBeNaN();
    expect(probabilityToRate(1.1)).toBeNaN();
    expect(probabilityToRate(0.5, 0)).toBeNaN();
    expect(probabilityToRate(1)).toBe(Infinity);
  });

  it("probabilityToRate(rateToProbability(r, t), t) recovers r", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 2, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }), (rate, years) => {
        // rate · years ≤ 10 keeps 1 − p far enough from 0 for a 1e-9 relative round trip.
        expect(Math.abs(probabilityToRate(rateToProbability(rate, years), years) - rate)).toBeLessThanOrEqual(1e-9 * rate);
      }),
    );
  });
});

describe("odds", () => {
  it("probabilityToOdds and oddsToProbability are inverse", () => {
    expect(probabilityToOdds(0.2)).toBeCloseTo(0.25, 15);
    expect(oddsToProbability(0.25)).toBeCloseTo(0.2, 15);
    expect(probabilityToOdds(1)).toBe(Infinity);
    expect(oddsToProbability(Infinity)).toBe(1);
    expect(oddsToProbability(-1)).toBeNaN();
    expect(probabilityToOdds(-0.1)).toBeNaN();
    fc.assert(fc.property(fc.double({ min: 0, max: 0.999, noNaN: true }), (p) => Math.abs(oddsToProbability(probabilityToOdds(p)) - p) <= 1e-12));
  });
});

describe("relative effects", () => {
  it("applyRelativeRisk(p, rr) multiplies the probability (Briggs Ex. 2.5)", () => {
    expect(applyRelativeRisk(0.2, 0.509)).toBeCloseTo(0.1018, 15);
    expect(applyRelativeRisk(0.8, 2)).toBe(1.6); // out of range on purpose: the engine reports it
    expect(applyRelativeRisk(0.2, -1)).toBeNaN();
  });

  it("applyHazardRatio(p, hr) equals converting to a rate, multiplying and converting back", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.99, noNaN: true }), positive, (p, hr) => {
        const viaRate = rateToProbability(probabilityToRate(p) * hr);
        expect(Math.abs(applyHazardRatio(p, hr) - viaRate)).toBeLessThanOrEqual(1e-12);
      }),
    );
    expect(applyHazardRatio(0.3, 1)).toBe(0.3);
    expect(applyHazardRatio(1, 0.5)).toBe(1);
    expect(applyHazardRatio(0.3, -1)).toBeNaN();
  });

  it("applyOddsRatio(p, or) stays in [0, 1] and is the identity at or = 1", () => {
    fc.assert(
      fc.property(probability, fc.double({ min: 0, max: 1e6, noNaN: true }), (p, oddsRatio) => {
        const result = applyOddsRatio(p, oddsRatio);
        return result >= 0 && result <= 1;
      }),
    );
    expect(applyOddsRatio(0.2, 1)).toBeCloseTo(0.2, 15);
    expect(applyOddsRatio(0.2, 2)).toBeCloseTo(1 / 3, 15);
    expect(applyOddsRatio(Number.NaN, 2)).toBeNaN();
  });

  it("rescaleProbability(p, from, to) composes: monthly twelve times gives back the annual probability", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.999, noNaN: true }), (annual) => {
        const monthly = rescaleProbability(annual, 1, 1 / 12);
        const back = 1 - (1 - monthly) ** 12;
        expect(Math.abs(back - annual)).toBeLessThanOrEqual(1e-12);
      }),
    );
    expect(rescaleProbability(0.19, 2, 1)).toBeCloseTo(0.1, 15);
    expect(rescaleProbability(0.5, 0, 1)).toBeNaN();
  });
});
