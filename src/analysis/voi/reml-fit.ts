import { choleskyInPlace, dot, inverseDiagonal } from "./dense.js";
import { solveCholesky } from "../../parameters/cholesky.js";

/**
 * Convergence: no log λ moves by more than this in a Fellner–Schall step (λ within 1 %; the
 * fitted values then change by far less than the regression's own error).
 */
const TOLERANCE = 1e-2;

/** A penalised least-squares fit with its smoothing parameters chosen by REML. @internal */
export interface RemlFit {
  /** Cholesky factor (lower, row-major) of XᵀX + S_λ. */
  readonly l: Float64Array;
  /** Coefficients of the centred response. */
  readonly beta: Float64Array;
  /** Effective degrees of freedom, tr(A). */
  readonly edf: number;
  /** The scale estimate φ. */
  readonly phi: number;
}

/**
 * Penalised least squares min ‖y − Xβ‖² + Σ_j λ_j βᵀS_jβ from the cross-products alone (XᵀX, Xᵀy
 * and yᵀy of the centred response, n rows), every penalty diagonal (`penalties[j][a]`: S_j's entry
 * a), with the smoothing parameters that maximise the restricted likelihood (REML), found by the
 * generalised Fellner–Schall iteration (Wood & Fasiolo 2017, Biometrics 73:1071) with SQUAREM
 * extrapolation: each step costs one Cholesky factorisation of a p × p matrix. @internal
 */
export function remlFit(gram: Float64Array, p: number, penalties: readonly Float64Array[], xty: Float64Array, yty: number, n: number): RemlFit {
  let trace = 0;
  let gramScale = 0;
  for (let a = 0; a < p; a++) gramScale = Math.max(gramScale, gram[a * p + a]!);
  for (let a = 0; a < p; a++) trace += gram[a * p + a]!;
  // Start each penalty at the size of the data's cross-products.
  const start = penalties.map((s) => (trace / p) / (s.reduce((t, v) => t + v, 0) / s.filter((v) => v > 0).length));
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
  return { l, beta, edf, phi };
}
