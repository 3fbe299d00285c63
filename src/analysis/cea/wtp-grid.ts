import { fail } from "../../core/errors.js";

/**
 * An evenly spaced grid of willingness-to-pay values for CEACs and EVPI curves, from `from` to
 * `to` inclusive. Each value is computed as `from + i · step` (no accumulated rounding).
 *
 * @param range - `from` ≥ 0 and `to` ≥ `from` in currency per unit of effect; `step` > 0
 * @returns the grid; `to` is the last value when `(to − from) / step` is a whole number
 * @throws QalyError `invalid_argument` for non-finite or negative bounds, a non-positive step, or more than 1 000 000 points
 * @example
 * Array.from(wtpGrid({ from: 0, to: 100_000, step: 25_000 })) // => [0, 25000, 50000, 75000, 100000]
 * wtpGrid({ from: 0, to: 2_000_000, step: 10_000 }).length // => 201
 */
export function wtpGrid(range: WtpRange): Float64Array {
  const { from, to, step } = range;
  if (!Number.isFinite(from) || from < 0) fail("invalid_argument", ["from"], `the grid must start at a finite value ≥ 0 (received ${from})`, { received: from });
  if (!Number.isFinite(to) || to < from) fail("invalid_argument", ["to"], `the grid must end at a finite value ≥ from = ${from} (received ${to})`, { received: to });
  if (!Number.isFinite(step) || step <= 0) fail("invalid_argument", ["step"], `the step must be a finite number > 0 (received ${step})`, { received: step });
  // A relative slack lets 0:1:0.1 include 1 despite 1/0.1 not being exact in binary.
  const count = Math.floor((to - from) / step * (1 + 1e-12) + 1e-9) + 1;
  if (count > 1_000_000) fail("invalid_argument", ["step"], `the grid would have ${count} points (at most 1 000 000)`, { received: step });
  const grid = new Float64Array(count);
  for (let i = 0; i < count; i++) grid[i] = Math.min(from + i * step, to);
  return grid;
}

/**
 * Swedish reference values of willingness to pay per QALY, in SEK: 500 000 and 1 000 000. They
 * are the bounds of the National Board of Health and Welfare's "high" cost-per-QALY category
 * (Socialstyrelsen, Nationella riktlinjer – Metodbeskrivning), the range TLV decisions are usually
 * discussed against; qaly reports results at both.
 *
 * @example SWEDISH_WTP_THRESHOLDS // => [500000, 1000000]
 */
export const SWEDISH_WTP_THRESHOLDS: readonly number[] = Object.freeze([500_000, 1_000_000]);

/** A willingness-to-pay grid given by its bounds and step (see {@link wtpGrid}). */
export interface WtpRange {
  /** First value, ≥ 0, currency per unit of effect. */
  readonly from: number;
  /** Last value, ≥ `from`. */
  readonly to: number;
  /** Spacing, > 0. */
  readonly step: number;
}

/**
 * The default Swedish grid for CEACs and EVPI: SEK 0 to 2 000 000 per QALY in steps of 10 000
 * (201 values). Analyses use it when no grid is given.
 *
 * @example wtpGrid(SWEDISH_WTP_GRID).length // => 201
 */
export const SWEDISH_WTP_GRID: WtpRange = Object.freeze({ from: 0, to: 2_000_000, step: 10_000 });

/**
 * Willingness-to-pay values from a grid given as values or as a range (default
 * {@link SWEDISH_WTP_GRID}); each must be finite and ≥ 0. @internal
 */
export function wtpValues(wtp: ArrayLike<number> | WtpRange | undefined): Float64Array {
  if (wtp === undefined) return wtpGrid(SWEDISH_WTP_GRID);
  if (!isArrayLike(wtp)) return wtpGrid(wtp);
  if (wtp.length === 0) fail("invalid_argument", ["wtp"], "the willingness-to-pay grid is empty");
  const values = Float64Array.from(wtp);
  values.forEach((w, g) => {
    if (!Number.isFinite(w) || w < 0) fail("invalid_argument", ["wtp", g], `willingness to pay must be a finite number ≥ 0 (received ${w})`, { received: w });
  });
  return values;
}

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return typeof (value as { length?: unknown }).length === "number";
}
