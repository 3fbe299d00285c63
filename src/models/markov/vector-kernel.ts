import type { CompiledMarkov } from "./compile-markov.js";
import { BY_BOTH, BY_CYCLE, BY_STATE_TIME, COMPLEMENT, CONSTANT, type TransitionArrayPlan, badEntry, rowProblem } from "./fill-transition-arrays.js";
import type { ErrorSite } from "./markov-errors.js";
import { compileReader } from "./shape-readers.js";
import { type ValueArrayPlan, badValue } from "./fill-value-arrays.js";

type KernelArguments = [A: readonly (ArrayLike<number> | undefined)[], C: Float64Array, reach: Int32Array, lowest: Int32Array, live: Uint8Array, inert: Uint8Array, costWeighted: Float64Array, effectWeighted: Float64Array, undiscounted: Float64Array, costCoefficients: Float64Array, effectCoefficients: Float64Array, undiscountedCoefficients: Float64Array, floor: Float64Array, tvFlow: Float64Array];

/**
 * The vector loop specialised to a plan's shape. `step` moves `current` into `next` (which must be
 * zero) through cycle row + 1, reading each occupied row from the arrays `A` (constants from `C`),
 * checking what it reads; with `weighted`, it also adds trace row `row` to the weighted traces with
 * the row's coefficients. `run` does every cycle of the weighted loop in one call (the workspace's
 * buffers swapped each cycle, `book(cycle)` after each cycle when there are transition values,
 * `milestone(cycle)` where `MR[cycle]` is 1; `read[2 · (row · S + i)]` and `read[… + 1]` get the
 * lowest and highest position of tunnel state i it may read in the row, for states it scans). Under
 * background mortality each living row is floored at `floor[row]` as floorRow does; the flows of the
 * (from, to) pairs with transition values are added to `tvFlow` as weightedStep books them. A state
 * whose `live` flag is 0 holds no mass in this run (markLive): its rows are not scanned, only its
 * by-cycle entries checked.
 */
export interface VectorKernel {
  step(row: number, current: Float64Array, next: Float64Array, ...rest: [...KernelArguments, weighted: boolean]): void;
  run(work: { current: Float64Array; next: Float64Array }, rows: number, ...rest: [...KernelArguments, milestoneRows: Uint8Array, book: (cycle: number) => void, milestone: (cycle: number) => void, read: Int32Array]): void;
  /**
   * The direct loop of values that change by trace row (`valueArrays`), in one call: per cycle the
   * step (unweighted), `book` and `milestone` as in `run`, then the plan's varying values of the new
   * trace row written into `V` (checked as fillValueArraysRow checks them) and the row added to
   * `total` / `totalUndiscounted` with the sums of vectorLoop's addRow, term by term in its order.
   */
  runDirect(work: { current: Float64Array; next: Float64Array }, rows: number, ...rest: [...KernelArguments, milestoneRows: Uint8Array, book: (cycle: number) => void, milestone: (cycle: number) => void, P: ValueArrayPlan, V: Float64Array, total: Float64Array, totalUndiscounted: Float64Array]): void;
}

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
  private readonly shapes: Shape[];

  constructor(private readonly model: CompiledMarkov, private readonly site: ErrorSite) {
    const strategies = model.strategies.length;
    const states = model.states.length;
    this.kernels = new Array<VectorKernel | undefined>(strategies).fill(undefined);
    this.generations = new Int32Array(strategies);
    this.sameCoefficients = sameCoefficients(model);
    this.shapes = model.strategies.map(() => ({ kind: new Uint8Array(states * states), to: new Int32Array(states * states), entryStart: new Int32Array(states + 1), dest: new Int32Array(states * (states + 1)), destStart: new Int32Array(states + 1), tvPairs: new Int32Array(0), tvCount: 0 }));
  }

  /**
   * The kernel for the plan's shape and the (from, to) pairs of the transition values
   * (`tvPairs[0 … tvCount)`, chainTransitionValues), generated when the shape is new; undefined when
   * code generation is not available.
   */
  kernelFor(strategy: number, plan: TransitionArrayPlan, tvPairs: Int32Array, tvCount: number): VectorKernel | undefined {
    const shape = this.shapes[strategy]!;
    const states = this.model.states.length;
    const kernel = this.kernels[strategy];
    if (kernel !== undefined && sameShape(plan, shape, states, tvPairs, tvCount)) return kernel;
    if (this.generations[strategy]! >= MAX_GENERATIONS) return (this.kernels[strategy] = undefined);
    this.generations[strategy]!++;
    shape.entryStart.set(plan.entryStart);
    shape.destStart.set(plan.destStart);
    shape.kind.set(plan.kind);
    shape.to.set(plan.to);
    shape.dest.set(plan.dest);
    shape.tvPairs = tvPairs.slice(0, tvCount);
    shape.tvCount = tvCount;
    return (this.kernels[strategy] = generate(this.model, plan, shape.tvPairs, this.site));
  }
}

