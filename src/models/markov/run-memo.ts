import type { CompiledMarkov } from "./compile-markov.js";
import { BY_BOTH, BY_PRODUCT, type TransitionArrayPlan } from "./fill-transition-arrays.js";
import type { MarkovWorkspace } from "./markov-workspace.js";

/**
 * The inputs and results of the last weighted run of the generated vector kernel (vector-loop.ts),
 * so that a run with the same inputs takes its results instead of running again. Strategies that
 * differ only in their values (DARTH's SoC and A, B and AB: the same transitions, other costs and
 * utilities) have the same weighted traces, since values are applied after the run
 * (addWeightedTotals). The inputs compared are everything the run reads: the plan's shape (entry
 * kinds, destinations, order: the generated code), its constants and every number of its arrays (a
 * product's two factors, not the products), the
 * start vector, the weighted traces it adds to, the inert states (they depend on the values), the
 * background floor; the coefficients are the model's. Numbers are compared with Object.is, so a
 * match is the same doubles (−0 and NaN included; a non-number in a plain array never matches): the
 * run, deterministic, would give the same results bit for bit, and would pass the same checks. Runs
 * with transition values or milestones are not kept (they write outside the traces during the run),
 * nor any once 16 kept runs in a row went unused.
 */
export class RunMemo {
  private readonly entryStart: Int32Array;
  private readonly destStart: Int32Array;
  private readonly kind: Uint8Array;
  private readonly to: Int32Array;
  private readonly constant: Float64Array;
  private readonly dest: Int32Array;
  private readonly destListed: Uint8Array;
  /** Per entry, where its array's numbers start in `numbers` (−1: no array) and how many there are. */
  private readonly arrayAt: Int32Array;
  private readonly arrayLength: Int32Array;
  /** Per product entry, where its state-time factor's numbers start in `numbers` and how many there are. */
  private readonly factorAt: Int32Array;
  private readonly factorLength: Int32Array;
  private numbers = new Float64Array(0);
  private readonly start: Float64Array;
  private readonly inert: Uint8Array;
  private readonly startWeighted: Float64Array[];
  private floor: Float64Array | undefined = undefined;
  private readonly endCurrent: Float64Array;
  private readonly endNext: Float64Array;
  private readonly endWeighted: Float64Array[];
  /**
   * The positions the run may read, per row and state: `readRange[2 · (row · S + i)]` lowest and
   * `[… + 1]` highest (lowest > highest: none), written by the generated run for the tunnel states it
   * scans. A run with the same inputs as far as the kept run read them reads the same entries in every
   * row (row 0 from the same start; each next row is the same trace), so only those are compared in
   * the arrays by cycle and state time (DARTH: 2 850 of 5 625 numbers).
   */
  readonly readRange: Int32Array;
  /** Whether the fields hold a finished run. */
  private kept = false;
  /** Set by `matches` when it fails (or before `keep`): the inputs to store if the run then succeeds. */
  private pending = false;
  /** Runs kept in a row that no later run reused; at {@link GIVE_UP} the memo stops keeping runs (their strategies do not share transitions). */
  private unused = 0;
  /** Whether the last kept run was reused. */
  private reused = false;
  /** The most array numbers a run keeps: 2 × cycles × expanded states, about what a run reads (a copy costs less than a row's step). */
  private readonly budget: number;

  constructor(model: CompiledMarkov) {
    const states = model.states.length;
    const expanded = model.expanded;
    this.entryStart = new Int32Array(states + 1);
    this.destStart = new Int32Array(states + 1);
    this.kind = new Uint8Array(states * states);
    this.to = new Int32Array(states * states);
    this.constant = new Float64Array(states * states);
    this.dest = new Int32Array(states * (states + 1));
    this.destListed = new Uint8Array(states * (states + 1));
    this.arrayAt = new Int32Array(states * states);
    this.arrayLength = new Int32Array(states * states);
    this.factorAt = new Int32Array(states * states);
    this.factorLength = new Int32Array(states * states);
    this.start = new Float64Array(expanded);
    this.inert = new Uint8Array(expanded);
    this.startWeighted = [new Float64Array(expanded), new Float64Array(expanded), new Float64Array(expanded)];
    this.endCurrent = new Float64Array(expanded);
    this.endNext = new Float64Array(expanded);
    this.endWeighted = [new Float64Array(expanded), new Float64Array(expanded), new Float64Array(expanded)];
    this.budget = 2 * model.cycles * expanded;
    this.readRange = new Int32Array(2 * model.cycles * states);
  }

