import type { CompiledPsm } from "./compile-psm.js";
import type { PopulationFloor } from "./population-floor.js";
import type { PsmWorkspace } from "./psm-workspace.js";

/**
 * Totals of two exponential endpoints (PFS = 0, OS = 1) without their rows, for evaluations that
 * need only totals (a PSA draw). Why it is exact up to rounding: with x = rate·step, the row loop
 * (exponentialPairPass) forms S_t = S_{t−1}·e^{−max(x, f_t)}, f_t the population's increment into
 * row t (none without a floor; a tie f_t = x gives the same factor either way). The rows split into
 * runs where the floor is inactive (f_t ≤ x: S_t = S_{a−1}·e^{−(t−a+1)x}) or active (f_t > x:
 * S_t = S_{a−1}·P_t/P_{a−1}, P_t = e^{−F_t}, F_t the population's cumulative increment). The runs are
 * few (the floor takes over near one age; a sex mix's hazard dips within each year of the life table,
 * so a few runs alternate there), found by block maxima and minima of f. Row weights geometric between
 * the end rows (w_t = w_a·ρ^{t−a}, checked to 1e-13 per row, as are the event discounts from cycle 1)
 * make an inactive run's Σ w_t S_t a geometric series, S_{a−1}·w_a·e^{−x}·Σ_{j≤b−a} e^{−j(x−ln ρ)},
 * formed with expm1 (no cancellation when x − ln ρ is small); an active run's is
 * S_{a−1}·e^{F_{a−1}}·Σ_{t=a}^{b} w_t P_t, a difference of suffix sums tabulated once per floor. PFS
 * never exceeds OS when x_PFS ≥ x_OS (each row's factor e^{−max(x, f)} is then no larger), so the
 * clamp never binds and no row is crossed; otherwise, or when a check fails, the caller keeps the
 * row loop. The rows are written later, only if something reads them (see materialiseRows). Against
 * the row loop the totals differ by roundings only (geometric sums instead of running ones, exact
 * e^{−t·x} instead of chained products re-anchored every 32 rows): within 1e-12 relative of each
 * curve's sum, see the property test (test/models/psm/closed-form-pair.test.ts).
 */
export interface ClosedFormPair {
  ratePfs: number;
  rateOs: number;
  floor: PopulationFloor | undefined;
  /** PFS's and OS's totals. */
  readonly curves: readonly [CurveTotals, CurveTotals];
  /**
   * The model and floor of the last plan, with their ratios (modelDeltas) and floor tables: a workspace's plan
   * serves one model and a few floors, so a draw finds them here instead of in three WeakMaps.
   */
  lookup: { model: CompiledPsm | undefined; floor: PopulationFloor | undefined; deltas: Float64Array | null; tables: FloorTables | null | undefined };
}

/**
 * An empty plan for {@link closedFormPair} to fill: a workspace keeps one and reuses it for every
 * evaluation (a PSA draw then allocates no plan); each fill writes every field it reads later.
 */
export function emptyClosedFormPair(): ClosedFormPair {
  const totals = (): CurveTotals => ({ sums: new Float64Array(3), entries: new Float64Array(2), last: Number.NaN, firstFloored: 0, q: Number.NaN, drop: Number.NaN, rowDelta: Number.NaN, rowDenominator: Number.NaN, capLength: -1, capDecay: Number.NaN });
  return { ratePfs: Number.NaN, rateOs: Number.NaN, floor: undefined, curves: [totals(), totals()], lookup: { model: undefined, floor: undefined, deltas: null, tables: undefined } };
}

interface Geometric {
  /** −ln ρ of the interior ratio, or NaN when the interior is not geometric. */
  readonly delta: number;
}

const geometricCache = new WeakMap<Float64Array, Geometric>();

/** Whether weights[from … to] are geometric (each row within 1e-13 of w_from·ρ^{t−from}), and −ln ρ. */
function geometric(weights: Float64Array, from: number, to: number): number {
  let found = geometricCache.get(weights);
  if (found === undefined) {
    let delta = Number.NaN;
    if (to - from >= 1 && weights[from]! > 0 && weights[from + 1]! > 0) {
      const ratio = weights[from + 1]! / weights[from]!;
      delta = -Math.log(ratio);
      for (let t = from + 1; t <= to; t++) {
        const expected = weights[from]! * Math.exp(-(t - from) * delta);
        if (!(Math.abs(weights[t]! - expected) <= 1e-13 * expected)) {
          delta = Number.NaN;
          break;
        }
      }
    }
    found = { delta };
    geometricCache.set(weights, found);
  }
  return found.delta;
}

