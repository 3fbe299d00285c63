// The NSCLC gene-panel model for Sweden (review §4.1): the testing pathway (front-end.ts) compiled by
// testingTree, with the treatment arms' partitioned survival model (back-end.ts) at its leaves. One
// model object serves every arm, so each draw evaluates the back end once (the tree caches leaf-model calls).
import { testingTree, type Model, type TestingTree } from "qaly";
import { treatmentArms, type TreatmentArmsOptions } from "./back-end.js";
import type { Arm, Strategy } from "./categories.js";
import { nsclcPathway } from "./front-end.js";
import type { NsclcParameters } from "./parameters.js";

type P = NsclcParameters;

/** Options of {@link buildNsclcModel}: the back end's structural settings, or a ready back end. */
export interface NsclcModelOptions extends TreatmentArmsOptions {
  /** A model whose strategies include every arm (default: {@link treatmentArms} built from the other options). */
  readonly arms?: Model<P, Arm>;
}

/** The title of the model. */
export const NSCLC_TITLE = "Gene-panel testing in advanced non-squamous NSCLC (Sweden)";

/**
 * Builds the model: strategies SGT-SEQ, HOTSPOT and NGS-BROAD; outcomes `cost`, `qaly`, the back
 * end's outcomes (`costDrug`, `costCare`, `costEndOfLife`, `lifeYears`, undiscounted twins),
 * `costTesting`, `time` (years to results) and the pathway's counts (`tests`, `result`, `reBiopsy`,
 * `detectedEgfr` … `detectedHer2`, `actionableDetected`, `matchedTherapy`, `falsePositive`).
 */
export function buildNsclcModel(options: NsclcModelOptions = {}): TestingTree<P, Strategy> {
  return testingTree(nsclcPathway, { title: NSCLC_TITLE, arms: options.arms ?? treatmentArms(options) });
}

/** The base-case model: 3 % discounting, Swedish background mortality (HMD 2019), horizon to age 100. */
export const nsclcGenePanel: TestingTree<P, Strategy> = buildNsclcModel();
