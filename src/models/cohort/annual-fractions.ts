import type { AddIssue } from "./cohort-schedule.js";

/**
 * Names of the annual cost outputs of a cohort model: `<cost outcome>Year<k>` for k = 1 … years,
 * outcome-major (`costYear1 … costYear5, costDrugYear1 …`). They are undiscounted (budget impact
 * counts nominal spending), per person entering the model, by year since the start of the analysis.
 */
export function annualOutputNames(costOutcomes: readonly string[], years: number): string[] {
  const names: string[] = [];
  for (const name of costOutcomes) for (let y = 1; y <= years; y++) names.push(`${name}Year${y}`);
  return names;
}

/**
 * Validates `costByYear` (a whole number of years ≥ 1, not beyond the horizon rounded up to whole
 * years) and returns it, or 0 when not requested.
 */
export function resolveCostByYear(costByYear: number | undefined, cycles: number, cycleLength: number, add: AddIssue): number {
  if (costByYear === undefined) return 0;
  const horizon = cycles * cycleLength;
  if (!Number.isInteger(costByYear) || costByYear < 1) {
    add(["costByYear"], `costByYear must be a whole number of years ≥ 1 (received ${costByYear})`, costByYear);
    return 0;
  }
  if (Number.isFinite(horizon) && costByYear > Math.ceil(horizon - 1e-9)) {
    add(["costByYear"], `costByYear ${costByYear} is longer than the model's horizon (${cycles} cycles of ${cycleLength} years = ${horizon} years)`, costByYear);
    return 0;
  }
  return costByYear;
}

/**
 * Fills, for each year y = 0 … years − 1 since the start of the analysis, the share of each trace
 * row's weight that falls in that year (`rows[y · (N + 1) + t]`) and the share of each cycle's
 * one-off events (`events[y · (N + 1) + k]`, k = 1 … N).
 *
 * Trace row t stands for the interval [τ − Δ/2, τ + Δ/2] around its time τ = startTime + tΔ, clipped
 * to the model's span (the trapezoid reading of a row); cycle k's events for [τ_{k−1}, τ_k]. Each
 * row's shares sum to 1 over all years, so the annual values of a long enough horizon add up to the
 * undiscounted total exactly, whatever the within-cycle correction. Rows or events beyond `years`
 * are not counted.
 */
export function fillAnnualFractions(years: number, cycles: number, cycleLength: number, startTime: number, rows: Float64Array, events: Float64Array, span?: AnnualSpan): void {
  rows.fill(0);
  events.fill(0);
  const end = startTime + cycles * cycleLength;
  const width = cycles + 1;
  for (let t = 0; t <= cycles; t++) {
    const tau = startTime + t * cycleLength;
    const lo = Math.max(startTime, tau - cycleLength / 2);
    const hi = Math.min(end, tau + cycleLength / 2);
    spread(lo, hi, years, rows, width, t);
    if (t > 0) spread(tau - cycleLength, tau, years, events, width, t);
    if (span !== undefined) {
      // Years a row or a cycle may touch (clipped to those reported; first > last when none).
      span.rowFirst[t] = Math.floor(lo);
      span.rowLast[t] = Math.min(years - 1, Math.floor(hi));
      span.eventFirst[t] = Math.floor(Math.max(startTime, tau - cycleLength));
      span.eventLast[t] = Math.min(years - 1, Math.floor(tau));
    }
  }
}

/** First and last year index each trace row (and each cycle's events) may fall in, so loops skip the other years. */
export interface AnnualSpan {
  readonly rowFirst: Int32Array;
  readonly rowLast: Int32Array;
  readonly eventFirst: Int32Array;
  readonly eventLast: Int32Array;
}

/** Splits an interval [lo, hi] over the years it overlaps, as shares of its length. */
function spread(lo: number, hi: number, years: number, into: Float64Array, width: number, t: number): void {
  const length = hi - lo;
  if (!(length > 0)) {
    const y = Math.floor(lo);
    if (y < years) into[y * width + t] = 1;
    return;
  }
  for (let y = Math.floor(lo); y < years && y < hi; y++) {
    const overlap = Math.min(hi, y + 1) - Math.max(lo, y);
    if (overlap > 0) into[y * width + t] = overlap / length;
  }
}
