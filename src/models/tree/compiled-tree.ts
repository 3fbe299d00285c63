import type { NodeRecord } from "./collect-nodes.js";
import type { LeafSlot } from "./leaf-slot.js";
import type { Policy } from "./expand-policies.js";
import type { ValueTable } from "./value-table.js";

/** Instance kinds: a terminal, a chance node, a decision with its option chosen. */
export const TERMINAL = 0;
export const CHANCE = 1;
export const CHOSEN = 2;

/**
 * A tree compiled to flat arrays for the per-draw kernel.
 *
 * Payoff rows: one per branch of every distinct node (global branch index), then one per terminal.
 * Instances: a node evaluated under the choices a strategy makes at the decisions below it; nodes
 * with no decision below are one instance shared by every strategy. Instances are in post-order.
 */
export interface CompiledTree<P> {
  readonly title: string;
  readonly outcomes: readonly string[];
  readonly records: readonly NodeRecord<P>[];
  readonly policies: readonly Policy[];
  readonly values: ValueTable<P>;
  /** First global branch index of each distinct node (length nodes + 1). */
  readonly nodeBranchStart: Int32Array;
  /** Distinct chance nodes and the branch index of their complement (-1 if none). */
  readonly chanceNodes: Int32Array;
  readonly chanceComplement: Int32Array;
  /** Per branch: value index of its probability (-1: complement, -2: a decision option). */
  readonly branchProbability: Int32Array;
  /** Terminal index of each distinct node (-1 for other kinds). */
  readonly nodeTerminal: Int32Array;
  readonly terminalCount: number;
  /** Payoff rows: entries [rowEntryStart[r], rowEntryStart[r+1]) add values[entryValue] to outcome entryTarget. */
  readonly rowEntryStart: Int32Array;
  readonly entryValue: Int32Array;
  readonly entryTarget: Int32Array;
  /** Outcomes a row writes (zeroed each draw). */
  readonly rowTouchedStart: Int32Array;
  readonly touched: Int32Array;
  /** Per terminal: leaf slot (-1 if none), strategy index in the model, and outcome map offset. */
  readonly terminalSlot: Int32Array;
  readonly terminalStrategy: Int32Array;
  readonly terminalMapStart: Int32Array;
  /** Model outcome o of terminal t adds to tree outcome outcomeMap[terminalMapStart[t] + o]. */
  readonly outcomeMap: Int32Array;
  readonly slots: readonly LeafSlot[];
  /** Instances in post-order. */
  readonly instanceKind: Uint8Array;
  readonly instanceNode: Int32Array;
  /** Children of instance i: [instanceChildStart[i], instanceChildStart[i+1]) in childBranch / childInstance. */
  readonly instanceChildStart: Int32Array;
  readonly childBranch: Int32Array;
  readonly childInstance: Int32Array;
  /** Root instance of each strategy. */
  readonly strategyRoot: Int32Array;
}
