import { cubicRegressionSpline, type MarginalBasis } from "./cubic-regression-spline.js";
import { dot } from "./dense.js";
import { remlFit, type RemlFit } from "./reml-fit.js";

/** One response's penalised fit. @internal */
export interface PenalisedFit {
  /** Fitted values, one per draw. */
  readonly fitted: Float64Array;
  /** Effective degrees of freedom, tr(A). */
  readonly edf: number;
  /**
   * Fitted values of one draw of the coefficients from their Bayesian posterior N(β̂, φ (XᵀX + S)⁻¹)
   * (Wood 2017, §6.10), given standard normal numbers `z` (one per basis function). The returned
   * array is this fit's own buffer, overwritten by its next replicate (a standard error takes
   * hundreds of replicates: a new array each would be most of the garbage collector's work).
   */
  replicate(z: Float64Array): Float64Array;
}

/** A prepared smoother: the basis and its cross-products, fitted to any number of responses. @internal */
export interface PenalisedSmoother {
  /** Number of basis functions. */
  readonly width: number;
  /** Fits one response. */
  fit(y: Float64Array): PenalisedFit;
  /** Fits several responses, one pass over the draws for all of them (the same fits as one by one). */
  fitAll(ys: readonly Float64Array[]): PenalisedFit[];
}

/**
 * Penalised regression on one or more covariates: a cubic regression spline per covariate
 * (`knotCount` knots each) and, for several, their tensor product with one wiggliness penalty per
 * covariate (Wood 2006, "Low-rank scale-invariant tensor product smooths", Biometrics 62:1025, mgcv's
 * `te()`), the smoother voi uses for EVPPI (Strong, Oakley & Brennan 2014, Med Decis Making
 * 34:311). The smoothing parameters maximise the restricted likelihood (REML), found by the
 * generalised Fellner–Schall iteration (Wood & Fasiolo 2017, Biometrics 73:1071): every penalty is
 * diagonal in the rotated bases, so each step costs one Cholesky factorisation. @internal
 */
