import type { TimeContext } from "../models/cohort/time-context.js";
import { byCycle, byCycleAndStateTime, byStateTime, type ArrayEntry, type StateValueArrays, type TimeArray, type TransitionArrayRows } from "../models/markov/array-entry.js";
import type { CycleGrid } from "../models/markov/cycle-grid.js";
import { compileStoringExpression } from "./expression.js";
import type { Env, Getter } from "./expression-env.js";
import { READS_AGE, READS_CYCLE, READS_STATE_TIME, expressionReads, type ModelScope } from "./model-scope.js";

type Params = Readonly<Record<string, number>>;

/** A compiled cell of a Markov model file: a constant, `complement`, or a getter with its source. */
export type SourcedCell = number | symbol | { readonly getter: Getter; readonly source: string };

/** Rows of cells as written (from → to, or outcome → state), in written order. */
export type CellRows = readonly (readonly [string, readonly (readonly [string, SourcedCell])[]])[];

/** The vector forms a model file's Markov model gets: each only where some expression reads the time. */
export interface ArrayForms {
  readonly transitionArrays?: (params: Params, grid: CycleGrid, strategy: string) => TransitionArrayRows<string>;
  readonly valueArrays?: (params: Params, grid: CycleGrid, strategy: string) => StateValueArrays<string, string>;
}

/**
 * The time object the scope's time names read while the vector form walks the grid: the same
 * numbers as the engine's TimeContext at that point (the grid's arrays), and a record of what was read.
 */
class GridTime implements TimeContext {
  grid: CycleGrid | undefined;
  /** Trace rows (values) rather than transition cycles. */
  rows = false;
  index = 0;
  cycleValue = 0;
  timeValue = 0;
  stateTimeValue = 0;
  read = 0;

  get cycle(): number {
    this.read |= READS_CYCLE;
    return this.cycleValue;
  }

  get time(): number {
    this.read |= READS_CYCLE;
    return this.timeValue;
  }

  get age(): number {
    this.read |= READS_CYCLE;
    // The grid's ages are (startAge + startTime) + time, as TimeContext.age; read only when reached.
    const grid = this.grid!;
    return (this.rows ? grid.rowAge : grid.transitionAge)[this.index]!;
  }

  get stateTime(): number {
    this.read |= READS_STATE_TIME;
    return this.stateTimeValue;
  }

  /** Moves to transition cycle `index + 1` (rows false) or trace row `index` (rows true), time in state `stateTime`. */
  at(index: number, stateTime: number): void {
    const grid = this.grid!;
    this.index = index;
    this.cycleValue = this.rows ? grid.row[index]! : grid.transitionCycle[index]!;
    this.timeValue = this.rows ? grid.rowTime[index]! : grid.transitionTime[index]!;
    this.stateTimeValue = stateTime;
  }
}

/**
 * An expression that may read the time, evaluated over the grid points it depends on into a buffer
 * kept from draw to draw. Its variables that do not read the time are read once per call; the
 * others, and the time names, at every point, through the same getters as the callback form, and
 * the expression is the same arithmetic over them, so the numbers are those the callbacks give.
 */
class ArrayCell {
  private buffer = new Float64Array(0);
  private entry: TimeArray | undefined;
  private readonly slots: Float64Array;
  /** Whether some time slot goes through a getter (the time object must be at the point). */
  private readonly throughGetters: boolean;
  /** The grid the buffer was last filled over in full (undefined: not filled, or filled through getters). */
  private filledOver: CycleGrid | undefined = undefined;

