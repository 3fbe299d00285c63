import type { Rng } from "../random/rng.js";
import { latinHypercubeColumn } from "../random/latin-hypercube.js";
import { imanConover } from "./iman-conover.js";
import { ParameterTable, type CorrelationReport, type SamplingMethod } from "./parameter-table.js";
import { reportDerived } from "./base-values.js";
import { pearson } from "./spearman.js";
import { namesOf, type CorrelationNode, type SpaceState } from "./space-state.js";

/**
 * Draws `n` samples of every parameter of a space, column by column.
 *
 * Each declared parameter draws from its own substream `rng.stream("parameter:" + name)` and each
 * group from `rng.stream("group:" + name)`, so adding, removing or reordering parameters leaves
 * every other column unchanged. With `"lhs"` a univariate column is the quantile transform of
 * stratified uniforms (one per stratum); groups are always drawn at random. Rank correlations are
 * then induced by Iman–Conover, which only reorders columns; fixed parameters (`fix()`) are then
 * overwritten with their values, and derived parameters are computed draw by draw.
 */
export function sampleParameters(state: SpaceState, n: number, rng: Rng, method: SamplingMethod): ParameterTable {
  const names = namesOf(state);
  const buffer = new Float64Array(names.length * n);
  const position = new Map(names.map((name, i) => [name, i]));
  const column = (name: string): Float64Array => {
    const p = position.get(name)!;
    return buffer.subarray(p * n, (p + 1) * n);
  };

  for (const scalar of state.scalars) {
    const out = column(scalar.name);
    const distribution = scalar.distribution;
    if (distribution === undefined) {
      out.fill(scalar.value!);
      continue;
    }
    const stream = rng.stream(`parameter:${scalar.name}`);
    if (method === "lhs") {
      latinHypercubeColumn(n, stream, out);
      for (let i = 0; i < n; i++) out[i] = distribution.quantile(out[i]!);
    } else {
      if (distribution.fill !== undefined) distribution.fill(stream, out);
      else for (let i = 0; i < n; i++) out[i] = distribution.sample(stream);
    }
  }

  for (const group of state.groups) {
    const stream = rng.stream(`group:${group.name}`);
    const outs = group.components.map(column);
    const k = outs.length;
    const draw = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      group.distribution.sample(stream, draw);
      for (let j = 0; j < k; j++) outs[j]![i] = draw[j]!;
    }
  }

  // Fixed parameters were drawn like the others (so rank correlation pairs the other columns exactly
  // as without fix()) and are overwritten only now; a constant column has no rank correlation.
  const report = correlate(state.correlations, column).map((c) => (state.fixed.has(c.a) || state.fixed.has(c.b) ? { ...c, achieved: Number.NaN } : c));
  for (const [name, value] of state.fixed) column(name).fill(value);

  if (state.derivations.length > 0) deriveColumns(state, names, n, column);

  return new ParameterTable(names, n, buffer, method, report);
}

/** Induces the requested rank correlations block by block (connected sets of correlated parameters). */
function correlate(correlations: readonly CorrelationNode[], column: (name: string) => Float64Array): CorrelationReport[] {
  if (correlations.length === 0) return [];
  const rankOf = new Map<string, Float64Array>();
  for (const block of correlationBlocks(correlations)) {
    const target = blockMatrix(block, (rho) => rho);
    const blockRanks = imanConover(block.names.map(column), target, ["correlations", block.names.join(", ")]);
    block.names.forEach((name, i) => rankOf.set(name, blockRanks[i]!));
  }
  // Spearman's ρ is the Pearson correlation of mid-ranks, which Iman–Conover already returns.
  return correlations.map((c) => ({ a: c.a, b: c.b, target: c.rho, achieved: pearson(rankOf.get(c.a)!, rankOf.get(c.b)!) }));
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
 * Computes derived columns draw by draw. The callbacks receive one frozen view whose getters read
 * the current draw from the columns, so no object is built per draw (a 25-parameter row built per
 * draw cost more than all the sampling); a callback that wants to keep `p` must copy it.
 */
function deriveColumns(state: SpaceState, names: readonly string[], n: number, column: (name: string) => Float64Array): void {
  let draw = 0;
  const view: Record<string, number> = {};
  for (const name of names) {
    const values = column(name);
    Object.defineProperty(view, name, { enumerable: true, get: () => values[draw]! });
  }
  Object.freeze(view);
  const steps = state.derivations.map((d) => ({ fn: d.fn, outputs: d.names.map((name) => [name, column(name)] as const) }));
  for (draw = 0; draw < n; draw++) {
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
