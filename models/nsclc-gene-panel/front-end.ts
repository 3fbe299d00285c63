// The testing front end of the NSCLC gene-panel model (review §4.1.2) as a testing pathway
// (docs/testing-pathways.md): the ten true-status categories, the tests, failure and re-biopsy, the
// three strategies and the treatment rule. `testingTree` (model.ts) compiles it into the decision
// tree whose leaves are the back end's treatment arms; it reports `costTesting`, `time` (years to
// results) and the counts (`tests`, `result`, `reBiopsy`, `detectedEgfr` …, `actionableDetected`,
// `matchedTherapy`, `falsePositive`).
import { complement, panel, sequential, testingPathway } from "qaly";
import type { NsclcParameters } from "./parameters.js";

type P = NsclcParameters;

/** Specificity per first-line-actionable target of every test (1 in the base case; scenario 0.995). */
const specificity = (p: P): number => p.specificity;

/**
 * The targeted drug's monthly cost on a false positive: the unweighted mean of the seven first-line
 * targeted drugs, since each actionable target a test covers is about equally likely to be called falsely
 * (spec^(j−1) × (1 − spec), spec ≈ 1). That fits NGS-BROAD, which covers all seven; the pathway's
 * false-positive payoff cannot depend on the target called, so HOTSPOT (five targets) and SGT-SEQ (four)
 * get the same mean (README, "False positives"). model.yaml sums in the same order: same bits.
 */
const falsePositiveMonthlyDrugCost = (p: P): number =>
  (p.cOsimertinib + p.cAlectinib + p.cCrizotinib + p.cDabrafenibTrametinib + p.cCapmatinibTepotinib + p.cSelpercatinib + p.cLarotrectinib) / 7;

/**
 * The targeted drug given on a false positive, for the months it is taken: its monthly cost (above) ×
 * the mean months progression-free on the MISSED arm (exponential: median / ln 2, with PF = min(PFS, OS)),
 * charged once, undiscounted, at the start of treatment (README, "False positives").
 */
const falsePositiveDrugCost = (p: P): number => (falsePositiveMonthlyDrugCost(p) * Math.min(p.mPfsMissed, p.mOsMissed)) / Math.LN2;

/**
 * The pathway (review §4.1.2). Categories in tree order; NONE takes the complement of the others, so
 * one-way analyses of a prevalence keep the branches summing to 1. HOTSPOT is one combined test (the
 * DNA hotspot panel with ALK and ROS1 IHC on one sample, one failure event, ROS1 positives confirmed
 * by FISH), SGT-SEQ four single-gene tests in sequence with per-step failure, NGS-BROAD one panel.
 * Each strategy states its measured time to results; each re-biopsy adds `tatRebiopsy`.
 */
export const nsclcPathway = testingPathway({
  categories: {
    EGFR: { prevalence: (p: P) => p.pEgfr, arm: "EGFR" },
    ALK: { prevalence: (p) => p.pAlk, arm: "ALK" },
    ROS1: { prevalence: (p) => p.pRos1, arm: "ROS1" },
    BRAF: { prevalence: (p) => p.pBraf, arm: "BRAF" },
    MET: { prevalence: (p) => p.pMet, arm: "MET" },
    RET: { prevalence: (p) => p.pRet, arm: "RET" },
    NTRK: { prevalence: (p) => p.pNtrk, arm: "NTRK" },
    "KRAS G12C": { prevalence: (p) => p.pKrasG12c },
    HER2: { prevalence: (p) => p.pHer2 },
    NONE: { prevalence: complement },
  },
  tests: {
    egfrPcr: { sensitivity: { EGFR: (p) => p.sensSgtEgfr }, specificity, failure: (p) => p.failSgtEgfr, cost: (p) => p.cSgtEgfr },
    alkIhc: { sensitivity: { ALK: (p) => p.sensSgtAlk }, specificity, failure: (p) => p.failSgtAlk, cost: (p) => p.cSgtAlk },
    ros1Ihc: { sensitivity: { ROS1: (p) => p.sensSgtRos1 }, specificity, failure: (p) => p.failSgtRos1, cost: (p) => p.cSgtRos1, confirmation: { cost: (p) => p.cFish } },
    brafPcr: { sensitivity: { BRAF: (p) => p.sensSgtBraf }, specificity, failure: (p) => p.failSgtBraf, cost: (p) => p.cSgtBraf },
    hotspot: {
      sensitivity: { EGFR: (p) => p.sensHot, ALK: (p) => p.sensHotAlk, ROS1: (p) => p.sensHotRos1, BRAF: (p) => p.sensHot, MET: (p) => p.sensHotMet, "KRAS G12C": (p) => p.sensHot, HER2: (p) => p.sensHot },
      specificity,
      failure: (p) => p.failHot,
      cost: (p) => p.cHot,
      confirmation: { cost: (p) => p.cFish, categories: ["ROS1"] },
    },
    ngsBroad: {
      sensitivity: { EGFR: (p) => p.sensNgs, ALK: (p) => p.sensNgs, ROS1: (p) => p.sensNgs, BRAF: (p) => p.sensNgs, MET: (p) => p.sensNgs, RET: (p) => p.sensNgs, NTRK: (p) => p.sensNgs, "KRAS G12C": (p) => p.sensNgs, HER2: (p) => p.sensNgs },
      specificity,
      failure: (p) => p.failNgs,
      cost: (p) => p.cNgs,
    },
  },
  rebiopsy: { probability: (p) => p.pRebiopsy, cost: (p) => p.cRebiopsy, delayDays: (p) => p.tatRebiopsy, qalyLoss: (p) => p.uRebiopsy },
  strategies: {
    "SGT-SEQ": sequential(["egfrPcr", "alkIhc", "ros1Ihc", "brafPcr"], { turnaroundDays: (p: P) => p.tatSgt }),
    HOTSPOT: panel("hotspot", { turnaroundDays: (p: P) => p.tatHot }),
    "NGS-BROAD": panel("ngsBroad", { turnaroundDays: (p: P) => p.tatNgs }),
  },
  treatment: {
    pTreat: (p) => p.pTreat,
    defaultArm: "CHEMO_IO",
    missedArm: "MISSED",
    falsePositive: { arm: "MISSED", payoffs: { costDrug: falsePositiveDrugCost } },
  },
});