  constructor(
    private readonly getter: Getter,
    /**
     * Stores the expression's values at `count` points from `n` on: `store(slots, buffer, n, count)`
     * (compileStoringExpression: no number boxed per point). Without getters at the points it sets
     * the state-time slots itself (a run over the tunnel's state times in one call); with them it is
     * called per point with count 1, after the loop has set every time slot.
     */
    private readonly store: (values: Float64Array, out: Float64Array, at: number, count: number) => void,
    private readonly slotGetters: readonly Getter[],
    private readonly timeSlots: Int32Array,
    /** Per time slot, where its value comes from: one of the SLOT_* codes. */
    private readonly timeSources: Uint8Array,
    private readonly fixedSlots: Int32Array,
    /** What it may read: {@link READS_CYCLE}, and {@link READS_STATE_TIME} only in a tunnel state. */
    private readonly reads: number,
    private readonly tunnel: number,
  ) {
    this.slots = new Float64Array(slotGetters.length);
    this.throughGetters = timeSources.includes(SLOT_GETTER);
  }

  /** The entry for this call: the number the callback form would give when this draw and strategy read no time, else the array. */
  value(params: Params, time: GridTime, scope: ModelScope): ArrayEntry {
    // What the first point reads decides: if it read no time, no other point can differ (only the time differs between them).
    time.at(0, 0);
    scope.tick();
    time.read = 0;
    const first = this.getter(params);
    if ((time.read & this.reads) === 0) return first;
    const grid = time.grid!;
    const byCycleToo = (this.reads & READS_CYCLE) !== 0;
    const byState = (this.reads & READS_STATE_TIME) !== 0;
    const points = byCycleToo ? (time.rows ? grid.cycles + 1 : grid.cycles) : 1;
    const tunnel = byState ? this.tunnel : 1;
    const size = points * tunnel;
    if (this.buffer.length !== size || this.entry === undefined) {
      this.buffer = new Float64Array(size);
      this.entry = byCycleToo && byState ? byCycleAndStateTime(this.buffer) : byCycleToo ? byCycle(this.buffer) : byStateTime(this.buffer);
      this.filledOver = undefined;
    }
    const { slots, slotGetters, timeSlots, timeSources, fixedSlots, buffer, store, throughGetters } = this;
    // Without getters at the points, the numbers are a function of the fixed slots and the grid's points
    // (the expression and its functions are pure): when both are those of the last fill, so is the
    // buffer (the AML back end's three strategies share most cells within a draw).
    let same = this.filledOver === grid;
    for (let i = 0; i < fixedSlots.length; i++) {
      const slot = fixedSlots[i]!;
      const value = slotGetters[slot]!(params);
      if (!Object.is(value, slots[slot])) same = false;
      slots[slot] = value;
    }
    if (same) return this.entry;
    this.filledOver = undefined;
    const cycles = time.rows ? grid.row : grid.transitionCycle;
    const times = time.rows ? grid.rowTime : grid.transitionTime;
    let n = 0;
    for (let point = 0; point < points; point++) {
      const cycle = cycles[point]!;
      const years = times[point]!;
      if (!throughGetters) {
        // The cycle and time of this point; the store sets the state times of its run itself.
        for (let i = 0; i < timeSlots.length; i++) {
          const source = timeSources[i]!;
          if (source === SLOT_CYCLE) slots[timeSlots[i]!] = cycle;
          else if (source === SLOT_TIME) slots[timeSlots[i]!] = years;
        }
        store(slots, buffer, n, tunnel);
        n += tunnel;
        continue;
      }
      for (let k = 0; k < tunnel; k++) {
        time.at(point, k);
        scope.tick();
        // The numbers the scope's getters would return (TimeContext's fields), without the calls.
        for (let i = 0; i < timeSlots.length; i++) {
          const source = timeSources[i]!;
          slots[timeSlots[i]!] = source === SLOT_STATE_TIME ? k : source === SLOT_HEEMOD_STATE_TIME ? k + 1 : source === SLOT_CYCLE ? cycle : source === SLOT_TIME ? years : slotGetters[timeSlots[i]!]!(params);
        }
        store(slots, buffer, n++, 1);
      }
    }
    if (!throughGetters) this.filledOver = grid;
    return this.entry;
  }
}

