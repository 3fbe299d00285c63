import { discountedCycleWeights } from "../../math/discounted-cycle-weights.js";
import { cycleWeights } from "../../math/cycle-weights.js";
import { TrackedTimeContext } from "../cohort/time-context.js";
import type { AnnualSpan } from "../cohort/annual-fractions.js";
import type { CompiledPsm } from "./compile-psm.js";
import { type ClosedFormPair, emptyClosedFormPair } from "./closed-form-pair.js";
import type { PopulationFloor } from "./population-floor.js";

/**
 * Buffers of one partitioned survival model, allocated once and reused for every strategy and draw.
 * Curves are stored endpoint-major: `survival[k · (N + 1) + t]` is S_k at trace row t.
 */
/** What the row loop needs to write the rows of a closed-form evaluation (see materialiseRows). */
export interface PendingRows {
  readonly plan: ClosedFormPair;
  step: number;
  floor: PopulationFloor | undefined;
  tolerance: number;
  stop: boolean;
}

export class PsmWorkspace {
  /** Survival of each endpoint as fitted (before clamping), rows 0 … N (the cumulative hazard first, turned into S in place). */
  readonly raw: Float64Array;
  /** Views of `raw`, one per endpoint (rows 0 … N). */
  readonly rawRows: Float64Array[];
  /** Views of `raw`, one per endpoint, rows 1 … N: where a curve's `cumulativeHazardGrid` writes. */
  readonly rawTail: Float64Array[];
  /** Survival of each endpoint after clamping to the later endpoints, rows 0 … N. */
  readonly survival: Float64Array;
  /** Views of `survival`, one per endpoint (rows 0 … N). */
  readonly survivalRows: Float64Array[];
  /**
   * The lower bound of the state after each endpoint, rows 0 … N: the same array as `survival`,
   * except with the `"floor"` crossing policy, where it is min(S_k, S_{k+1}) (so that state k + 1
   * holds max(S_{k+1} − S_k, 0) while state k keeps S_k as fitted).
   */
  readonly lower: Float64Array;
  /** Views of `lower`, one per endpoint (rows 0 … N). */
  readonly lowerRows: Float64Array[];
  /** `epoch` at trace rows where some endpoint was clamped to a later one in the current evaluation. */
  readonly crossed: Uint32Array;
  /** Number of the current evaluation, for `crossed`. */
  epoch = 0;
  /** Σ_t c_t · S_k(t) per class (cost, effect, undiscounted) and endpoint: `sums[c · K + k]`. */
  readonly sums: Float64Array;
  /** As `sums`, of the `lower` curves (the same array unless the crossing policy is `"floor"`). */
  readonly lowerSums: Float64Array;
  /** Row coefficients interleaved per trace row, [cost, effect, undiscounted] at 3t … 3t + 2, for one pass over memory. */
  readonly weights: Float64Array;
  /**
   * [cost, undiscounted] per trace row at 2t, 2t + 1 when the cost and effect coefficients are equal
   * (the same discount rate), so a row loop keeps one sum for both; otherwise undefined.
   */
  readonly sharedWeights: Float64Array | undefined;
  /** e^{−H} of two stepped endpoints at the anchor rows 0, 16, 32, …: OS's of row 16a at 2a, PFS's at 2a + 1. */
  readonly anchors: Float64Array;
  /** What two stepped endpoints' grid rows are multiplied by as they are read (PFS, OS): a power law's scale, or 1. */
  readonly gridScales = new Float64Array(2);
  /** Where the paired row loop reads each stepped endpoint's H (PFS, OS): its raw row, or a power table. */
  readonly gridInputs: Float64Array[];
  /** Two unscaled power-law tables, row 0 = 0 and j^power at row j (see steppedPair), and the power each holds (NaN: none). */
  readonly powerTables: readonly [Float64Array, Float64Array];
  /** Views of `powerTables` from row 1, where powerTable writes. */
  readonly powerTableTails: readonly [Float64Array, Float64Array];
  readonly powerTablePowers = Float64Array.of(Number.NaN, Number.NaN);
  /** The power-table slot to fill next (the least recently filled). */
  powerTableNext = 0;
  /** Person-years in each state per class: `occupancy[c · (K + 1) + i]`. */
  readonly occupancy: Float64Array;
  /** Per-year or one-off values per outcome and state: `values[o · (K + 1) + i]`. */
  readonly values: Float64Array;
  readonly total: Float64Array;
  readonly totalUndiscounted: Float64Array;
  readonly context: TrackedTimeContext;
  /**
   * Set when the last evaluation's totals are formed in closed form: what the row loop needs to
   * write its rows if something reads them (see materialiseRows and `rowsWritten`).
   */
  pending: PendingRows | undefined = undefined;
  /**
   * The plan and the record `pending` points to when set: one of each per workspace, rewritten in full
   * by each closed-form evaluation (fillSurvival), so a PSA draw allocates neither.
   */
  readonly closedForm: ClosedFormPair = emptyClosedFormPair();
  readonly pendingRows: PendingRows = { plan: this.closedForm, step: Number.NaN, floor: undefined, tolerance: Number.NaN, stop: false };
  /** Whether the rows of a closed-form evaluation (`pending`) have been written. */
  rowsWritten = false;
  /** Number of trace rows of the last strategy at which a curve was clamped. */
  clamped = 0;
  /** Annual costs (`costByYear`): share of trace row t in year y, `annualRows[y · (N + 1) + t]` (see fillAnnualFractions). */
  readonly annualRows: Float64Array;
  /** Share of cycle k's one-off events in year y, `annualEvents[y · (N + 1) + k]`. */
  readonly annualEvents: Float64Array;
  /** The start time the annual shares were filled for (NaN: not yet). */
  annualStart = Number.NaN;
  /** Undiscounted person-years in each state by year: `annualOccupancy[y · (K + 1) + i]`. */
  readonly annualOccupancy: Float64Array;
  /** Undiscounted annual totals per declared outcome: `annualTotal[y · O + o]`. */
  readonly annualTotal: Float64Array;
  /** The years each row and cycle may touch (so the annual loops skip the others). */
  readonly annualSpan: AnnualSpan;
  /** Entries into the state after endpoint k by year: Σ_cycles share · (S_k(k−1) − S_k(k)), `annualInflow[y · K + k]`. */
  readonly annualInflow: Float64Array;
  private readonly capped = new Map<number, readonly [Float64Array, Float64Array, Float64Array]>();

