import { knotProducts, splineSetup, type SplineSetup } from "./cubic-regression-spline.js";
import { remlFit } from "./reml-fit.js";

/** Draws of standard normal numbers for the standard error's coefficient replicates. @internal */
export interface CoefficientDraws {
  /** Number of replicates. */
  readonly samples: number;
  /** Fills `z` with independent standard normal numbers. */
  fill(z: Float64Array): void;
}

/**
 * EVPPI of one parameter from penalised cubic regression splines of each increment on it (the
 * single-parameter case of `evppiByRegression`), computed without any n-row basis:
 *
 * - The basis row of a draw in knot interval j is four weights times four fixed rows (see
 *   `splineRow`), so XᵀX and Xᵀy are sums over intervals of 4 × 4 and 4-vector
 *   accumulations, one pass over the draws for every response at once.
 * - A fitted spline is a cubic polynomial in t = (scaled value − knot j) on interval j, so the sum
 *   over draws of max(0, max_s ΔNB_s) is exact from power sums of t over the sorted draws: within an
 *   interval the strategy with the largest fitted net benefit changes only where two of the cubics
 *   cross, found by bisection over the sorted draws of each monotone piece of their difference.
 *   Each standard-error replicate (Strong, Oakley & Brennan 2014: the EVPPI at a draw of the
 *   coefficients from their posterior) therefore costs O(knots · strategies² · log n) instead of
 *   O(n · strategies): the same estimator, evaluated on the k coefficients rather than n fitted values.
 *
 * Equal to fitting values draw by draw up to rounding (about 10⁻¹² of the EVPPI). @internal
 */
export function splineEvppi(
  column: Float64Array,
  responses: SplineResponses,
  grid: Float64Array,
  knotCount: number,
  draws: CoefficientDraws | undefined,
  workspace?: SplineWorkspace,
): { readonly perPerson: Float64Array; readonly standardError: Float64Array | null } {
  const reuse = workspace !== undefined && workspace[0].length === column.length ? workspace : undefined;
  const setup = splineSetup(column, knotCount, reuse?.[0]);
  // A parameter with one value resolves nothing (every fitted increment is a constant), nor does one strategy.
  if (setup.width === 1 || responses.centred.length === 0) return { perPerson: new Float64Array(grid.length), standardError: draws === undefined ? null : new Float64Array(grid.length) };
  const fits = fitResponses(setup, column, responses);
  const sums = new PowerSums(setup, reuse);
  const shapes = responses.hasCost;
  const polynomial = (fit: Fit): Float64Array => sums.coefficients(fit.beta, fit.mean, new Float64Array(4 * (setup.width - 1)));
  const perPerson = sums.evppi(fits.map(polynomial), shapes, grid);
  if (draws === undefined) return { perPerson, standardError: null };
  const k = setup.width;
  const z = new Float64Array(k);
  const coefficient = new Float64Array(k);
  const buffers = fits.map(() => new Float64Array(4 * (k - 1)));
  const sum = new Float64Array(grid.length);
  const sumSq = new Float64Array(grid.length);
  for (let b = 0; b < draws.samples; b++) {
    fits.forEach((fit, r) => {
      draws.fill(z);
      // β̂ + √φ L⁻ᵀ z has covariance φ (L Lᵀ)⁻¹.
      const l = fit.l;
      for (let i = k - 1; i >= 0; i--) {
        let v = z[i]!;
        for (let c = i + 1; c < k; c++) v -= l[c * k + i]! * z[c]!;
        z[i] = v / l[i * k + i]!;
      }
      for (let a = 0; a < k; a++) coefficient[a] = fit.beta[a]! + fit.sd * z[a]!;
      sums.coefficients(coefficient, fit.mean, buffers[r]!);
    });
    const replicate = sums.evppi(buffers, shapes, grid);
    for (let g = 0; g < grid.length; g++) {
      sum[g]! += replicate[g]!;
      sumSq[g]! += replicate[g]! ** 2;
    }
  }
  const n = draws.samples;
  const se = sum.map((s, g) => Math.sqrt(Math.max(0, (sumSq[g]! - (s * s) / n) / (n - 1))));
  return { perPerson, standardError: se };
}

