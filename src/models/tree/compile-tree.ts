import { IssueCollector } from "../../core/errors.js";
import { isComplement } from "../complement.js";
import type { Model } from "../model.js";
import { collectNodes, type NodeRecord } from "./collect-nodes.js";
import type { CompiledTree } from "./compiled-tree.js";
import { expandPolicies } from "./expand-policies.js";
import { compileInstances } from "./compile-instances.js";
import { type LeafSlot, leafSlot } from "./leaf-slot.js";
import { treeOutcomes, type TreeOutcomes } from "./tree-outcomes.js";
import type { BranchValues, DecisionNode, LeafModel, TerminalNode, Value } from "./tree-types.js";
import { ValueTable } from "./value-table.js";

/** Validates a tree (every issue at once) and compiles it to the flat arrays of {@link CompiledTree}. */
export function compileTree<P>(title: string, root: DecisionNode<P>): CompiledTree<P> {
  const issues = new IssueCollector();
  const records = collectNodes(root, issues);
  issues.throwIfAny(`decision tree "${title}"`);
  const outcomes = treeOutcomes(records, issues);
  const policies = expandPolicies(records, issues);
  issues.throwIfAny(`decision tree "${title}"`);

  const values = new ValueTable<P>();
  const rows = new RowBuilder();
  const nodeBranchStart: number[] = [];
  const branchProbability: number[] = [];
  const chanceNodes: number[] = [];
  const chanceComplement: number[] = [];
  const nodeTerminal: number[] = [];
  const terminals: { record: NodeRecord<P>; node: TerminalNode<P> }[] = [];
  let branches = 0;
  for (const record of records) {
    const { node, labels } = record;
    nodeBranchStart.push(branches);
    nodeTerminal.push(node.kind === "terminal" ? terminals.length : -1);
    if (node.kind === "terminal") {
      terminals.push({ record, node });
      continue;
    }
    if (node.kind === "chance") {
      chanceNodes.push(record.id);
      const complementAt = node.branches.findIndex((b) => isComplement(b.probability));
      chanceComplement.push(complementAt < 0 ? -1 : branches + complementAt);
    }
    for (const branch of node.branches) {
      const at = [...labels, branch.label];
      const probability: unknown = "probability" in branch ? branch.probability : undefined;
      branchProbability.push(node.kind === "decision" ? -2 : isComplement(probability) ? -1 : values.add(probability as Value<P>, at, ["probability"]));
      rows.addBranch(branch, at, values, outcomes);
      branches++;
    }
  }
  nodeBranchStart.push(branches);

  const slots: LeafSlot[] = [];
  const slotKeys = new Map<string, number>();
  const terminalSlot: number[] = [];
  const terminalStrategy: number[] = [];
  const terminalMapStart: number[] = [];
  const outcomeMap: number[] = [];
  const identity = new Identity();
  for (const { record, node } of terminals) {
    rows.addBranch(node, record.labels, values, outcomes);
    const leaf = node.model;
    terminalMapStart.push(outcomeMap.length);
    if (leaf === undefined) {
      terminalSlot.push(-1);
      terminalStrategy.push(0);
      continue;
    }
    const targets = leaf.model.outcomes.map((name) => outcomes.names.indexOf(name));
    outcomeMap.push(...targets);
    rows.touch(targets);
    terminalStrategy.push(leaf.strategy === undefined ? 0 : leaf.model.strategies.indexOf(leaf.strategy));
    const key = slotKey(leaf, identity);
    let slot = slotKeys.get(key);
    if (slot === undefined) {
      slot = slots.length;
      slotKeys.set(key, slot);
      slots.push(newSlot(leaf, record.labels, values, slots));
    }
    terminalSlot.push(slot);
  }
  terminalMapStart.push(outcomeMap.length);

  const instances = compileInstances(records, policies);
  return {
    title,
    outcomes: outcomes.names,
    records,
    policies,
    values,
    nodeBranchStart: Int32Array.from(nodeBranchStart),
    chanceNodes: Int32Array.from(chanceNodes),
    chanceComplement: Int32Array.from(chanceComplement),
    branchProbability: Int32Array.from(branchProbability),
    nodeTerminal: Int32Array.from(nodeTerminal),
    terminalCount: terminals.length,
    ...rows.arrays(),
    terminalSlot: Int32Array.from(terminalSlot),
    terminalStrategy: Int32Array.from(terminalStrategy),
    terminalMapStart: Int32Array.from(terminalMapStart),
    outcomeMap: Int32Array.from(outcomeMap),
    slots,
    ...instances,
  };
}