  constructor(private readonly model: CompiledPsm) {
    const rows = model.schedule.cycles + 1;
    const endpoints = model.endpoints.length;
    const states = model.states.length;
    this.raw = new Float64Array(endpoints * rows);
    this.rawRows = model.endpoints.map((_, k) => this.raw.subarray(k * rows, (k + 1) * rows));
    this.rawTail = model.endpoints.map((_, k) => this.raw.subarray(k * rows + 1, (k + 1) * rows));
    this.survival = new Float64Array(endpoints * rows);
    this.survivalRows = model.endpoints.map((_, k) => this.survival.subarray(k * rows, (k + 1) * rows));
    this.crossed = new Uint32Array(rows);
    this.sums = new Float64Array(3 * endpoints);
    const floor = model.crossing === "floor";
    this.lower = floor ? new Float64Array(endpoints * rows) : this.survival;
    this.lowerRows = floor ? model.endpoints.map((_, k) => this.lower.subarray(k * rows, (k + 1) * rows)) : this.survivalRows;
    this.lowerSums = floor ? new Float64Array(3 * endpoints) : this.sums;
    this.occupancy = new Float64Array(3 * states);
    this.weights = new Float64Array(3 * rows);
    const [cost, effect] = model.coefficients.coefficients;
    for (let t = 0; t < rows; t++) {
      this.weights[3 * t] = cost[t]!;
      this.weights[3 * t + 1] = effect[t]!;
      this.weights[3 * t + 2] = model.coefficients.undiscounted[t]!;
    }
    let same = true;
    for (let t = 0; t < rows && same; t++) same = Object.is(cost[t]!, effect[t]!);
    this.sharedWeights = same ? new Float64Array(2 * rows) : undefined;
    for (let t = 0; same && t < rows; t++) {
      this.sharedWeights![2 * t] = cost[t]!;
      this.sharedWeights![2 * t + 1] = model.coefficients.undiscounted[t]!;
    }
    this.anchors = new Float64Array(2 * ((rows + 15) >> 4));
    this.powerTables = [new Float64Array(rows), new Float64Array(rows)];
    this.powerTableTails = [this.powerTables[0].subarray(1), this.powerTables[1].subarray(1)];
    this.gridInputs = [...this.rawRows];
    this.values = new Float64Array(model.layout.outcomes.length * states);
    this.total = new Float64Array(model.layout.outcomes.length);
    this.totalUndiscounted = new Float64Array(model.layout.outcomes.length);
    this.context = new TrackedTimeContext(model.startAge !== undefined);
    const years = model.annualYears;
    this.annualRows = new Float64Array(years * rows);
    this.annualEvents = new Float64Array(years * rows);
    this.annualOccupancy = new Float64Array(years * states);
    this.annualTotal = new Float64Array(years * model.layout.outcomes.length);
    this.annualSpan = { rowFirst: new Int32Array(years === 0 ? 0 : rows), rowLast: new Int32Array(years === 0 ? 0 : rows), eventFirst: new Int32Array(years === 0 ? 0 : rows), eventLast: new Int32Array(years === 0 ? 0 : rows) };
    this.annualInflow = new Float64Array(years * endpoints);
  }

  /**
   * Row coefficients of a value that stops after `cycles` cycles (a treatment-duration cap): the
   * coefficients of a `cycles`-cycle model, by class. Cached per cap length, so a cap allocates once.
   */
  cappedCoefficients(cycles: number): readonly [Float64Array, Float64Array, Float64Array] {
    let found = this.capped.get(cycles);
    if (found === undefined) {
      const { cycleLength, discountRates } = this.model.schedule;
      const correction = this.model.correction;
      if (typeof correction === "object") {
        // User weights belong to the full horizon: a cap keeps them up to its row and drops the rest.
        const { coefficients, undiscounted } = this.model.coefficients;
        found = [coefficients[0].slice(0, cycles + 1), coefficients[1].slice(0, cycles + 1), undiscounted.slice(0, cycles + 1)] as const;
        this.capped.set(cycles, found);
        return found;
      }
      const options = { cycles, cycleLength, correction, timing: this.model.timing };
      found = [
        discountedCycleWeights({ ...options, discountRate: discountRates[0] }),
        discountedCycleWeights({ ...options, discountRate: discountRates[1] }),
        cycleWeights(this.model.correction, cycles).map((w) => w * cycleLength),
      ] as const;
      this.capped.set(cycles, found);
    }
    return found;
  }
}