/**
 * Four arrays of n numbers for {@link splineEvppi} to work in (the sorted draws and their running
 * power sums), so that a ranking of many parameters allocates them once. @internal
 */
export type SplineWorkspace = readonly [Float64Array, Float64Array, Float64Array, Float64Array];

/** A workspace for `n` draws. @internal */
export function splineWorkspace(n: number): SplineWorkspace {
  return [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
}

/** One response's fit: its mean, the coefficients of the centred response, the factor of XᵀX + S_λ and √φ. */
interface Fit {
  readonly mean: number;
  readonly beta: Float64Array;
  readonly l: Float64Array;
  readonly sd: number;
}

/**
 * The responses of {@link splineEvppi}, centred once for any number of parameters: in the order
 * effect, then (when the increment has one) cost of each increment. @internal
 */
export interface SplineResponses {
  /** Each response minus its mean. */
  readonly centred: readonly Float64Array[];
  /** The responses' means. */
  readonly means: Float64Array;
  /** Σ (y − ȳ)² of each response. */
  readonly squares: Float64Array;
  /** Per increment: whether it has a cost response after its effect. */
  readonly hasCost: readonly boolean[];
}

/** Centres each increment's effect and cost (see {@link SplineResponses}). @internal */
export function splineResponses(increments: readonly { readonly effect: Float64Array; readonly cost: Float64Array | null }[]): SplineResponses {
  const ys = increments.flatMap((inc) => (inc.cost === null ? [inc.effect] : [inc.effect, inc.cost]));
  const means = new Float64Array(ys.length);
  const squares = new Float64Array(ys.length);
  const centred = ys.map((y, r) => {
    const n = y.length;
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i]!;
    const mean = s / n;
    const out = new Float64Array(n);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = y[i]! - mean;
      out[i] = v;
      ss += v * v;
    }
    means[r] = mean;
    squares[r] = ss;
    return out;
  });
  return { centred, means, squares, hasCost: increments.map((inc) => inc.cost !== null) };
}

/** REML fits of every response on the spline, from interval-wise cross-products (no n × k basis). */
function fitResponses(setup: SplineSetup, column: Float64Array, responses: SplineResponses): Fit[] {
  const k = setup.width;
  const n = column.length;
  const intervals = k - 1;
  const count = responses.centred.length;
  const ys = responses.centred;
  const ww = new Float64Array(intervals * 16);
  const wy = new Float64Array(count * intervals * 4);
  accumulateIntervals(setup, column, ys, ww, wy);
  const gram = new Float64Array(k * k);
  const xty = ys.map(() => new Float64Array(k));
  crossProducts(setup, ww, wy, gram, xty);
  const penalties = setup.penalty.some((v) => v > 0) ? [setup.penalty] : [];
  return xty.map((xy, r) => {
    const { l, beta, phi } = remlFit(gram, k, penalties, xy, responses.squares[r]!, n);
    return { mean: responses.means[r]!, beta, l, sd: Math.sqrt(phi) };
  });
}

/**
 * XᵀX = Σ_j M_jᵀ W_j M_j and Xᵀy = Σ_j M_jᵀ (Σ w y), M_j's rows V[j], V[j + 1], FV[j], FV[j + 1], added
 * to `gram` and `xty` from {@link accumulateIntervals}'s sums (`ww`'s lower triangles are filled in
 * here). Apart from fitResponses for the same reason as that loop.
 */
