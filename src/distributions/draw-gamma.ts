import type { Rng } from "../random/rng.js";
import { drawStandardNormal } from "./draw-standard-normal.js";

/**
 * The core of Marsaglia & Tsang's (2000) gamma generator for shape ≥ 1, with its constants
 * d = shape − 1/3 and c = 1/√(9d) precomputed by the caller. Returns a Gamma(shape, 1) draw.
 *
 * Reference: G. Marsaglia, W. W. Tsang (2000). A simple method for generating gamma variables.
 * ACM Transactions on Mathematical Software 26(3):363–372.
 */
export function marsagliaTsang(rng: Rng, d: number, c: number): number {
  for (;;) {
    const z = drawStandardNormal(rng);
    const t = 1 + c * z;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.uniform();
    const z2 = z * z;
    // The squeeze accepts about 98% of candidates without a logarithm.
    if (u < 1 - 0.0331 * z2 * z2) return d * v;
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * One Gamma(shape, 1) draw (unit scale) by Marsaglia & Tsang (2000). For shape < 1 it uses the
 * authors' boost: G(shape) = G(shape + 1) · U^(1/shape).
 *
 * @param rng - the uniform source
 * @param shape - shape k > 0 (not checked: kernels are total and return NaN for k ≤ 0)
 * @returns a draw from Gamma(k, 1); multiply by a scale θ for Gamma(k, θ)
 * @example
 * const g = drawGamma(createRng(1), 2.5);
 * g > 0 // => true
 */
export function drawGamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) return Number.NaN;
  if (shape >= 1) {
    const d = shape - 1 / 3;
    return marsagliaTsang(rng, d, 1 / Math.sqrt(9 * d));
  }
  const d = shape + 2 / 3;
  return marsagliaTsang(rng, d, 1 / Math.sqrt(9 * d)) * Math.pow(rng.uniform(), 1 / shape);
}

/**
 * The natural logarithm of one Gamma(shape, 1) draw. For small shapes a gamma draw can underflow
 * to 0 (U^(1/k) with k = 0.01 is below 1e-300 for U < 0.001), and ratios such as a beta or
 * Dirichlet draw then become 0/0; on the log scale the boost is a sum and never underflows.
 *
 * @param rng - the uniform source
 * @param shape - shape k > 0
 * @returns log of a Gamma(k, 1) draw
 * @example
 * Number.isFinite(drawLogGamma(createRng(1), 0.01)) // => true
 */
export function drawLogGamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) return Number.NaN;
  if (shape >= 1) return Math.log(drawGamma(rng, shape));
  const d = shape + 2 / 3;
  return Math.log(marsagliaTsang(rng, d, 1 / Math.sqrt(9 * d))) + Math.log(rng.uniform()) / shape;
}