/** Σ_{j<m} e^{−j·y} for y ≥ 0 (m when y = 0), with its denominator expm1(−y) given (formed once per curve). */
function shorterSeries(m: number, y: number, denominator: number): number {
  if (m <= 0) return 0;
  if (y === 0) return m;
  return Math.expm1(-m * y) / denominator;
}

/** Block size of the floor's range tables: a run boundary is found in ≤ N/16 + 32 comparisons. */
const BLOCK = 16;

/** Per floor: cumulative increments, block maxima and minima of the increments, and suffix sums. */
interface FloorTables {
  /** F_t = Σ_{u<t} f_u, t = 0 … N. */
  readonly cumulative: Float64Array;
  /** e^{F_t} and e^{−F_t}, t = 0 … N: a floored run's two exps, the same calls made once per floor instead of per curve. */
  readonly growth: Float64Array;
  readonly decay: Float64Array;
  readonly blockMax: Float64Array;
  readonly blockMin: Float64Array;
  /** max_{v≤u} f_v: non-decreasing, so the end of a first, unfloored run is found by bisection. */
  readonly prefixMax: Float64Array;
  /** Σ_{u=t}^{N−1} w_u P_u per class (cost, effect, undiscounted), index t = 0 … N. */
  readonly rows: readonly [Float64Array, Float64Array, Float64Array];
  /** Σ_{u=j}^{N} e_u P_{u−1}(1 − e^{−f_{u−1}}) per class (cost, effect), index j = 0 … N + 1. */
  readonly entries: readonly [Float64Array, Float64Array];
}

const floorCache = new WeakMap<PopulationFloor, WeakMap<CompiledPsm, FloorTables | null>>();

/** The floor's tables for this model, or null when e^{F_N} would overflow (the closed form then does not apply). */
function floorTables(model: CompiledPsm, floor: PopulationFloor): FloorTables | null {
  let byModel = floorCache.get(floor);
  if (byModel === undefined) {
    byModel = new WeakMap();
    floorCache.set(floor, byModel);
  }
  let found = byModel.get(model);
  if (found !== undefined) return found;
  const n = model.schedule.cycles;
  const f = floor.increments;
  const cumulative = new Float64Array(n + 1);
  for (let u = 0; u < n; u++) cumulative[u + 1] = cumulative[u]! + f[u]!;
  if (!(cumulative[n]! < 600)) {
    byModel.set(model, null);
    return null;
  }
  const blocks = Math.ceil(n / BLOCK);
  const blockMax = new Float64Array(blocks).fill(-Infinity);
  const blockMin = new Float64Array(blocks).fill(Infinity);
  for (let u = 0; u < n; u++) {
    const b = (u / BLOCK) | 0;
    blockMax[b] = Math.max(blockMax[b]!, f[u]!);
    blockMin[b] = Math.min(blockMin[b]!, f[u]!);
  }
  const prefixMax = new Float64Array(n);
  for (let u = 0; u < n; u++) prefixMax[u] = Math.max(u > 0 ? prefixMax[u - 1]! : -Infinity, f[u]!);
  const growth = new Float64Array(n + 1);
  const decay = new Float64Array(n + 1);
  for (let t = 0; t <= n; t++) {
    growth[t] = Math.exp(cumulative[t]!);
    decay[t] = Math.exp(-cumulative[t]!);
  }
  const [cost, effect] = model.coefficients.coefficients;
  const rows = [cost, effect, model.coefficients.undiscounted].map((w) => {
    const table = new Float64Array(n + 1);
    for (let t = n - 1; t >= 0; t--) table[t] = table[t + 1]! + w[t]! * decay[t]!;
    return table;
  }) as [Float64Array, Float64Array, Float64Array];
  const entries = model.coefficients.eventDiscount.map((e) => {
    const table = new Float64Array(n + 2);
    for (let j = n; j >= 1; j--) table[j] = table[j + 1]! + e[j]! * decay[j - 1]! * -Math.expm1(-f[j - 1]!);
    return table;
  }) as [Float64Array, Float64Array];
  found = { cumulative, growth, decay, blockMax, blockMin, prefixMax, rows, entries };
  byModel.set(model, found);
  return found;
}

