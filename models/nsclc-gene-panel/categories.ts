// The names shared by the front end (testing tree) and the back end (treatment arms) of the NSCLC
// gene-panel model: true-status categories, treatment arms and testing strategies.
import type { NsclcParameters } from "./parameters.js";

/** The three testing strategies of the base case (review §4.1.1). */
export const STRATEGIES = ["SGT-SEQ", "HOTSPOT", "NGS-BROAD"] as const;
/** A testing strategy. */
export type Strategy = (typeof STRATEGIES)[number];

/**
 * Treatment arms of the back end: one per first-line-actionable driver with its matched therapy,
 * chemo-immunotherapy for patients without one, MISSED for actionable drivers not found or not
 * treated (chemo-IO costs, platinum-doublet-like outcomes), and FALSE_POSITIVE for driver-negative
 * patients treated on a false-positive result (MISSED outcomes with a targeted drug's cost; used
 * only when specificity < 1).
 */
export const ARMS = ["EGFR", "ALK", "ROS1", "BRAF", "MET", "RET", "NTRK", "CHEMO_IO", "MISSED", "FALSE_POSITIVE"] as const;
/** A treatment arm. */
export type Arm = (typeof ARMS)[number];

/** One mutually exclusive true-status category of the tumour. */
export interface Category {
  /** Name, as in the review (`"KRAS G12C"`). */
  readonly name: string;
  /** The parameter holding its prevalence. */
  readonly prevalence: keyof NsclcParameters & `p${string}`;
  /** The count reporting its detection, e.g. `detectedEgfr`. */
  readonly detectedCount: string;
  /** The arm of its matched therapy; absent for categories without first-line targeted therapy. */
  readonly matchedArm?: Arm;
}

/**
 * The ten categories in tree order (review §4.1.2). The last, NONE, takes the complement of the
 * others, so that one-way analyses of a prevalence keep the branches summing to 1.
 */
export const CATEGORIES: readonly Category[] = [
  { name: "EGFR", prevalence: "pEgfr", detectedCount: "detectedEgfr", matchedArm: "EGFR" },
  { name: "ALK", prevalence: "pAlk", detectedCount: "detectedAlk", matchedArm: "ALK" },
  { name: "ROS1", prevalence: "pRos1", detectedCount: "detectedRos1", matchedArm: "ROS1" },
  { name: "BRAF", prevalence: "pBraf", detectedCount: "detectedBraf", matchedArm: "BRAF" },
  { name: "MET", prevalence: "pMet", detectedCount: "detectedMet", matchedArm: "MET" },
  { name: "RET", prevalence: "pRet", detectedCount: "detectedRet", matchedArm: "RET" },
  { name: "NTRK", prevalence: "pNtrk", detectedCount: "detectedNtrk", matchedArm: "NTRK" },
  { name: "KRAS G12C", prevalence: "pKrasG12c", detectedCount: "detectedKrasG12c" },
  { name: "HER2", prevalence: "pHer2", detectedCount: "detectedHer2" },
  { name: "NONE", prevalence: "pNone", detectedCount: "" },
];

/** The arm of a patient whose tumour was not (correctly) classified: MISSED for an actionable driver, chemo-IO otherwise. */
export function unclassifiedArm(category: Category): Arm {
  return category.matchedArm === undefined ? "CHEMO_IO" : "MISSED";
}

/** Days per year, converting turnaround times in days into the tree's time unit (years). */
export const DAYS_PER_YEAR = 365.25;
