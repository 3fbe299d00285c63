import type { CompiledMarkov } from "./compile-markov.js";
import { TrackedTimeContext } from "./time-context.js";
import type { ErrorSite } from "./markov-errors.js";
import { KernelCache } from "./kernel-cache.js";
import { NameCache } from "./name-cache.js";
import { FillCache } from "./fill-cache.js";
import { RowsReaders } from "./rows-reader.js";
import { ValuesReaders } from "./values-reader.js";
import { PlanReaders } from "./plan-reader.js";
import { ValuePlanReaders } from "./value-plan-reader.js";
import { CycleGrids } from "./cycle-grid.js";
import { TransitionArrayPlan } from "./fill-transition-arrays.js";
import { ValueArrayPlan } from "./fill-value-arrays.js";
import { type VectorKernel, VectorKernels } from "./vector-kernel.js";
import { RunMemo } from "./run-memo.js";
import { bookFlows, readMilestones } from "./cycle-steps.js";
import { StrategyPaths } from "./strategy-path.js";

/**
 * Every buffer one evaluation needs, allocated once per model so that evaluating a draw allocates
 * nothing per cycle. Sizes grow with states × tunnel length (the expanded states E) times the
 * number of states S, never with the number of cycles.
 */
export class MarkovWorkspace {
  /** Cohort before and after a cycle (expanded states); swapped, never copied. */
  current: Float64Array;
  next: Float64Array;
  /**
   * The expanded states that may hold mass in `current` (ascending; the general loop's sparse
   * cohort step), their count, and the same for the step being built. `next` is all zero between
   * steps of that loop, so a step writes only where mass arrives.
   */
  active: Int32Array;
  activeCount = 0;
  nextActive: Int32Array;
  /** Step number at which an expanded state last joined `nextActive` (avoids clearing a mark array). */
  readonly joined: Int32Array;
  stepStamp = 0;
  /** The state of each expanded state. */
  readonly stateOf: Int32Array;
  /** Sparse transition matrix: row e occupies [rowStart[e], rowEnd[e]) of col/colState/val. */
  readonly rowStart: Int32Array;
  readonly rowEnd: Int32Array;
  readonly col: Int32Array;
  readonly colState: Int32Array;
  readonly val: Float64Array;
  /** With background mortality: the rows as written (fillRow's target), floored into `val` each cycle. */
  readonly rawVal: Float64Array;
  /** With background mortality: index in `val` of each living expanded state's entry to the first death state; −1 otherwise. */
  readonly deathSlot: Int32Array;
  /**
   * Changes whenever the stored entries (row ends, columns, states) may have changed: every writer
   * of the sparse matrix adds 1 (the generated fill only when it stored other entries than were
   * there). Equal versions mean equal stored entries; what is derived from them alone may be kept
   * (ValueToGo's classification).
   */
  entriesVersion = 0;
  /** With background mortality: the floor probability per cycle for the current entry time. */
  floor: Float64Array | undefined = undefined;
  readonly rowScratch: Float64Array;
  /** Per-year state values, laid out [outcome][expanded state]. */
  readonly values: Float64Array;
  /** Trace weighted by the row coefficients (cost class, effect class, undiscounted). */
  readonly weighted: readonly [Float64Array, Float64Array, Float64Array];
  /** Discounted and undiscounted totals per declared outcome. */
  readonly total: Float64Array;
  readonly totalUndiscounted: Float64Array;
  /** Transition values: (outcome, from state, to state, value) entries. */
  readonly tvOutcome: Int32Array;
  readonly tvFrom: Int32Array;
  readonly tvTo: Int32Array;
  readonly tvValue: Float64Array;
  tvCount = 0;
  /** Per (from, to) state pair: its first transition value (−1: none), the next of the same pair, and each value's flow this cycle (0 between cycles). */
  readonly tvFirst: Int32Array;
  readonly tvNext: Int32Array;
  readonly tvFlow: Float64Array;
  /** Per tunnel position: 1 when some tunnel state holds mass there (fill-transitions.ts). */
  readonly heldPositions: Uint8Array;
  /** 1 for the expanded states whose mass reaches no output (weighted-step.ts, markInert). */
  readonly inert: Uint8Array;
  /** The pair of each linked transition value, and how many are linked. */
  readonly tvPairs: Int32Array;
  tvChained = 0;
  readonly start: Float64Array;
  readonly context: TrackedTimeContext;
  /** Destination names of each expanded row (slot = expanded state). */
  readonly rowNames: NameCache;
  /** State names of a transition-rows object (one slot). */
  readonly fromNames: NameCache;
  /** State names of each outcome's values (slot = outcome). */
  readonly valueStateNames: NameCache;
  /** Outcome names of a values table (one slot). */
  readonly outcomeNames: NameCache;
  /** 1 for expanded states holding a non-zero value of some outcome. */
  readonly valued: Uint8Array;
  /** Generated loops for time-homogeneous strategies, by sparsity pattern. */
  readonly kernels: KernelCache;
  /** Annual costs (`costByYear`): the recorder the evaluation writes per-row values into, and its buffers (absent otherwise). */
  readonly annual: MarkovAnnualBuffers | undefined;
  /** The milestones' values of the strategy being evaluated. */
  readonly milestones: Float64Array;
  /** Per strategy: its last time-independent fill, reused while the parameter values are equal. */
  readonly fills: readonly FillCache[];
  /** Per strategy: the transition rows reader generated for the shape its function returns. */
  readonly rowsReaders: RowsReaders;
  /** Per strategy: the state values reader generated for the shape its function returns. */
  readonly valuesReaders: ValuesReaders;
  /** The vector form: the time grids (one per entry time), and the current strategy's transition and value arrays in index form. */
  readonly grids: CycleGrids;
  readonly transitionPlan: TransitionArrayPlan;
  readonly valuePlan: ValueArrayPlan;
  /** Per strategy: the reader of its transitionArrays result generated for the shape it returns. */
  readonly planReaders: PlanReaders;
  /** Per strategy: the reader of its valueArrays result generated for the shape it returns. */
  readonly valuePlanReaders: ValuePlanReaders;
  /** Per strategy: the vector loop's cycle step generated for the shape of its transition arrays. */
  readonly vectorKernels: VectorKernels;
  /** The vector kernels' callbacks for this workspace (booking transition values, reading milestones), made once: not a closure per run. */
  readonly bookAt: (cycle: number) => void;
  readonly milestonesAt: (cycle: number) => void;
  /** The inputs and results of the last weighted run of a vector kernel (run-memo.ts). */
  readonly runMemo: RunMemo;
  /** Per strategy: the whole run generated for the shapes of its vector-form results (strategy-path.ts). */
  readonly strategyPaths: StrategyPaths;
  /** The vector kernel chosen for the strategy being run (evaluate-strategy.ts). */
  arraysKernel: VectorKernel | undefined = undefined;
  /** Where the kernel is, for error messages (mutated, never reallocated). */
  readonly site: ErrorSite = { strategy: "", draw: undefined, cycle: 0, at: "cycle" };

