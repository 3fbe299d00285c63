import type { IssueCollector } from "../../core/errors.js";
import type { NodeRecord } from "./collect-nodes.js";
import { nodeIssuePath } from "./tree-errors.js";
import type { BranchValues } from "./tree-types.js";

/** The outcomes of a tree and where each payoff name adds. */
export interface TreeOutcomes {
  /** Outcome names: `cost` and `qaly` first when present, then the others in order of appearance, counts last. */
  readonly names: readonly string[];
  /** Indices into `names` that a payoff or count with this name adds to. */
  targets(name: string, isCount: boolean): readonly number[];
}

/** A cost category (`costTesting`) also adds to the total `cost` (naming convention of model.ts). */
export function isCostCategory(name: string): boolean {
  return /^cost[A-Z]/.test(name) && !name.endsWith("Undiscounted") && !ANNUAL.test(name);
}

/** An annual cost output of a leaf model (`costDrugYear3`: undiscounted, year 3 since the start). */
const ANNUAL = /^cost(?:[A-Z]\w*)?Year(\d+)$/;

/**
 * Collects the outcome names of a tree: payoff names on branches and terminals, `time` when any
 * branch has time, `cost` when a cost category appears, every leaf model's outcomes, annual twins
 * (`costTestingYear1` …) of the cost payoffs when a leaf model reports cost by year, and the
 * counts. Reports a count whose name is also a payoff or model outcome (they would add up).
 */
export function treeOutcomes<P>(records: readonly NodeRecord<P>[], issues: IssueCollector): TreeOutcomes {
  const values = new Set<string>();
  const counts = new Map<string, readonly string[]>();
  const addValues = (names: Iterable<string>): void => {
    for (const name of names) {
      if (isCostCategory(name)) values.add("cost");
      values.add(name);
    }
  };
  const addBranch = (branch: BranchValues<P>, labels: readonly string[]): void => {
    addValues(Object.keys(branch.payoffs ?? {}));
    if (branch.time !== undefined) values.add("time");
    for (const name of Object.keys(branch.counts ?? {})) if (!counts.has(name)) counts.set(name, labels);
  };
  for (const { node, labels } of records) {
    if (node.kind === "terminal") {
      addBranch(node, labels);
      if (node.model !== undefined) addValues(node.model.model.outcomes);
    } else if (Array.isArray(node.branches)) {
      for (const branch of node.branches) addBranch(branch, [...labels, branch.label]);
    }
  }
  for (const [name, labels] of counts) {
    if (values.has(name)) issues.add({ code: "invalid_model", path: nodeIssuePath(labels), message: `"${name}" is both a count and a payoff or model outcome; give the count its own name`, received: name });
  }
  // Leaf models reporting cost by year: the tree's own cost payoffs (testing) count in year 1, and
  // get annual outputs of their own for every year the leaves report.
  const years = annualYearsOf(values);
  if (years > 0) {
    checkAnnualYears(records, years, issues);
    for (const name of [...values]) {
      if (name !== "cost" && !isCostCategory(name)) continue;
      for (let y = 1; y <= years; y++) values.add(`${name}Year${y}`);
    }
  }
  const first = ["cost", "qaly"].filter((name) => values.has(name));
  const names = [...first, ...[...values].filter((name) => !first.includes(name)), ...[...counts.keys()].filter((name) => !values.has(name))];
  const index = new Map(names.map((name, i) => [name, i]));
  return {
    names,
    targets(name: string, isCount: boolean): readonly number[] {
      if (isCount) return [index.get(name)!];
      const direct = isCostCategory(name) ? [name, "cost"] : [name];
      // A tree payoff happens at the time of the tree (undiscounted), so it also adds to the undiscounted twin.
      const twins = name.endsWith("Undiscounted") ? [] : [...direct.map((n) => `${n}Undiscounted`), ...direct.map((n) => `${n}Year1`)].filter((n) => index.has(n));
      return [...direct, ...twins].map((n) => index.get(n)!);
    },
  };
}

/** Years of annual cost outputs among outcome names (0: none). */
function annualYearsOf(outcomes: Iterable<string>): number {
  let years = 0;
  for (const name of outcomes) years = Math.max(years, Number(ANNUAL.exec(name)?.[1] ?? 0));
  return years;
}

/**
 * Every leaf model with costs must report as many years of cost by year as the longest: one without
 * them (or with fewer) would leave its costs out of the budget-impact years silently, its per-person
 * costs still counted in `cost`.
 */
function checkAnnualYears<P>(records: readonly NodeRecord<P>[], years: number, issues: IssueCollector): void {
  for (const { node, labels } of records) {
    if (node.kind !== "terminal" || node.model === undefined) continue;
    const outcomes = node.model.model.outcomes;
    if (!outcomes.some((name) => name === "cost" || isCostCategory(name))) continue;
    const own = annualYearsOf(outcomes);
    if (own === years) continue;
    issues.add({
      code: "invalid_model",
      path: nodeIssuePath(labels),
      message: `this leaf's model reports cost by year for ${own} years, another leaf's model for ${years}: the annual costs (budget impact) would leave out this leaf's costs${own === 0 ? "" : ` after year ${own}`}; give every leaf model the same costByYear (${years})`,
      received: own,
    });
  }
}
