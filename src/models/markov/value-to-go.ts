import { discountFactor } from "../../math/discount-factor.js";
import type { EvaluationContext } from "../model.js";
import type { CompiledMarkov } from "./compile-markov.js";
import { PLAN_READ, enterStrategy, fillStrategy } from "./evaluate-strategy.js";
import { addStartingValues } from "./fill-values.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { fail } from "../../core/errors.js";
import { startVector } from "./start-vector.js";
import { type BackwardKernel, type BackwardRows, type LoopTableKernel, backwardKernel, loopTableKernel } from "./value-to-go-kernel.js";

/** Settled tables kept per model (entry times: the tree's pathways usually have a handful). */
const TABLES_KEPT = 16;

/**
 * Buffers of the backward (value-to-go) evaluation of one model, allocated once. A state's
 * value-to-go at trace row t holds, per declared outcome, what one unit of cohort mass there adds
 * from row t on (discounted, then undiscounted), then each milestone's share: `K = 2·O + M` numbers.
 */
export class ValueToGo {
  readonly width: number;
  /** Value-to-go of rows t + 1 (read) and t (written), `[expanded state · K + slot]`; swapped each cycle. */
  private a: Float64Array;
  private b: Float64Array;
  /** 1 for the expanded states whose value-to-go is zero at every row (absorbing, nothing to count). */
  readonly zero: Uint8Array;
  /** 1 for the expanded states that stay put with probability 1 before the floor, with no transition values: value × {@link settledTable}. */
  readonly settled: Uint8Array;
  /**
   * 1 for the other expanded states whose row moves mass only to itself and to zero states, with no
   * transition values (the R/R state before death): their value-to-go is each slot's value times a
   * per-class table B(t) = coef(t) + p(t + 1)·B(t + 1) of the draw's self probabilities p.
   */
  readonly looping: Uint8Array;
  /** Index of a looping state's entry to itself, and its table (`[t · C + class]`, C = 3 + milestones), allocated on first use. */
  private readonly loopSelf: Int32Array;
  private readonly loopTables: (Float64Array | undefined)[];
  /** Per expanded state, the inputs its looping table was last computed from (self probability, death slot, q, floor), to keep it when they repeat. */
  private readonly loopRaw: Float64Array;
  private readonly loopQ: Float64Array;
  private readonly loopSlot: Int32Array;
  private readonly loopFloor: (Float64Array | undefined | null)[];
  /** Class of each slot: 0 cost, 1 effect, 2 undiscounted, 3 + m milestone m; and each class's weight per row (`[t · C + class]`). */
  private readonly classOf: Int32Array;
  private readonly classWeights: Float64Array;
  /** Per state: whether a start or a reachable row may put mass in it, and whether another live state moves mass into it (its tunnel position 0). */
  readonly live: Uint8Array;
  readonly entered: Uint8Array;
  /**
   * Found by classify, per strategy: the live states with a position the row loop steps (neither
   * zero, settled nor looping), ascending, and their count; the looping expanded states of live
   * states and their count; the last row the loop steps; whether some state is settled.
   */
  private readonly rowStates: Int32Array;
  private rowCount = 0;
  /**
   * What classify derives from the matrix's stored entries alone (not their numbers), kept while
   * they repeat: per state, the highest tunnel position of its rows without an entry to themselves
   * (-1: none), which are rows the loop steps whatever else holds; the expanded states with such an
   * entry, ascending, their count, and the index of that entry; the adjacency (`adjacent`,
   * `adjacentBits`); the entries to death states, in stored order (`deathRow`, `deathEntry`,
   * `deathCount`). Derived from the workspace `derivedFrom` at its `entriesVersion` `derivedAt`.
   */
  private readonly plainTop: Int32Array;
  private readonly selfRows: Int32Array;
  private selfCount = 0;
  private readonly selfEntry: Int32Array;
  private derivedFrom: MarkovWorkspace | undefined = undefined;
  private derivedAt = 0;
  private readonly deathRow: Int32Array;
  private readonly deathEntry: Int32Array;
  private deathCount = 0;
  private readonly loopStates: Int32Array;
  private loopCount = 0;
  private last = -1;
  private anySettled = false;
  /** Per start: its expanded start vector, and its starting values per declared outcome. */
  private starts: Float64Array[] = [];
  private startingValues: Float64Array[] = [];
  /**
   * Per start: the spec its vector was built from (undefined: the strategy's default, or none yet) and
   * the spec's names and masses as read, so a tree's unchanged start object (the same three in every
   * AML draw) reuses its vector; and the expanded states holding its mass, ascending, with their count.
   */
  private startSpecs: (Readonly<Record<string, number | undefined>> | undefined)[] = [];
  private startEntries: (string | number | undefined)[][] = [];
  private occupied: Int32Array[] = [];
  private occupiedCount: number[] = [];
  /** Per entry time: the settled states' tables (cost, effect, undiscounted, then milestone survival; N + 1 rows each). */
  private readonly tables = new Map<number, Float64Array>();
  /** One start state's value-to-go at row 0. */
  private readonly startSlots: Float64Array;
  /** Per row t, each slot's weight (`[t · K + slot]`). */
  private readonly coefficients: Float64Array;
  /**
   * The per-year values the slots read, in place: the strategy's `work.values` (`[outcome · E + e]`,
   * or {@link noValues}) for an outcome's two slots, {@link masks} for a milestone's; slot x reads
   * `slotSource[x]` (0 values, 1 masks) at `slotOffset[x] + e`. Not copied per strategy.
   */
  private values: Float64Array;
  private readonly noValues: Float64Array;
  /** Each milestone's indicator per expanded state, `[m · E + e]`: the model's, fixed. */
  private readonly masks: Float64Array;
  private readonly slotSource: Uint8Array;
  private readonly slotOffset: Int32Array;
  /** Per expanded state, the sum of its raw probabilities to the death states (the floor's q, summed as floorRow does). */
  private readonly rowDeath: Float64Array;
  /** 1 when some row of state s stores an entry to state to (`[s · S + to]`). */
  private readonly adjacent: Uint8Array;
  /** The same per state as bits (bit `to` of `[s]`), used instead when the model has at most 31 states: one store per row rather than per entry. */
  private readonly adjacentBits: Int32Array;
  /** The generated row loop for this model's slot layout; null when code generation is refused. */
  private kernel: BackwardKernel | null | undefined = undefined;
  /** The row loop's inputs, filled by backward before each call. */
  private readonly rows = {} as BackwardRows;
  /** The generated looping-state recursion for this model's class count; null when code generation is refused. */
  private loopKernel: LoopTableKernel | null | undefined = undefined;

