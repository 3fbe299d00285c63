// Where each true-status category ends up after testing: the treatment rule as tree nodes,
// built once per category and shared by every strategy (a shared node is evaluated once per draw).
import { complement } from "../models/complement.js";
import { chance } from "../models/tree/chance.js";
import type { TreeNode } from "../models/tree/tree-types.js";
import type { TestingPathway } from "./pathway-types.js";

/** The end nodes of one category. @internal */
export interface CategoryLeaves<P> {
  /** Not (correctly) found: the missed arm for an actionable driver, else the default arm. */
  readonly undetected: TreeNode<P>;
  /**
   * Testing stopped on a final sample failure before any positive call (no result): the missed arm
   * for an actionable driver, else the rule's `noResultArm` (default: `undetected`, the same node).
   */
  readonly noResult: TreeNode<P>;
  /** Every test done, none positive: the result counted, then `undetected`. */
  readonly complete: TreeNode<P>;
  /** A true positive: matched therapy with pTreat for an actionable category, else the default arm. */
  readonly positive: TreeNode<P>;
  /** A false positive (of another, actionable target): acted on with pTreat, else as negative. */
  readonly falsePositive: TreeNode<P> | undefined;
}

/**
 * Builds the end nodes of every category from the treatment rule; `arm(name)` returns the node of
 * a treatment arm (the same object for the same name).
 *
 * @internal
 */
export function categoryLeaves<P>(pathway: TestingPathway<P>, arm: (name: string) => TreeNode<P>): ReadonlyMap<string, CategoryLeaves<P>> {
  const { treatment } = pathway;
  const leaves = new Map<string, CategoryLeaves<P>>();
  for (const [name, category] of Object.entries(pathway.categories)) {
    const missed = arm(category.missedArm ?? treatment.missedArm);
    const undetected = category.arm === undefined ? arm(treatment.defaultArm) : missed;
    const noResult = category.arm === undefined && treatment.noResultArm !== undefined ? arm(treatment.noResultArm) : undetected;
    const complete = chance<P>("Testing complete", [{ label: "All tests done", probability: 1, counts: { result: 1 }, next: undetected }]);
    const positive =
      category.arm === undefined
        ? arm(treatment.defaultArm)
        : chance<P>("Treatment", [
            { label: "Matched therapy", probability: treatment.pTreat, counts: { matchedTherapy: 1 }, next: arm(category.arm) },
            { label: "Not treated", probability: complement, next: treatment.untreatedArm === undefined ? missed : arm(treatment.untreatedArm) },
          ]);
    const rule = treatment.falsePositive;
    const falsePositive =
      rule === undefined
        ? undefined
        : chance<P>("Acted on", [
            { label: "Treated as positive", probability: treatment.pTreat, ...(rule.payoffs === undefined ? {} : { payoffs: rule.payoffs }), next: arm(rule.arm) },
            { label: "Treated as negative", probability: complement, next: undetected },
          ]);
    leaves.set(name, { undetected, noResult, complete, positive, falsePositive });
  }
  return leaves;
}
