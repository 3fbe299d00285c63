import { cubicRegressionSpline, type MarginalBasis } from "./cubic-regression-spline.js";
import { choleskyInPlace, dot, inverseDiagonal } from "./dense.js";
import { solveCholesky } from "../../parameters/cholesky.js";

/**
 * Convergence: no log λ moves by more than this in a Fellner–Schall step (λ within 1 %; the
 * fitted values then change by far less than the regression's own error).
 */
const TOLERANCE = 1e-2;

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
  // Tensor-product basis, row-major, built margin by margin (Kronecker product of the rows).
  let x = new Float64Array(n).fill(1);
  let width = 1;
  for (const margin of margins) {
    const next = new Float64Array(n * width * margin.width);
    for (let i = 0; i < n; i++) {
      const base = i * width;
      const own = i * margin.width;
      let out = base * margin.width;
      for (let a = 0; a < width; a++) {
        const va = x[base + a]!;
        for (let b = 0; b < margin.width; b++) next[out++] = va * margin.basis[own + b]!;
      }
    }
    x = next;
    width *= margin.width;
  }
  // Penalty j's diagonal over the tensor index (margin j's eigenvalue of its own index); only the
  // margins with a penalty get a smoothing parameter.
  const penalties: Float64Array[] = [];
  margins.forEach((margin, j) => {
    if (!margin.penalty.some((v) => v > 0)) return;
    const after = margins.slice(j + 1).reduce((w, m) => w * m.width, 1);
    penalties.push(Float64Array.from({ length: p }, (_, idx) => margin.penalty[Math.floor(idx / after) % margin.width]!));
  });
  const gram = tensorGram(margins, n, p);
  let trace = 0;
  let gramScale = 0;
  for (let a = 0; a < p; a++) gramScale = Math.max(gramScale, gram[a * p + a]!);
  for (let a = 0; a < p; a++) trace += gram[a * p + a]!;
  // Start each penalty at the size of the data's cross-products.
  const start = penalties.map((s) => (trace / p) / (s.reduce((t, v) => t + v, 0) / s.filter((v) => v > 0).length));
  // One covariate: the spline's own product (O(n + width²)); several: the tensor basis row by row.
  const single = margins.length === 1 ? margins[0]! : null;
  const fitted = (beta: Float64Array, into?: Float64Array): Float64Array => {
    if (single !== null) return single.times(beta, into);
    const out = into ?? new Float64Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = dot(x, i * p, beta, 0, p);
    }
    return out;
  };
  return {
    width: p,
    fit(y: Float64Array): PenalisedFit {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += y[i]!;
      mean /= n;
      // Centred response: the constant is in the basis, and centring keeps the residual sum of squares exact.
      const xty = new Float64Array(p);
      let yty = 0;
      for (let i = 0; i < n; i++) {
        const v = y[i]! - mean;
        yty += v * v;
        const row = i * p;
        for (let a = 0; a < p; a++) xty[a]! += x[row + a]! * v;
      }
      const m = penalties.length;
      const lower = start.map((v) => Math.log(v) - 20);
      const upper = start.map((v) => Math.log(v) + 20);
      const s = new Float64Array(p);
      const jumped = new Uint8Array(m);
      /** The penalised fit at log λ = rho and the Fellner–Schall update of rho. */
      const evaluate = (rho: Float64Array) => {
        s.fill(0);
        penalties.forEach((pen, j) => { const lambda = Math.exp(rho[j]!); for (let a = 0; a < p; a++) s[a]! += lambda * pen[a]!; });
        const h = Float64Array.from(gram);
        for (let a = 0; a < p; a++) h[a * p + a]! += s[a]!;
        const l = choleskyInPlace(h, p, gramScale);
        const beta = solveCholesky(l, xty, p);
        // Residual sum of squares yᵀy − 2βᵀXᵀy + βᵀXᵀXβ, and tr(A) = p − Σ diag(H⁻¹)·s.
        let rss = yty;
        for (let a = 0; a < p; a++) {
          rss += beta[a]! * (dot(gram, a * p, beta, 0, p) - 2 * xty[a]!);
        }
        const next = new Float64Array(m);
        if (m === 0) return { l, beta, edf: p, phi: Math.max(0, rss) / Math.max(1, n - p), next, reml: 0 };
        const hDiag = inverseDiagonal(l, p);
        let edf = p;
        for (let a = 0; a < p; a++) edf -= hDiag[a]! * s[a]!;
        // The negative restricted log-likelihood with the scale profiled out, up to a constant (Wood 2011, JRSS B 73:3, eq. 4).
        let nullSpace = 0;
        let logDetS = 0;
        let logDetH = 0;
        let penalty = 0;
        for (let a = 0; a < p; a++) {
          if (s[a]! > 0) logDetS += Math.log(s[a]!);
          else nullSpace++;
          logDetH += 2 * Math.log(l[a * p + a]!);
          penalty += s[a]! * beta[a]! ** 2;
        }
        const reml = (n - nullSpace) * Math.log(Math.max(1e-300, Math.max(0, rss) + penalty)) + logDetH - logDetS;
        // The scale at the REML optimum, (RSS + βᵀSβ) / (n − M_p): with it the Fellner–Schall fixed
        // point is the REML optimum (with RSS / (n − edf) it is not, and a nearly linear term stays too wiggly).
        const phi = (Math.max(0, rss) + penalty) / Math.max(1, n - nullSpace);
        penalties.forEach((pen, j) => {
          let pseudo = 0;
          let own = 0;
          let size = 0;
          for (let a = 0; a < p; a++) {
            if (pen[a]! === 0) continue;
            pseudo += pen[a]! / s[a]!;
            own += hDiag[a]! * pen[a]!;
            size += beta[a]! ** 2 * pen[a]!;
          }
          // λ ← λ φ (tr(S_λ⁻ S_j) − tr(H⁻¹ S_j)) / βᵀ S_j β, each step at most a factor e⁵ and λ within
          // e^±20 of its start (a term the data show to be linear has λ → ∞; the bound reaches that fit).
          const ratio = size > 0 ? (phi * Math.max(0, pseudo - own)) / size : Infinity;
          const step = Math.max(-5, Math.min(5, Math.log(ratio)));
          // A penalty whose range keeps under 0.1 degrees of freedom, λ_j (tr(S_λ⁻ S_j) − tr(H⁻¹ S_j)),
          // and still rises is heading for ∞ (the term is linear in that parameter): go there at once
          // (once per penalty, so that an optimum just below cannot make the iteration cycle).
          const heading = step > 0 && !jumped[j] && Math.exp(rho[j]!) * (pseudo - own) < 0.1;
          if (heading) jumped[j] = 1;
          next[j] = heading ? upper[j]! : clamp(rho[j]! + (Number.isNaN(step) ? 0 : step), j);
        });
        return { l, beta, edf, phi, next, reml };
      };
      const clamp = (v: number, j: number) => Math.min(upper[j]!, Math.max(lower[j]!, v));
      const distance = (a: Float64Array, b: Float64Array) => a.reduce((d, v, j) => Math.max(d, Math.abs(v - b[j]!)), 0);
      // Fellner–Schall converges linearly; SQUAREM (Varadhan & Roland 2008, Scand J Stat 35:335)
      // extrapolates two steps of it, which cuts the number of factorisations several-fold here.
      let rho = Float64Array.from(start, Math.log);
      let state = evaluate(rho);
      for (let cycle = 0; cycle < 100 && m > 0 && distance(state.next, rho) >= TOLERANCE; cycle++) {
        const rho1 = state.next;
        const state1 = evaluate(rho1);
        if (distance(state1.next, rho1) < TOLERANCE) { rho = rho1; state = state1; break; }
        const r = rho1.map((v, j) => v - rho[j]!);
        const v = state1.next.map((w, j) => w - 2 * rho1[j]! + rho[j]!);
        const rNorm = Math.hypot(...r);
        const vNorm = Math.hypot(...v);
        const alpha = vNorm === 0 ? -1 : Math.min(-1, -rNorm / vNorm);
        const jump = rho.map((w, j) => clamp(w - 2 * alpha * r[j]! + alpha * alpha * v[j]!, j));
        const jumped = evaluate(jump);
        // Keep the extrapolation only if it does not lower the restricted likelihood (else take the plain step).
        if (jumped.reml <= state1.reml) { rho = jump; state = jumped; }
        else { rho = state1.next; state = evaluate(rho); }
      }
      const { l, beta, edf, phi } = state;
      const values = fitted(beta);
      for (let i = 0; i < n; i++) values[i]! += mean;
      const factor = l;
      const sd = Math.sqrt(phi);
      // Buffers of this fit's replicates, reused from one replicate to the next.
      const coefficients = new Float64Array(p);
      const scratch = new Float64Array(n);
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
          const offset = fitted(w, scratch);
          const out = replicated;
          for (let i = 0; i < n; i++) out[i] = values[i]! + sd * offset[i]!;
          return out;
        },
      };
    },
  };
}

