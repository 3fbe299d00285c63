import { IssueCollector } from "../core/errors.js";
import { defineCurve } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { LifeTable } from "./life-table.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";
import type { TimeUnit } from "./time-unit.js";
import { yearsPerTimeUnit } from "./time-unit.js";

/** Proportion of the cohort of each sex at the start of the model, e.g. `{ female: 0.45, male: 0.55 }`. */
export type SexMix = Readonly<Record<string, number>>;

/** Options shared by general-population survival and background-mortality capping. */
export interface CohortOptions {
  /** Age of the cohort at model time 0, in years. */
  readonly startAge: number;
  /** Sex mix at model time 0 (weights ≥ 0 summing to 1), e.g. `{ male: 1 }` for one sex. */
  readonly sexMix: Readonly<Record<string, number>>;
  /** The time unit of the model's curves (default `"years"`). */
  readonly timeUnit?: TimeUnit;
}

/** The definition of a life-table curve (a member of {@link SurvivalCurveDef}). */
export type LifeTableSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "life-table" }>;

/** Validates cohort options and returns the normalised sex weights. @internal */
export function checkCohort(table: LifeTable, options: CohortOptions): { sexes: string[]; weights: Float64Array; unit: number; timeUnit: TimeUnit } {
  const issues = new IssueCollector();
  const timeUnit = options.timeUnit ?? "years";
  const unit = yearsPerTimeUnit(timeUnit);
  if (!(Number.isFinite(options.startAge) && options.startAge >= table.def.ages[0]!)) {
    issues.add({ code: "invalid_argument", path: ["startAge"], message: `the start age must be a finite age covered by the life table (≥ ${table.def.ages[0]}; received ${options.startAge})`, received: options.startAge });
  }
  const entries = Object.entries(options.sexMix ?? {});
  for (const [sex, w] of entries) {
    if (!table.sexes.includes(sex)) issues.add({ code: "invalid_argument", path: ["sexMix", sex], message: `the life table has no sex ${JSON.stringify(sex)} (it has ${table.sexes.join(", ")})`, received: sex });
    if (!(Number.isFinite(w) && w >= 0)) issues.add({ code: "invalid_parameter", path: ["sexMix", sex], message: `a sex proportion must be finite and ≥ 0 (received ${w})`, received: w });
  }
  const sum = entries.reduce((a, [, w]) => a + w, 0);
  if (!issues.hasIssues && Math.abs(sum - 1) > 1e-9) issues.add({ code: "invalid_parameter", path: ["sexMix"], message: `sex proportions must sum to 1 (received ${sum})`, received: sum, expected: "1 ± 1e-9" });
  issues.throwIfAny("cohort");
  return { sexes: entries.map(([sex]) => sex), weights: Float64Array.from(entries, ([, w]) => w / sum), unit, timeUnit };
}

/**
 * General-population survival of a cohort from a life table: the curve a model's background
 * mortality follows, in the model's time unit.
 *
 * Each sex's survival from the start age is S_s(t) = exp(−∫ m_s(age) d age) with the rate
 * constant within each year of age. The cohort curve mixes the surviving cohorts, S(t) = Σ w_s·S_s(t),
 * so its hazard Σ w_s·S_s(t)·m_s / S(t) follows the changing sex mix of the survivors (women
 * outlive men, so the hazard tends towards the female rate). Averaging the rates instead,
 * m̄ = Σ w_s·m_s, would keep the starting mix for ever and overstate mortality at old ages.
 *
 * @param table - the life table
 * @param options - `startAge` (years), `sexMix` (proportions at the start), `timeUnit` of the model
 * @returns the cohort's general-population survival curve
 * @throws QalyError `invalid_argument` at `["startAge"]` or `["sexMix", sex]`, `invalid_parameter` at `["sexMix"]`
 * @example
 * const table = lifeTable({ ages: [0, 60, 61], rates: { female: [0, 0.01, 0.02], male: [0, 0.02, 0.04] } });
 * const background = lifeTableSurvival(table, { startAge: 60, sexMix: { female: 0.5, male: 0.5 }, timeUnit: "months" });
 * background.hazard(0) // => 0.00125
 * background.survival(12) // => 0.985124
 */
export function lifeTableSurvival(table: LifeTable, options: CohortOptions): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "life-table" }>> {
  const { sexes, weights, unit, timeUnit } = checkCohort(table, options);
  const startAge = options.startAge;
  const n = sexes.length;
  const sexHazard = (t: number, i: number): number => table.cumulativeHazard(startAge, startAge + t * unit, sexes[i]!);
  const bySex = new Float64Array(n); // scratch: each sex's cumulative hazard at the current t
  const smallestHazard = (t: number): number => {
    let smallest = Infinity;
    for (let i = 0; i < n; i++) {
      bySex[i] = sexHazard(t, i);
      if (weights[i]! > 0 && bySex[i]! < smallest) smallest = bySex[i]!;
    }
    return smallest;
  };
  // Near S = 1, −log(1 − Σ w·F_s) keeps small H accurate; further on, −log Σ w·e^{−H_s} shifted by
  // the smallest H_s so that the oldest ages do not underflow.
  const cumulativeHazard = (t: number): number => {
    if (!(t > 0)) return t <= 0 ? 0 : NaN;
    const smallest = smallestHazard(t);
    let failed = 0;
    let shifted = 0;
    for (let i = 0; i < n; i++) {
      failed += weights[i]! * -Math.expm1(-bySex[i]!);
      shifted += weights[i]! * Math.exp(smallest - bySex[i]!);
    }
    return failed < 0.5 ? -Math.log1p(-failed) : smallest - Math.log(shifted);
  };
  const survival = (t: number): number => Math.exp(-cumulativeHazard(t));
  // Kinks of S at each birthday in the table, in model time, for the quadrature of the restricted mean.
  const breaks = table.def.ages.filter((age) => age > startAge).map((age) => (age - startAge) / unit);
  return defineCurve(
    {
      def: Object.freeze({ kind: "life-table" as const, lifeTable: table.def, startAge, sexMix: Object.freeze({ ...options.sexMix }), timeUnit }),
      label: () => `LifeTable(${table.def.source ?? "custom"}${table.def.year !== undefined ? ` ${table.def.year}` : ""}, age ${formatSignificant(startAge)}, ${sexes.map((s, i) => `${s} ${formatSignificant(weights[i]!)}`).join(", ")}, ${timeUnit})`,
      survival,
      hazard: (t) => {
        if (!(t >= 0)) return t < 0 ? 0 : NaN;
        const age = startAge + t * unit;
        const smallest = smallestHazard(t);
        let numerator = 0;
        let s = 0;
        for (let i = 0; i < n; i++) {
          // Survivors of each sex relative to the longest-surviving one, so the weights never underflow.
          const si = weights[i]! * Math.exp(smallest - bySex[i]!);
          s += si;
          numerator += si * table.rate(age, sexes[i]!);
        }
        return (numerator / s) * unit;
      },
      cumulativeHazard,
    },
    breaks,
  );
}
