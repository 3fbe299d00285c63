import { fail, type PathSegment } from "../../core/errors.js";
import { createRng, type Seed } from "../../random/rng.js";
import { drawStandardNormal } from "../../distributions/draw-standard-normal.js";
import { penalisedSmoother } from "./penalised-regression.js";
import { splineEvppi, splineResponses, type CoefficientDraws } from "./spline-evppi.js";

/** How the EVPPI's standard error is estimated (see {@link EvppiOptions.standardError}). */
export interface EvppiStandardErrorOptions {
  /** Draws of the regression coefficients, 10–10 000 (default 200). */
  readonly samples?: number;
  /** Seed of the coefficient draws (default `"evppi-se"`). */
  readonly seed?: Seed;
}

/** The largest tensor-product basis fitted: 256 terms (four parameters with four knots each). */
const MAX_BASIS = 256;

/**
 * Default knots per parameter: 20 for one, 5 for two or three and 4 for four (voi's `te()`), fewer
 * beyond. One parameter gets twice mgcv's default of 10 because 10 can be too few (mgcv's
 * `choose.k` advice: the basis must leave room above the fit's degrees of freedom): on voi's
 * chemotherapy example `rate_longterm`'s EVPPI rises by 1.9 % from 10 to 20 knots, in mgcv as here,
 * and then stays within 0.4 % up to 40. @internal
 */
export function defaultKnots(parameters: number): number {
  if (parameters === 1) return 20;
  if (parameters <= 3) return 5;
  return Math.max(2, Math.floor(Math.pow(MAX_BASIS, 1 / parameters) + 1e-9));
}

/** One strategy's increments over the reference strategy: effect (or net benefit) and cost (`null`: none). @internal */
export interface Increment {
  readonly effect: Float64Array;
  readonly cost: Float64Array | null;
}

/**
 * EVPPI per person at each WTP from regression of every increment on the parameters' draws:
 * E_φ[max(0, max_s E(ΔNB_s | φ))] − max(0, max_s E[ΔNB_s]), with ΔNB_s = w·Δeffect_s − Δcost_s
 * fitted once per increment (Strong, Oakley & Brennan 2014), and, when asked, its standard error
 * from draws of the regression coefficients (Strong et al. 2014, §2.4; voi's `se = TRUE`). @internal
 */
export function evppiByRegression(
  columns: readonly Float64Array[],
  increments: readonly Increment[],
  grid: Float64Array,
  knots: number,
  standardError: EvppiStandardErrorOptions | undefined,
  path: readonly PathSegment[],
): { readonly perPerson: Float64Array; readonly standardError: Float64Array | null } {
  const width = columns.reduce((w) => w * knots, 1);
  if (width > MAX_BASIS) fail("invalid_argument", [...path, "knots"], `${columns.length} parameters with ${knots} knots each need ${width} basis functions; at most ${MAX_BASIS} are fitted (use fewer knots or a smaller group)`, { received: knots });
  const draws = coefficientDraws(standardError, path);
  if (columns.length === 1) return splineEvppi(columns[0]!, splineResponses(increments), grid, knots, draws);
  const smoother = penalisedSmoother(columns, knots);
  const all = smoother.fitAll(increments.flatMap((inc) => (inc.cost === null ? [inc.effect] : [inc.effect, inc.cost])));
  let next = 0;
  const fits = increments.map((inc) => ({ effect: all[next++]!, cost: inc.cost === null ? null : all[next++]! }));
  const perPerson = evppiOfFitted(fits.map((f) => ({ effect: f.effect.fitted, cost: f.cost?.fitted ?? null })), grid);
  if (draws === undefined) return { perPerson, standardError: null };
  const samples = draws.samples;
  const z = new Float64Array(smoother.width);
  const draw = (): Float64Array => {
    draws.fill(z);
    return z;
  };
  const sum = new Float64Array(grid.length);
  const sumSq = new Float64Array(grid.length);
  for (let b = 0; b < samples; b++) {
    const replicate = evppiOfFitted(fits.map((f) => ({ effect: f.effect.replicate(draw()), cost: f.cost === null ? null : f.cost.replicate(draw()) })), grid);
    for (let g = 0; g < grid.length; g++) {
      sum[g]! += replicate[g]!;
      sumSq[g]! += replicate[g]! ** 2;
    }
  }
  const se = sum.map((s, g) => Math.sqrt(Math.max(0, (sumSq[g]! - (s * s) / samples) / (samples - 1))));
  return { perPerson, standardError: se };
}

/**
 * The standard normal numbers of the standard error's coefficient draws (undefined: no standard
 * error), a new stream from the seed for every EVPPI. @internal
 */
export function coefficientDraws(standardError: EvppiStandardErrorOptions | undefined, path: readonly PathSegment[]): CoefficientDraws | undefined {
  if (standardError === undefined) return undefined;
  const samples = standardError.samples ?? 200;
  if (!Number.isInteger(samples) || samples < 10 || samples > 10_000) fail("invalid_argument", [...path, "standardError", "samples"], `samples must be a whole number in [10, 10000] (received ${samples})`, { received: samples });
  const rng = createRng(standardError.seed ?? "evppi-se");
  return {
    samples,
    fill(z: Float64Array): void {
      for (let a = 0; a < z.length; a++) z[a] = drawStandardNormal(rng);
    },
  };
}

/** EVPPI at each WTP from fitted increments; never negative. */
function evppiOfFitted(fitted: readonly { readonly effect: Float64Array; readonly cost: Float64Array | null }[], grid: Float64Array): Float64Array {
  const n = fitted[0]?.effect.length ?? 0;
  const means = fitted.map((f) => ({ effect: mean(f.effect), cost: f.cost === null ? 0 : mean(f.cost) }));
  // Plain arrays of the increments (a missing cost reads as 0, as w·e − 0): the inner loop runs
  // n × increments × WTP times per EVPPI and per standard-error replicate, the ranking's hot spot.
  const zeros = fitted.some((f) => f.cost === null) ? new Float64Array(n) : null;
  const effects = fitted.map((f) => f.effect);
  const costs = fitted.map((f) => f.cost ?? zeros!);
  const m = fitted.length;
  return grid.map((w) => {
    let sumMax = 0;
    if (m === 1) {
      const e0 = effects[0]!;
      const c0 = costs[0]!;
      for (let i = 0; i < n; i++) sumMax += Math.max(0, w * e0[i]! - c0[i]!);
    } else if (m === 2) {
      const e0 = effects[0]!;
      const c0 = costs[0]!;
      const e1 = effects[1]!;
      const c1 = costs[1]!;
      for (let i = 0; i < n; i++) sumMax += Math.max(Math.max(0, w * e0[i]! - c0[i]!), w * e1[i]! - c1[i]!);
    } else {
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let f = 0; f < m; f++) best = Math.max(best, w * effects[f]![i]! - costs[f]![i]!);
        sumMax += best;
      }
    }
    let bestMean = 0;
    for (const m of means) bestMean = Math.max(bestMean, w * m.effect - m.cost);
    // A difference of two means at the level of their rounding (10⁻⁹ of their size) is 0, not noise.
    const value = n === 0 ? 0 : sumMax / n - bestMean;
    return value > 1e-9 * (Math.abs(sumMax / n) + Math.abs(bestMean)) ? value : 0;
  });
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}
