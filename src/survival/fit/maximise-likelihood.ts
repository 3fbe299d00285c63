// A damped Newton–Raphson maximiser with numerical derivatives, for the handful (≤ ~10) of smooth
// parameters of a parametric survival model. Why not an npm optimiser: the candidates were checked
// (fmin 0.0.4 exports nothing under Node ESM, its "type": "module" package ships a UMD build;
// optimization-js and fmin 0.0.2 carry build tools as runtime dependencies; numeric 1.2.6 is
// unmaintained since 2013, has no licence field and adds ~130 kB to the browser bundle; nlopt-js is
// WebAssembly behind an asynchronous start). Newton's method also needs the Hessian that the
// standard errors need anyway, and with Marquardt damping it is robust from rough starting values.

import { cholesky, solveCholesky } from "../../parameters/cholesky.js";

/** Outcome of {@link maximiseLikelihood}. */
export interface Maximum {
  /** The maximising parameters. */
  readonly x: Float64Array;
  /** The log-likelihood there. */
  readonly value: number;
  /** The Hessian there (row-major, k × k), by central differences. */
  readonly hessian: Float64Array;
  /** Whether the gradient vanished (Newton decrement below tolerance) within the iteration limit. */
  readonly converged: boolean;
  /** Newton iterations used. */
  readonly iterations: number;
}

/** Relative step of the first central differences, before the curvature is known: about ε^(1/4). */
const HESSIAN_STEP = 1e-4;
/**
 * Later steps are this many standard errors (1/√|H_ii|): the log-likelihood then changes by ~5e-7
 * per step whatever the parameter's scale (a spline coefficient multiplying a cubic in log time has
 * a curvature 10⁶ times that of an intercept), well above rounding and well inside the quadratic region.
 */
const STANDARD_ERROR_STEP = 1e-3;
/** Largest change of any parameter in one step: parameters are on log scales, so e^8 is plenty. */
const MAX_STEP = 8;

function steps(x: Float64Array): Float64Array {
  return x.map((v) => HESSIAN_STEP * Math.max(1, Math.abs(v)));
}

/** Steps scaled to the curvature of the last Hessian, kept within [1e-8, 1e-2]·max(1, |x_i|). */
function curvatureSteps(x: Float64Array, hessian: Float64Array): Float64Array {
  const k = x.length;
  return x.map((v, i) => {
    const size = Math.max(1, Math.abs(v));
    const curvature = Math.abs(hessian[i * k + i]!);
    const step = curvature > 0 && Number.isFinite(curvature) ? STANDARD_ERROR_STEP / Math.sqrt(curvature) : HESSIAN_STEP * size;
    return Math.min(1e-2 * size, Math.max(1e-8 * size, step));
  });
}

function safe(f: (x: Float64Array) => number, x: Float64Array): number {
  const value = f(x);
  return Number.isFinite(value) ? value : -Infinity;
}

/**
 * Gradient (central differences) and Hessian of f at x with steps h. The Hessian's off-diagonal
 * entries are central (4 evaluations each, error O(h²)) when `central`, else forward from the
 * gradient's points (1 evaluation each, error O(h)): 2k² + 1 or k(k + 3)/2 + 1 evaluations in all.
 */
export function numericalDerivatives(f: (x: Float64Array) => number, x: Float64Array, fx: number, h: Float64Array = steps(x), central = true): { gradient: Float64Array; hessian: Float64Array } {
  const k = x.length;
  const gradient = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  const plusValues = new Float64Array(k);
  const y = Float64Array.from(x);
  const at = (i: number, di: number, j: number, dj: number): number => {
    y.set(x);
    y[i]! += di;
    y[j]! += dj;
    return f(y);
  };
  for (let i = 0; i < k; i++) {
    const plus = at(i, h[i]!, i, 0);
    const minus = at(i, -h[i]!, i, 0);
    plusValues[i] = plus;
    gradient[i] = (plus - minus) / (2 * h[i]!);
    hessian[i * k + i] = (plus - 2 * fx + minus) / (h[i]! * h[i]!);
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const value = central
        ? (at(i, h[i]!, j, h[j]!) - at(i, h[i]!, j, -h[j]!) - at(i, -h[i]!, j, h[j]!) + at(i, -h[i]!, j, -h[j]!)) / (4 * h[i]! * h[j]!)
        : (at(i, h[i]!, j, h[j]!) - plusValues[i]! - plusValues[j]! + fx) / (h[i]! * h[j]!);
      hessian[i * k + j] = value;
      hessian[j * k + i] = value;
    }
  }
  return { gradient, hessian };
}