interface Shape {
  readonly kind: Uint8Array;
  readonly to: Int32Array;
  readonly entryStart: Int32Array;
  readonly dest: Int32Array;
  readonly destStart: Int32Array;
  tvPairs: Int32Array;
  tvCount: number;
}

function sameShape(plan: TransitionArrayPlan, shape: Shape, states: number, tvPairs: Int32Array, tvCount: number): boolean {
  if (tvCount !== shape.tvCount) return false;
  for (let n = 0; n < tvCount; n++) if (tvPairs[n] !== shape.tvPairs[n]) return false;
  for (let i = 0; i <= states; i++) if (plan.entryStart[i] !== shape.entryStart[i] || plan.destStart[i] !== shape.destStart[i]) return false;
  const entries = plan.entryStart[states]!;
  for (let n = 0; n < entries; n++) if (plan.kind[n] !== shape.kind[n] || plan.to[n] !== shape.to[n]) return false;
  const dests = plan.destStart[states]!;
  for (let d = 0; d < dests; d++) if (plan.dest[d] !== shape.dest[d]) return false;
  return true;
}

function generate(model: CompiledMarkov, plan: TransitionArrayPlan, tvPairs: Int32Array, site: ErrorSite): VectorKernel | undefined {
  // One cycle's code (row = cycle − 1), used by both functions below.
  const lines: string[] = ["let m, e, sum, rest, x, q, s;"];
  // The row's coefficients and floor are read here, not passed: a double passed to a call that is not inlined is boxed (an allocation per cycle).
  lines.push("const cc = CC[row], ec = EC[row], uc = UC[row];");
  if (model.background !== undefined) lines.push("const qPop = F[row];");
  const states = model.states.length;
  const background = model.background;
  for (let from = 0; from < states; from++) {
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
      else if (kind === BY_CYCLE) lines.push(`const v${n} = A[${n}][row];`, `if (typeof v${n} !== "number" || !(v${n} >= low && v${n} <= high)) bad(row, ${from}, ${plan.to[n]!}, 0, v${n});`, `const w${n} = v${n} > 0 ? v${n} : 0;`);
      else if (kind === BY_STATE_TIME || kind === BY_BOTH) lines.push(`const a${n} = A[${n}];`);
    }
    // A state no mass can reach in this run is skipped past its per-cycle checks (which stay, as every state's first position is checked every cycle).
    lines.push(`if (live[${from}] === 1) {`);
    const position = tunnel === 1 ? "0" : "p";
    // In a tunnel's loop, the flows into other states add up in locals, term by term in the same
    // order as into next[] (loaded before, stored after): the same sums without a store and a load per term.
    const local = tunnel > 1;
    const outside: number[] = [];
    for (let d = plan.destStart[from]!; d < plan.destStart[from + 1]!; d++) if (plan.dest[d] !== from) outside.push(plan.dest[d]!);
    if (local) for (const to of outside) lines.push(`let n${to} = next[${model.base[to]!}];`);
    if (tunnel === 1) lines.push(`e = ${base}; m = cur[e]; if (m !== 0) do {`);
    else {
      // Mass moves one position per cycle and enters at position 0 only, so the positions below the
      // lowest occupied one of the previous cycle (plus one) are empty unless position 0 was entered:
      // the loop starts there rather than at 0 (a long tunnel holds mass in few positions).
      lines.push(`const hi = reach[${from}];`, `let lo = cur[${base}] !== 0 ? 0 : lowest[${from}];`, `while (lo < hi && cur[${base} + lo] === 0) lo++;`, `lowest[${from}] = lo < ${last} ? lo + 1 : ${last};`);
      // run: the positions it may read in this row, for the run memo (run-memo.ts).
      lines.push(`if (record) { RR[2 * (row * ${states} + ${from})] = lo; RR[2 * (row * ${states} + ${from}) + 1] = hi; }`);
      lines.push(`for (let p = lo; p <= hi; p++) { e = ${base} + p; m = cur[e]; if (m === 0) continue;`);
    }
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
      lines.push(`x = a${n}[${index}];`, `if (typeof x !== "number" || !(x >= low && x <= high)) bad(row, ${from}, ${to}, ${position}, x);`, `const w${n} = x > 0 ? x : 0; sum += x;`);
      probabilityOf.set(to, `w${n}`);
    }
    if (complementTo >= 0) {
      lines.push(`rest = 1 - sum; if (rest < low) rowBad(row, ${from}, ${position}, sum, ${complementTo});`, "const wc = rest > 0 ? rest : 0;");
      probabilityOf.set(complementTo, "wc");
    } else lines.push(`if (Math.abs(sum - 1) > tol) rowBad(row, ${from}, ${position}, sum, -1);`);
    // The destinations as the sparse row stores them (ascending; a living row's first death state kept at 0 when absent).
    const destinations: { to: number; raw: string }[] = [];
    for (let d = plan.destStart[from]!; d < plan.destStart[from + 1]!; d++) {
      const to = plan.dest[d]!;
      const raw = plan.destListed[d] === 1 ? probabilityOf.get(to) : "0";
      if (raw !== undefined) destinations.push({ to, raw });
    }
    const probability = new Map<number, string>();
    if (background !== undefined && background.dead[from] === 0) {
      // floorRow: q is the sum of the death entries in ascending order; below the life table's qPop the
      // first death state takes qPop − (q − its own), other death entries stay, the others scale by (1 − qPop)/(1 − q).
      lines.push("q = 0;");
      for (const { to, raw } of destinations) if (background.dead[to] === 1 && raw !== "0") lines.push(`q += ${raw};`);
      for (const { to, raw } of destinations) {
        lines.push(`let f${to} = ${raw};`);
        probability.set(to, `f${to}`);
      }
      const floored = destinations.map(({ to, raw }) => `f${to} = ${to === background.primary ? `qPop - (q - ${raw})` : background.dead[to] === 1 ? raw : `${raw} * s`};`);
      lines.push(`if (q < qPop) { s = (1 - qPop) / (1 - q); ${floored.join(" ")} }`);
    } else for (const { to, raw } of destinations) probability.set(to, raw);
    // Transition values: each (from, to) pair's values in their chain order (ascending index), as weightedStep books them.
    for (const { to } of destinations) {
      const pair = from * states + to;
      for (let n = 0; n < tvPairs.length; n++) if (tvPairs[n] === pair) lines.push(`tv[${n}] += m * ${probability.get(to)!};`);
    }
    lines.push("cur[e] = 0;");
    for (const { to } of destinations) {
      const value = probability.get(to)!;
      if (value === "0") continue;
      const column = to === from ? (last === 0 ? `${base}` : `${base} + (p < ${last} ? p + 1 : ${last})`) : `${model.base[to]!}`;
      lines.push(local && to !== from ? `if (${value} !== 0) n${to} += m * ${value};` : `if (${value} !== 0) next[${column}] += m * ${value};`);
    }
    if (tunnel === 1) lines.push("} while (false);");
    else lines.push("}", `if (hi < ${last}) reach[${from}] = hi + 1;`);
    if (local) for (const to of outside) lines.push(`next[${model.base[to]!}] = n${to};`);
    lines.push("}", "}");
  }
  const parameters = "A, C, reach, lowest, live, inert, cw, ew, uw, CC, EC, UC, F, tv";
  // One cycle of the run loops (opened, not closed): the step, the buffers swapped, booking and milestones called back.
  const cycle = [
    "for (let row = 0; row < rows; row++) {",
    "{",
    ...lines,
    "}",
    "work.current = next; work.next = cur; t = cur; cur = next; next = t;",
    // bookFlows books nothing for flows that are all zero (most cycles once no one can move along a valued pair).
    ...(tvPairs.length > 0 ? [`if (${Array.from(tvPairs, (_, n) => `tv[${n}] !== 0`).join(" || ")}) book(row + 1);`] : []),
    "if (MR[row + 1] === 1) milestone(row + 1);",
  ];
  const code = [
    '"use strict";',
    "const low = -tol, high = 1 + tol;",
    `function step(row, cur, next, ${parameters}, weighted) {`,
    "const record = false, RR = undefined;",
    ...lines,
    "}",
    // The weighted run: every cycle in one call, the buffers swapped here, booking and milestones called back.
    `function run(work, rows, ${parameters}, MR, book, milestone, RR) {`,
    "const weighted = true, record = true;",
    "let cur = work.current, next = work.next, t;",
    ...cycle,
    "}",
    "}",
    // The direct run (values by trace row): the same cycle, then the row's values and its sums.
    `function runDirect(work, rows, ${parameters}, MR, book, milestone, P, V, total, totalU) {`,
    "const weighted = false, record = false, RR = undefined;",
    "const varying = P.varying, VC = P.varyingCount, VK = P.kind, VA = P.arrays, VO = P.outcome, VS = P.state;",
    "let cur = work.current, next = work.next, t, r, k, n, i, tn, at, va, vx, j, off, sv;",
    ...cycle,
    "r = row + 1;",
    ...directRow(model),
    "}",
    "}",
    "return { step, run, runDirect };",
  ];
  const at = (row: number): void => {
    site.at = "cycle";
    site.cycle = row + 1;
  };
  const bad = (row: number, from: number, to: number, position: number, value: number): never => {
    at(row);
    return badEntry(model, from, to, position, value, site);
  };
  const rowBad = (row: number, from: number, position: number, sum: number, complementTo: number): never => {
    at(row);
    return rowProblem(model, from, position, sum, complementTo, site);
  };
  const valueBad = (plan: ValueArrayPlan, n: number, row: number, position: number, value: number): never => badValue(model, plan, n, row, position, value, site);
  return compileReader<VectorKernel>(["tol", "bad", "rowBad", "valueBad", "BASE", "TUN"], code, [model.tolerance, bad, rowBad, valueBad, model.base, model.tunnel]);
}

