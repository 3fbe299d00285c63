import type { CompiledMicrosim } from "./compile-microsimulation.js";
import type { PersonContext } from "./person.js";

/**
 * Every buffer of one microsimulation, allocated once: per-strategy cell tables (sized by the
 * model), per-individual state for one chunk of individuals in flight, and the running moments.
 * Nothing grows with the number of individuals.
 */
export class MicrosimWorkspace {
  readonly cellClass: Uint8Array;
  readonly cellConst: Float64Array;
  readonly cellTable: Float64Array;
  readonly rowClass: Uint8Array;
  readonly rowCum: Float64Array;
  readonly rowCumTable: Float64Array;
  readonly absorbing: Uint8Array;
  readonly absorbValue: Float64Array;
  /** Whether all of a state's values are constant for the strategy (1/0), at `s · S + state`. */
  readonly constantValues: Uint8Array;
  /** Those constant values, at `(s · S + state) · O + o`. */
  readonly stateValue: Float64Array;
  /** One row's probabilities (scratch). */
  readonly probabilities: Float64Array;
  /** One row's cumulative probabilities for an individual (scratch). */
  readonly cumulative: Float64Array;

  // One chunk of individuals in flight.
  readonly startState: Int32Array;
  readonly state: Int32Array;
  readonly stateTime: Int32Array;
  readonly alive: Uint8Array;
  readonly attributes: Float64Array;
  readonly history: Float64Array;
  readonly rngStart: Int32Array;
  readonly rng: Int32Array;
  /** Per strategy and individual of the chunk, per declared outcome: discounted and undiscounted totals. */
  readonly totals: Float64Array;
  readonly undiscounted: Float64Array;

  // Running sums and moments over individuals, per strategy × output.
  readonly sum: Float64Array;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  /** Co-moments of strategy pairs (s < r) per output, at `(s · G + r) · W + w`. */
  readonly co: Float64Array;
  readonly before: Float64Array;
  readonly after: Float64Array;
  readonly individualOut: Float64Array;
  readonly scratchTotal: Float64Array;
  readonly scratchUndiscounted: Float64Array;
  /** Individuals per state and trace row, per strategy, at `(s · (N + 1) + t) · S + state`. */
  readonly trace: Float64Array;
  /** Individuals absorbed into a state after row t, per strategy (for the trace). */
  readonly absorbedAfter: Float64Array;
  readonly key = new Int32Array(4);
  /** The object passed to cells for individuals. */
  readonly person: PersonContext;
  /** The object passed to cells while classifying them (one individual with median attributes). */
  readonly probe: PersonContext;
  /** Number of individuals folded into the moments so far. */
  count = 0;

  constructor(model: CompiledMicrosim) {
    const G = model.strategies.length;
    const S = model.states.length;
    const C = model.cells.length;
    const N = model.schedule.cycles;
    const O = model.outcomeLayout.outcomes.length;
    const W = model.outcomeLayout.outputs.length;
    const A = model.attributeNames.length;
    const H = model.historyNames.length;
    const m = model.chunkSize;
    this.cellClass = new Uint8Array(G * C);
    this.cellConst = new Float64Array(G * C);
    this.cellTable = new Float64Array(G * C * (N + 1));
    this.rowClass = new Uint8Array(G * S);
    this.rowCum = new Float64Array(G * S * S);
    this.rowCumTable = new Float64Array(G * (N + 1) * S * S);
    this.absorbing = new Uint8Array(G * S);
    this.absorbValue = new Float64Array(G * S * O);
    this.constantValues = new Uint8Array(G * S);
    this.stateValue = new Float64Array(G * S * O);
    this.probabilities = new Float64Array(S);
    this.cumulative = new Float64Array(S);
    this.startState = new Int32Array(m);
    this.state = new Int32Array(m);
    this.stateTime = new Int32Array(m);
    this.alive = new Uint8Array(m);
    this.attributes = new Float64Array(m * A);
    this.history = new Float64Array(m * H);
    this.rngStart = new Int32Array(m * 4);
    this.rng = new Int32Array(m * 4);
    this.totals = new Float64Array(G * m * O);
    this.undiscounted = new Float64Array(G * m * O);
    this.sum = new Float64Array(G * W);
    this.mean = new Float64Array(G * W);
    this.m2 = new Float64Array(G * W);
    this.co = new Float64Array(G * G * W);
    this.before = new Float64Array(G * W);
    this.after = new Float64Array(G * W);
    this.individualOut = new Float64Array(G * W);
    this.scratchTotal = new Float64Array(O);
    this.scratchUndiscounted = new Float64Array(O);
    this.trace = new Float64Array(G * (N + 1) * S);
    this.absorbedAfter = new Float64Array(G * (N + 1) * S);
    this.person = new model.Person();
    this.person.attributes = this.attributes;
    this.person.history = this.history;
    this.person.stateTimes = this.stateTime;
    this.probe = new model.Person();
    this.probe.attributes = new Float64Array(A);
    this.probe.history = new Float64Array(H);
    this.probe.stateTimes = new Int32Array(1);
  }

  /** Clears the moments and the trace before an evaluation. */
  reset(): void {
    this.sum.fill(0);
    this.mean.fill(0);
    this.m2.fill(0);
    this.co.fill(0);
    this.trace.fill(0);
    this.absorbedAfter.fill(0);
    this.count = 0;
  }
}
