import { fail } from "../../core/errors.js";
import type { BaseCaseResult } from "./run-base-case.js";

/**
 * Base-case results for a whole starting cohort: every outcome of every strategy (costs, QALYs,
 * life-years, counts) multiplied by the cohort size, as a cohort of counts (heemod's `init`,
 * TreeAge's cohort size) reports them. The per-person result it is computed from is unchanged;
 * ICERs and the decision do not depend on the cohort size.
 *
 * @param baseCase - a per-person {@link runBaseCase} result
 * @param cohortSize - people in the starting cohort (finite, > 0), e.g. 1 000
 * @returns the same shape, with values and summary per cohort
 * @throws QalyError `invalid_argument` for a cohort size that is not a finite number > 0
 * @example
 * const model = { title: "Demo", strategies: ["SoC"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([1200, 0.85]); } };
 * baseCasePerCohort(runBaseCase(model, {}), 1000).values.SoC // => { cost: 1200000, qaly: 850 }
 */
export function baseCasePerCohort<S extends string>(baseCase: BaseCaseResult<S>, cohortSize: number): BaseCaseResult<S> {
  if (typeof cohortSize !== "number" || !Number.isFinite(cohortSize) || cohortSize <= 0) fail("invalid_argument", ["cohortSize"], `the cohort size must be a finite number > 0 (received ${String(cohortSize)})`, { received: cohortSize });
  const values = Object.fromEntries(baseCase.strategies.map((s) => [s, Object.freeze(Object.fromEntries(Object.entries(baseCase.values[s]).map(([o, v]) => [o, v * cohortSize])))])) as BaseCaseResult<S>["values"];
  const summary = baseCase.summary.map((row) => Object.freeze({ strategy: row.strategy, cost: row.cost * cohortSize, effect: row.effect * cohortSize }));
  return Object.freeze({ ...baseCase, values: Object.freeze(values), summary: Object.freeze(summary) });
}
