import type { Model, ParameterValues } from "../models/model.js";
import type { ReportInput, SurvivalSeries, TraceSeries } from "../report/report-input.js";

/** What a detailed base-case run looks like, whatever engine produced it (Markov cohort, partitioned survival). */
interface DetailedRun {
  readonly states: readonly string[];
  readonly endpoints?: readonly string[];
  readonly cycleLength?: number;
  readonly times?: Float64Array;
  readonly strategies: Readonly<
    Record<
      string,
      {
        readonly trace?: readonly Readonly<Record<string, number>>[];
        readonly survival?: Readonly<Record<string, Float64Array>>;
        readonly clampedSurvival?: Readonly<Record<string, Float64Array>>;
      }
    >
  >;
}

/** The parts of a tree definition this file walks: nodes with branches, terminals with a leaf model. */
interface WalkedNode {
  readonly branches?: readonly { readonly next: WalkedNode }[];
  readonly model?: { readonly model: Model<ParameterValues> };
}

type RunnableModel = Model<ParameterValues> & { run(params: ParameterValues): unknown };

/**
 * The distinct models entered at the leaves of a decision tree (`terminal(model, …)`), in the order
 * they are first met depth-first, each once however many leaves enter it.
 * @internal
 */
export function leafModels(root: unknown): Model<ParameterValues>[] {
  const found = new Set<Model<ParameterValues>>();
  const seen = new Set<unknown>();
  const walk = (node: WalkedNode): void => {
    // Shared subtree objects are walked once: a tree of thousands of nodes has few distinct ones.
    if (seen.has(node)) return;
    seen.add(node);
    if (node.model !== undefined) found.add(node.model.model);
    for (const branch of node.branches ?? []) walk(branch.next);
  };
  if (typeof root === "object" && root !== null) walk(root as WalkedNode);
  return [...found];
}

/**
 * The base-case detail a report draws (cohort traces, survival curves, the tree diagram), from
 * the optional detailed-run methods models offer: `rollback(params)` (decision trees) and
 * `run(params)` (Markov cohort and partitioned survival models). For a decision tree, the models
 * at its leaves are run as well, each once. It reads only those documented result shapes, never
 * the model's kind, so a model without them simply has no detail.
 *
 * A run with survival curves (partitioned survival) gives survival panels with the states shaded
 * and no separate trace: its trace is exactly the areas between the curves.
 * @internal
 */
export function baseCaseDetail(model: Model<ParameterValues>, params: ParameterValues): Pick<ReportInput, "traces" | "survival" | "treeRollback"> {
  const candidate = model as unknown as { rollback?: (p: ParameterValues) => NonNullable<ReportInput["treeRollback"]>; root?: unknown };
  if (typeof candidate.rollback === "function") {
    const treeRollback = candidate.rollback(params);
    const leaves = leafModels(candidate.root).filter((leaf): leaf is RunnableModel => typeof (leaf as Partial<RunnableModel>).run === "function");
    const traces: TraceSeries[] = [];
    const survival: SurvivalSeries[] = [];
    for (const leaf of leaves) {
      const detail = runDetail(leaf, params, leaves.length > 1 ? `${leaf.title}: ` : "");
      traces.push(...(detail.traces ?? []));
      survival.push(...(detail.survival ?? []));
    }
    return { treeRollback, ...(traces.length === 0 ? {} : { traces }), ...(survival.length === 0 ? {} : { survival }) };
  }
  if (typeof (candidate as Partial<RunnableModel>).run !== "function") return {};
  return runDetail(model as RunnableModel, params, "");
}

/** Traces and survival curves of one model's detailed run, strategy names prefixed with `prefix`. */
function runDetail(model: RunnableModel, params: ParameterValues, prefix: string): Pick<ReportInput, "traces" | "survival"> {
  const run = model.run(params) as Partial<DetailedRun> | undefined;
  if (run === undefined || run === null || !Array.isArray(run.states) || typeof run.strategies !== "object" || run.strategies === null) return {};
  const { states, times, endpoints } = run;
  const cycleLength = run.cycleLength ?? (times !== undefined && times.length > 1 ? times[1]! - times[0]! : 1);
  const traces: TraceSeries[] = [];
  const survival: SurvivalSeries[] = [];
  for (const [strategy, detail] of Object.entries(run.strategies)) {
    // The clamped curves are what the state occupancies use, so the shaded areas are the trace.
    const curves = detail.clampedSurvival ?? detail.survival;
    if (curves !== undefined && times !== undefined) {
      const names = endpoints ?? Object.keys(curves);
      survival.push({
        arm: `${prefix}${strategy}`,
        times,
        curves: names.filter((name) => curves[name] !== undefined).map((name) => ({ name, values: curves[name]! })),
        ...(states.length === names.length + 1 ? { states } : {}),
      });
      continue;
    }
    const trace = detail.trace;
    if (Array.isArray(trace)) traces.push({ strategy: `${prefix}${strategy}`, cycleLength, states, proportions: states.map((state) => Float64Array.from(trace, (row) => row[state] ?? 0)) });
  }
  return { ...(traces.length === 0 ? {} : { traces }), ...(survival.length === 0 ? {} : { survival }) };
}
