import type { Rng } from "../random/rng.js";
import { latinHypercubeColumn } from "../random/latin-hypercube.js";
import { imanConover } from "./iman-conover.js";
import { ParameterTable, type CorrelationReport, type SamplingMethod } from "./parameter-table.js";
import { reportDerived } from "./base-values.js";
import { pearson } from "./spearman.js";
import { namesOf, type CorrelationNode, type SpaceState } from "./space-state.js";

/**
 * Draws the samples of every parameter of a space, column by column, running the steps of a
 * {@link columnSampling} one after another.
 *
 * Each declared parameter draws from its own substream `rng.stream("parameter:" + name)` and each
 * group from `rng.stream("group:" + name)`, so adding, removing or reordering parameters leaves
 * every other column unchanged. With `"lhs"` a univariate column is the quantile transform of
 * stratified uniforms (one per stratum); groups are always drawn at random. Rank correlations are
 * then induced by Iman–Conover, which only reorders columns; fixed parameters (`fix()`) are then
 * overwritten with their values, and derived parameters are computed draw by draw.
 */
export function sampleParameters(plan: ColumnSampling): ParameterTable {
  const buffer = new Float64Array(plan.names.length * plan.size);
  for (let k = 0; k < plan.columnTasks; k++) plan.sampleColumns(k, buffer);
  const reports = Array.from({ length: plan.correlationTasks }, (_, k) => plan.correlate(k, buffer));
  plan.completeRows(0, plan.size, buffer);
  return plan.table(buffer, reports.flat());
}

/** One requested correlation's report, with its place among the space's correlations. */
export interface IndexedCorrelationReport extends CorrelationReport {
  /** Index of the pair among the space's requested correlations. */
  readonly index: number;
}

/**
 * The sampling of `ParameterSpace.sample` cut into steps that may run on several threads over one
 * shared buffer (`names.length × size`, parameter-major): first every column task (a declared
 * distribution or a group: each reads only its own named stream), then every correlation block
 * (Iman–Conover reorders only the block's columns), then the rows (fixed values, derived
 * parameters), in any split of [0, size). Each step touches what no other step of its phase
 * touches, so any order and any threads give the buffer of `sample`, bit for bit.
 */
export interface ColumnSampling {
  /** Parameter names, in table order. */
  readonly names: readonly string[];
  /** Number of draws. */
  readonly size: number;
  /** Sampling method. */
  readonly method: SamplingMethod;
  /** Number of column tasks (phase 1). */
  readonly columnTasks: number;
  /** Samples the columns of column task `task` into `buffer`. */
  sampleColumns(task: number, buffer: Float64Array): void;
  /** Number of correlation blocks (phase 2). */
  readonly correlationTasks: number;
  /** Induces the correlations of block `task` and reports them. */
  correlate(task: number, buffer: Float64Array): IndexedCorrelationReport[];
  /** Fixed values and derived parameters of draws `from` to `to` (phase 3). */
  completeRows(from: number, to: number, buffer: Float64Array): void;
  /** The finished table over `buffer`, with the blocks' reports in the order the correlations were requested. */
  table(buffer: Float64Array, reports: readonly IndexedCorrelationReport[]): ParameterTable;
}

