// Logarithms of the tails that survival functions are made of. In the body of the distribution
// they are the @stdlib special functions; only where the tail underflows double precision
// (below ~1e-300, far beyond any model horizon) is the leading term of the classical asymptotic
// expansion used instead (Abramowitz & Stegun 6.5.32 and 26.2.12), so that hazards and cumulative
// hazards stay finite instead of turning into 0/0.
import gammainc from "@stdlib/math-base-special-gammainc";
import gammaln from "@stdlib/math-base-special-gammaln";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf/lib/main.js";

const TINY = 1e-290;

/**
 * log of one tail of the regularised incomplete gamma function, from whichever tail is below ½:
 * log of a small tail directly, log1p(−small) for a tail near 1, so that the cumulative hazard
 * keeps its relative accuracy both early (S ≈ 1) and late (S tiny). The tail likely to be the
 * smaller one is computed first (the upper one when x > a), so most calls cost one evaluation.
 */
function logGammaTail(a: number, x: number, upper: boolean): number {
  const firstUpper = x > a;
  const first = gammainc(x, a, true, firstUpper);
  const small = first <= 0.5 ? first : gammainc(x, a, true, !firstUpper);
  const smallIsUpper = first <= 0.5 ? firstUpper : !firstUpper;
  if (smallIsUpper !== upper) return Math.log1p(-small);
  if (small > TINY) return Math.log(small);
  // Underflow: leading terms of the asymptotic expansions of the tails.
  if (upper) return (a - 1) * Math.log(x) - x - gammaln(a) + Math.log1p((a - 1) / x + ((a - 1) * (a - 2)) / (x * x));
  return a * Math.log(x) - x - gammaln(a + 1) + Math.log1p(x / (a + 1) + (x * x) / ((a + 1) * (a + 2)));
}

/** log Q(a, x), the regularised upper incomplete gamma function. */
export function logUpperGamma(a: number, x: number): number {
  if (x === Infinity) return -Infinity;
  if (x === 0) return 0;
  return logGammaTail(a, x, true);
}

/** log P(a, x), the regularised lower incomplete gamma function. */
export function logLowerGamma(a: number, x: number): number {
  if (x === Infinity) return 0;
  if (x === 0) return -Infinity;
  return logGammaTail(a, x, false);
}

/** log Φ(−z), the log upper tail of the standard normal distribution. */
export function logNormalUpper(z: number): number {
  if (z < 0) return Math.log1p(-normalCdf(z, 0, 1));
  const tail = normalCdf(-z, 0, 1);
  if (tail > TINY) return Math.log(tail);
  const z2 = z * z;
  return -0.5 * z2 - Math.log(z) - 0.5 * Math.log(2 * Math.PI) + Math.log1p(-1 / z2 + 3 / (z2 * z2));
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log Γ(a) − (a − ½)·log a + a − ½·log 2π, the Stirling remainder, without cancellation for large a. */
export function stirlingRemainder(a: number): number {
  if (a > 1e3) return 1 / (12 * a) - 1 / (360 * a * a * a);
  return gammaln(a) - (a - 0.5) * Math.log(a) + a - HALF_LOG_2PI;
}

/** e^x − 1 − x, accurate also for tiny x (where it is x²/2 and the subtraction would cancel). */
export function expm1MinusX(x: number): number {
  if (Math.abs(x) > 1e-3) return Math.expm1(x) - x;
  return 0.5 * x * x * (1 + x / 3 + (x * x) / 12 + (x * x * x) / 60);
}

/**
 * log of the density of W = (log T − μ)/σ under a generalised gamma with shape Q ≠ 0:
 * log g(w) = log|Q| + γ·log γ − log Γ(γ) + γ·(Qw − e^{Qw}) with γ = 1/Q², rearranged through
 * Stirling's remainder so that nothing of size γ·log γ cancels: −½·log 2π − R(γ) − γ·(e^{Qw} − 1 − Qw).
 * Returns the function of w, with the constant computed once.
 */
export function generalisedGammaLogDensityW(Q: number): (w: number) => number {
  const shape = 1 / (Q * Q);
  const constant = -HALF_LOG_2PI - stirlingRemainder(shape);
  return (w) => constant - shape * expm1MinusX(Q * w);
}
