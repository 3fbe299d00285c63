import type { CompiledMarkov } from "./compile-markov.js";
import type { TransitionArrayPlan } from "./fill-transition-arrays.js";
import { BY_BOTH, BY_CYCLE, type ValueArrayPlan } from "./fill-value-arrays.js";
import type { ErrorSite } from "./markov-errors.js";
import { compileReader } from "./shape-readers.js";
import { KERNEL_PARAMETERS, arrayLocals, cycleLines, cycleLoop, kernelArguments } from "./vector-cycle.js";
import type { KernelArguments, VectorKernel } from "./vector-kernel.js";

/**
 * The direct loop of values that change by trace row (`valueArrays`), in one call: per cycle the
 * vector kernel's step (unweighted), `book` and `milestone` as in its `run`, then the value plan's
 * varying entries of the new trace row written into `V` (checked as fillValueArraysRow checks them,
 * in its order) and the row added to `total` / `totalUndiscounted` with the sums of vectorLoop's
 * addRow, term by term in its order.
 */
export type DirectRun = (work: { current: Float64Array; next: Float64Array }, rows: number, ...rest: [...KernelArguments, milestoneRows: Uint8Array, book: (cycle: number) => void, milestone: (cycle: number) => void, P: ValueArrayPlan, V: Float64Array, total: Float64Array, totalUndiscounted: Float64Array]) => void;

/** Generations per strategy before the cycle-by-cycle loop is kept for good (value shapes that keep changing). */
const MAX_GENERATIONS = 8;

/** The shape of a value plan the direct run depends on: its varying entries (index, kind, outcome, state) in order. */
interface ValueShape {
  kernel: VectorKernel | undefined;
  count: number;
  readonly entries: Int32Array;
}

/**
 * Per strategy, the direct run generated for its vector kernel (the transition arrays' shape: the
 * kernel object is new whenever that shape is) and the shape of its value plan, so the values of a
 * row are straight-line code with their indices as constants (a loop over the plan costs about as
 * much as the row's whole step), the arrays and the values fixed for the run read once per call.
 */
export class DirectKernels {
  private readonly runs: (DirectRun | undefined)[];
  private readonly generations: Int32Array;
  private readonly shapes: ValueShape[];

  constructor(private readonly model: CompiledMarkov, private readonly site: ErrorSite) {
    const strategies = model.strategies.length;
    const capacity = model.outcomes.length * model.states.length;
    this.runs = new Array<DirectRun | undefined>(strategies).fill(undefined);
    this.generations = new Int32Array(strategies);
    this.shapes = model.strategies.map(() => ({ kernel: undefined, count: 0, entries: new Int32Array(4 * capacity) }));
  }

  /** The direct run for `kernel` (generated for `plan` and `tvPairs`) and the value plan's shape, generated when either is new. */
  directFor(strategy: number, kernel: VectorKernel, plan: TransitionArrayPlan, tvPairs: Int32Array, values: ValueArrayPlan): DirectRun | undefined {
    const shape = this.shapes[strategy]!;
    const run = this.runs[strategy];
    if (run !== undefined && shape.kernel === kernel && sameValueShape(values, shape)) return run;
    if (this.generations[strategy]! >= MAX_GENERATIONS) return (this.runs[strategy] = undefined);
    this.generations[strategy]!++;
    shape.kernel = kernel;
    shape.count = values.varyingCount;
    for (let k = 0; k < values.varyingCount; k++) {
      const n = values.varying[k]!;
      shape.entries.set([n, values.kind[n]!, values.outcome[n]!, values.state[n]!], 4 * k);
    }
    return (this.runs[strategy] = generate(this.model, plan, tvPairs, values, this.site));
  }
}

function sameValueShape(values: ValueArrayPlan, shape: ValueShape): boolean {
  if (values.varyingCount !== shape.count) return false;
  const entries = shape.entries;
  for (let k = 0; k < shape.count; k++) {
    const n = values.varying[k]!;
    if (n !== entries[4 * k] || values.kind[n] !== entries[4 * k + 1] || values.outcome[n] !== entries[4 * k + 2] || values.state[n] !== entries[4 * k + 3]) return false;
  }
  return true;
}

