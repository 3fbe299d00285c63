import { IssueCollector } from "../core/errors.js";
import type { Model } from "../models/model.js";
import { decision } from "../models/tree/decision.js";
import { terminal } from "../models/tree/terminal.js";
import type { DecisionBranch, DecisionNode, Payoffs, TreeNode } from "../models/tree/tree-types.js";
import { isNode } from "../models/tree/validate-node.js";
import { categoryLeaves } from "./category-leaves.js";
import { isRecord, PATHWAY_ROOT } from "./pathway-inputs.js";
import type { TestingPathway } from "./pathway-types.js";
import { ValueMemo } from "./pathway-values.js";
import { strategyBranch } from "./strategy-branch.js";
import { testingCounts } from "./testing-outcomes.js";

/** What a treatment arm is at the leaves: a model (its one strategy, or the strategy named like the arm), a tree node, or plain payoffs. */
export type ArmLeaf<P> = Model<P, string> | TreeNode<P> | Payoffs<P>;

/** The treatment arms: arm name → leaf, or one model whose strategies are the arms. */
export type TreatmentArms<P, A extends string> = { readonly [K in A]: ArmLeaf<P> } | Model<P, string>;

/**
 * The root decision of a testing pathway: one option per strategy, each splitting by true status
 * and following the strategy's tests down to the treatment arms (see {@link testingTree}, which
 * also wraps it in a decision tree). Use it to add options of your own, such as "No testing".
 *
 * @param pathway - a pathway from {@link testingPathway}
 * @param arms - arm name → model, node or payoffs; or one model with a strategy per arm
 * @returns the decision node (plain, frozen data)
 * @throws QalyError `invalid_model` at `["arms", name]` for an arm that is missing or not a model, node or payoffs
 * @example
 * const pathway = testingPathway({
 *   categories: { EGFR: { prevalence: 0.1, arm: "osimertinib" }, none: { prevalence: complement } },
 *   tests: { egfrPcr: { sensitivity: { EGFR: 0.9 }, cost: 3000 } },
 *   strategies: { PCR: panel("egfrPcr") },
 *   treatment: { pTreat: 0.9, defaultArm: "chemo", missedArm: "chemo" },
 * });
 * const root = testingDecision(pathway, { osimertinib: { qaly: 3 }, chemo: { qaly: 1.5 } });
 * root.branches.map((b) => b.label) // => ["PCR"]
 */
export function testingDecision<P, C extends string, T extends string, A extends string, S extends string>(pathway: TestingPathway<P, C, T, A, S>, arms: TreatmentArms<P, NoInfer<A>>): DecisionNode<P, S> {
  const general = pathway as unknown as TestingPathway<P>;
  const issues = new IssueCollector();
  const nodes = new Map<string, TreeNode<P>>();
  const arm = (name: string): TreeNode<P> => {
    let node = nodes.get(name);
    if (node === undefined) {
      node = armNode(arms as TreatmentArms<P, string>, name, issues) ?? terminal<P>();
      nodes.set(name, node);
    }
    return node;
  };
  const leaves = categoryLeaves(general, arm);
  const zero = Object.fromEntries(testingCounts(general).map((name) => [name, 0]));
  const options: Record<string, DecisionBranch<P>> = {};
  // One memo for all strategies: equal combinations (a false-positive probability, a re-biopsy's cost) become one function.
  const memo = new ValueMemo<P>();
  for (const [name, strategy] of Object.entries(general.strategies)) options[name] = strategyBranch(general, strategy, leaves, zero, memo);
  issues.throwIfAny("testing pathway");
  return decision<P, S>(options as Record<S, DecisionBranch<P>>);
}

function armNode<P>(arms: TreatmentArms<P, string>, name: string, issues: IssueCollector): TreeNode<P> | undefined {
  const path = [...PATHWAY_ROOT, "arms", name];
  if (isModel<P>(arms)) {
    if (arms.strategies.includes(name)) return terminal(arms, { strategy: name, name });
    if (arms.strategies.length === 1) return terminal(arms, { name });
    issues.add({ code: "invalid_model", path, message: `arm "${name}" is not a strategy of model "${arms.title}" (strategies: ${arms.strategies.join(", ")})`, received: name });
    return undefined;
  }
  const leaf: unknown = isRecord(arms) ? arms[name] : undefined;
  if (isModel<P>(leaf)) {
    if (leaf.strategies.length === 1 || leaf.strategies.includes(name)) return terminal(leaf, { name, ...(leaf.strategies.length === 1 ? {} : { strategy: name }) });
    issues.add({ code: "invalid_model", path, message: `arm "${name}" is model "${leaf.title}" with strategies ${leaf.strategies.join(", ")}: give a model with one strategy, or one named "${name}"`, received: name });
    return undefined;
  }
  if (isNode(leaf)) return leaf as TreeNode<P>;
  if (isRecord(leaf)) return terminal(leaf as Payoffs<P>, { name });
  issues.add({ code: "invalid_model", path, message: `arm "${name}" is used by the pathway but not given: add a model, a tree node or payoffs for it`, received: leaf });
  return undefined;
}

function isModel<P>(value: unknown): value is Model<P, string> {
  return isRecord(value) && typeof value["evaluateInto"] === "function" && Array.isArray(value["strategies"]);
}