/** {@link nextSwitch} from row 1 when row 1 is unfloored: the first row r whose f_{r−1} > x (max_{v<r} f_v > x), or N + 1. */
function firstFlooredRow(tables: FloorTables, x: number, n: number): number {
  const prefixMax = tables.prefixMax;
  if (!(prefixMax[n - 1]! > x)) return n + 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prefixMax[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

/**
 * The first row r ≥ from (rows 1 … N; row r is reached by increment f_{r−1}) whose regime differs
 * from `floored` (floored: f_{r−1} > x), or N + 1.
 */
function nextSwitch(tables: FloorTables, f: Float64Array, x: number, from: number, floored: boolean, n: number): number {
  let u = from - 1;
  while (u < n) {
    if (u % BLOCK === 0) {
      const b = u / BLOCK;
      // A whole block in the same regime is skipped in one comparison.
      if (floored ? tables.blockMin[b]! > x : !(tables.blockMax[b]! > x)) {
        u += BLOCK;
        continue;
      }
    }
    if (f[u]! > x !== floored) return u + 1;
    u++;
  }
  return n + 1;
}

/** A curve's totals under the plan: Σ w_t S_t per class, discounted entries per class, S_N, its first floored row. */
export interface CurveTotals {
  /** Per class (cost, effect, undiscounted). */
  readonly sums: Float64Array;
  /** Per class (cost, effect). */
  readonly entries: Float64Array;
  /** S_N. */
  last: number;
  /** The first floored row (N + 1 when none). */
  firstFloored: number;
  /**
   * For a capped value's closed form (closedFormCapped), values this curve's totals already formed: e^{−x},
   * 1 − e^{−x} (as −expm1(−x)), the row class's −ln ρ and its expm1(−(x − ln ρ)); and e^{−m·x} of the last
   * cap length m (−1: none yet in this evaluation), which a cap's discounted and undiscounted sums share.
   */
  q: number;
  drop: number;
  rowDelta: number;
  rowDenominator: number;
  capLength: number;
  capDecay: number;
}

/**
 * Walks a curve's runs of unfloored and floored rows and sums each run in closed form: an unfloored
 * run [a, b] from S_{a−1} gives S_{a−1}·w_a·e^{−x}·Σ_{j≤b−a} e^{−j(x−ln ρ)} (weights of rows 1 … N − 1) and
 * S_{a−1}·(1 − e^{−x})·e_a·Σ_{j≤b−a} e^{−j(x−ln ρ_e)} (entries, cycles 1 … N); a floored run gives
 * S_{a−1}·e^{F_{a−1}} times the difference of two suffix sums. Rows 0 and N are added as they are.
 * Undefined when a total is not finite.
 */
function curveTotals(model: CompiledPsm, tables: FloorTables | null | undefined, floor: PopulationFloor | undefined, x: number, deltas: Float64Array, out: CurveTotals): boolean {
  const n = model.schedule.cycles;
  // The cost, effect and undiscounted row weights, stored once per model (no array per curve).
  const weights = model.rowWeights;
  const events = model.coefficients.eventDiscount;
  // Written in full before anything is added: a reused record keeps nothing of its last curve.
  const sums = out.sums;
  const entries = out.entries;
  for (let c = 0; c < 3; c++) sums[c] = weights[c]![0]!;
  entries[0] = 0;
  entries[1] = 0;
  const q = Math.exp(-x);
  const drop = -Math.expm1(-x);
  // Classes with the same ratio (cost and effect at one discount rate, their event discounts) share a
  // series: per curve one denominator, per run one expm1, for each distinct ratio only.
  // A class with δ = 0 (undiscounted) has y = x, whose expm1(−x) is −drop.
  for (let c = 0; c < 5; c++) if (deltas[5 + c] === c) DENOMINATOR[c] = deltas[c] === 0 ? -drop : Math.expm1(-(x + deltas[c]!));
  out.q = q;
  out.drop = drop;
  out.rowDelta = deltas[0]!;
  out.rowDenominator = DENOMINATOR[0]!;
  out.capLength = -1;
  let firstFloored = n + 1;
  let s = 1;
  let a = 1;
  let floored = false;
  if (tables !== undefined && tables !== null) floored = floor!.increments[0]! > x;
  while (a <= n) {
    const b = tables === undefined || tables === null ? n : (a === 1 && !floored ? firstFlooredRow(tables, x, n) : nextSwitch(tables, floor!.increments, x, a, floored, n)) - 1;
    // Rows a … min(b, N − 1) for the row weights, cycles a … b for the entries.
    const top = Math.min(b, n - 1);
    if (!floored) {
      const length = b - a + 1;
      for (let c = 0; c < 5; c++) {
        const alias = deltas[5 + c]!;
        if (alias !== c) SERIES[c] = SERIES[alias]!;
        // The run that reaches row N uses the shorter row series only: a row class's full series is
        // formed there only when an event class shares it (its expm1 is the cost, ~30-50 ns).
        else if (c < 3 && top !== b && deltas[8] !== c && deltas[9] !== c) continue;
        else {
          const y = x + deltas[c]!;
          SERIES[c] = y === 0 ? length : Math.expm1(-length * y) / DENOMINATOR[c]!;
        }
      }
      // The row weights stop at row N − 1: the last run's row series is one term shorter (shared
      // by classes with the same ratio, over the denominator already formed).
      for (let c = 0; c < 3; c++) {
        if (top < a) continue;
        if (top === b) ROW_SERIES[c] = SERIES[c]!;
        else {
          const alias = deltas[5 + c]!;
          ROW_SERIES[c] = alias !== c ? ROW_SERIES[alias]! : shorterSeries(top - a + 1, x + deltas[c]!, DENOMINATOR[c]!);
        }
        sums[c]! += s * weights[c]![a]! * q * ROW_SERIES[c]!;
      }
      for (let c = 0; c < 2; c++) entries[c]! += s * drop * events[c]![a]! * SERIES[3 + c]!;
      s *= Math.exp(-(b - a + 1) * x);
    } else {
      if (firstFloored > n) firstFloored = a;
      const t = tables!;
      const scale = s * t.growth[a - 1]!;
      for (let c = 0; c < 3; c++) if (top >= a) sums[c]! += scale * (t.rows[c]![a]! - t.rows[c]![top + 1]!);
      for (let c = 0; c < 2; c++) entries[c]! += scale * (t.entries[c]![a]! - t.entries[c]![b + 1]!);
      s = scale * t.decay[b]!;
    }
    a = b + 1;
    floored = !floored;
  }
  for (let c = 0; c < 3; c++) sums[c]! += weights[c]![n]! * s;
  // x − x is 0 for a finite x only.
  if (!(sums[0]! - sums[0]! + sums[1]! - sums[1]! + sums[2]! - sums[2]! + entries[0]! - entries[0]! + entries[1]! - entries[1]! + s - s === 0)) return false;
  out.last = s;
  out.firstFloored = firstFloored;
  return true;
}

/**
 * Whether the closed form applies to this evaluation, and then the plan; undefined keeps the row
 * loop. Needs: two exponential endpoints with x_PFS ≥ x_OS, finite rates, a tolerance ≥ 1e-12
 * (so the row loop's roundings cannot count a crossing either), at least 3 cycles, geometric
 * interior weights in every class, and finite totals. With the "floor" crossing policy the state
 * after PFS is bounded below by min(S_PFS, S_OS) = S_PFS, the same as a clamp. The plan is written
 * into `into` (a workspace's, reused draw after draw; a new one by default), every field of it.
 */
export function closedFormPair(model: CompiledPsm, ratePfs: number, rateOs: number, floor: PopulationFloor | undefined, into: ClosedFormPair = emptyClosedFormPair()): ClosedFormPair | undefined {
  const n = model.schedule.cycles;
  const step = model.curveStep;
  if (n < 3 || !(model.tolerance >= 1e-12)) return undefined;
  if (!(Number.isFinite(ratePfs) && Number.isFinite(rateOs) && rateOs >= 0 && ratePfs * step >= rateOs * step)) return undefined;
  const lookup = into.lookup;
  if (lookup.model !== model || lookup.floor !== floor) {
    lookup.model = model;
    lookup.floor = floor;
    lookup.deltas = modelDeltas(model);
    lookup.tables = floor === undefined || lookup.deltas === null ? undefined : floorTables(model, floor);
  }
  const deltas = lookup.deltas;
  if (deltas === null) return undefined;
  const tables = lookup.tables;
  if (tables === null) return undefined;
  if (!curveTotals(model, tables, floor, ratePfs * step, deltas, into.curves[0]) || !curveTotals(model, tables, floor, rateOs * step, deltas, into.curves[1])) return undefined;
  into.ratePfs = ratePfs;
  into.rateOs = rateOs;
  into.floor = floor;
  return into;
}

const deltaCache = new WeakMap<CompiledPsm, Float64Array | null>();
/** Scratch of {@link curveTotals}: each class's expm1(−(x − ln ρ)) and the current run's series. */
const DENOMINATOR = new Float64Array(5);
const SERIES = new Float64Array(5);
/** Scratch of {@link curveTotals}: the row series of the current run per row class (one term shorter in the last run). */
const ROW_SERIES = new Float64Array(3);

/**
 * −ln ρ of the cost, effect and undiscounted row weights and of the cost and effect event discounts
 * (indices 0 … 4), and at 5 + c the first class with the same ratio as class c; null when one is not geometric.
 */
function modelDeltas(model: CompiledPsm): Float64Array | null {
  let found = deltaCache.get(model);
  if (found !== undefined) return found;
  const n = model.schedule.cycles;
  const { coefficients, undiscounted, eventDiscount } = model.coefficients;
  const all = [coefficients[0], coefficients[1], undiscounted, eventDiscount[0], eventDiscount[1]];
  found = new Float64Array(10);
  for (let c = 0; c < 5; c++) {
    found[c] = geometric(all[c]!, 1, c < 3 ? n - 1 : n);
    if (Number.isNaN(found[c]!)) found = null;
    if (found === null) break;
    found[5 + c] = c;
    for (let d = 0; d < c; d++) {
      if (found[d] === found[c]) {
        found[5 + c] = d;
        break;
      }
    }
  }
  deltaCache.set(model, found);
  return found;
}

/**
 * Σ_{t=0}^{last} w_t S_k(t) for weights geometric on 1 … last − 1 (−ln ρ = delta), when rows 0 … last are
 * unfloored: w_0 + w_1·e^{−x}·Σ_{j<last−1} e^{−j(x+delta)} + w_last·e^{−last·x}, with the exps and
 * the series' denominator the curve's totals already formed taken from them (the same calls, so the same bits).
 */
function unflooredSum(curve: CurveTotals, w: Float64Array, last: number, x: number, delta: number): number {
  const y = x + delta;
  const m = last - 1;
  let sum: number;
  if (m <= 0) sum = 0;
  else if (y === 0) sum = m;
  else sum = Math.expm1(-m * y) / (y === x ? -curve.drop : delta === curve.rowDelta ? curve.rowDenominator : Math.expm1(-y));
  if (curve.capLength !== last) {
    curve.capLength = last;
    curve.capDecay = Math.exp(-last * x);
  }
  return w[0]! + w[1]! * curve.q * sum + w[last]! * curve.capDecay;
}

/** Writes the coefficient-weighted sums of both endpoints into `work.sums` (as the row loop's storeSums). */
export function closedFormSums(work: PsmWorkspace, plan: ClosedFormPair): void {
  for (let c = 0; c < 3; c++) for (let k = 0; k < 2; k++) work.sums[c * 2 + k] = plan.curves[k]!.sums[c]!;
  // "floor" policy: min(S_PFS, S_OS) = S_PFS, so the lower bounds' sums are the curves' own.
  if (work.lowerSums !== work.sums) work.lowerSums.set(work.sums);
  work.clamped = 0;
}

/**
 * Entries into the state after endpoint k (its decrease S_k(j−1) − S_k(j) in cycles j = 1 … N) weighted
 * by the event discount of class c (0 cost, 1 effect); undiscounted (c = 2): S_k(0) − S_k(N).
 */
export function closedFormEntries(plan: ClosedFormPair, k: number, c: number): number {
  const curve = plan.curves[k]!;
  return c === 2 ? 1 - curve.last : curve.entries[c]!;
}

/**
 * Σ_{t=0}^{K} c^{(K)}_t · S_k(t) for a capped value's coefficients of a K-cycle model (K < N), or
 * undefined when a row up to K is floored or the coefficients are not geometric between their end
 * rows (the caller then writes the rows).
 */
export function closedFormCapped(model: CompiledPsm, plan: ClosedFormPair, k: number, weights: Float64Array, last: number): number | undefined {
  const curve = plan.curves[k]!;
  if (last < 3 || last >= curve.firstFloored) return undefined;
  const delta = geometric(weights, 1, last - 1);
  if (Number.isNaN(delta)) return undefined;
  return unflooredSum(curve, weights, last, (k === 0 ? plan.ratePfs : plan.rateOs) * model.curveStep, delta);
}