function crossProducts(setup: SplineSetup, ww: Float64Array, wy: Float64Array, gram: Float64Array, xty: readonly Float64Array[]): void {
  const { width: k, vectors, fv } = setup;
  const intervals = k - 1;
  const count = xty.length;
  const t = new Float64Array(4 * k);
  const rows = [vectors, vectors, fv, fv];
  for (let j = 0; j < intervals; j++) {
    const o = j * 16;
    const at = [j * k, (j + 1) * k, j * k, (j + 1) * k];
    for (let c = 1; c < 4; c++) for (let d = 0; d < c; d++) ww[o + c * 4 + d] = ww[o + d * 4 + c]!;
    for (let c = 0; c < 4; c++) {
      for (let b = 0; b < k; b++) {
        let s = 0;
        for (let d = 0; d < 4; d++) s += ww[o + c * 4 + d]! * rows[d]![at[d]! + b]!;
        t[c * k + b] = s;
      }
    }
    for (let c = 0; c < 4; c++) {
      const m = rows[c]!;
      const from = at[c]!;
      for (let a = 0; a < k; a++) {
        const mca = m[from + a]!;
        for (let b = 0; b < k; b++) gram[a * k + b]! += mca * t[c * k + b]!;
        for (let r = 0; r < count; r++) xty[r]![a]! += mca * wy[(r * intervals + j) * 4 + c]!;
      }
    }
  }
}

/**
 * Per interval: Σ w wᵀ (upper triangle of 4 × 4, into `ww`) and per response Σ w (y − ȳ) (into `wy`),
 * w the basis row's four weights (splineRow's, written out here: this loop runs once per draw and
 * parameter). A function of its own, called once per parameter of a ranking: inside the caller, V8
 * (Node 20) compiled the loop on stack replacement before the caller's code after it had ever run,
 * and reused that code at every later call, deoptimising each time at that code for want of type
 * feedback (31 deoptimisations in the first ranking of NSCLC's 70 parameters, 2 now).
 */
function accumulateIntervals(setup: SplineSetup, column: Float64Array, ys: readonly Float64Array[], ww: Float64Array, wy: Float64Array): void {
  const { knots, h, lo, range } = setup;
  const n = column.length;
  const intervals = setup.width - 1;
  const count = ys.length;
  const y0 = ys[0]!;
  // The interval of v is the last j ≤ intervals − 1 with knots[j] ≤ v (splineRow's binary search):
  // found from a table of the interval at each of BUCKETS + 1 even steps of [0, 1], then a step or
  // two either way (knots rise, so the same j), which is quicker than a search's unpredictable branches.
  const start = intervalTable(knots, intervals);
  const last = intervals - 1;
  for (let i = 0; i < n; i++) {
    const v = (column[i]! - lo) / range;
    const j = knotInterval(start, knots, last, v);
    const hj = h[j]!;
    const right = knots[j + 1]! - v;
    const left = v - knots[j]!;
    const w0 = right / hj;
    const w1 = left / hj;
    const w2 = ((right * right * right) / hj - hj * right) / 6;
    const w3 = ((left * left * left) / hj - hj * left) / 6;
    const o = j * 16;
    ww[o]! += w0 * w0; ww[o + 1]! += w0 * w1; ww[o + 2]! += w0 * w2; ww[o + 3]! += w0 * w3;
    ww[o + 5]! += w1 * w1; ww[o + 6]! += w1 * w2; ww[o + 7]! += w1 * w3;
    ww[o + 10]! += w2 * w2; ww[o + 11]! += w2 * w3;
    ww[o + 15]! += w3 * w3;
    let v0 = y0[i]!;
    let q = j * 4;
    for (let r = 0; ; ) {
      wy[q]! += w0 * v0; wy[q + 1]! += w1 * v0; wy[q + 2]! += w2 * v0; wy[q + 3]! += w3 * v0;
      if (++r === count) break;
      v0 = ys[r]![i]!;
      q += intervals * 4;
    }
  }
}

/** Even steps of [0, 1] in the table of {@link intervalTable}. */
const BUCKETS = 64;

/** At each step b / BUCKETS (b = 0 … BUCKETS), the last interval j ≤ intervals − 1 with knots[j] ≤ b / BUCKETS. @internal */
export function intervalTable(knots: Float64Array, intervals: number): Int32Array {
  const table = new Int32Array(BUCKETS + 1);
  for (let b = 0, j = 0; b <= BUCKETS; b++) {
    while (j < intervals - 1 && knots[j + 1]! <= b / BUCKETS) j++;
    table[b] = j;
  }
  return table;
}