  constructor(private readonly model: CompiledMarkov) {
    const outcomes = model.outcomes.length;
    this.width = 2 * outcomes + model.milestones.length;
    this.a = new Float64Array(model.expanded * this.width);
    this.b = new Float64Array(model.expanded * this.width);
    this.zero = new Uint8Array(model.expanded);
    this.settled = new Uint8Array(model.expanded);
    this.looping = new Uint8Array(model.expanded);
    this.loopSelf = new Int32Array(model.expanded);
    this.loopTables = new Array<Float64Array | undefined>(model.expanded).fill(undefined);
    this.loopRaw = new Float64Array(model.expanded);
    this.loopQ = new Float64Array(model.expanded);
    this.loopSlot = new Int32Array(model.expanded);
    // null: no table computed yet.
    this.loopFloor = new Array<Float64Array | undefined | null>(model.expanded).fill(null);
    const C = 3 + model.milestones.length;
    this.classOf = new Int32Array(2 * outcomes + model.milestones.length);
    for (let o = 0; o < outcomes; o++) {
      this.classOf[o] = model.outcomeClass[o]!;
      this.classOf[outcomes + o] = 2;
    }
    for (let m = 0; m < model.milestones.length; m++) this.classOf[2 * outcomes + m] = 3 + m;
    this.classWeights = new Float64Array((model.cycles + 1) * C);
    for (let t = 0; t <= model.cycles; t++) {
      this.classWeights[t * C] = model.coefficients[0][t]!;
      this.classWeights[t * C + 1] = model.coefficients[1][t]!;
      this.classWeights[t * C + 2] = model.undiscounted[t]!;
      model.milestones.forEach((milestone, m) => {
        this.classWeights[t * C + 3 + m] = milestone.row === t ? 1 : 0;
      });
    }
    this.live = new Uint8Array(model.states.length);
    this.entered = new Uint8Array(model.states.length);
    this.rowStates = new Int32Array(model.states.length);
    this.plainTop = new Int32Array(model.states.length);
    this.selfRows = new Int32Array(model.expanded);
    this.selfEntry = new Int32Array(model.expanded);
    this.deathRow = new Int32Array(model.expanded * model.states.length);
    this.deathEntry = new Int32Array(model.expanded * model.states.length);
    this.loopStates = new Int32Array(model.expanded);
    const E = model.expanded;
    this.noValues = new Float64Array(outcomes * E);
    this.values = this.noValues;
    this.masks = new Float64Array(model.milestones.length * E);
    model.milestones.forEach((milestone, m) => {
      for (let e = 0; e < E; e++) this.masks[m * E + e] = milestone.states[e]!;
    });
    this.slotSource = new Uint8Array(this.width);
    this.slotOffset = new Int32Array(this.width);
    for (let x = 0; x < this.width; x++) {
      this.slotSource[x] = x < 2 * outcomes ? 0 : 1;
      this.slotOffset[x] = (x < outcomes ? x : x < 2 * outcomes ? x - outcomes : x - 2 * outcomes) * E;
    }
    this.rowDeath = new Float64Array(model.expanded);
    this.startSlots = new Float64Array(this.width);
    this.adjacent = new Uint8Array(model.states.length * model.states.length);
    this.adjacentBits = new Int32Array(model.states.length);
    // Row t's weight of each slot: its class's (the cost or effect coefficient, the undiscounted one, 1 at a milestone's row).
    const K = this.width;
    this.coefficients = new Float64Array((model.cycles + 1) * K);
    for (let t = 0; t <= model.cycles; t++) for (let x = 0; x < K; x++) this.coefficients[t * K + x] = this.classWeights[t * C + this.classOf[x]!]!;
  }