/**
 * Solves A·x = b for a symmetric positive definite A (row-major) by Cholesky; `undefined` when A
 * is not positive definite.
 */
export function solvePositiveDefinite(a: Float64Array, b: Float64Array): Float64Array | undefined {
  const l = cholesky(a, b.length, 0);
  return l === undefined ? undefined : solveCholesky(l, b, b.length);
}

/** The inverse of a symmetric positive definite matrix, or `undefined` when it is not. */
export function invertPositiveDefinite(a: Float64Array, k: number): Float64Array | undefined {
  const l = cholesky(a, k, 0);
  if (l === undefined) return undefined;
  const inverse = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const e = new Float64Array(k);
    e[j] = 1;
    const column = solveCholesky(l, e, k);
    for (let i = 0; i < k; i++) inverse[i * k + j] = column[i]!;
  }
  // Symmetrise the rounding.
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) inverse[i * k + j] = inverse[j * k + i] = 0.5 * (inverse[i * k + j]! + inverse[j * k + i]!);
  return inverse;
}

/**
 * Maximises f from x0: Newton steps (−H)·δ = g on the numerical gradient g and Hessian H, with
 * Marquardt damping (−H + λ·diag|H|) whenever −H is not positive definite or the full step does not
 * increase f. Converged when the Newton decrement g·δ falls below `tolerance` (a change in
 * log-likelihood of that order is all that is left). Non-finite values of f count as −∞.
 */
export function maximiseLikelihood(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: { readonly maxIterations?: number; readonly tolerance?: number } = {}): Maximum {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-9;
  const k = x0.length;
  let x = Float64Array.from(x0);
  let fx = safe(f, x);
  let derivatives = numericalDerivatives(f, x, fx);
  let lambda = 0;
  let converged = false;
  let iterations = 0;
  const damped = new Float64Array(k * k);
  for (; iterations < maxIterations && Number.isFinite(fx); iterations++) {
    const { gradient, hessian } = derivatives;
    for (let i = 0; i < k * k; i++) damped[i] = -hessian[i]!;
    const newton = solvePositiveDefinite(damped, gradient);
    if (newton !== undefined && newton.reduce((sum, v, i) => sum + v * gradient[i]!, 0) < tolerance) {
      converged = true;
      // The covariance needs the accurate Hessian; the iterations made do with the cheaper one.
      derivatives = numericalDerivatives(f, x, fx, curvatureSteps(x, hessian));
      break;
    }
    let accepted = false;
    for (let attempt = 0; attempt < 40; attempt++) {
      for (let i = 0; i < k * k; i++) damped[i] = -hessian[i]!;
      for (let i = 0; i < k; i++) damped[i * k + i] = -hessian[i * k + i]! + lambda * Math.max(Math.abs(hessian[i * k + i]!), 1e-8);
      const delta = solvePositiveDefinite(damped, gradient);
      if (delta === undefined) {
        lambda = lambda === 0 ? 1e-4 : lambda * 10;
        continue;
      }
      const largest = delta.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const shrink = largest > MAX_STEP ? MAX_STEP / largest : 1;
      const candidate = x.map((v, i) => v + shrink * delta[i]!);
      const value = safe(f, candidate);
      if (value >= fx) {
        x = candidate;
        fx = value;
        lambda = lambda / 10 < 1e-8 ? 0 : lambda / 10;
        accepted = true;
        break;
      }
      lambda = lambda === 0 ? 1e-4 : lambda * 10;
    }
    if (!accepted) break;
    derivatives = numericalDerivatives(f, x, fx, curvatureSteps(x, hessian), false);
  }
  return { x, value: fx, hessian: derivatives.hessian, converged, iterations };
}
