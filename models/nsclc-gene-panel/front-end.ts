// The testing front end of the NSCLC gene-panel model (review §4.1.2): who is tested how, which
// alterations are found, who gets matched therapy. Each path ends in a treatment arm (`leaf(arm)`),
// which the back end values. Costs of testing go to `costTesting`; counts report results, detections
// by gene, matched therapy, re-biopsies and tests; `time` is the time to results in years.
import { chance, complement, decision, subtree, type DecisionNode, type TreeNode } from "qaly";
import { CATEGORIES, DAYS_PER_YEAR, unclassifiedArm, type Arm, type Category, type Strategy } from "./categories.js";
import type { NsclcParameters } from "./parameters.js";

type P = NsclcParameters;
type Fn = (p: P) => number;

/** A single-sample test strategy (a panel): one failure/re-biopsy event, then detection per category. */
interface PanelSpec {
  readonly cost: Fn;
  readonly fail: Fn;
  readonly turnaround: Fn;
  /** Sensitivity per category name; categories absent are not covered (never detected). */
  readonly sensitivity: Readonly<Record<string, Fn>>;
  /** ROS1 positives are confirmed by FISH (IHC-based ROS1 testing). */
  readonly ros1Fish: boolean;
  /** First-line-actionable genes tested, each a chance of a false positive when specificity < 1. */
  readonly actionableGenes: number;
}

const PANELS: Readonly<Record<"HOTSPOT" | "NGS-BROAD", PanelSpec>> = {
  HOTSPOT: {
    cost: (p) => p.cHot,
    fail: (p) => p.failHot,
    turnaround: (p) => p.tatHot,
    sensitivity: { EGFR: (p) => p.sensHot, ALK: (p) => p.sensHotAlk, ROS1: (p) => p.sensHotRos1, BRAF: (p) => p.sensHot, MET: (p) => p.sensHotMet, "KRAS G12C": (p) => p.sensHot, HER2: (p) => p.sensHot },
    ros1Fish: true,
    actionableGenes: 5,
  },
  "NGS-BROAD": {
    cost: (p) => p.cNgs,
    fail: (p) => p.failNgs,
    turnaround: (p) => p.tatNgs,
    sensitivity: Object.fromEntries(CATEGORIES.filter((c) => c.name !== "NONE").map((c) => [c.name, (p: P) => p.sensNgs])),
    ros1Fish: false,
    actionableGenes: 7,
  },
};

/** The sequential single-gene steps in order (review §4.1.2): gene, test cost, failure, sensitivity. */
const SGT_STEPS: readonly { readonly gene: string; readonly cost: Fn; readonly fail: Fn; readonly sensitivity: Fn }[] = [
  { gene: "EGFR", cost: (p) => p.cSgtEgfr, fail: (p) => p.failSgtEgfr, sensitivity: (p) => p.sensSgtEgfr },
  { gene: "ALK", cost: (p) => p.cSgtAlk, fail: (p) => p.failSgtAlk, sensitivity: (p) => p.sensSgtAlk },
  { gene: "ROS1", cost: (p) => p.cSgtRos1, fail: (p) => p.failSgtRos1, sensitivity: (p) => p.sensSgtRos1 },
  { gene: "BRAF", cost: (p) => p.cSgtBraf, fail: (p) => p.failSgtBraf, sensitivity: (p) => p.sensSgtBraf },
];

const years = (days: Fn): Fn => (p) => days(p) / DAYS_PER_YEAR;
const prevalence = (category: Category): Fn | typeof complement => (category.name === "NONE" ? complement : (p: P) => p[category.prevalence]);

