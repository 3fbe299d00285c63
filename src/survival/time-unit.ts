import { fail } from "../core/errors.js";

/** The unit a survival curve's time is measured in: the unit its parameters were fitted in. */
export type TimeUnit = "years" | "months" | "weeks" | "days";

const YEARS_PER_UNIT: Record<TimeUnit, number> = { years: 1, months: 1 / 12, weeks: 7 / 365.25, days: 1 / 365.25 };

/**
 * Length of one time unit in years: a month is 1/12 year, a week 7/365.25 and a day 1/365.25
 * (Julian years, as survival data are usually converted).
 *
 * @param unit - `"years"`, `"months"`, `"weeks"` or `"days"`
 * @returns years per unit
 * @throws QalyError `invalid_argument` at `["timeUnit"]`
 * @example
 * yearsPerTimeUnit("months") // => 0.0833333
 */
export function yearsPerTimeUnit(unit: TimeUnit): number {
  const years = YEARS_PER_UNIT[unit];
  if (typeof years !== "number") fail("invalid_argument", ["timeUnit"], `unknown time unit ${JSON.stringify(unit)}`, { received: unit, expected: "years, months, weeks or days" });
  return years;
}