/** Collects payoff rows: (value, target outcome) entries and the outcomes each row writes. */
class RowBuilder {
  private readonly entryStart: number[] = [0];
  private readonly entryValue: number[] = [];
  private readonly entryTarget: number[] = [];
  private readonly touchedStart: number[] = [0];
  private readonly touchedList: number[] = [];

  addBranch<P>(branch: BranchValues<P>, labels: readonly string[], values: ValueTable<P>, outcomes: TreeOutcomes): void {
    const touched = new Set<number>();
    const add = (value: number | ((p: P) => number), targets: readonly number[], tail: (string | number)[]): void => {
      const index = values.add(value, labels, tail);
      for (const target of targets) {
        this.entryValue.push(index);
        this.entryTarget.push(target);
        touched.add(target);
      }
    };
    for (const [name, value] of Object.entries(branch.payoffs ?? {})) add(value, outcomes.targets(name, false), ["payoffs", name]);
    for (const [name, value] of Object.entries(branch.counts ?? {})) add(value, outcomes.targets(name, true), ["counts", name]);
    if (branch.time !== undefined) add(branch.time, outcomes.targets("time", false), ["time"]);
    this.entryStart.push(this.entryValue.length);
    this.touchedList.push(...touched);
    this.touchedStart.push(this.touchedList.length);
  }

  /** Adds outcomes to the last row's written set (a terminal's model outcomes). */
  touch(targets: readonly number[]): void {
    const last = new Set(this.touchedList.slice(this.touchedStart[this.touchedStart.length - 2]!));
    for (const target of targets) if (!last.has(target)) {
      last.add(target);
      this.touchedList.push(target);
    }
    this.touchedStart[this.touchedStart.length - 1] = this.touchedList.length;
  }

  arrays(): Pick<CompiledTree<unknown>, "rowEntryStart" | "entryValue" | "entryTarget" | "rowTouchedStart" | "touched"> {
    return {
      rowEntryStart: Int32Array.from(this.entryStart),
      entryValue: Int32Array.from(this.entryValue),
      entryTarget: Int32Array.from(this.entryTarget),
      rowTouchedStart: Int32Array.from(this.touchedStart),
      touched: Int32Array.from(this.touchedList),
    };
  }
}

/** Numbers objects and functions by identity, to key leaf inputs. */
class Identity {
  private readonly ids = new Map<unknown, number>();
  of(value: unknown): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.ids.size));
    return id;
  }
}

function valueKey(value: unknown, identity: Identity): string {
  return typeof value === "number" ? `n${value}` : `f${identity.of(value)}`;
}

/** Leaves with the same model, the same start (numbers equal or the same functions) and start time share one evaluation. */
function slotKey<P>(leaf: LeafModel<P>, identity: Identity): string {
  const start = Object.entries(leaf.start ?? {}).map(([state, value]) => `${JSON.stringify(state)}=${valueKey(value, identity)}`).join(",");
  return `${identity.of(leaf.model)}|${start}|${leaf.startTime === undefined ? "" : valueKey(leaf.startTime, identity)}`;
}

function newSlot<P>(leaf: LeafModel<P>, labels: readonly string[], values: ValueTable<P>, slots: readonly LeafSlot[]): LeafSlot {
  const startNames = Object.keys(leaf.start ?? {});
  const startValues = startNames.map((state) => values.add(leaf.start![state]!, labels, ["start", state]));
  const startTime = leaf.startTime === undefined ? -1 : values.add(leaf.startTime, labels, ["startTime"]);
  const candidates = slots.flatMap((slot, i) => (slot.model === leaf.model && slot.startNames.join("\u0000") === startNames.join("\u0000") ? [i] : []));
  return leafSlot(leaf.model as Model<unknown, string>, labels, startNames, startValues, startTime, candidates);
}