  /** The start vector buffers for `count` starts (grown once). */
  startBuffers(count: number): void {
    const { expanded, outcomes } = this.model;
    while (this.starts.length < count) {
      this.starts.push(new Float64Array(expanded));
      this.startingValues.push(new Float64Array(outcomes.length));
      this.startSpecs.push(undefined);
      this.startEntries.push([]);
      this.occupied.push(new Int32Array(expanded));
      this.occupiedCount.push(0);
    }
  }

  /** Whether start `i`'s vector was built from `spec` as it reads now: the same object, names in the same order and the same masses. */
  private sameStart(i: number, spec: Readonly<Record<string, number | undefined>>): boolean {
    if (this.startSpecs[i] !== spec) return false;
    const entries = this.startEntries[i]!;
    let k = 0;
    for (const name in spec) {
      if (k >= entries.length || entries[k] !== name || !Object.is(entries[k + 1], spec[name])) return false;
      k += 2;
    }
    return k === entries.length;
  }

  /** Records the spec start `i`'s vector was just built from (undefined: the strategy's default) and the states holding its mass. */
  private keepStart(i: number, spec: Readonly<Record<string, number | undefined>> | undefined, vector: Float64Array): void {
    const entries = this.startEntries[i]!;
    entries.length = 0;
    if (spec !== undefined) for (const name in spec) entries.push(name, spec[name]);
    this.startSpecs[i] = spec;
    const occupied = this.occupied[i]!;
    let count = 0;
    for (let e = 0; e < vector.length; e++) if (vector[e] !== 0) occupied[count++] = e;
    this.occupiedCount[i] = count;
  }

  /**
   * The value-to-go of a state that keeps its mass but for the background floor, per unit of each
   * slot's per-year value (slot layout, `[t · K + slot]`): A_c(t) = coef_c(t) + s(t + 1)·A_c(t + 1)
   * with the slot's coefficients (cost, effect or undiscounted), and for a milestone at row r the
   * survival s(t + 1)···s(r) (0 after r), where s(k) is the share that survives the floor in cycle k
   * (1 without one). Depends only on the model's settings and the entry time: tabulated once per
   * entry time, never per draw.
   */
  settledTable(startTime: number, floor: Float64Array | undefined): Float64Array {
    const cached = this.tables.get(startTime);
    if (cached !== undefined) return cached;
    const K = this.width;
    const N = this.model.cycles;
    const table = new Float64Array((N + 1) * K);
    const coefficients = this.coefficients;
    for (let x = 0; x < K; x++) table[N * K + x] = coefficients[N * K + x]!;
    for (let t = N - 1; t >= 0; t--) {
      // The floored "stay" entry of a row (1 to itself, 0 to death): 1 · (1 − q) / (1 − 0), or 1 when q ≤ 0 (floorRow).
      const q = floor === undefined ? 0 : floor[t]!;
      const survive = 0 < q ? 1 * ((1 - q) / (1 - 0)) : 1;
      for (let x = 0; x < K; x++) table[t * K + x] = coefficients[t * K + x]! + survive * table[(t + 1) * K + x]!;
    }
    // An entry time drawn per PSA draw would otherwise keep one table per draw: keep the last few only.
    if (this.tables.size >= TABLES_KEPT) this.tables.clear();
    this.tables.set(startTime, table);
    return table;
  }

