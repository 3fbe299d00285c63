import triangularCdf from "@stdlib/stats-base-dists-triangular-cdf/lib/main.js";
import triangularQuantile from "@stdlib/stats-base-dists-triangular-quantile/lib/main.js";
import { fail, type PathSegment } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { requireFinite, requireObject } from "./validate.js";

/** The definition of a triangular distribution (a member of {@link DistributionDef}). */
export type TriangularDef = Extract<DistributionDef, { readonly kind: "triangular" }>;

class Triangular implements Distribution<TriangularDef> {
  readonly def: TriangularDef;
  private readonly min: number;
  private readonly mode: number;
  private readonly max: number;
  private readonly modeCdf: number;

  constructor(min: number, mode: number, max: number) {
    this.def = Object.freeze({ kind: "triangular", min, mode, max });
    this.min = min;
    this.mode = mode;
    this.max = max;
    this.modeCdf = (mode - min) / (max - min);
  }

  mean(): number {
    return (this.min + this.mode + this.max) / 3;
  }

  variance(): number {
    const { min: a, mode: c, max: b } = this;
    return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  }

  cdf(x: number): number {
    return triangularCdf(x, this.min, this.max, this.mode);
  }

  quantile(p: number): number {
    return triangularQuantile(p, this.min, this.max, this.mode);
  }

  // Inverse CDF in closed form, one uniform per draw.
  sample(rng: Rng): number {
    const u = rng.uniform();
    const width = this.max - this.min;
    return u < this.modeCdf ? this.min + Math.sqrt(u * width * (this.mode - this.min)) : this.max - Math.sqrt((1 - u) * width * (this.max - this.mode));
  }

  toString(): string {
    return `Triangular(min=${formatSignificant(this.min)}, mode=${formatSignificant(this.mode)}, max=${formatSignificant(this.max)})`;
  }
}

/** Reads and checks { min, mode, max } with min ≤ mode ≤ max and min < max (shared with PERT). */
export function readRange(params: unknown, family: string): { min: number; mode: number; max: number; raw: Record<string, unknown> } {
  const raw = requireObject(params, [family], "{ min, mode, max }");
  const path = (key: string): PathSegment[] => [family, key];
  const min = requireFinite(raw.min, path("min"));
  const mode = requireFinite(raw.mode, path("mode"));
  const max = requireFinite(raw.max, path("max"));
  if (!(max > min)) fail("invalid_argument", path("max"), `must be greater than min = ${min} (received ${max})`, { received: max, expected: `> ${min}` });
  if (!(mode >= min && mode <= max)) fail("invalid_argument", path("mode"), `must lie between min = ${min} and max = ${max} (received ${mode})`, { received: mode, expected: `${min} ≤ mode ≤ ${max}` });
  return { min, mode, max, raw };
}

/**
 * The triangular distribution on [min, max] with its peak at `mode`: a distribution built from
 * an expert's lowest, most likely and highest value when no data exist. The PERT distribution
 * ({@link pert}) puts less weight on the extremes and is usually preferred.
 *
 * @param params.min - lowest plausible value
 * @param params.mode - most likely value, min ≤ mode ≤ max
 * @param params.max - highest plausible value, > min
 * @returns the triangular distribution
 * @throws QalyError `invalid_argument` at ["triangular", "min" | "mode" | "max"]
 * @example
 * triangular({ min: 0, mode: 3, max: 6 }).mean() // => 3
 * triangular({ min: 0, mode: 1, max: 3 }).toString() // => "Triangular(min=0, mode=1, max=3)"
 */
export function triangular(params: { readonly min: number; readonly mode: number; readonly max: number }): Distribution<Extract<DistributionDef, { readonly kind: "triangular" }>> {
  const { min, mode, max } = readRange(params, "triangular");
  return new Triangular(min, mode, max);
}
