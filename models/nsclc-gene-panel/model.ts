// The NSCLC gene-panel model for Sweden (review §4.1): the testing tree (front-end.ts) with the
// treatment arms' partitioned survival model (back-end.ts) at its leaves. One model object serves
// every arm, so each draw evaluates the back end once (the tree caches leaf-model calls).
import { decisionTree, terminal, type DecisionTree, type Model, type TreeNode } from "qaly";
import { treatmentArms, type TreatmentArmsOptions } from "./back-end.js";
import type { Arm, Strategy } from "./categories.js";
import { testingTree } from "./front-end.js";
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
 * Builds the model: strategies SGT-SEQ, HOTSPOT and NGS-BROAD; outcomes `cost`, `qaly`,
 * `costTesting`, the back end's outcomes (`costDrug`, `costCare`, `costEndOfLife`, `lifeYears`,
 * undiscounted twins), `time` (years to results) and the counts (`tests`, `result`, `reBiopsy`,
 * `detectedEgfr` … `detectedHer2`, `actionableDetected`, `matchedTherapy`, `falsePositive`).
 */
export function buildNsclcModel(options: NsclcModelOptions = {}): DecisionTree<P, Strategy> {
  const arms = options.arms ?? treatmentArms(options);
  const leaves = new Map<Arm, TreeNode<P>>();
  const leaf = (arm: Arm): TreeNode<P> => {
    let node = leaves.get(arm);
    if (node === undefined) {
      node = terminal(arms, { strategy: arm, name: arm });
      leaves.set(arm, node);
    }
    return node;
  };
  return decisionTree<P, Strategy>({ title: NSCLC_TITLE, root: testingTree(leaf) }) as DecisionTree<P, Strategy>;
}

/** The base-case model: 3 % discounting, Swedish background mortality (HMD 2019), horizon to age 100. */
export const nsclcGenePanel: DecisionTree<P, Strategy> = buildNsclcModel();
