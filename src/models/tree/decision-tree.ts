import { fail } from "../../core/errors.js";
import type { EvaluationContext, Model } from "../model.js";
import { compileTree } from "./compile-tree.js";
import type { CompiledTree } from "./compiled-tree.js";
import { evaluateTree } from "./evaluate-tree.js";
import type { PolicyChoice } from "./expand-policies.js";
import { type TreePath, treePaths } from "./tree-paths.js";
import { type RollbackNode, treeRollback } from "./tree-rollback.js";
import type { DecisionNode } from "./tree-types.js";
import { TreeWorkspace } from "./tree-workspace.js";

/** Definition of a decision tree. */
export interface DecisionTreeDefinition<P, K extends string> {
  /** A human-readable title. */
  readonly title: string;
  /** The root decision: its options are the strategies. */
  readonly root: DecisionNode<P, K>;
}

/** Expected values per node for every strategy (see {@link DecisionTree.rollback}). */
export interface TreeRollback<S extends string> {
  /** Outcome names, as in {@link DecisionTree.outcomes}. */
  readonly outcomes: readonly string[];
  /** Per strategy, the root decision with the strategy's option and everything below it. */
  readonly strategies: Readonly<Record<S, RollbackNode>>;
}

/** A decision tree: a {@link Model} plus its definition, its policies and detailed base-case output. */
export interface DecisionTree<P, S extends string> extends Model<P, S> {
  /** The root decision node as defined. */
  readonly root: DecisionNode<P>;
  /** Per strategy, the choices it makes at nested decision nodes (empty when there are none). */
  readonly policies: Readonly<Record<S, readonly PolicyChoice[]>>;
  /** The path table: every root-to-leaf path of every strategy with probability, payoffs and contribution (allocates). */
  paths(params: P, context?: EvaluationContext): readonly TreePath[];
  /** Expected values at every node, per strategy (allocates). */
  rollback(params: P, context?: EvaluationContext): TreeRollback<S>;
}

/**
 * Defines a decision tree as a {@link Model}: the root decision's options are the strategies,
 * nested decisions expand into combined strategies (`"Test / Treat"`), chance nodes carry
 * probabilities (numbers, functions of the parameters or `complement`), and payoffs, counts and
 * time on branches accumulate along each path to terminal nodes, which hold plain payoffs or
 * enter any model (a Markov cohort) with a start distribution and start time. Each strategy's
 * outcomes are the probability-weighted sums over its paths (rollback; Briggs, Claxton & Sculpher
 * 2006, ch. 2). Outcomes: payoff names, `cost` when a cost category (`costTesting`) appears, `time`,
 * leaf-model outcomes, counts.
 *
 * @param definition - `{ title, root }`, root a {@link decision} node
 * @returns the model; `evaluateInto` allocates nothing per draw and evaluates each distinct leaf-model input once
 * @throws QalyError at construction with every structural issue (`invalid_model`, `unknown_strategy`,
 * `row_sum_not_one`, …); at evaluation `probability_out_of_range`, `row_sum_not_one`,
 * `negative_complement`, `non_finite_value` naming the node path and the draw
 * @example
 * const tree = decisionTree({
 *   title: "Test or treat all",
 *   root: decision({
 *     "Treat all": terminal({ cost: 1000, qaly: 9 }),
 *     Test: { payoffs: { cost: 200 }, next: chance([
 *       { label: "Positive", probability: (p: { pPositive: number }) => p.pPositive, next: terminal({ cost: 1000, qaly: 9 }) },
 *       { label: "Negative", probability: complement, next: terminal({ cost: 0, qaly: 8.8 }) },
 *     ]) },
 *   }),
 * });
 * evaluateModel(tree, { pPositive: 0.25 }).Test.cost // => 450
 */
export function decisionTree<P, const K extends string = string>(definition: DecisionTreeDefinition<P, K>): DecisionTree<P, K | `${K} / ${string}`> {
  type S = K | `${K} / ${string}`;
  const title = typeof definition.title === "string" ? definition.title : "Decision tree";
  const tree = compileTree(title, definition.root);
  const work = new TreeWorkspace(tree as CompiledTree<unknown>);
  const width = tree.outcomes.length;
  const strategies = Object.freeze(tree.policies.map((policy) => policy.name)) as readonly S[];
  const size = strategies.length * width;
  const run = (params: P, context: EvaluationContext | undefined, out?: Float64Array): void => {
    if (context?.start !== undefined) fail("invalid_argument", ["context", "start"], `decision tree "${title}" has no states: a start distribution applies to the models at its leaves`);
    const startTime = context?.startTime ?? 0;
    if (!(startTime >= 0 && startTime < Infinity)) fail("invalid_argument", ["context", "startTime"], `startTime must be a finite number of years ≥ 0 (received ${startTime})`, { received: startTime });
    work.startTime = startTime;
    evaluateTree(tree, work, params, context?.draw, out);
  };
  return Object.freeze({
    title,
    strategies,
    outcomes: Object.freeze([...tree.outcomes]),
    root: definition.root as DecisionNode<P>,
    policies: Object.freeze(Object.fromEntries(tree.policies.map((policy) => [policy.name, Object.freeze([...policy.nested])]))) as Readonly<Record<S, readonly PolicyChoice[]>>,
    evaluateInto(params: P, out: Float64Array, context?: EvaluationContext): void {
      if (out.length < size) fail("dimension_mismatch", ["out"], `output buffer holds ${out.length} numbers; ${strategies.length} strategies × ${width} outcomes need ${size}`, { received: out.length });
      run(params, context, out);
    },
    paths(params: P, context?: EvaluationContext): readonly TreePath[] {
      run(params, context);
      return Object.freeze(treePaths(tree, work));
    },
    rollback(params: P, context?: EvaluationContext): TreeRollback<S> {
      run(params, context);
      return Object.freeze({ outcomes: tree.outcomes, strategies: treeRollback(tree, work) as Record<S, RollbackNode> });
    },
  });
}
