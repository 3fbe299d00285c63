import type { TreeNode } from "./tree-types.js";

/**
 * A reusable subtree (a "clone" in TreeAge's terms): the structure is written once as a function of
 * its bindings, and each use builds an independent copy with its own bindings — typically the
 * parameters that differ between uses (`{ pResponse: (p) => p.pResponseEgfr, cDrug: … }`). Bindings
 * are ordinary values typed by `B`, so a missing or misspelt binding is a compile error.
 *
 * Each call returns new node objects, evaluated separately; to share one copy between branches
 * (same values, evaluated once), use the returned node object twice. Copies are marked with
 * `clone: name` and rendered as such.
 *
 * @param name - name of the subtree, shown in renderings (e.g. `"Targeted treatment"`)
 * @param build - bindings → the subtree's root node
 * @returns a function bindings → a fresh copy of the subtree
 * @example
 * const treated = subtree("Treated", (b: { pCure: number }) => chance([
 *   { label: "Cured", probability: b.pCure, next: terminal({ qaly: 10 }) },
 *   { label: "Not cured", probability: complement, next: terminal({ qaly: 2 }) },
 * ]));
 * treated({ pCure: 0.7 }).clone // => "Treated"
 */
export function subtree<B, P>(name: string, build: (bindings: B) => TreeNode<P>): (bindings: B) => TreeNode<P> {
  return (bindings: B) => Object.freeze({ ...build(bindings), clone: name });
}