/**
 * The lines of runDirect that finish trace row `r` (the current trace is `cur`): fillValueArraysRow's
 * writes of the plan's varying entries (the plan changes from draw to draw, so they are a loop over
 * it, not code of its shape), then addRow's sums: per outcome, occupancy × value over every expanded
 * state in ascending order from 0, added to the totals with the row's coefficient.
 */
function directRow(model: CompiledMarkov): string[] {
  const expanded = model.expanded;
  const lines = [
    "for (k = 0; k < VC; k++) {",
    `n = varying[k]; i = VS[n]; tn = TUN[i]; at = VO[n] * ${expanded} + BASE[i]; va = VA[n];`,
    // By cycle: one number for every state time; by cycle and state time: the row's run of numbers.
    'if (VK[n] === 1) { vx = va[r]; if (typeof vx !== "number" || vx - vx !== 0) valueBad(P, n, r, 0, vx); for (j = 0; j < tn; j++) V[at + j] = vx; }',
    'else { off = VK[n] === 3 ? r * tn : 0; for (j = 0; j < tn; j++) { vx = va[off + j]; if (typeof vx !== "number" || vx - vx !== 0) valueBad(P, n, r, j, vx); V[at + j] = vx; } }',
    "}",
  ];
  lines.push("const rc = CC[r], re = EC[r], ru = UC[r];");
  model.outcomeClass.forEach((outcomeClass, o) => {
    const first = o * expanded;
    // A few states: one line per term; many (long tunnels): a loop, the same sum in the same order.
    if (expanded <= 16) lines.push(`sv = 0; ${Array.from({ length: expanded }, (_, e) => `sv += cur[${e}] * V[${first + e}];`).join(" ")}`);
    else lines.push(`sv = 0; for (j = 0; j < ${expanded}; j++) sv += cur[j] * V[${first} + j];`);
    lines.push(`total[${o}] += ${outcomeClass === 0 ? "rc" : "re"} * sv; totalU[${o}] += ru * sv;`);
  });
  return lines;
}

/** Whether the cost and effect row coefficients are equal in every row (equal discount rates): the weighted traces are then equal too. */
export function sameCoefficients(model: CompiledMarkov): boolean {
  const [cost, effect] = model.coefficients;
  for (let t = 0; t < cost.length; t++) if (cost[t] !== effect[t]) return false;
  return true;
}
