import type { EvaluationContext } from "../models/model.js";
import { type DecisionTree, decisionTree } from "../models/tree/decision-tree.js";
import { fail } from "../core/errors.js";
import { pathwayChecks } from "./pathway-checks.js";
import type { TestingPathway } from "./pathway-types.js";
import { testingDecision, type TreatmentArms } from "./testing-decision.js";

/** A decision tree compiled from a testing pathway: every tree feature, plus the pathway it came from. */
export interface TestingTree<P, S extends string> extends DecisionTree<P, S> {
  /** The pathway definition (data), e.g. for a report's methods section. */
  readonly pathway: TestingPathway<P>;
}

/** Options of {@link testingTree}. */
export interface TestingTreeOptions<P, A extends string> {
  /** The model's title. */
  readonly title: string;
  /** The treatment arms at the leaves: arm name → model, node or payoffs; or one model with a strategy per arm. */
  readonly arms: TreatmentArms<P, A>;
}

/**
 * Compiles a testing pathway into a decision tree whose leaves are the treatment arms' models, so
 * base case, PSA, DSA, threshold analyses, reports and workers use it like any model. One root
 * option per strategy; under it the true status (prevalences), then each strategy's tests: the
 * attempt (cost, test count, turnaround), sample failure, re-biopsy and one retest, detection by
 * sensitivity, false positives by specificity, then the treatment rule.
 *
 * Outcomes per strategy: the arms' outcomes (`cost`, `qaly`, …), `costTesting`, `time` (years to
 * the end of testing) and the counts of {@link testingCounts} (`result`, `detectedEgfr`…,
 * `matchedTherapy`, `falsePositive`, `reBiopsy`, `tests`); the report shows counts per 1 000 tested.
 * Before every evaluation the parameter-driven inputs are checked (domains, prevalences summing
 * to 1) with errors naming the pathway path and the draw; the tree then checks every node.
 *
 * @param pathway - a pathway from {@link testingPathway}
 * @param options - `{ title, arms }`
 * @returns the model (a {@link DecisionTree} with `pathway`)
 * @throws QalyError `invalid_model` at `["pathways", "arms", name]` for a missing arm; at evaluation
 * `probability_out_of_range`, `row_sum_not_one`, `non_finite_value` … naming the path and draw
 * @example
 * const pathway = testingPathway({
 *   categories: { EGFR: { prevalence: 0.1, arm: "osimertinib" }, none: { prevalence: complement } },
 *   tests: { egfrPcr: { sensitivity: { EGFR: 0.9 }, cost: 3000 } },
 *   strategies: { PCR: panel("egfrPcr") },
 *   treatment: { pTreat: 1, defaultArm: "chemo", missedArm: "chemo" },
 * });
 * const tree = testingTree(pathway, { title: "EGFR testing", arms: { osimertinib: { qaly: 3 }, chemo: { qaly: 1.5 } } });
 * evaluateModel(tree, {}).PCR.matchedTherapy // => 0.09
 */
export function testingTree<P, C extends string, T extends string, A extends string, S extends string>(pathway: TestingPathway<P, C, T, A, S>, options: TestingTreeOptions<P, NoInfer<A>>): TestingTree<P, S> {
  const root = testingDecision(pathway, options.arms);
  const tree = decisionTree<P, S>({ title: options.title, root }) as unknown as DecisionTree<P, S>;
  const strategies = Object.keys(pathway.strategies);
  if (tree.strategies.length !== strategies.length) {
    fail("invalid_model", ["pathways", "arms"], `an arm contains a decision node, which would split the strategies (${strategies.join(", ")}) into ${tree.strategies.length} policies; arms must be models, chance or terminal nodes, or payoffs`);
  }
  const check = pathwayChecks(pathway as unknown as TestingPathway<P>);
  return Object.freeze({
    ...tree,
    pathway: pathway as unknown as TestingPathway<P>,
    evaluateInto(params: P, out: Float64Array, context?: EvaluationContext): void {
      check(params, context?.draw);
      tree.evaluateInto(params, out, context);
    },
    paths(params: P, context?: EvaluationContext) {
      check(params, context?.draw);
      return tree.paths(params, context);
    },
    rollback(params: P, context?: EvaluationContext) {
      check(params, context?.draw);
      return tree.rollback(params, context);
    },
  });
}