export function penalisedSmoother(columns: readonly Float64Array[], knotCount: number): PenalisedSmoother {
  const n = columns[0]!.length;
  const margins = columns.map((column) => cubicRegressionSpline(column, knotCount));
  const p = margins.reduce((w, m) => w * m.width, 1);
  // A row of the tensor-product basis, built margin by margin (the Kronecker product of the margins'
  // rows) into `out`: the n × p basis itself (20 MB for four parameters on 10 000 draws, 200 MB on
  // 100 000) is built only if a standard error asks for replicates.
  const row = (i: number, out: Float64Array): void => {
    out[0] = 1;
    let width = 1;
    for (const margin of margins) {
      const own = i * margin.width;
      // Backwards, so that each product reads its factor before that place is overwritten.
      for (let a = width - 1; a >= 0; a--) {
        const va = out[a]!;
        for (let b = margin.width - 1; b >= 0; b--) out[a * margin.width + b] = va * margin.basis[own + b]!;
      }
      width *= margin.width;
    }
  };
  let basis: Float64Array | undefined;
  const rows = (): Float64Array => {
    if (basis === undefined) {
      basis = new Float64Array(n * p);
      const scratch = new Float64Array(p);
      for (let i = 0; i < n; i++) {
        row(i, scratch);
        basis.set(scratch, i * p);
      }
    }
    return basis;
  };
  // Penalty j's diagonal over the tensor index (margin j's eigenvalue of its own index); only the
  // margins with a penalty get a smoothing parameter.
  const penalties: Float64Array[] = [];
  margins.forEach((margin, j) => {
    if (!margin.penalty.some((v) => v > 0)) return;
    const after = margins.slice(j + 1).reduce((w, m) => w * m.width, 1);
    penalties.push(Float64Array.from({ length: p }, (_, idx) => margin.penalty[Math.floor(idx / after) % margin.width]!));
  });
  const gram = tensorGram(margins, n, p);
  const fitAll = (ys: readonly Float64Array[]): PenalisedFit[] => {
    const count = ys.length;
    const means = ys.map((y) => {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += y[i]!;
      return mean / n;
    });
    // Centred responses: the constant is in the basis, and centring keeps the residual sum of squares
    // exact. One pass over the rows serves every response.
    const xty = ys.map(() => new Float64Array(p));
    const yty = new Float64Array(count);
    const r = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      row(i, r);
      for (let q = 0; q < count; q++) {
        const v = ys[q]![i]! - means[q]!;
        yty[q]! += v * v;
        const into = xty[q]!;
        for (let a = 0; a < p; a++) into[a]! += r[a]! * v;
      }
    }
    const fits = ys.map((_, q) => remlFit(gram, p, penalties, xty[q]!, yty[q]!, n));
    const values = ys.map(() => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      row(i, r);
      for (let q = 0; q < count; q++) values[q]![i] = dot(r, 0, fits[q]!.beta, 0, p) + means[q]!;
    }
    return fits.map((fit, q) => replicable(fit, values[q]!));
  };
  /** A fit with its fitted values and its replicates (Wood 2017, §6.10). */
  const replicable = ({ l: factor, edf, phi }: RemlFit, values: Float64Array): PenalisedFit => {
    const sd = Math.sqrt(phi);
    // Buffers of this fit's replicates, reused from one replicate to the next.
    const coefficients = new Float64Array(p);
    const replicated = new Float64Array(n);
    return {
      fitted: values,
      edf,
      replicate(z: Float64Array): Float64Array {
        // β̂ + √φ L⁻ᵀ z has covariance φ (L Lᵀ)⁻¹.
        const w = coefficients;
        w.set(z);
        for (let i = p - 1; i >= 0; i--) {
          let v = w[i]!;
          for (let k = i + 1; k < p; k++) v -= factor[k * p + i]! * w[k]!;
          w[i] = v / factor[i * p + i]!;
        }
        const x = rows();
        const out = replicated;
        for (let i = 0; i < n; i++) out[i] = values[i]! + sd * dot(x, i * p, w, 0, p);
        return out;
      },
    };
  };
  return { width: p, fit: (y) => fitAll([y])[0]!, fitAll };
}

/**
 * XᵀX of the tensor-product basis without forming it row by row: an entry is a sum over draws of a
 * product, per covariate, of two of its basis functions, which does not change when the two swap. So
 * it is a function of one unordered pair per covariate; summing the pairs' products of the first
 * covariates against those of the rest is a (pairs × pairs) cross-product, about a third of the
 * work of the p × p one for four covariates.
 */
