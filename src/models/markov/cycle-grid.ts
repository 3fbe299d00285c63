import { didYouMean } from "../../core/closest-name.js";
import { fail } from "../../core/errors.js";

/**
 * A `Float64Array` the engine shares between calls: readable like one (`map`, `slice`, indexing),
 * but without the methods that write into it.
 *
 * @example
 * const ages: ReadonlyFloat64Array = new Float64Array([40, 41]);
 * ages.map((age) => age + 1)[0] // => 41
 */
export type ReadonlyFloat64Array = Omit<Float64Array, "set" | "fill" | "copyWithin" | "reverse" | "sort" | "subarray" | number> & { readonly [index: number]: number };

/**
 * The time axis of a Markov cohort model as arrays, for the vector form (`transitionArrays`,
 * `valueArrays`): the same quantities as the {@link TimeContext} of the callback form, for every
 * cycle at once. Index i of a transition array is cycle i + 1; index t of a value array is trace
 * row t. Built once per model (and entry time); the arrays are shared, so never write into them.
 *
 * @example
 * const grid: Pick<CycleGrid, "cycles" | "transitionTime"> = { cycles: 2, transitionTime: new Float64Array([0, 0.5]) };
 * grid.transitionTime[1] // => 0.5
 */
export interface CycleGrid {
  /** Number of cycles N. */
  readonly cycles: number;
  /** Cycle length in years. */
  readonly cycleLength: number;
  /** Cycle number of each transition cycle: 1 … N (length N). */
  readonly transitionCycle: ReadonlyFloat64Array;
  /** Start of each transition cycle in years since entry, (cycle − 1) · cycleLength (length N). */
  readonly transitionTime: ReadonlyFloat64Array;
  /** Age at the start of each transition cycle, startAge + startTime + time (length N; needs `startAge`). */
  readonly transitionAge: ReadonlyFloat64Array;
  /** Trace row numbers 0 … N (length N + 1). */
  readonly row: ReadonlyFloat64Array;
  /** Time of each trace row in years since entry, row · cycleLength (length N + 1). */
  readonly rowTime: ReadonlyFloat64Array;
  /** Age at each trace row, startAge + startTime + rowTime (length N + 1; needs `startAge`). */
  readonly rowAge: ReadonlyFloat64Array;
  /** The tunnel length of a state (1 for a state without a tunnel): the length of its state-time arrays. */
  tunnelLength(state: string): number;
}

/** What a grid is built from (a compiled model's schedule and states). */
export interface GridShape {
  readonly cycles: number;
  readonly cycleLength: number;
  readonly startAge: number | undefined;
  readonly states: readonly string[];
  readonly stateIndex: ReadonlyMap<string, number>;
  readonly tunnel: Int32Array;
}

/**
 * The engine's {@link CycleGrid} for one entry time. The time arrays are shared by every entry
 * time of a model; the age arrays are made on first read (which fails, as `TimeContext.age` does,
 * when the model has no startAge), and a read is recorded so that a fill which read the age is
 * never reused at another entry time.
 */
export class EngineCycleGrid implements CycleGrid {
  readonly cycles: number;
  readonly cycleLength: number;
  readonly transitionCycle: Float64Array;
  readonly transitionTime: Float64Array;
  readonly row: Float64Array;
  readonly rowTime: Float64Array;
  /** Set when an age array is read (cleared by the engine before each call). */
  readAge = false;
  private transitionAges: Float64Array | undefined;
  private rowAges: Float64Array | undefined;

  constructor(private readonly shape: GridShape, private readonly startTime: number, shared?: EngineCycleGrid) {
    const { cycles, cycleLength } = shape;
    this.cycles = cycles;
    this.cycleLength = cycleLength;
    if (shared !== undefined) {
      this.transitionCycle = shared.transitionCycle;
      this.transitionTime = shared.transitionTime;
      this.row = shared.row;
      this.rowTime = shared.rowTime;
    } else {
      this.transitionCycle = new Float64Array(cycles);
      this.transitionTime = new Float64Array(cycles);
      this.row = new Float64Array(cycles + 1);
      this.rowTime = new Float64Array(cycles + 1);
      // The same arithmetic as the callback form's TimeContext, so both forms see the same numbers.
      for (let cycle = 1; cycle <= cycles; cycle++) {
        this.transitionCycle[cycle - 1] = cycle;
        this.transitionTime[cycle - 1] = (cycle - 1) * cycleLength;
      }
      for (let row = 0; row <= cycles; row++) {
        this.row[row] = row;
        this.rowTime[row] = row * cycleLength;
      }
    }
  }

  get transitionAge(): Float64Array {
    this.readAge = true;
    return (this.transitionAges ??= this.ages(this.transitionTime));
  }

  get rowAge(): Float64Array {
    this.readAge = true;
    return (this.rowAges ??= this.ages(this.rowTime));
  }

  tunnelLength(state: string): number {
    const index = this.shape.stateIndex.get(state);
    if (index === undefined) fail("unknown_state", ["tunnelLength"], `unknown state "${String(state)}": ${didYouMean(String(state), this.shape.states)}`, { received: state });
    return this.shape.tunnel[index]!;
  }

  private ages(times: Float64Array): Float64Array {
    if (this.shape.startAge === undefined) fail("invalid_model", ["startAge"], "a transition or value reads the age, but the model has no startAge");
    // TimeContext.age is (startAge + startTime) + time: the same order of additions.
    const offset = this.shape.startAge + this.startTime;
    return times.map((time) => offset + time);
  }
}

/** The grids of one model, one per entry time (time 0 first), built when first needed. */
export class CycleGrids {
  private readonly grids = new Map<number, EngineCycleGrid>();

  constructor(private readonly shape: GridShape) {}

  /** The grid of a cohort entering at `startTime` years. */
  at(startTime: number): EngineCycleGrid {
    let grid = this.grids.get(startTime);
    if (grid === undefined) {
      const first = this.grids.get(0);
      grid = new EngineCycleGrid(this.shape, startTime, first);
      // A tree may enter a model at many times: keep a bounded number of grids.
      if (this.grids.size >= 64) this.grids.clear();
      this.grids.set(startTime, grid);
    }
    return grid;
  }
}