/** The steps of {@link sampleParameters} for `n` draws (nothing is sampled until a step runs). */
export function columnSampling(state: SpaceState, n: number, rng: Rng, method: SamplingMethod): ColumnSampling {
  const names = namesOf(state);
  const position = new Map(names.map((name, i) => [name, i]));
  const columnOf = (buffer: Float64Array) => (name: string): Float64Array => {
    const p = position.get(name)!;
    return buffer.subarray(p * n, (p + 1) * n);
  };
  const blocks = correlationBlocks(state.correlations);
  const indexOf = new Map(state.correlations.map((c, k) => [c, k]));

  return {
    names,
    size: n,
    method,
    columnTasks: state.scalars.length + state.groups.length,
    sampleColumns(task, buffer) {
      const column = columnOf(buffer);
      if (task < state.scalars.length) {
        const scalar = state.scalars[task]!;
        const out = column(scalar.name);
        const distribution = scalar.distribution;
        if (distribution === undefined) {
          out.fill(scalar.value!);
          return;
        }
        const stream = rng.stream(`parameter:${scalar.name}`);
        if (method === "lhs") {
          latinHypercubeColumn(n, stream, out);
          for (let i = 0; i < n; i++) out[i] = distribution.quantile(out[i]!);
        } else if (distribution.fill !== undefined) distribution.fill(stream, out);
        else for (let i = 0; i < n; i++) out[i] = distribution.sample(stream);
        return;
      }
      const group = state.groups[task - state.scalars.length]!;
      const stream = rng.stream(`group:${group.name}`);
      const outs = group.components.map(column);
      const k = outs.length;
      const draw = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        group.distribution.sample(stream, draw);
        for (let j = 0; j < k; j++) outs[j]![i] = draw[j]!;
      }
    },
    correlationTasks: blocks.length,
    correlate(task, buffer) {
      const block = blocks[task]!;
      const column = columnOf(buffer);
      const target = blockMatrix(block, (rho) => rho);
      const ranks = imanConover(block.names.map(column), target, ["correlations", block.names.join(", ")]);
      // Spearman's ρ is the Pearson correlation of mid-ranks, which Iman–Conover already returns.
      // A fixed parameter (fix()) is a constant column: it has no rank correlation.
      const rankOf = (name: string): Float64Array => ranks[block.names.indexOf(name)]!;
      return block.pairs.map((c) => ({
        index: indexOf.get(c)!,
        a: c.a,
        b: c.b,
        target: c.rho,
        achieved: state.fixed.has(c.a) || state.fixed.has(c.b) ? Number.NaN : pearson(rankOf(c.a), rankOf(c.b)),
      }));
    },
    completeRows(from, to, buffer) {
      // Fixed parameters were drawn like the others (so rank correlation pairs the other columns
      // exactly as without fix()) and are overwritten only now.
      const column = columnOf(buffer);
      for (const [name, value] of state.fixed) column(name).fill(value, from, to);
      if (state.derivations.length > 0) deriveRows(state, names, from, to, column);
    },
    table(buffer, reports) {
      const ordered = [...reports].sort((a, b) => a.index - b.index).map(({ a, b, target, achieved }) => ({ a, b, target, achieved }));
      return new ParameterTable(names, n, buffer, method, ordered);
    },
  };
}

/**
 * The k × k correlation matrix of a block (row-major): 1 on the diagonal, `transform(ρ)` for each
 * listed pair, 0 for unlisted pairs.
 */
export function blockMatrix(block: { readonly names: readonly string[]; readonly pairs: readonly CorrelationNode[] }, transform: (rho: number) => number): Float64Array {
  const k = block.names.length;
  const matrix = new Float64Array(k * k);
  for (let i = 0; i < k; i++) matrix[i * k + i] = 1;
  for (const c of block.pairs) {
    const i = block.names.indexOf(c.a);
    const j = block.names.indexOf(c.b);
    matrix[i * k + j] = matrix[j * k + i] = transform(c.rho);
  }
  return matrix;
}

/** Groups correlation pairs into connected blocks; unrelated blocks are rearranged separately. */
export function correlationBlocks(correlations: readonly CorrelationNode[]): { names: string[]; pairs: CorrelationNode[] }[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  for (const c of correlations) {
    for (const name of [c.a, c.b]) if (!parent.has(name)) parent.set(name, name);
    parent.set(find(c.a), find(c.b));
  }
  const blocks = new Map<string, { names: string[]; pairs: CorrelationNode[] }>();
  for (const name of parent.keys()) {
    const root = find(name);
    if (!blocks.has(root)) blocks.set(root, { names: [], pairs: [] });
    blocks.get(root)!.names.push(name);
  }
  for (const c of correlations) blocks.get(find(c.a))!.pairs.push(c);
  return [...blocks.values()];
}

/**
 * Computes derived columns draw by draw, for draws `from` to `to`. The callbacks receive one
 * frozen view whose getters read the current draw from the columns, so no object is built per draw
 * (a 25-parameter row built per draw cost more than all the sampling); a callback that wants to
 * keep `p` must copy it.
 */
function deriveRows(state: SpaceState, names: readonly string[], from: number, to: number, column: (name: string) => Float64Array): void {
  let draw = from;
  const view: Record<string, number> = {};
  for (const name of names) {
    const values = column(name);
    Object.defineProperty(view, name, { enumerable: true, get: () => values[draw]! });
  }
  Object.freeze(view);
  const steps = state.derivations.map((d) => ({ fn: d.fn, outputs: d.names.map((name) => [name, column(name)] as const) }));
  for (draw = from; draw < to; draw++) {
    for (const { fn, outputs } of steps) {
      const result = fn(view);
      for (const [name, out] of outputs) {
        const value = result[name];
        if (typeof value !== "number" || !Number.isFinite(value)) reportDerived(name, value, draw);
        out[draw] = value;
      }
    }
  }
}