function generate(model: CompiledMarkov, plan: TransitionArrayPlan, tvPairs: Int32Array, values: ValueArrayPlan, site: ErrorSite): DirectRun | undefined {
  const expanded = model.expanded;
  // Few states, no tunnel, nothing called back during the run (milestones and booking read the buffers): the masses live in locals.
  const inLocals = model.maxTunnel === 1 && expanded <= 16 && tvPairs.length === 0 && model.milestones.length === 0;
  const mass = (e: number): string => (inLocals ? `M${e}` : `cur[${e}]`);
  const parameters = "A, S, C, reach, lowest, live, inert, cw, ew, uw, CC, EC, UC, F, tv";
  // Per slot of V: the local holding the row's value (a varying entry of one state time), or undefined (read from V).
  const local: (string | undefined)[] = new Array<string | undefined>(model.outcomes.length * expanded).fill(undefined);
  const varyingSlot = new Uint8Array(local.length);
  const row: string[] = [];
  const arrays: string[] = [];
  for (let k = 0; k < values.varyingCount; k++) {
    const n = values.varying[k]!;
    const i = values.state[n]!;
    const tunnel = model.tunnel[i]!;
    const at = values.outcome[n]! * expanded + model.base[i]!;
    const check = (position: string): string => `if (typeof vx !== "number" || vx - vx !== 0) valueBad(P, ${n}, r, ${position}, vx);`;
    arrays.push(`va${n} = P.arrays[${n}]`);
    for (let j = 0; j < tunnel; j++) varyingSlot[at + j] = 1;
    if (values.kind[n] === BY_CYCLE) {
      // By cycle: one number for every state time.
      row.push(`vx = va${n}[r]; ${check("0")}`);
      if (tunnel === 1) row.push(`const x${at} = vx; V[${at}] = vx;`);
      else row.push(`for (j = 0; j < ${tunnel}; j++) V[${at} + j] = vx;`);
      if (tunnel === 1) local[at] = `x${at}`;
    } else {
      // By cycle and state time: the row's run of numbers.
      const offset = values.kind[n] === BY_BOTH ? `r * ${tunnel}` : "0";
      row.push(`off = ${offset}; for (j = 0; j < ${tunnel}; j++) { vx = va${n}[off + j]; ${check("j")} V[${at} + j] = vx; }`);
    }
  }
  // The values fixed for the run, read once (only varying slots change during the run).
  const fixed: string[] = [];
  const sums: string[] = ["const rc = CC[r], re = EC[r], ru = UC[r];"];
  model.outcomeClass.forEach((outcomeClass, o) => {
    const first = o * expanded;
    // A few states: one line per term; many (long tunnels): a loop, the same sum in the same order.
    if (expanded <= 16) {
      const terms: string[] = [];
      for (let e = 0; e < expanded; e++) {
        const slot = first + e;
        let value = local[slot];
        if (value === undefined && varyingSlot[slot] === 0) {
          fixed.push(`V${slot} = V[${slot}]`);
          value = `V${slot}`;
        }
        terms.push(`sv += ${mass(e)} * ${value ?? `V[${slot}]`};`);
      }
      sums.push(`sv = 0; ${terms.join(" ")}`);
    } else sums.push(`sv = 0; for (j = 0; j < ${expanded}; j++) sv += cur[j] * V[${first} + j];`);
    const [discounted, undiscounted] = inLocals ? [`T${o}`, `U${o}`] : [`total[${o}]`, `totalU[${o}]`];
    sums.push(`${discounted} += ${outcomeClass === 0 ? "rc" : "re"} * sv; ${undiscounted} += ru * sv;`);
  });
  const code = [
    '"use strict";',
    "const low = -tol, high = 1 + tol;",
    `return function runDirect(work, rows, ${parameters}, MR, book, milestone, P, V, total, totalU) {`,
    "const weighted = false, record = false, RR = undefined;",
    arrayLocals(model, plan),
    ...(arrays.length === 0 ? [] : [`const ${arrays.join(", ")};`]),
    ...(fixed.length === 0 ? [] : [`const ${fixed.join(", ")};`]),
    "let cur = work.current, next = work.next, t, r, vx, j, off, sv;",
    ...(inLocals ? [`let ${Array.from({ length: expanded }, (_, e) => `M${e} = cur[${e}]`).join(", ")};`, `let ${model.outcomes.map((_, o) => `T${o} = total[${o}], U${o} = totalU[${o}]`).join(", ")};`, "for (let row = 0; row < rows; row++) {", "{", ...cycleLines(model, plan, tvPairs, true), "}"] : cycleLoop(cycleLines(model, plan, tvPairs), tvPairs)),
    "r = row + 1;",
    ...row,
    ...sums,
    "}",
    // The final masses and totals where the buffer loop leaves them (work.current; work.next stays zero).
    ...(inLocals ? [Array.from({ length: expanded }, (_, e) => `cur[${e}] = M${e};`).join(" "), model.outcomes.map((_, o) => `total[${o}] = T${o}; totalU[${o}] = U${o};`).join(" ")] : []),
    "};",
  ];
  return compileReader<DirectRun>(KERNEL_PARAMETERS, code, kernelArguments(model, site));
}