/**
 * The last interval j ≤ `last` with knots[j] ≤ v, for v in [0, 1] (knots[0] = 0, knots rising), from
 * {@link intervalTable}'s entry for v's step: the interval splineRow's binary search finds. @internal
 */
export function knotInterval(table: Int32Array, knots: Float64Array, last: number, v: number): number {
  let j = table[Math.min(BUCKETS, Math.max(0, Math.floor(v * BUCKETS)))]!;
  while (j > 0 && knots[j]! > v) j--;
  while (j < last && knots[j + 1]! <= v) j++;
  return j;
}

/**
 * The draws sorted, each as t = its scaled value − the knot starting its interval, with running
 * sums of t, t² and t³ restarted at each interval: Σ over any run of draws in one interval of a
 * cubic in t is four products.
 */
class PowerSums {
  private readonly n: number;
  private readonly intervals: number;
  private readonly t: Float64Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  private readonly s3: Float64Array;
  private readonly starts: Int32Array;
  private readonly vb: Float64Array;
  private readonly fvb: Float64Array;
  private nb = new Float64Array(0);
  private breaks = new Int32Array(0);
  /** The pair of cubics being split (their difference's coefficients) and the breaks found so far. */
  private d0 = 0;
  private d1 = 0;
  private d2 = 0;
  private d3 = 0;
  private count = 0;

  constructor(private readonly setup: SplineSetup, workspace?: SplineWorkspace) {
    const { sorted, knots, lo, range } = setup;
    const n = sorted.length;
    const intervals = setup.width - 1;
    this.n = n;
    this.intervals = intervals;
    // The sorted draws become t in place (the setup's copy is used for nothing else).
    this.t = sorted;
    this.s1 = workspace?.[1] ?? new Float64Array(n);
    this.s2 = workspace?.[2] ?? new Float64Array(n);
    this.s3 = workspace?.[3] ?? new Float64Array(n);
    this.starts = new Int32Array(intervals + 1).fill(n);
    this.vb = new Float64Array(setup.width);
    this.fvb = new Float64Array(setup.width);
    let j = 0;
    this.starts[0] = 0;
    for (let q = 0; q < n; q++) {
      const v = (sorted[q]! - lo) / range;
      // The interval of splineRow: the last j ≤ intervals − 1 with knots[j] ≤ v.
      while (j < intervals - 1 && knots[j + 1]! <= v) this.starts[++j] = q;
      const t = v - knots[j]!;
      this.t[q] = t;
      const first = q === this.starts[j];
      this.s1[q] = (first ? 0 : this.s1[q - 1]!) + t;
      this.s2[q] = (first ? 0 : this.s2[q - 1]!) + t * t;
      this.s3[q] = (first ? 0 : this.s3[q - 1]!) + t * t * t;
    }
  }

  /**
   * The spline with coefficients β plus `add`, as a cubic c0 + c1 t + c2 t² + c3 t³ per interval
   * (written to `out`, 4 per interval): on [knot j, knot j + 1] of width h, with A, B the values and
   * C, D the second derivatives at its ends, f = A + ((B − A)/h − h(2C + D)/6) t + C t²/2 + (D − C) t³/(6h).
   */
  coefficients(beta: Float64Array, add: number, out: Float64Array): Float64Array {
    const { width: k, vectors, fv, h } = this.setup;
    const { vb, fvb } = this;
    knotProducts(vectors, fv, beta, k, vb, fvb);
    for (let j = 0; j < this.intervals; j++) {
      const hj = h[j]!;
      const A = vb[j]!, B = vb[j + 1]!, C = fvb[j]!, D = fvb[j + 1]!;
      out[4 * j] = A + add;
      out[4 * j + 1] = (B - A) / hj - (hj * (2 * C + D)) / 6;
      out[4 * j + 2] = C / 2;
      out[4 * j + 3] = (D - C) / (6 * hj);
    }
    return out;
  }

