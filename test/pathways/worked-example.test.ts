// The worked example of docs/testing-pathways.md: a two-test sequence (EGFR PCR, then ALK IHC)
// with sample failure and re-biopsy. Every expected number is computed by hand below, step by
// step, from the inputs; the tolerance is 1e-12 relative (the tree sums the same few terms).
import { describe, expect, it } from "vitest";
import { complement } from "../../src/models/complement.js";
import { evaluateModel } from "../../src/models/model.js";
import { sequential, testingPathway, testingTree } from "../../src/pathways/index.js";

const pathway = testingPathway({
  categories: {
    EGFR: { prevalence: 0.1, arm: "osimertinib" },
    ALK: { prevalence: 0.05, arm: "alectinib" },
    none: { prevalence: complement },
  },
  tests: {
    egfrPcr: { sensitivity: { EGFR: 0.9 }, failure: 0.1, turnaroundDays: 7, cost: 3000 },
    alkIhc: { sensitivity: { ALK: 0.95 }, failure: 0.05, turnaroundDays: 3, cost: 1500 },
  },
  rebiopsy: { probability: 0.5, cost: 20_000, delayDays: 14 },
  strategies: { Sequential: sequential(["egfrPcr", "alkIhc"]) },
  treatment: { pTreat: 0.8, defaultArm: "chemo", missedArm: "missed" },
});

const tree = testingTree(pathway, {
  title: "EGFR then ALK",
  arms: {
    osimertinib: { cost: 500_000, qaly: 3 },
    alectinib: { cost: 600_000, qaly: 4 },
    chemo: { cost: 200_000, qaly: 1.5 },
    missed: { cost: 200_000, qaly: 1 },
  },
});
const result = evaluateModel(tree, {}).Sequential;

// Step 1 (EGFR PCR), reached by everyone: a result on the first sample (1 − 0.1), or after a
// failure (0.1), a re-biopsy (0.5) and a retest that works (1 − 0.1).
const result1 = 0.9 + 0.1 * 0.5 * 0.9; // 0.945
const rebiopsy1 = 0.1 * 0.5; // 0.05 re-biopsies per patient reaching step 1
const cost1 = 3000 + rebiopsy1 * (20_000 + 3000); // 4 150: test, plus re-biopsy and retest
const tests1 = 1 + rebiopsy1; // 1.05
const days1 = 7 + rebiopsy1 * 14; // 7.7
// Step 2 (ALK IHC), same arithmetic with failure 0.05.
const result2 = 0.95 + 0.05 * 0.5 * 0.95; // 0.97375
const rebiopsy2 = 0.05 * 0.5; // 0.025
const cost2 = 1500 + rebiopsy2 * (20_000 + 1500); // 2 037.5
const tests2 = 1 + rebiopsy2; // 1.025
const days2 = 3 + rebiopsy2 * 14; // 3.35
// Who reaches step 2: EGFR patients with a result and a false negative; everyone else with a result.
const reach2 = 0.1 * result1 * (1 - 0.9) + 0.9 * result1; // 0.00945 + 0.8505 = 0.85995
// Detections: EGFR at step 1; ALK at step 2 after a (negative) step 1.
const detectedEgfr = 0.1 * result1 * 0.9; // 0.08505
const detectedAlk = 0.05 * result1 * result2 * 0.95; // 0.043709203125
// A result: a positive call, or both tests done.
const pResult = 0.1 * (result1 * 0.9 + result1 * 0.1 * result2) + 0.9 * result1 * result2; // 0.9224263125
// QALYs: a detected driver gets matched therapy with pTreat 0.8, otherwise the missed arm (1 QALY).
const qalyEgfr = 0.8 * (result1 * 0.9) * 3 + (1 - 0.8 * result1 * 0.9) * 1; // 2.3608
const qalyAlk = 0.8 * (result1 * result2 * 0.95) * 4 + (1 - 0.8 * result1 * result2 * 0.95) * 1; // 3.09804175
const qaly = 0.1 * qalyEgfr + 0.05 * qalyAlk + 0.85 * 1.5; // 1.6659820875

describe("worked example (docs/testing-pathways.md): EGFR PCR then ALK IHC with failure and re-biopsy", () => {
  it("testing outcomes match the hand computation", () => {
    expect(pResult).toBeCloseTo(0.9224263125, 12);
    expect(result.result).toBeCloseTo(pResult, 12);
    expect(result.costTesting).toBeCloseTo(cost1 + reach2 * cost2, 9); // 5 902.148125
    expect(result.reBiopsy).toBeCloseTo(rebiopsy1 + reach2 * rebiopsy2, 12); // 0.07149875
    expect(result.tests).toBeCloseTo(tests1 + reach2 * tests2, 12); // 1.93144875
    expect(result.detectedEgfr).toBeCloseTo(detectedEgfr, 12);
    expect(result.detectedAlk).toBeCloseTo(detectedAlk, 12);
    expect(result.actionableDetected).toBeCloseTo(detectedEgfr + detectedAlk, 12);
    expect(result.matchedTherapy).toBeCloseTo(0.8 * (detectedEgfr + detectedAlk), 12); // 0.1030073625
    expect(result.falsePositive).toBe(0); // specificity 1: no false positives
    expect(result.time! * 365.25).toBeCloseTo(days1 + reach2 * days2, 9); // 10.5808325 days
  });

  it("the documented numbers are the ones the model gives", () => {
    // The table in docs/testing-pathways.md, at its printed precision.
    expect(result.result).toBeCloseTo(0.92243, 5);
    expect(result.costTesting).toBeCloseTo(5902.15, 2);
    expect(result.reBiopsy).toBeCloseTo(0.0715, 4);
    expect(result.tests).toBeCloseTo(1.9314, 4);
    expect(result.matchedTherapy).toBeCloseTo(0.1030, 4);
    expect(result.time! * 365.25).toBeCloseTo(10.58, 2);
    expect(result.qaly).toBeCloseTo(1.66598, 5);
  });

  it("QALYs are the prevalence-weighted arm values and cost adds testing to the arms", () => {
    expect(result.qaly).toBeCloseTo(qaly, 12);
    const armCost = 0.8 * detectedEgfr * 500_000 + 0.8 * detectedAlk * 600_000 + (0.15 - 0.8 * (detectedEgfr + detectedAlk)) * 200_000 + 0.85 * 200_000;
    expect(result.cost).toBeCloseTo(armCost + result.costTesting!, 6);
  });
});
