import { IssueCollector, fail } from "../core/errors.js";

/** Mortality by age for one or more sexes: what a life table gives. */
export interface LifeTableDef {
  /** Discriminator of the definition. */
  readonly kind: "life-table";
  /** Start of each age interval in years, strictly increasing (0, 1, 2, … for single-year tables); the last is open-ended. */
  readonly ages: readonly number[];
  /** Annual mortality rate (constant hazard) in each age interval, by sex (e.g. `female`, `male`). */
  readonly rates: Readonly<Record<string, readonly number[]>>;
  /** Where the numbers come from. */
  readonly source?: string;
  /** The calendar year of the period table. */
  readonly year?: number;
}

/**
 * A life table: annual mortality rates by age and sex, with the hazard constant within each age
 * interval and the last interval open-ended. Built by {@link lifeTable}.
 */
export interface LifeTable {
  /** The serialisable definition (rates per year). */
  readonly def: LifeTableDef;
  /** The sexes (or other groups) tabulated. */
  readonly sexes: readonly string[];
  /** Annual mortality rate at an age in years; a fractional age uses its year (interval) of age, ages past the last use the open interval. */
  rate(age: number, sex: string): number;
  /** Probability of dying within a cycle of `cycleLength` years started at `age`, constant hazard within the year of age: 1 − exp(−m·Δ). */
  cycleProbability(age: number, sex: string, cycleLength: number): number;
  /** ∫ m(a) da from `fromAge` to `toAge` (the cumulative hazard between two ages), crossing intervals exactly. */
  cumulativeHazard(fromAge: number, toAge: number, sex: string): number;
}

/**
 * Builds a {@link LifeTable} from annual mortality rates or probabilities by age and sex.
 *
 * Probabilities qₓ (of dying within an age interval of width w) are converted to constant hazards
 * m = −log(1 − q)/w, the assumption under which any cycle length can be derived later. The last age
 * interval is open: its rate applies at every later age, so it must be given as a rate (HMD's mₓ
 * for 110+), never as q = 1.
 *
 * @param spec - `ages` (interval starts, increasing), and either `rates` (annual hazards, ≥ 0) or
 *   `probabilities` (per age interval, in [0, 1)), each by sex; optional `source` and `year`
 * @returns the life table
 * @throws QalyError `dimension_mismatch`, `invalid_parameter` at `["lifeTable", "rates" | "probabilities", sex, index]`
 * @example
 * const table = lifeTable({ ages: [60, 61, 62], rates: { female: [0.004, 0.0045, 0.005], male: [0.007, 0.008, 0.009] } });
 * table.rate(61.5, "male") // => 0.008
 * table.cycleProbability(60, "female", 1 / 12) // => 0.000333278
 * table.rate(95, "female") // => 0.005
 */
export function lifeTable(spec: { readonly ages: readonly number[]; readonly rates?: Readonly<Record<string, readonly number[]>>; readonly probabilities?: Readonly<Record<string, readonly number[]>>; readonly source?: string; readonly year?: number }): LifeTable {
  const issues = new IssueCollector();
  const ages = spec.ages;
  const given = spec.rates ?? spec.probabilities;
  const measure = spec.rates !== undefined ? "rates" : "probabilities";
  if (!Array.isArray(ages) || ages.length === 0 || given === undefined || (spec.rates !== undefined && spec.probabilities !== undefined)) {
    fail("invalid_argument", ["lifeTable"], "a life table needs `ages` and exactly one of `rates` or `probabilities`, by sex");
  }
  ages.forEach((age, i) => {
    if (!(Number.isFinite(age) && age >= 0 && (i === 0 || age > ages[i - 1]!))) issues.add({ code: "invalid_parameter", path: ["lifeTable", "ages", i], message: `ages must be finite, ≥ 0 and strictly increasing (received ${age})`, received: age });
  });
  const rates: Record<string, number[]> = {};
  for (const [sex, values] of Object.entries(given)) {
    if (!Array.isArray(values) || values.length !== ages.length) {
      issues.add({ code: "dimension_mismatch", path: ["lifeTable", measure, sex], message: `one value per age is needed (received ${values?.length} for ${ages.length} ages)` });
      continue;
    }
    rates[sex] = values.map((value, i) => {
      const open = i === ages.length - 1;
      const ok = measure === "rates" ? Number.isFinite(value) && value >= 0 : value >= 0 && value < 1;
      if (!ok) {
        const why = measure === "rates" ? "a rate must be finite and ≥ 0" : open ? "the open last age interval needs a rate, not a probability (q = 1 has no constant hazard)" : "a probability must lie in [0, 1)";
        issues.add({ code: "invalid_parameter", path: ["lifeTable", measure, sex, i], message: `${why} (received ${value} at age ${ages[i]})`, received: value });
        return NaN;
      }
      if (measure === "rates") return value;
      const width = open ? 1 : ages[i + 1]! - ages[i]!;
      return -Math.log1p(-value) / width;
    });
  }
  if (Object.keys(given).length === 0) issues.add({ code: "invalid_argument", path: ["lifeTable", measure], message: "no sex given" });
  issues.throwIfAny("life table");

  const sexes = Object.keys(rates);
  const byAge = Float64Array.from(ages);
  const table = new Map(sexes.map((sex) => [sex, Float64Array.from(rates[sex]!)] as const));
  // Cumulative hazard at the start of each age interval, from the first age.
  const cumulative = new Map(sexes.map((sex) => {
    const m = table.get(sex)!;
    const out = new Float64Array(byAge.length);
    for (let i = 1; i < byAge.length; i++) out[i] = out[i - 1]! + m[i - 1]! * (byAge[i]! - byAge[i - 1]!);
    return [sex, out] as const;
  }));
  const interval = (age: number): number => {
    let lo = 0;
    let hi = byAge.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (byAge[mid]! <= age) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const ratesOf = (sex: string): Float64Array => table.get(sex) ?? fail("invalid_argument", ["sex"], `the life table has no sex ${JSON.stringify(sex)} (it has ${sexes.join(", ")})`, { received: sex, expected: sexes.join(" | ") });
  const cumulativeTo = (age: number, sex: string): number => {
    const m = ratesOf(sex);
    const i = interval(age);
    return cumulative.get(sex)![i]! + m[i]! * (age - byAge[i]!);
  };
  const inRange = (age: number): boolean => age >= byAge[0]!;
  const def: LifeTableDef = Object.freeze({
    kind: "life-table" as const,
    ages: Object.freeze([...ages]),
    rates: Object.freeze(Object.fromEntries(sexes.map((sex) => [sex, Object.freeze(rates[sex]!)]))),
    ...(spec.source !== undefined ? { source: spec.source } : {}),
    ...(spec.year !== undefined ? { year: spec.year } : {}),
  });
  return Object.freeze({
    def,
    sexes: Object.freeze(sexes),
    rate: (age: number, sex: string) => (inRange(age) ? ratesOf(sex)[interval(age)]! : NaN),
    cycleProbability: (age: number, sex: string, cycleLength: number) => (inRange(age) && cycleLength >= 0 ? -Math.expm1(-ratesOf(sex)[interval(age)]! * cycleLength) : NaN),
    cumulativeHazard: (fromAge: number, toAge: number, sex: string) => (inRange(fromAge) && toAge >= fromAge ? cumulativeTo(toAge, sex) - cumulativeTo(fromAge, sex) : NaN),
  });
}