  /**
   * Evaluates strategy `strategyIndex` from every context's start at once (same entry time and
   * draw) and writes each start's outputs with `write(i)`, leaving its totals and milestones in the
   * workspace as a forward run would. Returns false, having written nothing, when the strategy's
   * inputs depend on the time (or annual costs are asked): the caller runs those forward.
   */
  evaluate(work: MarkovWorkspace, strategyIndex: number, params: unknown, contexts: readonly (EvaluationContext | undefined)[], write: (i: number) => void): boolean {
    const model = this.model;
    if (work.annual !== undefined) return false;
    const strategy = model.strategies[strategyIndex]!;
    const context = contexts[0];
    const startTime = enterStrategy(model, work, strategyIndex, context);
    const site = work.site;
    const name = strategy.name;
    const count = contexts.length;
    this.startBuffers(count);
    const outcomes = model.outcomes.length;
    for (let i = 0; i < count; i++) {
      const start = contexts[i]?.start;
      const vector = this.starts[i]!;
      if (start !== undefined) {
        if (!this.sameStart(i, start)) {
          // Forgotten first: a spec that fails leaves the vector half written.
          this.startSpecs[i] = undefined;
          startVector(start, model.states, model.stateIndex, model.tunnel, model.tolerance, (path, message, code, received) =>
            fail(code, [...(site.draw === undefined ? [] : ["draw", site.draw]), "strategies", name, "start", ...path], message, received === undefined ? undefined : { received }), vector);
          this.keepStart(i, start, vector);
        }
      } else {
        vector.set(strategy.start!);
        this.keepStart(i, undefined, vector);
      }
      const starting = this.startingValues[i]!;
      starting.fill(0);
      if (strategy.startingValues === undefined) continue;
      // addStartingValues adds Σ value × mass to the totals: the start's own, read back.
      work.current.set(vector);
      work.total.fill(0);
      work.totalUndiscounted.fill(0);
      site.at = "row";
      site.cycle = 0;
      addStartingValues(model, work, strategy.startingValues, params, name, site);
      starting.set(work.total);
    }
    const filled = fillStrategy(model, work, strategyIndex, params, startTime);
    if ((filled & ~PLAN_READ) !== 0) return false;
    // The values as filled (a strategy without values: zeros), read in place by the slots.
    this.values = strategy.valueArrays !== undefined || strategy.values !== undefined ? work.values : this.noValues;
    this.classify(work, count);
    const v0 = this.backward(work, startTime);

    const K = this.width;
    const factors = startTime > 0 ? [discountFactor(model.discountRates[0], startTime), discountFactor(model.discountRates[1], startTime)] : undefined;
    const table = this.anySettled ? this.settledTable(startTime, work.floor) : undefined;
    const { values, masks, slotSource, slotOffset } = this;
    for (let i = 0; i < count; i++) {
      const vector = this.starts[i]!;
      const starting = this.startingValues[i]!;
      const { total, totalUndiscounted, milestones } = work;
      for (let o = 0; o < outcomes; o++) {
        total[o] = starting[o]!;
        totalUndiscounted[o] = starting[o]!;
      }
      milestones.fill(0);
      // The states holding the start's mass, ascending (the others add nothing).
      const occupied = this.occupied[i]!;
      const occupiedCount = this.occupiedCount[i]!;
      for (let k = 0; k < occupiedCount; k++) {
        const e = occupied[k]!;
        const mass = vector[e]!;
        if (this.zero[e] === 1) continue;
        const at = e * K;
        // A settled or looping state's value-to-go at row 0 is its values times its table's row 0.
        const scale = this.settled[e] === 1 ? table! : this.looping[e] === 1 ? this.loopTables[e]! : undefined;
        const slots = this.startSlots;
        for (let x = 0; x < K; x++) slots[x] = scale === undefined ? v0[at + x]! : (slotSource[x] === 0 ? values : masks)[slotOffset[x]! + e]! * scale[scale === table ? x : this.classOf[x]!]!;
        for (let o = 0; o < outcomes; o++) {
          total[o]! += mass * slots[o]!;
          totalUndiscounted[o]! += mass * slots[outcomes + o]!;
        }
        for (let m = 0; m < milestones.length; m++) milestones[m]! += mass * slots[2 * outcomes + m]!;
      }
      if (factors !== undefined) for (let o = 0; o < outcomes; o++) total[o]! *= factors[model.outcomeClass[o]!]!;
      write(i);
    }
    return true;
  }

