// The NSCLC back end (models/nsclc-gene-panel/back-end.ts) fills one curves record and one table per
// function for every arm and draw instead of building new ones. These tests hold one model, evaluated
// draw after draw, to fresh models: nothing of one arm or draw may leak into the next.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ARMS } from "../../models/nsclc-gene-panel/categories.js";
import { treatmentArms } from "../../models/nsclc-gene-panel/back-end.js";
import { baseCase, type NsclcParameters } from "../../models/nsclc-gene-panel/parameters.js";
import { evaluateModel, exponentialFromMedian } from "../../src/index.js";

/** A draw: the base case with every median, cost and utility scaled by its own factor. */
const draws = fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 64, maxLength: 64 }).map((factors) => {
  const p: Record<string, number> = { ...(baseCase as unknown as Record<string, number>) };
  Object.keys(p).sort().forEach((key, k) => {
    if (/^(m|c|u)[A-Z]|^pembrolizumabMaxMonths$/.test(key)) p[key] = key.startsWith("u") ? Math.min(1, p[key]! * factors[k % 64]!) : p[key]! * factors[k % 64]!;
  });
  return p as unknown as NsclcParameters;
});

describe("NSCLC back end, records reused across arms and draws", () => {
  it("draw A, then B, then A again on one model equal fresh models' evaluations, bit for bit", () => {
    const reused = treatmentArms();
    fc.assert(
      fc.property(draws, draws, (a, b) => {
        for (const params of [a, b, a]) expect(evaluateModel(reused, params)).toEqual(evaluateModel(treatmentArms(), params));
      }),
      { numRuns: 25 },
    );
  });

  it("the base-case run keeps each arm's own curves (the record is copied, not shared)", () => {
    const run = (treatmentArms() as unknown as { run(p: NsclcParameters): { strategies: Record<string, { curves: Record<string, { def: unknown }> }> } }).run(baseCase);
    const rates = ARMS.map((arm) => (run.strategies[arm]!.curves["OS"]!.def as { rate: number }).rate);
    expect(new Set(rates).size).toBe(ARMS.length);
    expect(rates[0]).toBe(Math.LN2 / baseCase.mOsEgfr);
  });

  it("its curves (returned as exponential definitions) are exponentialFromMedian's, and a bad median fails with its error", () => {
    const run = (treatmentArms() as unknown as { run(p: NsclcParameters): { strategies: Record<string, { curves: Record<string, { def: unknown; survival(t: number): number }> }> } }).run(baseCase);
    const os = run.strategies[ARMS[0]!]!.curves["OS"]!;
    const reference = exponentialFromMedian(baseCase.mOsEgfr);
    expect(os.def).toEqual(reference.def);
    expect(os.survival(13)).toBe(reference.survival(13));
    for (const bad of [0, -3, Number.NaN, Infinity]) {
      const thrown = (f: () => unknown): unknown => {
        try {
          f();
        } catch (error) {
          return { message: (error as Error).message, issues: (error as { issues?: unknown }).issues };
        }
        return "none";
      };
      const expected = thrown(() => exponentialFromMedian(bad));
      expect(expected).not.toBe("none");
      expect(thrown(() => evaluateModel(treatmentArms(), { ...baseCase, mOsEgfr: bad }))).toEqual(expected);
    }
  });
});
