import { fail } from "../../core/errors.js";

/** The population a decision affects, for population EVPI. */
export interface DecisionPopulation {
  /** Patients affected per year (incidence), > 0. */
  readonly annual: number;
  /** Years the decision is expected to stand (time horizon of the technology), a whole number ≥ 1. */
  readonly years: number;
  /** Annual discount rate, ≥ 0 (default 0; TLV uses 0.03). */
  readonly discountRate?: number;
  /**
   * When each year's patients are counted: `"start"` (default) discounts year t = 1, 2, … by
   * (1 + r)^−(t−1), so the first year is undiscounted; `"end"` discounts by (1 + r)^−t.
   */
  readonly timing?: "start" | "end";
}

/**
 * The discounted number of patients a decision affects over its lifetime:
 * Σ_{t=1..years} annual / (1 + r)^(t − 1) (or ^t with `timing: "end"`). Population EVPI is the
 * per-person EVPI times this (Claxton & Posnett 1996; Briggs, Claxton & Sculpher 2006, ch. 7).
 *
 * @param population - annual incidence, years, discount rate and timing
 * @returns the discounted population, in persons
 * @throws QalyError `invalid_argument` for a non-positive incidence, a non-integer or non-positive number of years, or a negative rate
 * @example
 * populationSize({ annual: 1000, years: 2, discountRate: 0.25 }) // => 1800
 * populationSize({ annual: 1000, years: 2, discountRate: 0.25, timing: "end" }) // => 1440
 */
export function populationSize(population: DecisionPopulation): number {
  const { annual, years } = population;
  const rate = population.discountRate ?? 0;
  if (!Number.isFinite(annual) || annual <= 0) fail("invalid_argument", ["population", "annual"], `annual population must be a finite number > 0 (received ${annual})`, { received: annual });
  if (!Number.isInteger(years) || years < 1) fail("invalid_argument", ["population", "years"], `years must be a whole number ≥ 1 (received ${years})`, { received: years });
  if (!Number.isFinite(rate) || rate < 0) fail("invalid_argument", ["population", "discountRate"], `discount rate must be a finite number ≥ 0 (received ${rate})`, { received: rate });
  const first = population.timing === "end" ? 1 : 0;
  let total = 0;
  for (let t = 0; t < years; t++) total += annual / (1 + rate) ** (t + first);
  return total;
}
