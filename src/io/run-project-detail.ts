import type { Model, ParameterValues } from "../models/model.js";
import type { ReportInput, SurvivalSeries, TraceSeries } from "../report/report-input.js";

/**
 * Largest tree (nodes over all strategies) handed to the report's tree diagram: a diagram of a
 * bigger tree is unreadable and weighs megabytes (the NSCLC gene-panel tree has thousands of nodes).
 */
export const TREE_DIAGRAM_MAX_NODES = 300;

interface CountedNode {
  readonly branches: readonly { readonly node: CountedNode }[];
}

function nodeCount(node: CountedNode): number {
  let count = 1;
  for (const branch of node.branches) count += nodeCount(branch.node);
  return count;
}

/** What a detailed base-case run looks like, whatever engine produced it (Markov cohort, partitioned survival). */
interface DetailedRun {
  readonly states: readonly string[];
  readonly cycleLength?: number;
  readonly times?: Float64Array;
  readonly strategies: Readonly<Record<string, { readonly trace?: readonly Readonly<Record<string, number>>[]; readonly survival?: Readonly<Record<string, Float64Array>> }>>;
}

/**
 * The base-case detail a report draws (cohort traces, survival curves, the tree diagram), from
 * the optional detailed-run methods models offer: `rollback(params)` (decision trees) and
 * `run(params)` (Markov cohort and partitioned survival models). It reads only those documented
 * result shapes, never the model's kind, so a model without them simply has no detail.
 * @internal
 */
export function baseCaseDetail(model: Model<ParameterValues>, params: ParameterValues): Pick<ReportInput, "traces" | "survival" | "treeRollback"> {
  const candidate = model as unknown as { rollback?: (p: ParameterValues) => NonNullable<ReportInput["treeRollback"]>; run?: (p: ParameterValues) => unknown };
  if (typeof candidate.rollback === "function") {
    const rollback = candidate.rollback(params);
    return Object.values(rollback.strategies).reduce((sum, node) => sum + nodeCount(node), 0) <= TREE_DIAGRAM_MAX_NODES ? { treeRollback: rollback } : {};
  }
  if (typeof candidate.run !== "function") return {};
  const run = candidate.run(params) as Partial<DetailedRun> | undefined;
  if (run === undefined || !Array.isArray(run.states) || typeof run.strategies !== "object" || run.strategies === null) return {};
  const { states } = run;
  const times = run.times;
  const cycleLength = run.cycleLength ?? (times !== undefined && times.length > 1 ? times[1]! - times[0]! : 1);
  const traces: TraceSeries[] = [];
  const survival: SurvivalSeries[] = [];
  for (const [strategy, detail] of Object.entries(run.strategies)) {
    const trace = detail.trace;
    if (Array.isArray(trace)) traces.push({ strategy, cycleLength, states, proportions: states.map((state) => Float64Array.from(trace, (row) => row[state] ?? 0)) });
    if (detail.survival !== undefined && times !== undefined) {
      survival.push({ arm: strategy, times, curves: Object.entries(detail.survival).map(([name, values]) => ({ name, values })) });
    }
  }
  return { ...(traces.length === 0 ? {} : { traces }), ...(survival.length === 0 ? {} : { survival }) };
}
