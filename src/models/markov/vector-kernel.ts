import type { CompiledMarkov } from "./compile-markov.js";
import { BY_BOTH, BY_CYCLE, BY_STATE_TIME, COMPLEMENT, CONSTANT, type TransitionArrayPlan, badEntry, rowProblem } from "./fill-transition-arrays.js";
import type { ErrorSite } from "./markov-errors.js";
import { compileReader } from "./shape-readers.js";

/**
 * One cycle of the vector loop specialised to a plan's shape: moves `current` into `next` (which
 * must be zero), reading each occupied row from the arrays `A` (constants from `C`), checking what
 * it reads; with `weighted`, also adds trace row `row` (= cycle − 1) to the weighted trace.
 */
export type VectorKernel = (row: number, current: Float64Array, next: Float64Array, A: readonly (ArrayLike<number> | undefined)[], C: Float64Array, reach: Int32Array, inert: Uint8Array, costWeighted: Float64Array, effectWeighted: Float64Array, undiscounted: Float64Array, costCoefficient: number, effectCoefficient: number, undiscountedCoefficient: number, weighted: boolean) => void;

/** Kernel generations per strategy before the interpreted step is kept for good (shapes that keep changing). */
const MAX_GENERATIONS = 8;

/**
 * Per strategy, the kernel generated for the shape of its last plan (entry kinds, destinations and
 * their order): the interpreted step's loop over entries and its kind tests cost about 40× the
 * arithmetic of a row; the generated kernel has one straight line of code per entry. The code is
 * built from integers only (no user text); arrays and constants reach it as arguments.
 */
export class VectorKernels {
  private readonly kernels: (VectorKernel | undefined)[];
  private readonly generations: Int32Array;
  /** Whether the cost and effect row coefficients are equal (the kernels then leave the effect-weighted trace to a copy). */
  readonly sameCoefficients: boolean;
  private readonly shapes: { kind: Uint8Array; to: Int32Array; entryStart: Int32Array; dest: Int32Array; destStart: Int32Array }[];

  constructor(private readonly model: CompiledMarkov, private readonly site: ErrorSite) {
    const strategies = model.strategies.length;
    const states = model.states.length;
    this.kernels = new Array<VectorKernel | undefined>(strategies).fill(undefined);
    this.generations = new Int32Array(strategies);
    this.sameCoefficients = sameCoefficients(model);
    this.shapes = model.strategies.map(() => ({ kind: new Uint8Array(states * states), to: new Int32Array(states * states), entryStart: new Int32Array(states + 1), dest: new Int32Array(states * (states + 1)), destStart: new Int32Array(states + 1) }));
  }

  /** The kernel for the plan's shape, generated when the shape is new; undefined when code generation is not available. */
  kernelFor(strategy: number, plan: TransitionArrayPlan): VectorKernel | undefined {
    const shape = this.shapes[strategy]!;
    const states = this.model.states.length;
    const kernel = this.kernels[strategy];
    if (kernel !== undefined && sameShape(plan, shape, states)) return kernel;
    if (this.generations[strategy]! >= MAX_GENERATIONS) return (this.kernels[strategy] = undefined);
    this.generations[strategy]!++;
    shape.entryStart.set(plan.entryStart);
    shape.destStart.set(plan.destStart);
    shape.kind.set(plan.kind);
    shape.to.set(plan.to);
    shape.dest.set(plan.dest);
    return (this.kernels[strategy] = generate(this.model, plan, this.site));
  }
}

function sameShape(plan: TransitionArrayPlan, shape: { kind: Uint8Array; to: Int32Array; entryStart: Int32Array; dest: Int32Array; destStart: Int32Array }, states: number): boolean {
  for (let i = 0; i <= states; i++) if (plan.entryStart[i] !== shape.entryStart[i] || plan.destStart[i] !== shape.destStart[i]) return false;
  const entries = plan.entryStart[states]!;
  for (let n = 0; n < entries; n++) if (plan.kind[n] !== shape.kind[n] || plan.to[n] !== shape.to[n]) return false;
  const dests = plan.destStart[states]!;
  for (let d = 0; d < dests; d++) if (plan.dest[d] !== shape.dest[d]) return false;
  return true;
}