/**
 * XᵀX of the tensor-product basis without forming it row by row: an entry is a sum over draws of a
 * product, per covariate, of two of its basis functions, which does not change when the two swap. So
 * it is a function of one unordered pair per covariate; summing the pairs' products of the first
 * covariates against those of the rest is a (pairs × pairs) cross-product, about a third of the
 * work of the p × p one for four covariates.
 */
function tensorGram(margins: readonly MarginalBasis[], n: number, p: number): Float64Array {
  if (margins.length === 1) return splineGram(margins[0]!, n);
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

/**
 * BᵀB of one covariate's basis (n × w, row-major): the lower triangle by rank-one updates of two
 * rows at a time (each entry loaded and stored once per pair of draws), mirrored at the end.
 */
function splineGram(margin: MarginalBasis, n: number): Float64Array {
  const w = margin.width;
  const basis = margin.basis;
  const gram = new Float64Array(w * w);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * w;
    const r1 = r0 + w;
    for (let a = 0; a < w; a++) {
      const x0 = basis[r0 + a]!;
      const x1 = basis[r1 + a]!;
      const row = a * w;
      for (let b = 0; b <= a; b++) gram[row + b]! += x0 * basis[r0 + b]! + x1 * basis[r1 + b]!;
    }
  }
  if (i < n) {
    const r0 = i * w;
    for (let a = 0; a < w; a++) {
      const x0 = basis[r0 + a]!;
      for (let b = 0; b <= a; b++) gram[a * w + b]! += x0 * basis[r0 + b]!;
    }
  }
  for (let a = 0; a < w; a++) for (let b = 0; b < a; b++) gram[b * w + a] = gram[a * w + b]!;
  return gram;
}
