// The treatment rule's `noResultArm`: where a patient without an actionable driver goes when testing
// ended without a result (a final sample failure before any positive call). Hand computations on
// small pathways, the default (`defaultArm`, bit for bit), and the checks.
import { describe, expect, it } from "vitest";
import { complement } from "../../src/models/complement.js";
import { evaluateModel } from "../../src/models/model.js";
import { panel, sequential, testingPathway, testingTree, type TestingPathwayDefinition } from "../../src/pathways/index.js";
import { thrown } from "../helpers/thrown.js";

// EGFR (actionable) 0.1, KRAS (no arm, detected by the panel) 0.3, none 0.6; the panel detects
// EGFR with 0.9, KRAS with 0.8 and fails with 0.1.
const base = {
  categories: { EGFR: { prevalence: 0.1, arm: "osimertinib" }, KRAS: { prevalence: 0.3 }, none: { prevalence: complement } },
  tests: {
    ngs: { sensitivity: { EGFR: 0.9, KRAS: 0.8 }, failure: 0.1, cost: 1000 },
    egfrPcr: { sensitivity: { EGFR: 0.9 }, failure: 0.1, cost: 500 },
    krasPcr: { sensitivity: { KRAS: 0.8 }, failure: 0.2, cost: 500 },
  },
  strategies: { Panel: panel("ngs"), Sequential: sequential(["egfrPcr", "krasPcr"]) },
  treatment: { pTreat: 0.8, defaultArm: "chemo", missedArm: "missed", noResultArm: "noResult" },
} as const;
const arms = { osimertinib: { qaly: 3 }, chemo: { qaly: 1.5 }, missed: { qaly: 1 }, noResult: { qaly: 1.2 } };

/** Leaf probability per arm (terminal name) of one strategy. */
function armMass(tree: { paths(params: unknown): readonly { strategy: string; terminal?: string; probability: number }[] }, strategy: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const path of tree.paths({})) if (path.strategy === strategy) out[path.terminal!] = (out[path.terminal!] ?? 0) + path.probability;
  return out;
}