  /**
   * Whether a run of `plan` from the workspace's state (its current vector, weighted traces and inert
   * flags, `floor`) has the inputs of the kept run; if so its results are written into the workspace
   * (current, next, weighted traces) and true is returned, and the caller skips the run.
   */
  reuse(model: CompiledMarkov, work: MarkovWorkspace, plan: TransitionArrayPlan, floor: Float64Array | undefined): boolean {
    if (work.tvCount > 0 || model.milestones.length > 0 || model.strategies.length < 2 || this.unused >= GIVE_UP) {
      this.pending = false;
      return false;
    }
    this.pending = true;
    if (!this.kept || !this.same(model, work, plan, floor)) return false;
    work.current.set(this.endCurrent);
    work.next.set(this.endNext);
    for (let w = 0; w < 3; w++) work.weighted[w]!.set(this.endWeighted[w]!);
    this.pending = false;
    this.reused = true;
    this.unused = 0;
    return true;
  }

  /**
   * Stores the inputs of the run about to be made (after a `reuse` that returned false): copies of
   * the plan, its arrays' numbers (none when they exceed the budget: the run is then not kept), the
   * start vector, weighted traces and inert flags.
   */
  prepare(model: CompiledMarkov, work: MarkovWorkspace, plan: TransitionArrayPlan, floor: Float64Array | undefined): void {
    if (this.kept && !this.reused) this.unused++;
    this.kept = false;
    this.reused = false;
    if (!this.pending) return;
    const states = model.states.length;
    const entries = plan.entryStart[states]!;
    let total = 0;
    for (let n = 0; n < entries; n++) total += (plan.arrays[n]?.length ?? 0) + (plan.factors[n]?.length ?? 0);
    if (total > this.budget) {
      this.pending = false;
      return;
    }
    if (this.numbers.length < total) this.numbers = new Float64Array(total);
    this.entryStart.set(plan.entryStart);
    this.destStart.set(plan.destStart);
    let at = 0;
    for (let n = 0; n < entries; n++) {
      this.kind[n] = plan.kind[n]!;
      this.to[n] = plan.to[n]!;
      this.constant[n] = plan.constant[n]!;
      const values = plan.arrays[n];
      if (values === undefined) {
        this.arrayAt[n] = -1;
        continue;
      }
      this.arrayAt[n] = at;
      this.arrayLength[n] = values.length;
      at = this.store(values, at);
      const factor = plan.factors[n];
      if (factor === undefined) continue;
      this.factorAt[n] = at;
      this.factorLength[n] = factor.length;
      at = this.store(factor, at);
    }
    const dests = plan.destStart[states]!;
    for (let d = 0; d < dests; d++) {
      this.dest[d] = plan.dest[d]!;
      this.destListed[d] = plan.destListed[d]!;
    }
    // No position read until the run says so (states it does not scan keep this).
    for (let k = 0; k < this.readRange.length; k += 2) {
      this.readRange[k] = 1;
      this.readRange[k + 1] = 0;
    }
    this.start.set(work.current);
    this.inert.set(work.inert);
    for (let w = 0; w < 3; w++) this.startWeighted[w]!.set(work.weighted[w]!);
    this.floor = floor;
  }

  /** Copies `values` into `numbers` from `at`; returns where the next copy starts. */
  private store(values: ArrayLike<number>, at: number): number {
    if (ArrayBuffer.isView(values)) this.numbers.set(values, at);
    else {
      // A plain array may hold anything: a non-number (never converted: a symbol would throw) is kept as NaN, which no later non-number matches (Object.is).
      for (let k = 0; k < values.length; k++) {
        const value = values[k];
        this.numbers[at + k] = typeof value === "number" ? value : Number.NaN;
      }
    }
    return at + values.length;
  }

  /** Keeps the results of the run `prepare` stored the inputs of (it finished without error). */
  keep(work: MarkovWorkspace): void {
    if (!this.pending) return;
    this.pending = false;
    this.endCurrent.set(work.current);
    this.endNext.set(work.next);
    for (let w = 0; w < 3; w++) this.endWeighted[w]!.set(work.weighted[w]!);
    this.kept = true;
  }

