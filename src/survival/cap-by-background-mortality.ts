import { defineCurve } from "./define-curve.js";
import { integrate } from "./integrate.js";
import type { LifeTable } from "./life-table.js";
import type { CohortOptions } from "./life-table-survival.js";
import { lifeTableSurvival } from "./life-table-survival.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";
import { yearsPerTimeUnit } from "./time-unit.js";

/** The definition of a capped-by-background curve (a member of {@link SurvivalCurveDef}). */
export type CappedSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "capped-by-background" }>;

/**
 * Caps a curve's hazard from below by general-population mortality: h(t) = max(h_c(t), h_pop(t)).
 *
 * An extrapolated overall survival curve must never imply that patients die less often than people
 * of the same age and sex in the general population (NICE DSU TSD 14 §3.3; Latimer 2011). The
 * population hazard comes from the life table for the cohort's start age and sex mix (see
 * `lifeTableSurvival`), in the curve's time unit. The cumulative hazard is
 * H(t) = H_c(t) + ∫₀ᵗ max(0, h_pop − h_c), the second term by adaptive Gauss–Kronrod quadrature
 * between consecutive birthdays, cached at each birthday so a run through increasing times costs one
 * partial year per call.
 *
 * @param curve - the modelled curve (overall survival), in `options.timeUnit`
 * @param table - the general-population life table
 * @param options - `startAge` (years), `sexMix` (proportions at the start), `timeUnit` of the curve
 * @returns the capped curve
 * @throws QalyError as {@link lifeTableSurvival}
 * @example
 * const table = lifeTable({ ages: [0, 80], rates: { female: [0.001, 0.05] } });
 * const os = capByBackgroundMortality(exponentialSurvival({ rate: 0.02 }), table, { startAge: 78, sexMix: { female: 1 } });
 * os.hazard(1) // => 0.02
 * os.hazard(3) // => 0.05
 * os.cumulativeHazard(4) // => 0.14
 */
export function capByBackgroundMortality(curve: SurvivalCurve, table: LifeTable, options: CohortOptions): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "capped-by-background" }>> {
  const background = lifeTableSurvival(table, options);
  const startAge = options.startAge;
  const years = yearsPerTimeUnit(background.def.timeUnit);
  const ages = table.def.ages;
  // The k-th panel boundary in model time: the next ages in the table after the start age, then
  // every further year past the open interval (the curve's hazard keeps changing there).
  const boundaries: number[] = [0];
  const excess: number[] = [0];
  const nextBoundary = (after: number): number => {
    const age = startAge + after * years;
    // Rounding may put a birthday a hair before `age`; the guards keep every panel non-empty.
    const tabled = ages.find((a) => a > age + 1e-9);
    const next = ((tabled ?? Math.floor(age + 1e-9) + 1) - startAge) / years;
    return next > after ? next : after + 1 / years;
  };
  const gap = (t: number): number => Math.max(0, background.hazard(t) - curve.hazard(t));
  const excessAt = (t: number): number => {
    while (boundaries[boundaries.length - 1]! < t) {
      const from = boundaries[boundaries.length - 1]!;
      const to = nextBoundary(from);
      excess.push(excess[excess.length - 1]! + integrate(gap, from, to, 1e-11, 1e-14));
      boundaries.push(to);
    }
    let k = boundaries.length - 1;
    while (boundaries[k]! > t) k--;
    return excess[k]! + integrate(gap, boundaries[k]!, t, 1e-11, 1e-14);
  };
  const cumulativeHazard = (t: number): number => (t > 0 ? curve.cumulativeHazard(t) + (Number.isFinite(t) ? excessAt(t) : Infinity) : curve.cumulativeHazard(t));
  return defineCurve(
    {
      def: Object.freeze({ kind: "capped-by-background" as const, curve: curve.def, background: background.def }),
      label: () => `${curve.toString()} capped by ${background.toString()}`,
      survival: (t) => Math.exp(-cumulativeHazard(t)),
      hazard: (t) => Math.max(curve.hazard(t), background.hazard(t)),
      cumulativeHazard,
    },
    ages.filter((a) => a > startAge).map((a) => (a - startAge) / years),
  );
}