  /**
   * EVPPI at each WTP from the fitted responses' cubics, in the order effect then (when
   * `hasCost[s]`) cost of each increment: E[max(0, max_s w·e_s − c_s)] − max(0, max_s E[w·e_s − c_s]).
   */
  evppi(polynomials: readonly Float64Array[], hasCost: readonly boolean[], grid: Float64Array): Float64Array {
    const { n, intervals } = this;
    const m = hasCost.length;
    const size = 4 * intervals;
    if (this.nb.length < m * size) this.nb = new Float64Array(m * size);
    const nb = this.nb;
    const meanOf = (p: Float64Array): number => {
      let s = 0;
      for (let j = 0; j < intervals; j++) s += this.sum(p, 4 * j, j, this.starts[j]!, this.starts[j + 1]!);
      return s / n;
    };
    const effects: Float64Array[] = [];
    const costs: (Float64Array | null)[] = [];
    let at = 0;
    for (let s = 0; s < m; s++) {
      effects.push(polynomials[at++]!);
      costs.push(hasCost[s] ? polynomials[at++]! : null);
    }
    const meanEffect = effects.map(meanOf);
    const meanCost = costs.map((c) => (c === null ? 0 : meanOf(c)));
    return grid.map((w) => {
      for (let s = 0; s < m; s++) {
        const e = effects[s]!;
        const c = costs[s] ?? null;
        for (let a = 0; a < size; a++) nb[s * size + a] = w * e[a]! - (c === null ? 0 : c[a]!);
      }
      let sumMax = 0;
      for (let j = 0; j < intervals; j++) sumMax += this.sumOfMax(nb, m, size, j);
      let bestMean = 0;
      for (let s = 0; s < m; s++) bestMean = Math.max(bestMean, w * meanEffect[s]! - meanCost[s]!);
      // As for fitted values draw by draw: a difference at the level of the means' rounding is 0.
      const value = n === 0 ? 0 : sumMax / n - bestMean;
      return value > 1e-9 * (Math.abs(sumMax / n) + Math.abs(bestMean)) ? value : 0;
    });
  }

  /** Σ over sorted draws [a, b) of interval j of the cubic at p[o..o + 3]. */
  private sum(p: Float64Array, o: number, j: number, a: number, b: number): number {
    if (b <= a) return 0;
    const before = a > this.starts[j]!;
    const e = b - 1;
    const s1 = this.s1[e]! - (before ? this.s1[a - 1]! : 0);
    const s2 = this.s2[e]! - (before ? this.s2[a - 1]! : 0);
    const s3 = this.s3[e]! - (before ? this.s3[a - 1]! : 0);
    return p[o]! * (b - a) + p[o + 1]! * s1 + p[o + 2]! * s2 + p[o + 3]! * s3;
  }