function generate(model: CompiledMarkov, plan: TransitionArrayPlan, site: ErrorSite): VectorKernel | undefined {
  const lines: string[] = ['"use strict";', "return function vectorKernel(row, cur, next, A, C, reach, inert, cw, ew, uw, cc, ec, uc, weighted) {", "let m, e, sum, rest, x;", "const low = -tol, high = 1 + tol;"];
  for (let from = 0; from < model.states.length; from++) {
    const tunnel = model.tunnel[from]!;
    const base = model.base[from]!;
    const last = tunnel - 1;
    const first = plan.entryStart[from]!;
    const end = plan.entryStart[from + 1]!;
    lines.push("{");
    // Per cycle: constants and by-cycle entries (checked once), array references of the others.
    for (let n = first; n < end; n++) {
      const kind = plan.kind[n]!;
      if (kind === CONSTANT) lines.push(`const v${n} = C[${n}], w${n} = v${n} > 0 ? v${n} : 0;`);
      else if (kind === BY_CYCLE) lines.push(`const v${n} = A[${n}][row];`, `if (typeof v${n} !== "number" || !(v${n} >= low && v${n} <= high)) bad(${from}, ${plan.to[n]!}, 0, v${n});`, `const w${n} = v${n} > 0 ? v${n} : 0;`);
      else if (kind === BY_STATE_TIME || kind === BY_BOTH) lines.push(`const a${n} = A[${n}];`);
    }
    const position = tunnel === 1 ? "0" : "p";
    // In a tunnel's loop, the flows into other states add up in locals, term by term in the same
    // order as into next[] (loaded before, stored after): the same sums without a store and a load per term.
    const local = tunnel > 1;
    const outside: number[] = [];
    for (let d = plan.destStart[from]!; d < plan.destStart[from + 1]!; d++) if (plan.dest[d] !== from) outside.push(plan.dest[d]!);
    if (local) for (const to of outside) lines.push(`let n${to} = next[${model.base[to]!}];`);
    if (tunnel === 1) lines.push(`e = ${base}; m = cur[e]; if (m !== 0) do {`);
    else lines.push(`const hi = reach[${from}];`, `for (let p = 0; p <= hi; p++) { e = ${base} + p; m = cur[e]; if (m === 0) continue;`);
    // With equal cost and effect coefficients the effect-weighted trace is the cost-weighted one: vectorLoop copies it at the end.
    lines.push(`if (weighted) { if (inert[e] === 1) { cur[e] = 0; ${tunnel === 1 ? "break" : "continue"}; } cw[e] += cc * m; ${sameCoefficients(model) ? "" : "ew[e] += ec * m; "}uw[e] += uc * m; }`);
    lines.push("sum = 0;");
    let complementTo = -1;
    const probabilityOf = new Map<number, string>();
    for (let n = first; n < end; n++) {
      const kind = plan.kind[n]!;
      const to = plan.to[n]!;
      if (kind === COMPLEMENT) {
        complementTo = to;
        continue;
      }
      if (kind === CONSTANT || kind === BY_CYCLE) {
        lines.push(`sum += v${n};`);
        probabilityOf.set(to, `w${n}`);
        continue;
      }
      const index = kind === BY_STATE_TIME ? position : `row * ${tunnel} + ${position}`;
      lines.push(`x = a${n}[${index}];`, `if (typeof x !== "number" || !(x >= low && x <= high)) bad(${from}, ${to}, ${position}, x);`, `const w${n} = x > 0 ? x : 0; sum += x;`);
      probabilityOf.set(to, `w${n}`);
    }
    if (complementTo >= 0) {
      lines.push(`rest = 1 - sum; if (rest < low) rowBad(${from}, ${position}, sum, ${complementTo});`, "const wc = rest > 0 ? rest : 0;");
      probabilityOf.set(complementTo, "wc");
    } else lines.push(`if (Math.abs(sum - 1) > tol) rowBad(${from}, ${position}, sum, -1);`);
    lines.push("cur[e] = 0;");
    for (let d = plan.destStart[from]!; d < plan.destStart[from + 1]!; d++) {
      const to = plan.dest[d]!;
      const probability = probabilityOf.get(to);
      if (probability === undefined) continue;
      const column = to === from ? (last === 0 ? `${base}` : `${base} + (p < ${last} ? p + 1 : ${last})`) : `${model.base[to]!}`;
      lines.push(local && to !== from ? `if (${probability} !== 0) n${to} += m * ${probability};` : `if (${probability} !== 0) next[${column}] += m * ${probability};`);
    }
    if (tunnel === 1) lines.push("} while (false);");
    else lines.push("}", `if (hi < ${last}) reach[${from}] = hi + 1;`);
    if (local) for (const to of outside) lines.push(`next[${model.base[to]!}] = n${to};`);
    lines.push("}");
  }
  lines.push("};");
  const bad = (from: number, to: number, position: number, value: number): never => badEntry(model, from, to, position, value, site);
  const rowBad = (from: number, position: number, sum: number, complementTo: number): never => rowProblem(model, from, position, sum, complementTo, site);
  return compileReader<VectorKernel>(["tol", "bad", "rowBad"], lines, [model.tolerance, bad, rowBad]);
}

/** Whether the cost and effect row coefficients are equal in every row (equal discount rates): the weighted traces are then equal too. */
export function sameCoefficients(model: CompiledMarkov): boolean {
  const [cost, effect] = model.coefficients;
  for (let t = 0; t < cost.length; t++) if (cost[t] !== effect[t]) return false;
  return true;
}