/** Builds the testing tree; `leaf(arm)` is the node valuing a treatment arm (a back-end model leaf). */
export function testingTree(leaf: (arm: Arm) => TreeNode<P>): DecisionNode<P, Strategy> {
  /** A detected first-line-actionable driver: matched therapy with p_treat, else the MISSED arm. */
  const treatment = subtree("Treatment assignment", (b: { readonly arm: Arm }) =>
    chance<P>([
      { label: "Matched therapy", probability: (p) => p.pTreat, counts: { matchedTherapy: 1 }, next: leaf(b.arm) },
      { label: "Not treated", probability: complement, next: leaf("MISSED") },
    ]),
  );

  /** A false-positive driver result: targeted therapy with p_treat (FALSE_POSITIVE arm), else chemo-IO. */
  const falsePositive = chance<P>("Treated on a false positive", [
    { label: "Targeted therapy", probability: (p) => p.pTreat, next: leaf("FALSE_POSITIVE") },
    { label: "Chemo-immunotherapy", probability: complement, next: leaf("CHEMO_IO") },
  ]);

  /** A driver-negative patient with a panel result: chemo-IO, unless a false positive on one of the genes tested (specificity < 1). */
  const negativeResult = (genesTested: number): TreeNode<P> =>
    chance<P>("Driver-negative result", [
      { label: "True negative", probability: (p) => p.specificity ** genesTested, next: leaf("CHEMO_IO") },
      { label: "False positive", probability: complement, counts: { falsePositive: 1 }, next: falsePositive },
    ]);

  /** Patients without any result: actionable drivers are missed, the others get chemo-IO. */
  const noResult = chance<P>(
    "True status (no result)",
    CATEGORIES.map((category) => ({ label: category.name, probability: prevalence(category), next: leaf(unclassifiedArm(category)) })),
  );

  const detected = (category: Category, extra: { readonly costTesting?: Fn } = {}) => ({
    label: "Detected",
    counts: { [category.detectedCount]: 1, ...(category.matchedArm === undefined ? {} : { actionableDetected: 1 }) },
    payoffs: extra,
  });

  /** After a panel result: detection of each category by the panel's sensitivity. */
  const panelDetection = (panel: PanelSpec): TreeNode<P> => {
    const negative = negativeResult(panel.actionableGenes);
    return chance<P>(
      "True status",
      CATEGORIES.map((category) => {
        const sensitivity = panel.sensitivity[category.name];
        let next: TreeNode<P>;
        if (category.matchedArm === undefined) {
          // KRAS G12C, HER2 and NONE are treated alike whether detected or not.
          next = sensitivity === undefined ? negative : chance<P>([{ ...detected(category), probability: sensitivity, next: negative }, { label: "Not detected", probability: complement, next: negative }]);
        } else if (sensitivity === undefined) {
          next = leaf("MISSED");
        } else {
          const fish = panel.ros1Fish && category.name === "ROS1" ? { costTesting: (p: P) => p.cFish } : {};
          next = chance<P>([
            { ...detected(category, fish), probability: sensitivity, next: treatment({ arm: category.matchedArm }) },
            { label: "Not detected", probability: complement, next: leaf("MISSED") },
          ]);
        }
        return { label: category.name, probability: prevalence(category), next };
      }),
    );
  };

  /** A panel: first sample, failure with f, re-biopsy with r and one retest (review §4.1.2). */
  const panelStrategy = (panel: PanelSpec) => {
    const result = panelDetection(panel);
    return {
      payoffs: { costTesting: panel.cost },
      counts: { tests: 1 },
      time: years(panel.turnaround),
      next: chance<P>("Sample", [
        { label: "Result", probability: complement, counts: { result: 1 }, next: result },
        {
          label: "Sample fails",
          probability: panel.fail,
          next: chance<P>("Re-biopsy", [
            {
              label: "Re-biopsy",
              probability: (p) => p.pRebiopsy,
              payoffs: { costTesting: (p) => p.cRebiopsy + panel.cost(p), qaly: (p) => -p.uRebiopsy },
              counts: { reBiopsy: 1, tests: 1 },
              time: years((p) => p.tatRebiopsy),
              next: chance<P>("Second sample", [
                { label: "Result", probability: complement, counts: { result: 1 }, next: result },
                { label: "Sample fails", probability: panel.fail, next: noResult },
              ]),
            },
            { label: "No re-biopsy", probability: complement, next: noResult },
          ]),
        },
      ]),
    };
  };

  return decision<P, Strategy>({
    "SGT-SEQ": { time: years((p) => p.tatSgt), next: sequentialTree(leaf, treatment, falsePositive) },
    HOTSPOT: panelStrategy(PANELS.HOTSPOT),
    "NGS-BROAD": panelStrategy(PANELS["NGS-BROAD"]),
  });
}

/**
 * Sequential single-gene testing: per category, steps EGFR → ALK → ROS1 → BRAF; each step may fail
 * (re-biopsy with r and one retest; no result stops testing); the step's gene is detected with its
 * sensitivity and stops testing; a false negative or a true negative continues (review §4.1.2).
 */
function sequentialTree(leaf: (arm: Arm) => TreeNode<P>, treatment: (b: { readonly arm: Arm }) => TreeNode<P>, falsePositive: TreeNode<P>): TreeNode<P> {
  return chance<P>(
    "True status",
    CATEGORIES.map((category) => {
      const stopped = leaf(unclassifiedArm(category));
      // Built from the last step back, so each step's continuation exists when the step is built.
      let next: TreeNode<P> = chance<P>([{ label: "All genes tested", probability: 1, counts: { result: 1 }, next: stopped }]);
      for (let k = SGT_STEPS.length - 1; k >= 0; k--) {
        const step = SGT_STEPS[k]!;
        const continuation: TreeNode<P> = next;
        let outcome: TreeNode<P>;
        if (step.gene === category.name) {
          const fish = step.gene === "ROS1" ? { costTesting: (p: P) => p.cFish } : {};
          outcome = chance<P>([
            { label: "Detected", probability: step.sensitivity, counts: { [category.detectedCount]: 1, actionableDetected: 1, result: 1 }, payoffs: fish, next: treatment({ arm: category.matchedArm! }) },
            { label: "Not detected", probability: complement, next: continuation },
          ]);
        } else if (category.matchedArm === undefined) {
          outcome = chance<P>([
            { label: "Negative", probability: (p) => p.specificity, next: continuation },
            { label: "False positive", probability: complement, counts: { result: 1, falsePositive: 1 }, next: falsePositive },
          ]);
        } else {
          outcome = continuation;
        }
        next = chance<P>(`${step.gene} test`, [
          { label: "Result", probability: complement, payoffs: { costTesting: step.cost }, counts: { tests: 1 }, next: outcome },
          {
            label: "Test fails",
            probability: step.fail,
            payoffs: { costTesting: step.cost },
            counts: { tests: 1 },
            next: chance<P>([
              {
                label: "Re-biopsy",
                probability: (p) => p.pRebiopsy,
                payoffs: { costTesting: (p) => p.cRebiopsy + step.cost(p), qaly: (p) => -p.uRebiopsy },
                counts: { reBiopsy: 1, tests: 1 },
                time: years((p) => p.tatRebiopsy),
                next: chance<P>([
                  { label: "Result", probability: complement, next: outcome },
                  { label: "Test fails", probability: step.fail, next: stopped },
                ]),
              },
              { label: "No re-biopsy", probability: complement, next: stopped },
            ]),
          },
        ]);
      }
      return { label: category.name, probability: prevalence(category), next };
    }),
  );
}
