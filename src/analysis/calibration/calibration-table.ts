import { IssueCollector, type PathSegment } from "../../core/errors.js";
import { didYouMean } from "../../core/closest-name.js";
import type { StrategyOutcomes } from "../../models/model.js";

/**
 * A published figure the model should reproduce, e.g. 5-year overall survival of favourable-risk
 * patients: which outcome of which strategy (optionally in a named subgroup) and the target value.
 *
 * @typeParam S - strategy names
 */
export interface CalibrationTarget<S extends string = string> {
  /** What is compared, e.g. "5-year OS, favourable risk". */
  readonly name: string;
  /** The model outcome that estimates it, e.g. `alive5yUndiscounted`. */
  readonly outcome: string;
  /** The strategy whose outcome is read. */
  readonly strategy: S;
  /** A named subgroup of the project; the whole population when absent. */
  readonly subgroup?: string;
  /** The target value. */
  readonly target: number;
  /** Largest acceptable absolute difference; absent: the difference is only reported. */
  readonly tolerance?: number;
  /** Where the target comes from. */
  readonly source?: string;
}

/** One row of a calibration table: the target, the model's value and their difference. */
export interface CalibrationRow<S extends string = string> extends CalibrationTarget<S> {
  /** The model's value. */
  readonly model: number;
  /** Model minus target. */
  readonly difference: number;
  /** Whether |difference| ≤ tolerance; absent without a tolerance. */
  readonly withinTolerance?: boolean;
}

/**
 * Compares a model's outcomes with calibration targets (external validation figures such as
 * survival at 5 years by risk group), for the base case or any other evaluation.
 *
 * @param targets - the targets
 * @param outcomesOf - the outcomes per strategy of the whole population (`undefined`) or a named subgroup
 * @param subgroups - the names of the subgroups `outcomesOf` knows
 * @returns one row per target, in order
 * @throws QalyError `invalid_argument` naming `calibration[i]` for an unknown subgroup, strategy or outcome, or a non-finite target or tolerance
 * @example
 * const rows = calibrationTable([{ name: "5-year OS", outcome: "alive5y", strategy: "NGS", target: 0.37, tolerance: 0.05 }], () => ({ NGS: { alive5y: 0.35 } }));
 * rows[0].difference // => -0.020000000000000018
 * rows[0].withinTolerance // => true
 */
export function calibrationTable<S extends string>(
  targets: readonly CalibrationTarget<S>[],
  outcomesOf: (subgroup: string | undefined) => StrategyOutcomes<S>,
  subgroups: readonly string[] = [],
): CalibrationRow<S>[] {
  const issues = new IssueCollector();
  const add = (path: PathSegment[], message: string, received?: unknown) => issues.add({ code: "invalid_argument", path, message, ...(received === undefined ? {} : { received }) });
  const cache = new Map<string | undefined, StrategyOutcomes<S>>();
  const rows: CalibrationRow<S>[] = [];
  targets.forEach((target, i) => {
    const at: PathSegment[] = ["calibration", i];
    if (!Number.isFinite(target.target)) add([...at, "target"], `target "${target.name}" must be a finite number`, target.target);
    if (target.tolerance !== undefined && !(Number.isFinite(target.tolerance) && target.tolerance >= 0)) add([...at, "tolerance"], `the tolerance of "${target.name}" must be a number ≥ 0`, target.tolerance);
    if (target.subgroup !== undefined && !subgroups.includes(target.subgroup)) {
      add([...at, "subgroup"], `unknown subgroup "${target.subgroup}": ${didYouMean(target.subgroup, subgroups)}`, target.subgroup);
      return;
    }
    if (!cache.has(target.subgroup)) cache.set(target.subgroup, outcomesOf(target.subgroup));
    const outcomes = cache.get(target.subgroup)!;
    const strategies = Object.keys(outcomes);
    const row = outcomes[target.strategy];
    if (row === undefined) {
      add([...at, "strategy"], `unknown strategy "${target.strategy}": ${didYouMean(target.strategy, strategies)}`, target.strategy);
      return;
    }
    const value = row[target.outcome];
    if (value === undefined) {
      add([...at, "outcome"], `unknown outcome "${target.outcome}": ${didYouMean(target.outcome, Object.keys(row))}`, target.outcome);
      return;
    }
    const difference = value - target.target;
    rows.push(
      Object.freeze({
        ...target,
        model: value,
        difference,
        ...(target.tolerance === undefined ? {} : { withinTolerance: Math.abs(difference) <= target.tolerance }),
      }),
    );
  });
  issues.throwIfAny();
  return rows;
}