  private same(model: CompiledMarkov, work: MarkovWorkspace, plan: TransitionArrayPlan, floor: Float64Array | undefined): boolean {
    if (floor !== this.floor) return false;
    const states = model.states.length;
    for (let i = 0; i <= states; i++) if (plan.entryStart[i] !== this.entryStart[i] || plan.destStart[i] !== this.destStart[i]) return false;
    const entries = plan.entryStart[states]!;
    for (let n = 0; n < entries; n++) {
      if (plan.kind[n] !== this.kind[n] || plan.to[n] !== this.to[n] || !Object.is(plan.constant[n], this.constant[n])) return false;
    }
    const dests = plan.destStart[states]!;
    for (let d = 0; d < dests; d++) if (plan.dest[d] !== this.dest[d] || plan.destListed[d] !== this.destListed[d]) return false;
    const expanded = model.expanded;
    const current = work.current;
    const inert = work.inert;
    for (let e = 0; e < expanded; e++) if (!Object.is(current[e], this.start[e]) || inert[e] !== this.inert[e]) return false;
    for (let w = 0; w < 3; w++) {
      const weighted = work.weighted[w]!;
      const kept = this.startWeighted[w]!;
      for (let e = 0; e < expanded; e++) if (!Object.is(weighted[e], kept[e])) return false;
    }
    const cycles = model.cycles;
    const range = this.readRange;
    for (let from = 0; from < states; from++) {
      const tunnel = model.tunnel[from]!;
      for (let n = plan.entryStart[from]!; n < plan.entryStart[from + 1]!; n++) {
        const values = plan.arrays[n];
        const at = this.arrayAt[n]!;
        if (values === undefined || at < 0) {
          if (values !== undefined || at >= 0) return false;
          continue;
        }
        const length = values.length;
        if (length !== this.arrayLength[n]) return false;
        // A product: both factors whole (N + tunnel numbers, fewer than the positions read).
        if (plan.kind[n] === BY_PRODUCT) {
          const factor = plan.factors[n]!;
          if (factor.length !== this.factorLength[n] || !this.sameNumbers(values, 0, at, length) || !this.sameNumbers(factor, 0, this.factorAt[n]!, factor.length)) return false;
          continue;
        }
        // By cycle and state time in a tunnel: in each row, the positions the kept run may have read; any other array whole.
        if (plan.kind[n] !== BY_BOTH || tunnel === 1) {
          if (!this.sameNumbers(values, 0, at, length)) return false;
          continue;
        }
        for (let row = 0; row < cycles; row++) {
          const lowest = range[2 * (row * states + from)]!;
          const highest = range[2 * (row * states + from) + 1]!;
          if (lowest <= highest && !this.sameNumbers(values, row * tunnel + lowest, at + row * tunnel + lowest, highest - lowest + 1)) return false;
        }
      }
    }
    return true;
  }

  /** Whether `values[from …]` equals `numbers[at …]` for `count` numbers, as Object.is compares them. */
  private sameNumbers(values: ArrayLike<number>, from: number, at: number, count: number): boolean {
    // A loop over one element type: several times faster than Object.is over an ArrayLike.
    if (values instanceof Float64Array) return sameDoubles(values, from, this.numbers, at, count);
    const numbers = this.numbers;
    for (let k = 0; k < count; k++) if (!Object.is(values[from + k], numbers[at + k])) return false;
    return true;
  }
}

/**
 * Kept runs in a row that no run reused before the memo stops keeping them for the workspace's model:
 * copying a run's arrays costs a fraction of the run, which a model whose strategies never share
 * transitions (AML's risk groups) would pay on every run for nothing.
 */
const GIVE_UP = 16;

/** Whether `values[from …]` equals `kept[at …]` for `count` numbers as Object.is compares them (+0 and −0 differ, NaN equals NaN). */
function sameDoubles(values: Float64Array, from: number, kept: Float64Array, at: number, count: number): boolean {
  for (let k = 0; k < count; k++) {
    const x = values[from + k]!;
    const y = kept[at + k]!;
    if (x === y) {
      if (x === 0 && 1 / x !== 1 / y) return false;
    } else if (x === x || y === y) return false;
  }
  return true;
}
