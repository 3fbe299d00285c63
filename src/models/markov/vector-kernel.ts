import type { CompiledMarkov } from "./compile-markov.js";
import type { TransitionArrayPlan } from "./fill-transition-arrays.js";
import type { ErrorSite } from "./markov-errors.js";
import { compileReader } from "./shape-readers.js";
import { type DirectRun, DirectKernels } from "./direct-kernel.js";
import type { ValueArrayPlan } from "./fill-value-arrays.js";
import { KERNEL_PARAMETERS, arrayLocals, cycleLines, cycleLoop, kernelArguments, sameCoefficients } from "./vector-cycle.js";

export type KernelArguments = [A: readonly (ArrayLike<number> | undefined)[], S: readonly (ArrayLike<number> | undefined)[], C: Float64Array, reach: Int32Array, lowest: Int32Array, live: Uint8Array, inert: Uint8Array, costWeighted: Float64Array, effectWeighted: Float64Array, undiscounted: Float64Array, costCoefficients: Float64Array, effectCoefficients: Float64Array, undiscountedCoefficients: Float64Array, floor: Float64Array, tvFlow: Float64Array];

/**
 * The vector loop specialised to a plan's shape. `step` moves `current` into `next` (which must be
 * zero) through cycle row + 1, reading each occupied row from the arrays `A` (constants from `C`),
 * checking what it reads (a product entry's state-time factors from `S`); with `weighted`, it also adds trace row `row` to the weighted traces with
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
  /** Per strategy, the direct run generated for its kernel and the shape of its value plan. */
  private readonly direct: DirectKernels;

  constructor(private readonly model: CompiledMarkov, private readonly site: ErrorSite) {
    const strategies = model.strategies.length;
    const states = model.states.length;
    this.kernels = new Array<VectorKernel | undefined>(strategies).fill(undefined);
    this.generations = new Int32Array(strategies);
    this.sameCoefficients = sameCoefficients(model);
    this.shapes = model.strategies.map(() => ({ kind: new Uint8Array(states * states), to: new Int32Array(states * states), entryStart: new Int32Array(states + 1), dest: new Int32Array(states * (states + 1)), destStart: new Int32Array(states + 1), tvPairs: new Int32Array(0), tvCount: 0, token: 0 }));
    this.direct = new DirectKernels(model, site);
  }

  /**
   * The direct run (values by trace row, direct-kernel.ts) for `kernel`, the strategy's kernel that
   * {@link kernelFor} has just returned for `plan`, and the shape of the value plan; undefined when
   * it cannot be generated (the caller then steps cycle by cycle).
   */
  directFor(strategy: number, kernel: VectorKernel, plan: TransitionArrayPlan, values: ValueArrayPlan): DirectRun | undefined {
    return this.direct.directFor(strategy, kernel, plan, this.shapes[strategy]!.tvPairs, values);
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
    if (kernel !== undefined && sameShape(plan, shape, states, tvPairs, tvCount)) {
      shape.token = plan.shape;
      return kernel;
    }
    if (this.generations[strategy]! >= MAX_GENERATIONS) return (this.kernels[strategy] = undefined);
    this.generations[strategy]!++;
    shape.entryStart.set(plan.entryStart);
    shape.destStart.set(plan.destStart);
    shape.kind.set(plan.kind);
    shape.to.set(plan.to);
    shape.dest.set(plan.dest);
    shape.tvPairs = tvPairs.slice(0, tvCount);
    shape.tvCount = tvCount;
    shape.token = plan.shape;
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
  /** The plan's reader token when the shape was last compared equal (TransitionArrayPlan.shape); 0: none. */
  token: number;
}

function sameShape(plan: TransitionArrayPlan, shape: Shape, states: number, tvPairs: Int32Array, tvCount: number): boolean {
  if (tvCount !== shape.tvCount) return false;
  for (let n = 0; n < tvCount; n++) if (tvPairs[n] !== shape.tvPairs[n]) return false;
  // Written by the reader whose plan was compared equal last time: the same entries and destinations.
  if (plan.shape !== 0 && plan.shape === shape.token) return true;
  for (let i = 0; i <= states; i++) if (plan.entryStart[i] !== shape.entryStart[i] || plan.destStart[i] !== shape.destStart[i]) return false;
  const entries = plan.entryStart[states]!;
  for (let n = 0; n < entries; n++) if (plan.kind[n] !== shape.kind[n] || plan.to[n] !== shape.to[n]) return false;
  const dests = plan.destStart[states]!;
  for (let d = 0; d < dests; d++) if (plan.dest[d] !== shape.dest[d]) return false;
  return true;
}

function generate(model: CompiledMarkov, plan: TransitionArrayPlan, tvPairs: Int32Array, site: ErrorSite): VectorKernel | undefined {
  const lines = cycleLines(model, plan, tvPairs);
  const parameters = "A, S, C, reach, lowest, live, inert, cw, ew, uw, CC, EC, UC, F, tv";
  const code = [
    '"use strict";',
    "const low = -tol, high = 1 + tol;",
    `function step(row, cur, next, ${parameters}, weighted) {`,
    "const record = false, RR = undefined;",
    arrayLocals(model, plan),
    ...lines,
    "}",
    // The weighted run: every cycle in one call, the buffers swapped here, booking and milestones called back.
    `function run(work, rows, ${parameters}, MR, book, milestone, RR) {`,
    "const weighted = true, record = true;",
    arrayLocals(model, plan),
    "let cur = work.current, next = work.next, t;",
    ...cycleLoop(lines, tvPairs),
    "}",
    "}",
    "return { step, run };",
  ];
  return compileReader<VectorKernel>(KERNEL_PARAMETERS, code, kernelArguments(model, site));
}

