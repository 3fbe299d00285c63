/** A root found by {@link brentRoot}. @internal */
export interface BracketedRoot {
  /** The root's location. */
  readonly value: number;
  /** f at `value`. */
  readonly residual: number;
  /** Function evaluations used. */
  readonly evaluations: number;
  /** Whether the bracket shrank to the tolerance within the iteration limit. */
  readonly converged: boolean;
}

/**
 * Brent's method (inverse quadratic interpolation, secant and bisection) for a root of `f` in
 * `[a, b]`, where `f(a)` and `f(b)` have opposite signs. It keeps the root bracketed, so it
 * converges whenever bisection would, and superlinearly on smooth functions (Brent 1973, ch. 4).
 * Stops when the bracket's half-width is below `relativeTolerance × max(|x|, floor)`.
 * @internal
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number, relativeTolerance: number, floor: number, maxIterations = 200): BracketedRoot {
  let c = b;
  let fc = fb;
  let d = 0;
  let e = 0;
  let evaluations = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + 0.5 * relativeTolerance * Math.max(Math.abs(b), floor);
    const half = 0.5 * (c - b);
    if (Math.abs(half) <= tolerance || fb === 0) return { value: b, residual: fb, evaluations, converged: true };
    if (Math.abs(e) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * half * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      // Accept interpolation only if it stays well inside the bracket and shrinks fast enough.
      if (2 * p < Math.min(3 * half * q - Math.abs(tolerance * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tolerance ? d : half > 0 ? tolerance : -tolerance;
    fb = f(b);
    evaluations++;
  }
  return { value: b, residual: fb, evaluations, converged: false };
}
