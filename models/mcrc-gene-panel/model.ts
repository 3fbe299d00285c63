// The mCRC testing example in TypeScript (review §4.2.7): the testing pathway (true status, tests,
// failure and re-biopsy, two strategies, the treatment rule) compiled by testingTree, with a
// partitioned survival model whose strategies are the treatment arms. model.yaml is its twin.
import { chance, complement, exponentialFromMedian, parallel, partitionedSurvival, sequential, terminal, testingPathway, testingTree, type Model, type TestingTree, type Tree } from "qaly";
import { MEDIAN_BASE, type McrcParameters } from "./parameters.js";

type P = McrcParameters;

/** The testing strategies compared. */
export const STRATEGIES = ["SEQUENTIAL", "DNA-PANEL"] as const;
/** A testing strategy. */
export type Strategy = (typeof STRATEGIES)[number];

/** The back end's strategies: one per first-line treatment and outcome profile. */
export const ARM_MODELS = ["ANTI_EGFR", "CHEMO_BEV", "RAS_MUT_ANTI_EGFR", "BRAF_TARGETED", "BRAF_MISSED", "PEMBRO", "DMMR_MISSED"] as const;
type ArmModel = (typeof ARM_MODELS)[number];

type Median = keyof typeof MEDIAN_BASE;
/** Median PFS and OS (months) of each arm. */
const MEDIANS: Readonly<Record<ArmModel, readonly [Median, Median]>> = {
  ANTI_EGFR: ["mPfsAntiEgfr", "mOsAntiEgfr"],
  CHEMO_BEV: ["mPfsChemoBev", "mOsChemoBev"],
  RAS_MUT_ANTI_EGFR: ["mPfsRasAntiEgfr", "mOsRasAntiEgfr"],
  BRAF_TARGETED: ["mPfsBraf", "mOsBraf"],
  BRAF_MISSED: ["mPfsBrafMissed", "mOsBrafMissed"],
  PEMBRO: ["mPfsPembro", "mOsPembro"],
  DMMR_MISSED: ["mPfsDmmrMissed", "mOsDmmrMissed"],
};

/** First-line drug cost per month while progression-free (pembrolizumab is capped separately). */
function monthlyDrugCost(p: P, arm: ArmModel): number {
  if (arm === "PEMBRO") return 0;
  return arm === "ANTI_EGFR" || arm === "RAS_MUT_ANTI_EGFR" ? p.cDoublet + p.cAntiEgfr : p.cDoublet + p.cBevacizumab;
}

/** The treatment arms: exponential PFS and OS from medians, monthly cycles over 15 years, 3 % discounting. */
export const treatmentArms: Model<P, ArmModel> = partitionedSurvival<P, ArmModel, "costDrug" | "costCare" | "costEndOfLife" | "qaly" | "lifeYears">({
  title: "mCRC first-line treatment arms (partitioned survival)",
  strategies: ARM_MODELS,
  outcomes: { costDrug: "cost", costCare: "cost", costEndOfLife: "cost", qaly: "effect", lifeYears: "effect" },
  curves: (p, arm) => ({ PFS: exponentialFromMedian(p[MEDIANS[arm][0]]), OS: exponentialFromMedian(p[MEDIANS[arm][1]]) }),
  timeUnit: "months",
  cycleLength: 1 / 12,
  cycles: 180,
  values: (p, _time, arm) => ({
    costDrug: { PF: 12 * monthlyDrugCost(p, arm) },
    costCare: { PF: 12 * p.cMonitoringPf, PD: 12 * p.cProgressed },
    qaly: { PF: p.uPf, PD: p.uPd },
    lifeYears: { PF: 1, PD: 1 },
  }),
  // One-off on leaving PF (progression or death): the second-line encorafenib + cetuximab course of the BRAF arm.
  entryValues: (p, _time, arm) => ({ costDrug: { PD: arm === "BRAF_TARGETED" ? p.cEncoCetux : 0 }, costEndOfLife: { Dead: p.cEndOfLife } }),
  cappedValues: (p, arm) => ({ pembrolizumab: { outcome: "costDrug", states: "PF", perYear: (arm === "PEMBRO" ? 1 : 0) * 12 * p.cPembrolizumab, maxDuration: p.pembrolizumabMaxMonths / 12 } }),
  discountRate: { cost: 0.03, effect: 0.03 },
  cycleCorrection: "half-cycle",
  discountTiming: "cycle-middle",
});

