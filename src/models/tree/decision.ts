import type { DecisionBranch, DecisionNode, DecisionOption, TreeNode } from "./tree-types.js";

/** The options of a decision node: option label → the node that follows, or a branch with values. */
export type DecisionOptions<P, K extends string> = { readonly [Label in K]: TreeNode<P> | DecisionBranch<P> };

/**
 * A decision node: a choice between options. The options of the tree's root decision are the
 * strategies compared; a decision nested further down is expanded so that every combination of
 * choices (every policy) is a strategy named `"Root option / nested option"` (docs/decision-tree.md).
 *
 * An option is either the node that follows it or `{ next, payoffs?, counts?, time? }` when choosing
 * it has its own cost (e.g. the price of the drug given).
 *
 * @param options - option label → node or branch, in display order
 * @returns the node (plain, frozen data)
 * @example
 * const root = decision({ "Watchful waiting": terminal({ cost: 0 }), Surgery: { payoffs: { cost: 5000 }, next: terminal({ cost: 0 }) } });
 * root.branches.map((b) => b.label) // => ["Watchful waiting", "Surgery"]
 */
export function decision<P, const K extends string>(options: DecisionOptions<P, K>): DecisionNode<P, K>;
/**
 * A named decision node (the name is shown in the rendering and in error paths).
 *
 * @param name - the decision's name, e.g. `"Which test?"`
 * @param options - option label → node or branch, in display order
 * @returns the node (plain, frozen data)
 */
export function decision<P, const K extends string>(name: string, options: DecisionOptions<P, K>): DecisionNode<P, K>;
export function decision<P, const K extends string>(nameOrOptions: string | DecisionOptions<P, K>, maybeOptions?: DecisionOptions<P, K>): DecisionNode<P, K> {
  const named = typeof nameOrOptions === "string";
  const options = (named ? maybeOptions : nameOrOptions) ?? ({} as DecisionOptions<P, K>);
  const branches: DecisionOption<P, K>[] = [];
  if (typeof options === "object" && options !== null) {
    for (const label of Object.keys(options) as K[]) {
      const value: TreeNode<P> | DecisionBranch<P> = options[label];
      // Anything that is not a `{ next }` branch is taken as the node itself (validated by decisionTree).
      const branch: DecisionOption<P, K> = typeof value === "object" && value !== null && !("kind" in value) ? { ...value, label } : { label, next: value as TreeNode<P> };
      branches.push(Object.freeze(branch));
    }
  }
  return Object.freeze({ kind: "decision", ...(named ? { name: nameOrOptions } : {}), branches: Object.freeze(branches) });
}