/** Where an array cell's time slot is read from: a getter (age, darth_cycle, variables), or the point itself. */
const SLOT_GETTER = 0;
const SLOT_STATE_TIME = 1;
const SLOT_HEEMOD_STATE_TIME = 2;
const SLOT_CYCLE = 3;
const SLOT_TIME = 4;
/** The time names read straight from the point (model-scope.ts: cycle and model_time are the cycle, heemod_state_time is state_time + 1). */
const DIRECT_SLOTS: ReadonlyMap<string, number> = new Map([
  ["state_time", SLOT_STATE_TIME],
  ["heemod_state_time", SLOT_HEEMOD_STATE_TIME],
  ["cycle", SLOT_CYCLE],
  ["model_time", SLOT_CYCLE],
  ["time", SLOT_TIME],
]);

let callbacksOnly = false;

/**
 * Builds with the callback form only (the compiler as it was before the vector form), for tests and
 * benchmarks that compare the two forms on the same file. Synchronous; the setting ends with `build`.
 *
 * @param build - Compiles model files (e.g. `() => compileModelFile(text, options)`).
 * @returns What `build` returns.
 * @example
 * callbackForm(() => "built with callbacks") // => "built with callbacks"
 */
export function callbackForm<T>(build: () => T): T {
  const before = callbacksOnly;
  callbacksOnly = true;
  try {
    return build();
  } finally {
    callbacksOnly = before;
  }
}

/**
 * Compiles a Markov model file's transitions and state values into the engine's vector form
 * (`transitionArrays`, `valueArrays`) where some expression may read the time: per entry, from the
 * names it uses (through the model's variables), whether it can vary by cycle, by time in state, or
 * both; each draw and strategy then evaluates it only over those points, into buffers reused from
 * draw to draw. An entry whose first point reads no time in this draw and strategy is a number, as
 * in the callback form (so a strategy that never reads the time stays time-homogeneous). Tables
 * without such expressions keep the callback form; so does a model that reads the age without a
 * startAge (the callback form reports it only where the age is reached).
 */
export function arrayForms(transitions: CellRows, values: CellRows, tunnels: ReadonlyMap<string, number>, scope: ModelScope, hasStartAge: boolean): ArrayForms {
  if (callbacksOnly) return {};
  const time = new GridTime();
  let age = false;
  // Rows keep their keys in written order (the engine sums a row in it); constants are written once.
  const compile = (rows: CellRows, tunnelOf: (key: string, name: string) => number): { tables: Table[]; arrays: boolean } => {
    let arrays = false;
    const tables = rows.map(([key, cells]): Table => {
      const row: Record<string, ArrayEntry | symbol> = {};
      const varying: [string, Getter | ArrayCell][] = [];
      for (const [name, cell] of cells) {
        if (typeof cell !== "object") {
          row[name] = cell;
          continue;
        }
        const reads = expressionReads(cell.source, scope.env, scope.timeReads);
        if ((reads.bits & READS_AGE) !== 0) age = true;
        const entry = compileCell(cell.getter, cell.source, reads, scope, tunnelOf(key, name));
        if (entry instanceof ArrayCell) arrays = true;
        row[name] = 0;
        varying.push([name, entry]);
      }
      return [key, row, varying];
    });
    return { tables, arrays };
  };
  const rowTables = compile(transitions, (from) => tunnels.get(from) ?? 1);
  const valueTables = compile(values, (_, state) => tunnels.get(state) ?? 1);
  if (age && !hasStartAge) return {};
  const fill = (params: Params, varying: Varying): void => {
    // Getters first, at the first point: one may still read the time in state of a state without a
    // tunnel (always 0), directly or through a variable, which the array cells move.
    time.at(0, 0);
    scope.tick();
    const { getterRows, getterNames, getters, cellRows, cellNames, cells } = varying;
    for (let i = 0; i < getters.length; i++) getterRows[i]![getterNames[i]!] = getters[i]!(params);
    for (let i = 0; i < cells.length; i++) cellRows[i]![cellNames[i]!] = cells[i]!.value(params, time, scope);
  };
  const rowVarying = flatten(rowTables.tables);
  const valueVarying = flatten(valueTables.tables);
  const out = (tables: readonly Table[]): Record<string, Record<string, ArrayEntry | symbol>> => Object.fromEntries(tables.map(([key, row]) => [key, row]));
  const rowsOut = out(rowTables.tables) as TransitionArrayRows<string>;
  const valuesOut = out(valueTables.tables) as StateValueArrays<string, string>;
  return {
    ...(rowTables.arrays
      ? {
          transitionArrays: (params: Params, grid: CycleGrid, strategy: string) => {
            time.grid = grid;
            time.rows = false;
            scope.enter(time, strategy);
            fill(params, rowVarying);
            return rowsOut;
          },
        }
      : {}),
    ...(valueTables.arrays
      ? {
          valueArrays: (params: Params, grid: CycleGrid, strategy: string) => {
            time.grid = grid;
            time.rows = true;
            scope.enter(time, strategy);
            fill(params, valueVarying);
            return valuesOut;
          },
        }
      : {}),
  };
}