  /**
   * Marks, from the filled matrix (every tunnel position, fixed for the run): the states some start
   * or reachable row puts mass in (`live`), the tunnel states entered from another live state
   * (`entered`), each row's raw death probability, and the expanded states whose value-to-go is zero
   * (`zero`: absorbing before the floor, not floored, nothing counted), a per-year value times the
   * settled table (`settled`) or times a looping table (`looping`). What follows from the stored
   * entries alone is derived again ({@link structure}) only when the workspace's entriesVersion
   * says they may have changed: a draw's strategies and a PSA's draws usually store the same
   * entries, and deriving it (or even comparing every entry) was the larger part of this pass.
   */
  private classify(work: MarkovWorkspace, count: number): void {
    const model = this.model;
    const { live, entered, zero, settled, looping, loopSelf, adjacent, adjacentBits, rowDeath, values, masks, slotSource, slotOffset, plainTop, selfRows, selfEntry } = this;
    const { rowStart, rowEnd, col, colState, rawVal, tvFirst, stateOf, deathSlot } = work;
    const states = model.states.length;
    const base = model.base;
    const K = this.width;
    const background = model.background;
    const dead = background?.dead;
    const bitwise = states <= 31;
    if (work !== this.derivedFrom || work.entriesVersion !== this.derivedAt) this.structure(work);
    else {
      // Each row's raw death probability, summed in stored order as floorRow sums it (0 + p, then + the next).
      const { deathRow, deathEntry, deathCount } = this;
      rowDeath.fill(0);
      for (let k = 0; k < deathCount; k++) rowDeath[deathRow[k]!]! += rawVal[deathEntry[k]!]!;
    }
    // The rows with an entry to themselves: zero, settled or looping depend on their numbers, the transition values and the per-year values.
    const selfCount = this.selfCount;
    for (let k = 0; k < selfCount; k++) {
      const e = selfRows[k]!;
      const s = stateOf[e]!;
      const row = s * states;
      const self = selfEntry[e]!;
      // Every stored entry other than the one to itself is 0 (before the floor), and no stored move books a transition value.
      let alone = true;
      let booked = false;
      for (let index = rowStart[e]!; index < rowEnd[e]!; index++) {
        if (tvFirst[row + colState[index]!]! >= 0) booked = true;
        if (col[index] !== e && rawVal[index] !== 0) alone = false;
      }
      loopSelf[e] = booked ? -1 : self;
      const floored = dead !== undefined && dead[s] === 0;
      let flag = !booked && alone && rawVal[self] === 1 && !floored;
      for (let x = 0; x < K && flag; x++) if ((slotSource[x] === 0 ? values : masks)[slotOffset[x]! + e] !== 0) flag = false;
      zero[e] = flag ? 1 : 0;
      // Stays put before the floor (settled, if its death state turns out to be zero).
      settled[e] = !flag && !booked && alone && rawVal[self] === 1 && (dead === undefined || (floored && deathSlot[e]! >= 0)) ? 1 : 0;
    }
    live.fill(0);
    entered.fill(0);
    for (let i = 0; i < count; i++) {
      const vector = this.starts[i]!;
      for (let s = 0; s < states; s++) if (vector[base[s]!] !== 0) live[s] = 1;
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (let s = 0; s < states; s++) {
        if (live[s] === 0) continue;
        const bits = bitwise ? adjacentBits[s]! : 0;
        for (let to = 0; to < states; to++) {
          if (bitwise ? ((bits >>> to) & 1) === 0 : adjacent[s * states + to] === 0) continue;
          if (to !== s) entered[to] = 1;
          if (live[to] === 1) continue;
          live[to] = 1;
          changed = true;
        }
      }
    }
    // Under the floor a settled state loses mass to the first death state: its value-to-go must be zero.
    const deathZero = background === undefined || zero[base[background.primary]!] === 1;
    const { rowStates, loopStates } = this;
    let last = -1;
    let rowCount = 0;
    let loopCount = 0;
    let anySettled = false;
    // State by state, ascending (as the rows are numbered): its rows with an entry to themselves one by
    // one, then its other rows at once (each is stepped up to its position, or to row N when the state
    // is entered later, has no tunnel, or the row is the tunnel's last position).
    let k = 0;
    for (let s = 0; s < states; s++) {
      const tunnel = model.tunnel[s]!;
      const top = base[s]! + tunnel;
      for (; k < selfCount && selfRows[k]! < top; k++) {
        const e = selfRows[k]!;
        if (settled[e] === 1 && !deathZero) settled[e] = 0;
        looping[e] = 0;
        if (zero[e] === 1) continue;
        if (settled[e] === 1) {
          anySettled = true;
          continue;
        }
        const self = loopSelf[e]!;
        if (self >= 0) {
          // Looping: every other stored entry leads to a zero state.
          let alone = true;
          for (let index = rowStart[e]!; index < rowEnd[e]! && alone; index++) if (index !== self && zero[col[index]!] !== 1) alone = false;
          if (alone) {
            looping[e] = 1;
            this.loopTables[e] ??= new Float64Array((model.cycles + 1) * (3 + model.milestones.length));
            if (live[s] === 1) loopStates[loopCount++] = e;
            continue;
          }
        }
        if (live[s] === 0) continue;
        const position = e - base[s]!;
        last = Math.max(last, tunnel === 1 || entered[s] === 1 || position === tunnel - 1 ? model.cycles : position);
        if (rowCount === 0 || rowStates[rowCount - 1] !== s) rowStates[rowCount++] = s;
      }
      const position = plainTop[s]!;
      if (position < 0 || live[s] === 0) continue;
      last = Math.max(last, tunnel === 1 || entered[s] === 1 || position === tunnel - 1 ? model.cycles : position);
      if (rowCount === 0 || rowStates[rowCount - 1] !== s) rowStates[rowCount++] = s;
    }
    this.last = last;
    this.rowCount = rowCount;
    this.loopCount = loopCount;
    this.anySettled = anySettled;
  }