function tensorGram(margins: readonly MarginalBasis[], n: number, p: number): Float64Array {
  const d = margins.length;
  const half = Math.ceil(d / 2);
  const pairCount = margins.map((m) => (m.width * (m.width + 1)) / 2);
  const leftSize = pairCount.slice(0, half).reduce((a, b) => a * b, 1);
  const rightSize = pairCount.slice(half).reduce((a, b) => a * b, 1);
  const left = new Float64Array(leftSize);
  const right = new Float64Array(rightSize);
  const cross = new Float64Array(leftSize * rightSize);
  // One covariate's pair products B[i,a]·B[i,b], a ≥ b, Kronecker-multiplied into `out` (length `size` so far).
  const pairs = (margin: MarginalBasis, i: number, out: Float64Array, size: number): number => {
    const w = margin.width;
    const row = i * w;
    let count = 0;
    for (let a = 0; a < w; a++) for (let b = 0; b <= a; b++) count++;
    for (let at = size - 1; at >= 0; at--) {
      const v = out[at]!;
      let q = at * count;
      for (let a = 0; a < w; a++) {
        const va = v * margin.basis[row + a]!;
        for (let b = 0; b <= a; b++) out[q++] = va * margin.basis[row + b]!;
      }
    }
    return size * count;
  };
  // Rows in chunks, stored transposed (one contiguous run of a chunk's rows per pair product), and
  // the cross-product in 2 × 4 register blocks summed over the chunk: each step loads 6 numbers for
  // 8 multiply-adds and stores nothing (a row-by-row update loads and stores every entry it touches).
  const CHUNK = 256;
  const leftChunk = new Float64Array(CHUNK * leftSize);
  const rightChunk = new Float64Array(CHUNK * rightSize);
  for (let first = 0; first < n; first += CHUNK) {
    const rows = Math.min(CHUNK, n - first);
    for (let k = 0; k < rows; k++) {
      left[0] = 1;
      let size = 1;
      for (let m = 0; m < half; m++) size = pairs(margins[m]!, first + k, left, size);
      right[0] = 1;
      size = 1;
      for (let m = half; m < d; m++) size = pairs(margins[m]!, first + k, right, size);
      // Nothing on the right (a constant margin): XᵀX is the sum of the left's pair products.
      if (rightSize === 1) {
        for (let u = 0; u < leftSize; u++) cross[u]! += left[u]! * right[0]!;
        continue;
      }
      for (let u = 0; u < leftSize; u++) leftChunk[u * CHUNK + k] = left[u]!;
      for (let v = 0; v < rightSize; v++) rightChunk[v * CHUNK + k] = right[v]!;
    }
    if (rightSize === 1) continue;
    for (let u = 0; u < leftSize; u += 2) {
      const a0 = u * CHUNK;
      const a1 = u + 1 < leftSize ? a0 + CHUNK : a0;
      const row0 = u * rightSize;
      const row1 = u + 1 < leftSize ? row0 + rightSize : -1;
      for (let v = 0; v < rightSize; v += 4) {
        const b0 = v * CHUNK;
        const b1 = v + 1 < rightSize ? b0 + CHUNK : b0;
        const b2 = v + 2 < rightSize ? b0 + 2 * CHUNK : b0;
        const b3 = v + 3 < rightSize ? b0 + 3 * CHUNK : b0;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        for (let k = 0; k < rows; k++) {
          const x0 = leftChunk[a0 + k]!;
          const x1 = leftChunk[a1 + k]!;
          const y0 = rightChunk[b0 + k]!;
          const y1 = rightChunk[b1 + k]!;
          const y2 = rightChunk[b2 + k]!;
          const y3 = rightChunk[b3 + k]!;
          s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
          s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        }
        // A block past the last row or column repeats a valid one; only its own entries are kept.
        const width = Math.min(4, rightSize - v);
        cross[row0 + v]! += s00;
        if (width > 1) cross[row0 + v + 1]! += s01;
        if (width > 2) cross[row0 + v + 2]! += s02;
        if (width > 3) cross[row0 + v + 3]! += s03;
        if (row1 >= 0) {
          cross[row1 + v]! += s10;
          if (width > 1) cross[row1 + v + 1]! += s11;
          if (width > 2) cross[row1 + v + 2]! += s12;
          if (width > 3) cross[row1 + v + 3]! += s13;
        }
      }
    }
  }
  // Entry (a, b) of XᵀX: each covariate's pair index of (a_m, b_m), mixed-radix within each half.
  const gram = new Float64Array(p * p);
  const digitsA = new Int32Array(d);
  const digitsB = new Int32Array(d);
  const pairIndex = (x: number, y: number): number => (x >= y ? (x * (x + 1)) / 2 + y : (y * (y + 1)) / 2 + x);
  for (let a = 0; a < p; a++) {
    for (let m = d - 1, r = a; m >= 0; m--) { digitsA[m] = r % margins[m]!.width; r = Math.floor(r / margins[m]!.width); }
    for (let b = 0; b <= a; b++) {
      for (let m = d - 1, r = b; m >= 0; m--) { digitsB[m] = r % margins[m]!.width; r = Math.floor(r / margins[m]!.width); }
      let u = 0;
      for (let m = 0; m < half; m++) u = u * pairCount[m]! + pairIndex(digitsA[m]!, digitsB[m]!);
      let v = 0;
      for (let m = half; m < d; m++) v = v * pairCount[m]! + pairIndex(digitsA[m]!, digitsB[m]!);
      gram[a * p + b] = gram[b * p + a] = cross[u * rightSize + v]!;
    }
  }
  return gram;
}