/** One row as the vector form returns it (key, the reused object) and its entries filled per call. */
type Table = [string, Record<string, ArrayEntry | symbol>, [string, Getter | ArrayCell][]];

/** The entries some tables fill per call, flattened in their order: the getters' (row, key, getter), then the array cells'. */
interface Varying {
  readonly getterRows: Record<string, ArrayEntry | symbol>[];
  readonly getterNames: string[];
  readonly getters: Getter[];
  readonly cellRows: Record<string, ArrayEntry | symbol>[];
  readonly cellNames: string[];
  readonly cells: ArrayCell[];
}

function flatten(tables: readonly Table[]): Varying {
  const varying: Varying = { getterRows: [], getterNames: [], getters: [], cellRows: [], cellNames: [], cells: [] };
  for (const [, row, entries] of tables) {
    for (const [name, entry] of entries) {
      if (typeof entry === "function") {
        varying.getterRows.push(row);
        varying.getterNames.push(name);
        varying.getters.push(entry);
      } else {
        varying.cellRows.push(row);
        varying.cellNames.push(name);
        varying.cells.push(entry);
      }
    }
  }
  return varying;
}

/** A getter cell as it is for the vector form: the getter itself when it reads no time (in this state), else an {@link ArrayCell}. */
function compileCell(getter: Getter, source: string, expression: { readonly bits: number; readonly symbols: readonly string[] }, scope: ModelScope, tunnel: number): Getter | ArrayCell {
  const env: Env = scope.env;
  // In a state without a tunnel the time in state is always 0.
  const reads = expression.bits & (tunnel > 1 ? READS_CYCLE | READS_STATE_TIME : READS_CYCLE);
  if (reads === 0) return getter;
  const symbols = expression.symbols;
  const slotGetters = symbols.map((name): Getter => env.getters.get(name) ?? ((p) => p[name]!));
  const timed = symbols.flatMap((name, i) => (scope.timeReads.has(name) ? [i] : []));
  const fixed = symbols.flatMap((name, i) => (scope.timeReads.has(name) ? [] : [i]));
  const sources = Uint8Array.from(timed, (i) => DIRECT_SLOTS.get(symbols[i]!) ?? SLOT_GETTER);
  // Without getters at the points the store runs over a tunnel's state times itself (ArrayCell.value).
  const run = sources.includes(SLOT_GETTER) ? undefined : { stateTime: timed.filter((_, i) => sources[i] === SLOT_STATE_TIME), stateTimePlusOne: timed.filter((_, i) => sources[i] === SLOT_HEEMOD_STATE_TIME) };
  const store = compileStoringExpression(source, { names: symbols, functions: env.functions }, [], run);
  return new ArrayCell(getter, store, slotGetters, Int32Array.from(timed), sources, Int32Array.from(fixed), reads, tunnel);
}
