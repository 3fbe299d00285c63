// reclassification(): the joint distribution of two tests' calls on the same patients, checked by hand
// (ELN risk by a conventional work-up vs a myeloid NGS panel, review §4.2) and by its margins.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { complement } from "../../src/models/complement.js";
import { panel } from "../../src/pathways/testing-strategy.js";
import { testingPathway } from "../../src/pathways/testing-pathway.js";
import { reclassification } from "../../src/pathways/reclassification.js";

type P = { readonly pFav: number; readonly pAdv: number; readonly missFav: number; readonly missAdv: number };
const aml = testingPathway({
  categories: { FAV: { prevalence: (p: P) => p.pFav, arm: "favourable", missedArm: "intermediate" }, ADV: { prevalence: (p) => p.pAdv, arm: "adverse", missedArm: "intermediate" }, INT: { prevalence: complement } },
  tests: { conv: { sensitivity: { FAV: (p) => 1 - p.missFav, ADV: (p) => 1 - p.missAdv }, cost: 4000 }, ngs: { sensitivity: { FAV: 1, ADV: 1 }, cost: 10000 } },
  strategies: { CONV: panel("conv"), NGS: panel("ngs") },
  treatment: { pTreat: 1, defaultArm: "intermediate", missedArm: "intermediate" },
});

describe("reclassification", () => {
  it("CONV vs NGS in AML: the NGS panel re-assigns pFav·missFav and pAdv·missAdv of all patients from intermediate (review §4.2.3 base case)", () => {
    const p: P = { pFav: 0.27, pAdv: 0.27, missFav: 0.05, missAdv: 0.35 };
    const table = reclassification(aml, "conv", "ngs", p);
    expect(table.labels).toEqual(["FAV", "ADV", "negative"]);
    const [fav, adv, neg] = [0, 1, 2];
    // By hand: rows CONV's call, columns NGS's call.
    expect(table.probability[fav]![fav]).toBeCloseTo(0.27 * 0.95, 15);
    expect(table.probability[adv]![adv]).toBeCloseTo(0.27 * 0.65, 15);
    expect(table.probability[neg]![fav]).toBeCloseTo(0.27 * 0.05, 15);
    expect(table.probability[neg]![adv]).toBeCloseTo(0.27 * 0.35, 15);
    expect(table.probability[neg]![neg]).toBeCloseTo(0.46, 15);
    expect(table.probability[fav]![adv]).toBe(0);
    expect(table.reclassified).toBeCloseTo(0.27 * 0.05 + 0.27 * 0.35, 15);
  });

  it("failures and false calls: a test that fails 10 % and calls the other target with specificity 0.9, by hand", () => {
    const pathway = testingPathway({
      categories: { EGFR: { prevalence: 0.2, arm: "tki" }, ALK: { prevalence: 0.1, arm: "alk" }, none: { prevalence: complement } },
      tests: { a: { sensitivity: { EGFR: 0.9, ALK: 0.8 }, specificity: 0.9, failure: 0.1, cost: 1 }, b: { sensitivity: { EGFR: 1 }, cost: 1 } },
      strategies: { A: panel("a"), B: panel("b") },
      treatment: { pTreat: 1, defaultArm: "chemo", missedArm: "chemo", falsePositive: { arm: "chemo" } },
    });
    const table = reclassification(pathway, "a", "b", {});
    expect(table.labels).toEqual(["EGFR", "ALK", "negative", "no result"]);
    const at = (from: string, to: string) => table.probability[table.labels.indexOf(from)]![table.labels.indexOf(to)]!;
    // A true ALK patient: fails 0.1; called ALK 0.9 × 0.8; else a false EGFR call 0.9 × 0.2 × 0.1; else negative.
    // Test b calls ALK patients negative (it covers EGFR only, specificity 1).
    expect(at("no result", "negative")).toBeCloseTo(0.1 * 0.1 + 0.7 * 0.1, 15);
    // A patient without a driver: a false EGFR call first (1 − 0.9), else a false ALK call (0.9 × (1 − 0.9)).
    expect(at("ALK", "negative")).toBeCloseTo(0.1 * 0.9 * 0.8 + 0.7 * 0.9 * 0.9 * 0.1, 15);
    expect(at("EGFR", "negative")).toBeCloseTo(0.1 * 0.9 * 0.2 * 0.1 + 0.7 * 0.9 * 0.1, 15);
    expect(at("EGFR", "EGFR")).toBeCloseTo(0.2 * 0.9 * 0.9, 15);
    expect(at("negative", "negative")).toBeCloseTo(0.1 * 0.9 * 0.2 * 0.9 + 0.7 * 0.9 * 0.9 * 0.9, 15);
  });

  it("sums to 1, and its margins are each test's own call probabilities (any inputs)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (pFav, pAdv, missFav, missAdv) => {
        const p = { pFav, pAdv, missFav, missAdv };
        const forward = reclassification(aml, "conv", "ngs", p);
        const backward = reclassification(aml, "ngs", "conv", p);
        const total = forward.probability.flat().reduce((s, v) => s + v, 0);
        expect(total).toBeCloseTo(1, 12);
        // NGS calls everyone's true risk: its margin is the prevalences; the transposed table is the same joint law.
        forward.labels.forEach((_, j) => {
          const column = forward.probability.reduce((s, row) => s + row[j]!, 0);
          expect(column).toBeCloseTo([pFav, pAdv, 1 - pFav - pAdv][j]!, 12);
          forward.labels.forEach((__, i) => expect(backward.probability[j]![i]).toBe(forward.probability[i]![j]));
        });
        expect(forward.reclassified).toBeCloseTo(pFav * missFav + pAdv * missAdv, 12);
      }),
      { numRuns: 200, seed: 20261207 },
    );
  });

  it("names an unknown test with the closest name, and a probability outside [0, 1] by its path", () => {
    expect(() => reclassification(aml, "con" as "conv", "ngs", { pFav: 0.2, pAdv: 0.2, missFav: 0, missAdv: 0 })).toThrow(expect.objectContaining({ path: ["from"] }));
    expect(() => reclassification(aml, "conv", "ngs", { pFav: 0.2, pAdv: 0.2, missFav: 0, missAdv: 1.5 })).toThrow(expect.objectContaining({ path: ["tests", "conv", "sensitivity", "ADV"] }));
  });
});