describe("treatment.noResultArm: patients without an actionable driver and without a result", () => {
  it("a panel with failure and no re-biopsy: the no-result arm gets the prevalence-weighted failure of the categories without an arm; EGFR without a result stays missed", () => {
    const tree = testingTree(testingPathway(base), { title: "no result", arms });
    const mass = armMass(tree, "Panel");
    // (KRAS 0.3 + none 0.6) × failure 0.1.
    expect(mass["noResult"]).toBeCloseTo(0.9 * 0.1, 14);
    // Everyone without an arm and with a result (detected KRAS, negative KRAS or none): 0.9 × 0.9.
    expect(mass["chemo"]).toBeCloseTo(0.9 * 0.9, 14);
    // EGFR: matched 0.1 × 0.9 × 0.9 × 0.8; missed: failure 0.1, false negative 0.9 × 0.1, not treated 0.9 × 0.9 × 0.2.
    expect(mass["osimertinib"]).toBeCloseTo(0.0648, 14);
    expect(mass["missed"]).toBeCloseTo(0.1 * (0.1 + 0.09 + 0.162), 14);
    const r = evaluateModel(tree, {})["Panel"]!;
    expect(r["qaly"]).toBeCloseTo(0.0648 * 3 + 0.81 * 1.5 + 0.0352 * 1 + 0.09 * 1.2, 14);
    // Consistent with the result count: no result = 1 − result, here the failure 0.1 for everyone.
    expect(r["result"]).toBeCloseTo(0.9, 14);
    expect(mass["noResult"]! + 0.1 * 0.1).toBeCloseTo(1 - r["result"]!, 14);
  });

  it("with a re-biopsy and one retest: no result = failure × (1 − pRebiopsy + pRebiopsy × failure)", () => {
    const pathway = testingPathway({ ...base, rebiopsy: { probability: 0.5, cost: 20_000 } });
    const mass = armMass(testingTree(pathway, { title: "re-biopsy", arms }), "Panel");
    // 0.9 × 0.1 × (0.5 + 0.5 × 0.1) = 0.0495.
    expect(mass["noResult"]).toBeCloseTo(0.9 * 0.1 * (0.5 + 0.5 * 0.1), 14);
    expect(mass["chemo"]).toBeCloseTo(0.9 * (1 - 0.1 * (0.5 + 0.5 * 0.1)), 14);
  });

  it("a sequence: a later step failing after negative earlier steps is no result (the later genes are untested); testing stopped by a positive call is a result", () => {
    const tree = testingTree(testingPathway(base), { title: "sequence", arms });
    const mass = armMass(tree, "Sequential");
    // none (0.6): EGFR PCR fails 0.1, or a negative result 0.9 and the KRAS PCR fails 0.2 → 0.28.
    // KRAS (0.3): the same 0.28 (EGFR PCR does not cover KRAS; KRAS PCR fails before detecting).
    expect(mass["noResult"]).toBeCloseTo(0.9 * (0.1 + 0.9 * 0.2), 14);
    // EGFR (0.1): detected by the EGFR PCR 0.9 × 0.9, which stops testing; the KRAS PCR's failures are not reached.
    expect(mass["osimertinib"]).toBeCloseTo(0.1 * 0.9 * 0.9 * 0.8, 14);
    const r = evaluateModel(tree, {})["Sequential"]!;
    // Every no-result patient: the no-result arm, or the missed arm for EGFR (0.1 × (0.1 + 0.9 × 0.1 × 0.2)).
    expect(mass["noResult"]! + 0.1 * (0.1 + 0.9 * 0.1 * 0.2)).toBeCloseTo(1 - r["result"]!, 14);
  });

  it("absent, or equal to defaultArm, gives the results without it bit for bit (no result goes to defaultArm)", () => {
    const { noResultArm: _, ...rule } = base.treatment;
    const without = evaluateModel(testingTree(testingPathway({ ...base, treatment: rule }), { title: "t", arms }), {});
    const same = evaluateModel(testingTree(testingPathway({ ...base, treatment: { ...rule, noResultArm: "chemo" } }), { title: "t", arms }), {});
    expect(same).toEqual(without);
    expect(without["Panel"]!["qaly"]).toBeCloseTo(0.0648 * 3 + 0.9 * 1.5 + 0.0352 * 1, 14);
  });

  it("false positives treated as negative had a result: they go to defaultArm, not to the no-result arm", () => {
    const pathway = testingPathway({
      ...base,
      tests: { ...base.tests, ngs: { ...base.tests.ngs, failure: 0, specificity: 0.9 } },
      treatment: { ...base.treatment, falsePositive: { arm: "missed" } },
    });
    const mass = armMass(testingTree(pathway, { title: "fp", arms }), "Panel");
    expect(mass["noResult"]).toBeUndefined();
    // none: a false EGFR call 0.1, acted on with 0.8 (missed arm), else treated as negative (chemo);
    // KRAS: detected 0.8 (chemo, no arm), else as none.
    expect(mass["chemo"]).toBeCloseTo(0.6 * (0.9 + 0.1 * 0.2) + 0.3 * (0.8 + 0.2 * (0.9 + 0.1 * 0.2)), 14);
  });

  it("checks: a noResultArm that is not a non-empty name is invalid_model at pathways.treatment.noResultArm; testingTree names it when it is not given", () => {
    const bad = { ...base, treatment: { ...base.treatment, noResultArm: " " } } as unknown as TestingPathwayDefinition<unknown>;
    expect(thrown(() => testingPathway(bad)).issues.map((i) => [i.code, i.path])).toEqual([["invalid_model", ["pathways", "treatment", "noResultArm"]]]);
    const { noResult: _, ...given } = arms;
    const error = thrown(() => testingTree(testingPathway(base), { title: "t", arms: given as typeof arms }));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([["invalid_model", ["pathways", "arms", "noResult"]]]);
  });
});