/** Treated as RAS wild type: anti-EGFR + doublet when left-sided (`leftSided`), doublet + bevacizumab otherwise. */
const bySide = (leftSided: ArmModel): Tree.Node<P> =>
  chance<P>("Sidedness", [
    { label: "Left-sided", probability: (p) => p.pLeft, next: terminal(treatmentArms, { strategy: leftSided }) },
    { label: "Right-sided", probability: complement, next: terminal(treatmentArms, { strategy: "CHEMO_BEV" }) },
  ]);

/** The testing pathway (review §4.2.7): sequential KRAS → NRAS → BRAF V600E → MMR IHC versus one DNA panel with MMR IHC. */
export const pathway = testingPathway({
  categories: {
    KRAS: { prevalence: (p: P) => p.pKras, arm: "RAS_MUTANT" },
    NRAS: { prevalence: (p) => p.pNras, arm: "RAS_MUTANT" },
    "BRAF V600E": { prevalence: (p) => p.pBraf, arm: "BRAF_TARGETED", missedArm: "BRAF_MISSED" },
    dMMR: { prevalence: (p) => p.pDmmr, arm: "PEMBRO", missedArm: "DMMR_MISSED" },
    "wild type": { prevalence: complement },
  },
  tests: {
    krasPcr: { sensitivity: { KRAS: (p) => p.sensPcr }, failure: (p) => p.failPcr, turnaroundDays: (p) => p.tatPcr, cost: (p) => p.cPcr },
    nrasPcr: { sensitivity: { NRAS: (p) => p.sensPcr }, failure: (p) => p.failPcr, turnaroundDays: (p) => p.tatPcr, cost: (p) => p.cPcr },
    brafPcr: { sensitivity: { "BRAF V600E": (p) => p.sensPcr }, failure: (p) => p.failPcr, turnaroundDays: (p) => p.tatPcr, cost: (p) => p.cPcr },
    mmrIhc: { sensitivity: { dMMR: (p) => p.sensIhc }, failure: (p) => p.failIhc, turnaroundDays: (p) => p.tatIhc, cost: (p) => p.cMmrIhc },
    dnaPanel: { sensitivity: { KRAS: (p) => p.sensPanel, NRAS: (p) => p.sensPanel, "BRAF V600E": (p) => p.sensPanel }, failure: (p) => p.failPanel, turnaroundDays: (p) => p.tatPanel, cost: (p) => p.cPanel },
  },
  rebiopsy: { probability: (p) => p.pRebiopsy, cost: (p) => p.cRebiopsy, delayDays: (p) => p.tatRebiopsy, qalyLoss: (p) => p.uRebiopsy },
  strategies: {
    SEQUENTIAL: sequential(["krasPcr", "nrasPcr", "brafPcr", "mmrIhc"], { orderingDelayDays: (p: P) => p.orderingDelay }),
    "DNA-PANEL": parallel(["dnaPanel", "mmrIhc"]),
  },
  // No result (a final sample failure before any positive call) without an actionable driver: anti-EGFR
  // needs a documented RAS/BRAF wild-type result, so doublet + bevacizumab whatever the side.
  treatment: { pTreat: (p) => p.pTreat, defaultArm: "RAS_WT", missedArm: "RAS_MISSED", noResultArm: "NO_RESULT" },
});

/** The title of the model. */
export const MCRC_TITLE = "RAS/BRAF/MMR testing in metastatic colorectal cancer (Sweden)";

/** The model: the pathway compiled into a decision tree with the arms at its leaves. */
export const mcrcGenePanel: TestingTree<P, Strategy> = testingTree(pathway, {
  title: MCRC_TITLE,
  arms: {
    RAS_WT: bySide("ANTI_EGFR"),
    RAS_MUTANT: terminal(treatmentArms, { strategy: "CHEMO_BEV" }),
    NO_RESULT: terminal(treatmentArms, { strategy: "CHEMO_BEV" }),
    RAS_MISSED: bySide("RAS_MUT_ANTI_EGFR"),
    BRAF_TARGETED: terminal(treatmentArms, { strategy: "BRAF_TARGETED" }),
    BRAF_MISSED: terminal(treatmentArms, { strategy: "BRAF_MISSED" }),
    PEMBRO: terminal(treatmentArms, { strategy: "PEMBRO" }),
    DMMR_MISSED: terminal(treatmentArms, { strategy: "DMMR_MISSED" }),
  },
});