  /**
   * Derives from the stored entries what classify keeps between calls (see {@link plainTop}) and
   * each row's raw death probability, and notes the workspace and its entries version.
   */
  private structure(work: MarkovWorkspace): void {
    const model = this.model;
    const { zero, settled, looping, loopSelf, adjacent, adjacentBits, rowDeath, plainTop, selfRows, selfEntry, deathRow, deathEntry } = this;
    const { rowStart, rowEnd, col, colState, rawVal, stateOf } = work;
    const states = model.states.length;
    const base = model.base;
    const dead = model.background?.dead;
    const bitwise = states <= 31;
    if (bitwise) adjacentBits.fill(0);
    else adjacent.fill(0);
    plainTop.fill(-1);
    let selfCount = 0;
    let deathCount = 0;
    for (let e = 0; e < model.expanded; e++) {
      const s = stateOf[e]!;
      const row = s * states;
      const end = rowEnd[e]!;
      let q = 0;
      let self = -1;
      let bits = 0;
      for (let index = rowStart[e]!; index < end; index++) {
        const to = colState[index]!;
        if (bitwise) bits |= 1 << to;
        else adjacent[row + to] = 1;
        if (dead !== undefined && dead[to] === 1) {
          q += rawVal[index]!;
          deathRow[deathCount] = e;
          deathEntry[deathCount++] = index;
        }
        if (col[index] === e) self = index;
      }
      if (bitwise) adjacentBits[s] = adjacentBits[s]! | bits;
      rowDeath[e] = q;
      // A row without an entry to itself (most tunnel positions) is none of zero, settled or looping: a
      // row the loop steps if its state is live. Expanded states are numbered state by state, positions
      // ascending, so the last such row seen is its state's highest.
      if (self < 0) {
        loopSelf[e] = -1;
        zero[e] = 0;
        settled[e] = 0;
        looping[e] = 0;
        plainTop[s] = e - base[s]!;
        continue;
      }
      selfEntry[e] = self;
      selfRows[selfCount++] = e;
    }
    this.selfCount = selfCount;
    this.deathCount = deathCount;
    this.derivedFrom = work;
    this.derivedAt = work.entriesVersion;
  }

