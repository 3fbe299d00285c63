// An NSCLC-like pathway written on the blocks (gene-panel specification §4.1.2, base-case values
// of §4.1.4 as plain parameters): the specification's checks on the testing phase.
import { describe, expect, it } from "vitest";
import { complement } from "../../src/models/complement.js";
import { evaluateModel } from "../../src/models/model.js";
import { panel, sendOut, sequential, testingPathway, testingTree } from "../../src/pathways/index.js";

type P = {
  pEgfr: number; pAlk: number; pRos1: number; pBraf: number; pMet: number; pRet: number; pNtrk: number; pKras: number; pHer2: number;
  sensNgs: number; failNgs: number; sensHot: number; failHot: number; pRebiopsy: number; pTreat: number; specificity: number;
};
const base: P = {
  pEgfr: 0.1, pAlk: 0.03, pRos1: 0.015, pBraf: 0.015, pMet: 0.03, pRet: 0.017, pNtrk: 0.002, pKras: 0.13, pHer2: 0.02,
  sensNgs: 0.95, failNgs: 0.1, sensHot: 0.95, failHot: 0.08, pRebiopsy: 0.333, pTreat: 0.9, specificity: 1,
};

const sens = (p: P) => p.sensNgs;
const pathway = testingPathway({
  categories: {
    EGFR: { prevalence: (p: P) => p.pEgfr, arm: "EGFR" },
    ALK: { prevalence: (p) => p.pAlk, arm: "ALK" },
    ROS1: { prevalence: (p) => p.pRos1, arm: "ROS1" },
    BRAF: { prevalence: (p) => p.pBraf, arm: "BRAF" },
    MET: { prevalence: (p) => p.pMet, arm: "MET" },
    RET: { prevalence: (p) => p.pRet, arm: "RET" },
    NTRK: { prevalence: (p) => p.pNtrk, arm: "NTRK" },
    "KRAS G12C": { prevalence: (p) => p.pKras },
    HER2: { prevalence: (p) => p.pHer2 },
    NONE: { prevalence: complement },
  },
  tests: {
    egfrPcr: { sensitivity: { EGFR: 0.9 }, specificity: (p) => p.specificity, failure: 0.017, cost: 3000 },
    alkIhc: { sensitivity: { ALK: 0.95 }, specificity: (p) => p.specificity, failure: 0.026, cost: 1500 },
    ros1Ihc: { sensitivity: { ROS1: 0.9 }, specificity: (p) => p.specificity, failure: 0.033, cost: 1500, confirmation: { cost: 5000 } },
    brafPcr: { sensitivity: { BRAF: 0.95 }, specificity: (p) => p.specificity, failure: 0.03, cost: 3000 },
    hotspot: {
      sensitivity: { EGFR: (p) => p.sensHot, ALK: 0.95, ROS1: 0.9, BRAF: (p) => p.sensHot, MET: 0.75, "KRAS G12C": (p) => p.sensHot, HER2: (p) => p.sensHot },
      specificity: (p) => p.specificity, failure: (p) => p.failHot, turnaroundDays: 10, cost: 9000, confirmation: { cost: 5000, categories: ["ROS1"] },
    },
    ngs: {
      sensitivity: { EGFR: sens, ALK: sens, ROS1: sens, BRAF: sens, MET: sens, RET: sens, NTRK: sens, "KRAS G12C": sens, HER2: sens },
      specificity: (p) => p.specificity, failure: (p) => p.failNgs, turnaroundDays: 9, cost: 12_000,
    },
  },
  rebiopsy: { probability: (p) => p.pRebiopsy, cost: 20_000, delayDays: 14 },
  strategies: {
    "SGT-SEQ": sequential(["egfrPcr", "alkIhc", "ros1Ihc", "brafPcr"], { turnaroundDays: 16.7 }),
    HOTSPOT: panel("hotspot"),
    "NGS-BROAD": panel("ngs"),
    "NGS-EXTERNAL": sendOut("ngs", { turnaroundDays: 21 }),
  },
  treatment: { pTreat: (p) => p.pTreat, defaultArm: "CHEMO_IO", missedArm: "MISSED", falsePositive: { arm: "MISSED", payoffs: { costDrug: 60_000 * 12 } } },
});

const arms = {
  EGFR: { qaly: 2.5 }, ALK: { qaly: 4 }, ROS1: { qaly: 3 }, BRAF: { qaly: 1.2 }, MET: { qaly: 1.7 }, RET: { qaly: 3 }, NTRK: { qaly: 0.7 },
  CHEMO_IO: { qaly: 1.5 }, MISSED: { qaly: 0.8 },
};
const tree = testingTree(pathway, { title: "NSCLC-like", arms });

describe("an NSCLC-like pathway on the blocks (specification §4.1.2 and §4.1.6)", () => {
  it("panels: P(result) = (1 − f) + f·r·(1 − f), expected tests 1 + f·r, re-biopsies f·r", () => {
    const ngs = evaluateModel(tree, base)["NGS-BROAD"];
    const [f, r] = [base.failNgs, base.pRebiopsy];
    expect(ngs.result).toBeCloseTo(1 - f + f * r * (1 - f), 12);
    expect(ngs.tests).toBeCloseTo(1 + f * r, 12);
    expect(ngs.reBiopsy).toBeCloseTo(f * r, 12);
  });

  it("perfect tests: NGS-BROAD's matched-therapy rate is pTreat × Σ 1L-actionable prevalences = 0.90 × 0.209 = 0.1881", () => {
    const perfect = { ...base, sensNgs: 1, failNgs: 0 };
    expect(evaluateModel(tree, perfect)["NGS-BROAD"].matchedTherapy).toBeCloseTo(0.1881, 12);
  });

  it("SGT-SEQ never detects what it does not test (MET, RET, NTRK, KRAS G12C, HER2), and ROS1 positives pay for FISH", () => {
    const sgt = evaluateModel(tree, base)["SGT-SEQ"];
    expect(tree.outcomes).toContain("detectedKrasG12c");
    for (const name of ["detectedMet", "detectedRet", "detectedNtrk", "detectedKrasG12c", "detectedHer2"]) expect(sgt[name]).toBe(0);
    expect(sgt.time! * 365.25).toBeGreaterThan(16.7); // its own turnaround plus re-biopsy delays
    expect(sgt.detectedRos1).toBeGreaterThan(0);
  });

  it("a specificity below 1 adds false positives, and they never make a strategy cheaper in drug costs", () => {
    const scenario = { ...base, specificity: 0.995 };
    const out = evaluateModel(tree, scenario);
    for (const strategy of tree.strategies) {
      expect(out[strategy].falsePositive).toBeGreaterThan(0);
      expect(out[strategy].costDrug).toBeCloseTo(base.pTreat * out[strategy].falsePositive! * 720_000, 6);
    }
  });

  it("evaluates for a PSA draw through the Model interface (evaluateInto with a draw index)", () => {
    const out = new Float64Array(tree.strategies.length * tree.outcomes.length);
    tree.evaluateInto(base, out, { draw: 3 });
    expect(out.every(Number.isFinite)).toBe(true);
    expect(tree.strategies).toEqual(["SGT-SEQ", "HOTSPOT", "NGS-BROAD", "NGS-EXTERNAL"]);
  });
});
