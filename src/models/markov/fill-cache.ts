import type { CompiledMarkov } from "./compile-markov.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { TransitionArrayPlan } from "./fill-transition-arrays.js";

/**
 * The filled transition matrix, transition values and state values of one strategy, kept while the
 * next evaluation has the same parameter values, for strategies whose inputs do not depend on the
 * time. A tree enters one model from several leaves per draw (other start states or start times:
 * the AML back end is run from alloSCT, chemotherapy and refractory leaves), and the transitions,
 * values and time-in-state positions are the same for all of them: the user functions are called
 * (and their rows checked) once per draw instead of once per leaf. Inputs are functions of the
 * parameters, the time and the strategy (docs/markov-cohort.md), so equal parameter values give the
 * same fill; only flat records of numbers are compared (anything else is never cached).
 */
export class FillCache {
  private valid = false;
  /** Evaluations since the stored fill was last used: a model never re-evaluated with equal parameters (a plain PSA) stops paying for the copy. */
  private unused = 0;
  private readonly keys: string[] = [];
  private readonly numbers: number[] = [];
  private readonly rowEnd: Int32Array;
  private readonly col: Int32Array;
  private readonly colState: Int32Array;
  private readonly rawVal: Float64Array;
  private readonly deathSlot: Int32Array;
  private readonly values: Float64Array;
  private readonly tvOutcome: Int32Array;
  private readonly tvFrom: Int32Array;
  private readonly tvTo: Int32Array;
  private readonly tvValue: Float64Array;
  private tvCount = 0;
  /** The vector form's plan of the stored fill (the vector loop reads it instead of the matrix). */
  private plan: TransitionArrayPlan | undefined = undefined;
  private withPlan = false;

  constructor(work: MarkovWorkspace) {
    this.rowEnd = new Int32Array(work.rowEnd.length);
    this.col = new Int32Array(work.col.length);
    this.colState = new Int32Array(work.colState.length);
    this.rawVal = new Float64Array(work.rawVal.length);
    this.deathSlot = new Int32Array(work.deathSlot.length);
    this.values = new Float64Array(work.values.length);
    this.tvOutcome = new Int32Array(work.tvOutcome.length);
    this.tvFrom = new Int32Array(work.tvFrom.length);
    this.tvTo = new Int32Array(work.tvTo.length);
    this.tvValue = new Float64Array(work.tvValue.length);
  }

  /** Whether `params` has the values of the stored fill (same keys in the same order, equal numbers). */
  matches(params: unknown): boolean {
    if (!this.valid || params === null || typeof params !== "object") return false;
    let n = 0;
    for (const key in params) {
      if (n >= this.keys.length || this.keys[n] !== key || !Object.is((params as Record<string, unknown>)[key], this.numbers[n])) return false;
      n++;
    }
    return n === this.keys.length;
  }

  /**
   * Keeps the workspace's fill for `params`; does nothing (and forgets) unless params is a flat
   * record of numbers. After 8 fills in a row that were never reused, only every 64th is kept
   * (enough to notice when reuse starts). `withPlan`: the workspace's vector-form plan was read for
   * these parameters and is kept too.
   */
  store(model: CompiledMarkov, work: MarkovWorkspace, params: unknown, withPlan: boolean): void {
    this.valid = false;
    this.unused++;
    if (this.unused > 8 && (this.unused & 63) !== 0) return;
    if (params === null || typeof params !== "object") return;
    let n = 0;
    for (const key in params) {
      const value = (params as Record<string, unknown>)[key];
      if (typeof value !== "number") return;
      this.keys[n] = key;
      this.numbers[n] = value;
      n++;
    }
    this.keys.length = n;
    this.numbers.length = n;
    copyRows(model, work.rowEnd, work.col, work.colState, work.rawVal, work.rowStart, this.rowEnd, this.col, this.colState, this.rawVal);
    this.deathSlot.set(work.deathSlot);
    this.values.set(work.values);
    this.tvCount = work.tvCount;
    for (let k = 0; k < work.tvCount; k++) {
      this.tvOutcome[k] = work.tvOutcome[k]!;
      this.tvFrom[k] = work.tvFrom[k]!;
      this.tvTo[k] = work.tvTo[k]!;
      this.tvValue[k] = work.tvValue[k]!;
    }
    this.withPlan = withPlan;
    if (withPlan) work.transitionPlan.saveTo((this.plan ??= new TransitionArrayPlan(model.states.length)));
    this.valid = true;
  }

  /** Puts the stored fill back into the workspace; returns whether it put back a vector-form plan too. */
  restore(model: CompiledMarkov, work: MarkovWorkspace): boolean {
    this.unused = 0;
    work.entriesVersion++;
    copyRows(model, this.rowEnd, this.col, this.colState, this.rawVal, work.rowStart, work.rowEnd, work.col, work.colState, work.rawVal);
    work.deathSlot.set(this.deathSlot);
    work.values.set(this.values);
    work.tvCount = this.tvCount;
    for (let k = 0; k < this.tvCount; k++) {
      work.tvOutcome[k] = this.tvOutcome[k]!;
      work.tvFrom[k] = this.tvFrom[k]!;
      work.tvTo[k] = this.tvTo[k]!;
      work.tvValue[k] = this.tvValue[k]!;
    }
    if (this.withPlan) work.transitionPlan.loadFrom(this.plan!);
    return this.withPlan;
  }

  /** Forgets the stored fill. */
  clear(): void {
    this.valid = false;
  }
}

/**
 * Copies the stored part of every sparse row (entries [rowStart[e], rowEnd[e])). When the rows fill
 * a quarter or more of the buffers (the AML back end's tunnels: about half), the whole buffers are
 * copied at once, which is cheaper than row by row; what lies past a row's end is never read.
 */
function copyRows(model: CompiledMarkov, rowEnd: Int32Array, col: Int32Array, colState: Int32Array, val: Float64Array, rowStart: Int32Array, toRowEnd: Int32Array, toCol: Int32Array, toColState: Int32Array, toVal: Float64Array): void {
  let stored = 0;
  for (let e = 0; e < model.expanded; e++) stored += rowEnd[e]! - rowStart[e]!;
  if (4 * stored >= col.length) {
    toRowEnd.set(rowEnd);
    toCol.set(col);
    toColState.set(colState);
    toVal.set(val);
    return;
  }
  for (let e = 0; e < model.expanded; e++) {
    const end = rowEnd[e]!;
    toRowEnd[e] = end;
    for (let index = rowStart[e]!; index < end; index++) {
      toCol[index] = col[index]!;
      toColState[index] = colState[index]!;
      toVal[index] = val[index]!;
    }
  }
}
