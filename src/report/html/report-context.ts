import { cePlane, type CePlane } from "../../analysis/psa/ce-plane.js";
import { decisionCurves, type DecisionCurves } from "../../analysis/voi/decision-curves.js";
import { incrementalResults, type IncrementalRow } from "../../analysis/psa/incremental-results.js";
import { probabilityCostEffective, type ProbabilityCostEffectiveRow } from "../../analysis/acceptability/probability-cost-effective.js";
import type { ReportInput } from "../report-input.js";

/** What the report derives from its input once: units and the PSA analyses. @internal */
export interface ReportContext {
  readonly input: ReportInput;
  readonly currency: string;
  readonly effectUnit: string;
  readonly thresholds: readonly number[];
  readonly comparator: string;
  readonly psa: {
    readonly curves: DecisionCurves;
    readonly probabilities: readonly ProbabilityCostEffectiveRow[];
    readonly incremental: readonly IncrementalRow[];
    readonly plane: CePlane;
  } | null;
}

/** Units and the PSA analyses of a report input. @internal */
export function reportContext(input: ReportInput): ReportContext {
  const currency = input.metadata.currency;
  const effectUnit = input.effectUnit ?? (input.outcomes.effect.toLowerCase() === "qaly" ? "QALY" : input.outcomes.effect);
  const thresholds = input.wtp.thresholds;
  const strategies = input.baseCase.strategies;
  const comparator = input.comparator ?? strategies[0] ?? "";
  const outcomes = { cost: input.outcomes.cost, effect: input.outcomes.effect };
  const psa = input.psa;
  return {
    input,
    currency,
    effectUnit,
    thresholds,
    comparator,
    psa:
      psa === undefined
        ? null
        : {
            curves: decisionCurves(psa, input.wtp.grid, { ...outcomes, ...(input.population === undefined ? {} : { population: input.population }) }),
            probabilities: thresholds.length === 0 ? [] : probabilityCostEffective(psa, thresholds, outcomes),
            incremental: psa.strategies.length < 2 ? [] : incrementalResults(psa, { ...outcomes, comparator: psa.strategies.includes(comparator) ? comparator : psa.strategies[0]!, wtp: thresholds[0] ?? 500_000 }),
            plane: cePlane(psa, { ...outcomes, comparator: psa.strategies.includes(comparator) ? comparator : psa.strategies[0]! }),
          },
  };
}
