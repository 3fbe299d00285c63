import normalCdf from "@stdlib/stats-base-dists-normal-cdf/lib/main.js";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile/lib/main.js";
import gammaincinv from "@stdlib/math-base-special-gammaincinv";

const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

/**
 * The standard normal quantile Φ⁻¹(p) (via @stdlib, accurate deep into the lower tail), e.g. the
 * z that turns a 95% confidence interval into a standard error: (upper − lower) / (2 · Φ⁻¹(0.975)).
 *
 * @param p - probability in [0, 1]; NaN outside
 * @returns z with Φ(z) = p
 * @example standardNormalQuantile(0.975) // => 1.959964
 */
export function standardNormalQuantile(p: number): number {
  // stdlib computes √2·erfinv(2p − 1), and 2p − 1 rounds to −1 once p < 1e-16, giving −∞ (and
  // loses relative precision well before). In the lower tail start from Z²/2 ~ Gamma(1/2), i.e.
  // P(Z ≤ −z) = Q(1/2, z²/2)/2 inverted by stdlib's gammaincinv, then polish with Newton steps
  // on ln Φ (stdlib's Φ is erfc-based and keeps full relative precision in the tail), since
  // gammaincinv alone drifts to ~1e-4 relative below p = 1e-20 and to a factor 100 near 1e-300.
  // ln Φ is close to quadratic there, so Newton on the log scale converges in a few steps.
  if (p > 0 && p < LOWER_TAIL) {
    let z = -Math.sqrt(2 * gammaincinv(2 * p, 0.5, true));
    const logP = Math.log(p);
    for (let step = 0; step < 4; step++) {
      const cdf = normalCdf(z, 0, 1);
      const density = standardNormalDensity(z);
      if (!(cdf > 0 && density > 0)) break;
      const change = ((Math.log(cdf) - logP) * cdf) / density;
      z -= change;
      if (Math.abs(change) <= 1e-15 * Math.abs(z)) break;
    }
    return z;
  }
  return normalQuantile(p, 0, 1);
}

const LOWER_TAIL = 1e-3;

/**
 * The standard normal distribution function Φ(z) (via @stdlib).
 *
 * @param z - any number
 * @returns P(Z ≤ z) for Z ~ N(0, 1)
 * @example standardNormalCdf(0) // => 0.5
 */
export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1);
}

/** The standard normal density φ(z) = exp(−z²/2)/√(2π); 0 at ±∞. */
export function standardNormalDensity(z: number): number {
  return Number.isFinite(z) ? Math.exp(-0.5 * z * z) / SQRT_TWO_PI : 0;
}