  constructor(model: CompiledMarkov) {
    const expanded = model.expanded;
    const states = model.states.length;
    const outcomes = model.outcomes.length;
    this.current = new Float64Array(expanded);
    this.milestones = new Float64Array(model.milestones.length);
    this.next = new Float64Array(expanded);
    this.active = new Int32Array(expanded);
    this.nextActive = new Int32Array(expanded);
    this.joined = new Int32Array(expanded);
    this.stateOf = new Int32Array(expanded);
    for (let i = 0; i < states; i++) for (let j = 0; j < model.tunnel[i]!; j++) this.stateOf[model.base[i]! + j] = i;
    this.rowStart = new Int32Array(expanded);
    for (let e = 0; e < expanded; e++) this.rowStart[e] = e * states;
    this.rowEnd = Int32Array.from(this.rowStart);
    this.col = new Int32Array(expanded * states);
    this.colState = new Int32Array(expanded * states);
    this.val = new Float64Array(expanded * states);
    this.rawVal = model.background === undefined ? this.val : new Float64Array(expanded * states);
    this.deathSlot = new Int32Array(model.background === undefined ? 0 : expanded).fill(-1);
    this.rowScratch = new Float64Array(states);
    this.values = new Float64Array(outcomes * expanded);
    this.weighted = [new Float64Array(expanded), new Float64Array(expanded), new Float64Array(expanded)];
    this.total = new Float64Array(outcomes);
    this.totalUndiscounted = new Float64Array(outcomes);
    const capacity = outcomes * states * states;
    this.tvOutcome = new Int32Array(capacity);
    this.tvFrom = new Int32Array(capacity);
    this.tvTo = new Int32Array(capacity);
    this.tvValue = new Float64Array(capacity);
    this.tvFirst = new Int32Array(states * states).fill(-1);
    this.tvNext = new Int32Array(capacity);
    this.tvFlow = new Float64Array(capacity);
    this.tvPairs = new Int32Array(capacity);
    this.inert = new Uint8Array(expanded);
    this.heldPositions = new Uint8Array(model.maxTunnel);
    this.start = new Float64Array(expanded);
    this.context = new TrackedTimeContext(model.startAge !== undefined);
    const [cost, effect] = model.coefficients;
    this.kernels = new KernelCache(model.strategies.length, expanded, states, cost.every((c, t) => c === effect[t]));
    this.valued = new Uint8Array(expanded);
    this.rowNames = new NameCache(model.stateIndex, expanded, states);
    this.fromNames = new NameCache(model.stateIndex, 1, states);
    this.valueStateNames = new NameCache(model.stateIndex, outcomes, states);
    this.outcomeNames = new NameCache(model.outcomeIndex, 1, outcomes);
    this.fills = model.strategies.map(() => new FillCache(this));
    this.rowsReaders = new RowsReaders(model, this);
    this.valuesReaders = new ValuesReaders(model, this);
    this.grids = new CycleGrids(model);
    this.transitionPlan = new TransitionArrayPlan(states);
    this.valuePlan = new ValueArrayPlan(outcomes, states);
    this.planReaders = new PlanReaders(model, this.transitionPlan);
    this.valuePlanReaders = new ValuePlanReaders(model, this.valuePlan);
    this.vectorKernels = new VectorKernels(model, this.site);
    this.runMemo = new RunMemo(model);
    this.strategyPaths = new StrategyPaths(model);
    this.bookAt = (cycle) => bookFlows(model, this, cycle, undefined);
    this.milestonesAt = (cycle) => readMilestones(model, this, cycle);
    const rows = model.cycles + 1;
    const years = model.annualYears;
    this.annual =
      years === 0
        ? undefined
        : {
            recorder: { trace: new Float64Array(rows * states), discounted: new Float64Array(outcomes * rows), undiscounted: new Float64Array(outcomes * rows) },
            events: new Float64Array(outcomes * rows),
            rowShares: new Float64Array(years * rows),
            eventShares: new Float64Array(years * rows),
            start: Number.NaN,
            total: new Float64Array(years * outcomes),
          };
  }
}

/** Buffers of the annual cost outputs of a Markov model, allocated once. */
export interface MarkovAnnualBuffers {
  /** Per-row values of the current strategy (when the caller passed no recorder of its own). */
  readonly recorder: { readonly trace: Float64Array; readonly discounted: Float64Array; readonly undiscounted: Float64Array };
  /** Undiscounted transition values per outcome and cycle (`events[o · (N + 1) + k]`), also inside the recorder's rows. */
  readonly events: Float64Array;
  /** Share of trace row t in year y (`rowShares[y · (N + 1) + t]`, fillAnnualFractions). */
  readonly rowShares: Float64Array;
  /** Share of cycle k's events in year y. */
  readonly eventShares: Float64Array;
  /** The start time the shares were filled for (NaN: not yet). */
  start: number;
  /** Undiscounted annual totals per declared outcome: `total[y · O + o]`. */
  readonly total: Float64Array;
}
