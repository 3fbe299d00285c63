import type { IssueCollector } from "../../core/errors.js";
import type { NodeRecord } from "./collect-nodes.js";
import { nodePathText } from "./tree-errors.js";

/** One choice made at a nested decision node by a strategy. */
export interface PolicyChoice {
  /** Path of the decision node, e.g. `"Test > Positive"`. */
  readonly decision: string;
  /** The decision's name, when it has one. */
  readonly name?: string;
  /** The option chosen. */
  readonly choice: string;
}

/** A strategy of the tree: a choice at every decision node it reaches. */
export interface Policy {
  readonly name: string;
  /** Decision node id → index of the chosen branch (the root decision included). */
  readonly choices: ReadonlyMap<number, number>;
  /** The nested choices (root excluded), in depth-first order. */
  readonly nested: readonly PolicyChoice[];
}

/** More policies than this is almost surely a modelling error (and an unreadable ICER table). */
export const MAX_STRATEGIES = 1024;

/**
 * Expands nested decisions into strategies: a strategy is a root option plus a choice at every
 * decision node reachable from it, named `"Root option / choice / choice"` in depth-first order.
 * A decision node object reused under several branches is one decision (the same choice applies
 * everywhere); build it twice to decide separately.
 */
export function expandPolicies<P>(records: readonly NodeRecord<P>[], issues: IssueCollector): Policy[] {
  let overflow = false;
  const capped = (list: Map<number, number>[]): Map<number, number>[] => {
    if (list.length <= MAX_STRATEGIES) return list;
    overflow = true;
    return list.slice(0, MAX_STRATEGIES + 1);
  };
  const extend = (id: number, choices: Map<number, number>): Map<number, number>[] => {
    if (id < 0) return [choices];
    const { node, children } = records[id]!;
    if (node.kind === "terminal") return [choices];
    if (node.kind === "chance") return children.reduce<Map<number, number>[]>((acc, child) => capped(acc.flatMap((c) => extend(child, c))), [choices]);
    const chosen = choices.get(id);
    if (chosen !== undefined) return extend(children[chosen]!, choices);
    return capped(children.flatMap((child, index) => (overflow ? [] : extend(child, new Map(choices).set(id, index)))));
  };
  const root = records[0]!;
  if (root.node.kind !== "decision") return [];
  const policies: Policy[] = [];
  for (const [index, child] of root.children.entries()) {
    for (const choices of overflow ? [] : extend(child, new Map([[0, index]]))) {
      const nested: PolicyChoice[] = [];
      for (const [id, option] of choices) {
        if (id === 0) continue;
        const { node, labels } = records[id]!;
        if (node.kind !== "decision") continue;
        nested.push({ decision: nodePathText(labels), ...(node.name === undefined ? {} : { name: node.name }), choice: node.branches[option]!.label });
      }
      const name = [root.node.branches[index]!.label, ...nested.map((c) => c.choice)].join(" / ");
      policies.push({ name, choices, nested });
    }
  }
  if (overflow || policies.length > MAX_STRATEGIES) {
    issues.add({ code: "invalid_model", path: ["root"], message: `nested decisions expand into more than ${MAX_STRATEGIES} strategies; split the decision problem or fix choices that are not in question` });
    return policies.slice(0, MAX_STRATEGIES);
  }
  const seen = new Set<string>();
  for (const policy of policies) {
    if (seen.has(policy.name)) issues.add({ code: "invalid_model", path: ["root"], message: `two strategies are both named "${policy.name}"; labels containing " / " make expanded strategy names ambiguous`, received: policy.name });
    seen.add(policy.name);
  }
  return policies;
}