  /**
   * Σ over the draws of interval j of max(0, max_s nb_s(t)): the draws split where any two of the
   * m + 1 cubics (0 included) cross, and on each run the largest is summed from the power sums.
   */
  private sumOfMax(nb: Float64Array, m: number, size: number, j: number): number {
    const start = this.starts[j]!;
    const end = this.starts[j + 1]!;
    if (end <= start) return 0;
    const t = this.t;
    // Per pair at most one break in each of its three monotone pieces and one at each of two cuts, plus the two ends.
    const capacity = 2 + (5 * m * (m + 1)) / 2;
    if (this.breaks.length < capacity) this.breaks = new Int32Array(capacity);
    const breaks = this.breaks;
    let count = 0;
    breaks[count++] = start;
    breaks[count++] = end;
    const o = 4 * j;
    for (let a = -1; a < m; a++) {
      for (let b = a + 1; b < m; b++) {
        // d = nb_b − nb_a (nb_{−1} = 0).
        const d0 = nb[b * size + o]! - (a < 0 ? 0 : nb[a * size + o]!);
        const d1 = nb[b * size + o + 1]! - (a < 0 ? 0 : nb[a * size + o + 1]!);
        const d2 = nb[b * size + o + 2]! - (a < 0 ? 0 : nb[a * size + o + 2]!);
        const d3 = nb[b * size + o + 3]! - (a < 0 ? 0 : nb[a * size + o + 3]!);
        // Neither crossing nor touching on [0, last t] (bounds term by term, t ≥ 0): no break. Most pairs end here.
        const span = t[end - 1]!;
        if (d0 + span * (Math.min(0, d1) + span * (Math.min(0, d2) + span * Math.min(0, d3))) > 0) continue;
        if (d0 + span * (Math.max(0, d1) + span * (Math.max(0, d2) + span * Math.max(0, d3))) <= 0) continue;
        this.d0 = d0;
        this.d1 = d1;
        this.d2 = d2;
        this.d3 = d3;
        this.count = count;
        // Monotone pieces of d between the roots of d' = d1 + 2 d2 t + 3 d3 t², as runs of draws.
        let r1 = NaN;
        let r2 = NaN;
        const qa = 3 * d3;
        const qb = 2 * d2;
        if (qa === 0) {
          if (qb !== 0) r1 = -d1 / qb;
        } else {
          const disc = qb * qb - 4 * qa * d1;
          if (disc >= 0) {
            const q = -(qb + (qb >= 0 ? 1 : -1) * Math.sqrt(disc)) / 2;
            r1 = q / qa;
            r2 = q === 0 ? r1 : d1 / q;
          }
        }
        const first = r1 < r2 ? r1 : r2;
        const second = r1 < r2 ? r2 : r1;
        let pieceStart = this.cut(first, start, end);
        if (second !== first) pieceStart = this.cut(second, pieceStart, end);
        this.piece(pieceStart, end);
        count = this.count;
      }
    }
    // Sort the few break points (insertion sort) and sum the largest cubic over each run.
    for (let x = 1; x < count; x++) {
      const v = breaks[x]!;
      let y = x - 1;
      while (y >= 0 && breaks[y]! > v) {
        breaks[y + 1] = breaks[y]!;
        y--;
      }
      breaks[y + 1] = v;
    }
    let total = 0;
    for (let x = 0; x + 1 < count; x++) {
      const a = breaks[x]!;
      const b = breaks[x + 1]!;
      if (b <= a) continue;
      const at = t[a]!;
      let best = -1;
      let bestValue = 0;
      for (let s = 0; s < m; s++) {
        const p = s * size + o;
        const value = ((nb[p + 3]! * at + nb[p + 2]!) * at + nb[p + 1]!) * at + nb[p]!;
        if (value > bestValue) {
          best = s;
          bestValue = value;
        }
      }
      if (best >= 0) total += this.sum(nb, best * size + o, j, a, b);
    }
    return total;
  }

  /** The sign of the current pair's difference d at draw q. */
  private positive(q: number): boolean {
    const x = this.t[q]!;
    return ((this.d3 * x + this.d2) * x + this.d1) * x + this.d0 > 0;
  }

  /**
   * Ends the monotone piece of d that starts at draw `from` where t reaches `root` (NaN or outside
   * the draws: no cut), recording its break and one across the cut; returns the next piece's first draw.
   */
  private cut(root: number, from: number, end: number): number {
    const t = this.t;
    if (!(root > t[from]!) || !(root < t[end - 1]!)) return from;
    let lo = from;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid]! < root) lo = mid + 1;
      else hi = mid;
    }
    this.piece(from, lo);
    if (lo > from && lo < end && this.positive(lo - 1) !== this.positive(lo)) this.breaks[this.count++] = lo;
    return lo;
  }

  /** On a run of draws [lo, hi) where d is monotone, records the first draw past its sign change, if any. */
  private piece(lo: number, hi: number): void {
    if (hi - lo < 2) return;
    const last = this.positive(hi - 1);
    if (this.positive(lo) === last) return;
    let a = lo + 1;
    let b = hi - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (this.positive(mid) === last) b = mid;
      else a = mid + 1;
    }
    this.breaks[this.count++] = a;
  }
}
