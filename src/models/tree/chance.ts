import type { ChanceBranch, ChanceNode } from "./tree-types.js";

/**
 * A chance node: mutually exclusive events, each with its probability given the path so far
 * (a number, a function of the parameters, or `complement` for 1 − the others). The
 * probabilities must sum to 1 (within 1e-9) for the base case and every PSA draw; the tree checks
 * this at every evaluation and names the node path in the error.
 *
 * @param branches - `{ label, probability, next, payoffs?, counts?, time? }`, in display order
 * @returns the node (plain, frozen data)
 * @example
 * const test = chance("Test result", [
 *   { label: "Positive", probability: 0.3, next: terminal({ qaly: 8 }) },
 *   { label: "Negative", probability: complement, next: terminal({ qaly: 10 }) },
 * ]);
 * test.branches.length // => 2
 */
export function chance<P>(branches: readonly ChanceBranch<P>[]): ChanceNode<P>;
/**
 * A named chance node (the name is shown in the rendering and in error paths).
 *
 * @param name - the node's name, e.g. `"Sample adequate?"`
 * @param branches - `{ label, probability, next, payoffs?, counts?, time? }`, in display order
 * @returns the node (plain, frozen data)
 */
export function chance<P>(name: string, branches: readonly ChanceBranch<P>[]): ChanceNode<P>;
export function chance<P>(nameOrBranches: string | readonly ChanceBranch<P>[], maybeBranches?: readonly ChanceBranch<P>[]): ChanceNode<P> {
  const named = typeof nameOrBranches === "string";
  const branches = (named ? maybeBranches : nameOrBranches) ?? [];
  return Object.freeze({
    kind: "chance",
    ...(named ? { name: nameOrBranches } : {}),
    branches: Object.freeze(Array.isArray(branches) ? branches.map((b) => Object.freeze({ ...b })) : []),
  });
}