  /**
   * A looping state's table B(t) = w(t) + p(t + 1)·B(t + 1) per class, where p is its entry to
   * itself (`raw`) floored as floorRow does it (never the death slot: the row's own state is living).
   */
  private loopTable(B: Float64Array, raw: number, slot: number, q: number, floor: Float64Array | undefined): void {
    const C = 3 + this.model.milestones.length;
    const N = this.model.cycles;
    const classWeights = this.classWeights;
    this.loopKernel ??= loopTableKernel(C) ?? null;
    if (this.loopKernel !== null) return this.loopKernel(B, classWeights, raw, slot, q, floor, N);
    for (let c = 0; c < C; c++) B[N * C + c] = classWeights[N * C + c]!;
    for (let t = N - 1; t >= 0; t--) {
      const qPop = floor === undefined ? 0 : floor[t]!;
      const p = slot >= 0 && q < qPop ? raw * ((1 - qPop) / (1 - q)) : raw;
      for (let c = 0; c < C; c++) B[t * C + c] = classWeights[t * C + c]! + p * B[(t + 1) * C + c]!;
    }
  }

  /**
   * The backward pass: V_t(e) = r_t(e) + Σ_j P_{t+1}(e, j)·(V_{t+1}(j) + b_{t+1}(e, j)) over the
   * expanded states some start may reach at row t, from V_N = r_N, where r_t is the row's weighted
   * per-year values (and the milestone indicators at their rows) and b the transition values of the
   * move, weighted as the forward pass books them. P is the cycle's matrix floored as floorRow does
   * it (the same arithmetic, so the same probabilities). Returns V_0.
   */
  private backward(work: MarkovWorkspace, startTime: number): Float64Array {
    const model = this.model;
    const K = this.width;
    const outcomes = model.outcomes.length;
    const states = model.states.length;
    const N = model.cycles;
    const { rowStart, rowEnd, col, colState, rawVal, deathSlot, tvFirst, tvNext, tvOutcome, tvValue } = work;
    const floor = work.floor;
    const background = model.background;
    const dead = background?.dead;
    const { entered, zero, settled, coefficients, values, masks, slotSource, slotOffset, rowDeath, looping, loopSelf, loopTables, classOf, rowStates } = this;
    const C = 3 + model.milestones.length;
    const outcomeClass = model.outcomeClass;
    const [costEvents, effectEvents] = model.eventWeight;
    const eventUndiscounted = model.eventUndiscounted;
    const table = this.anySettled ? this.settledTable(startTime, floor) : this.coefficients;
    // The looping states' tables first, over every row; then the rows of the other states (classify
    // found them and the last row at which some start may still reach one: the AML tunnels' first 60
    // positions, after which the cohort is cured, settled, or in R/R, looping).
    const { last, rowCount, loopStates, loopCount } = this;
    const stateOf = work.stateOf;
    for (let k = 0; k < loopCount; k++) {
      const e = loopStates[k]!;
      const floored = background !== undefined && dead![stateOf[e]!] === 0;
      // The table is a function of these inputs alone (the class weights and cycles are the model's): a draw's strategies often share them.
      const raw = rawVal[loopSelf[e]!]!;
      const slot = floored ? deathSlot[e]! : -1;
      const q = rowDeath[e]!;
      if (this.loopFloor[e] === floor && Object.is(this.loopRaw[e], raw) && this.loopSlot[e] === slot && Object.is(this.loopQ[e], q)) continue;
      this.loopTable(loopTables[e]!, raw, slot, q, floor);
      this.loopRaw[e] = raw;
      this.loopSlot[e] = slot;
      this.loopQ[e] = q;
      this.loopFloor[e] = floor;
    }
    // The row loop generated for the slot layout (locals instead of K-slot loops), or interpreted when code generation is refused.
    this.kernel ??= backwardKernel(outcomeClass, model.milestones.length, eventUndiscounted !== undefined) ?? null;
    if (this.kernel !== null) {
      const { a, b } = this;
      // One inputs object per ValueToGo, refilled here (every field, every call): a literal per strategy was ~1 kB per AML draw.
      const r = this.rows;
      r.last = last; r.cycles = N; r.floor = floor; r.states = states; r.rowStates = rowStates; r.rowCount = rowCount; r.tunnel = model.tunnel; r.base = model.base;
      r.entered = entered; r.dead = dead; r.rowStart = rowStart; r.rowEnd = rowEnd; r.col = col; r.colState = colState; r.rawVal = rawVal; r.deathSlot = deathSlot;
      r.tvFirst = tvFirst; r.tvNext = tvNext; r.tvOutcome = tvOutcome; r.tvValue = tvValue; r.zero = zero; r.settled = settled; r.looping = looping;
      r.coefficients = coefficients; r.values = values; r.masks = masks; r.expanded = model.expanded; r.rowDeath = rowDeath; r.loopTables = loopTables; r.table = table;
      r.costEvents = costEvents; r.effectEvents = effectEvents; r.eventUndiscounted = eventUndiscounted; r.next = a; r.current = b;
      const result = this.kernel(r);
      this.a = result;
      this.b = result === a ? b : a;
      return result;
    }
    let next = this.a;
    let current = this.b;
    for (let t = last; t >= 0; t--) {
      const cycle = t + 1;
      const qPop = floor === undefined || t === N ? 0 : floor[t]!;
      const rowAt = t * K;
      const settledAt = cycle * K;
      for (let i = 0; i < rowCount; i++) {
        const s = rowStates[i]!;
        const tunnel = model.tunnel[s]!;
        const base = model.base[s]!;
        // A cohort entering at position 0 is at position ≤ t at row t; exactly t when nothing enters the tunnel later.
        const high = t < tunnel - 1 ? t : tunnel - 1;
        const low = entered[s] === 1 ? 0 : high;
        const floored = background !== undefined && dead![s] === 0;
        for (let position = low; position <= high; position++) {
          const e = base + position;
          if (zero[e] === 1 || settled[e] === 1 || looping[e] === 1) continue;
          const at = e * K;
          for (let x = 0; x < K; x++) current[at + x] = coefficients[rowAt + x]! * (slotSource[x] === 0 ? values : masks)[slotOffset[x]! + e]!;
          if (t === N) continue;
          const first = rowStart[e]!;
          const end = rowEnd[e]!;
          // floorRow: q below the population's: the first death state takes qPop − (q − its own), the living entries scale by (1 − qPop)/(1 − q).
          const slot = floored ? deathSlot[e]! : -1;
          const q = rowDeath[e]!;
          const lift = slot >= 0 && q < qPop;
          const scale = lift ? (1 - qPop) / (1 - q) : 1;
          for (let index = first; index < end; index++) {
            const raw = rawVal[index]!;
            const p = !lift ? raw : index === slot ? qPop - (q - raw) : dead![colState[index]!] === 1 ? raw : raw * scale;
            if (p === 0) continue;
            const j = col[index]!;
            for (let n = tvFirst[s * states + colState[index]!]!; n >= 0; n = tvNext[n]!) {
              const o = tvOutcome[n]!;
              const amount = p * tvValue[n]!;
              current[at + o]! += amount * (outcomeClass[o] === 0 ? costEvents : effectEvents)[cycle]!;
              current[at + outcomes + o]! += eventUndiscounted === undefined ? amount : amount * eventUndiscounted[cycle]!;
            }
            if (zero[j] === 1) continue;
            const from = j * K;
            if (settled[j] === 1) for (let x = 0; x < K; x++) current[at + x]! += p * (slotSource[x] === 0 ? values : masks)[slotOffset[x]! + j]! * table[settledAt + x]!;
            else if (looping[j] === 1) {
              const B = loopTables[j]!;
              const loopAt = cycle * C;
              for (let x = 0; x < K; x++) current[at + x]! += p * (slotSource[x] === 0 ? values : masks)[slotOffset[x]! + j]! * B[loopAt + classOf[x]!]!;
            }
            else for (let x = 0; x < K; x++) current[at + x]! += p * next[from + x]!;
          }
        }
      }
      const swap = next;
      next = current;
      current = swap;
    }
    this.a = next;
    this.b = current;
    return next;
  }
}
