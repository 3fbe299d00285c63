import { cePlane, type CePlane } from "../../analysis/psa/ce-plane.js";
import { decisionCurves, type DecisionCurves } from "../../analysis/voi/decision-curves.js";
import { incrementalResults, type IncrementalRow } from "../../analysis/psa/incremental-results.js";
import { probabilityCostEffective, type ProbabilityCostEffectiveRow } from "../../analysis/acceptability/probability-cost-effective.js";
import { psaIsDegenerate } from "../../analysis/psa/is-degenerate.js";
import { frontierNeighbours } from "../../analysis/cea/frontier-neighbours.js";
import type { ReportInput } from "../report-input.js";

/** The optimal strategy against one frontier neighbour at one threshold, over the PSA draws. @internal */
export interface PairwisePsa {
  readonly wtp: number;
  /** The base case's optimal strategy at `wtp`. */
  readonly optimal: string;
  /** Its frontier neighbour. */
  readonly competitor: string;
  /** `optimal` against `competitor`: increments, and the share of draws in which it has the higher NMB. */
  readonly row: IncrementalRow;
}

/** What the report derives from its input once: units and the PSA analyses. @internal */
export interface ReportContext {
  readonly input: ReportInput;
  readonly currency: string;
  readonly effectUnit: string;
  readonly thresholds: readonly number[];
  readonly comparator: string;
  /** Each described parameter's label by name (its name when it has no label). */
  readonly labels: Readonly<Record<string, string>>;
  /** Whether a PSA was run but no cost or effect varies across its draws (nothing to report as a probability). */
  readonly degenerate: boolean;
  /** Pairwise PSA results of the optimal strategy against its frontier neighbours at each threshold (empty without a PSA). */
  readonly pairs: readonly PairwisePsa[];
  /** The CE plane of strategy `a` against `b` over the PSA draws (only when a non-degenerate PSA was run). */
  pairPlane(a: string, b: string): CePlane;
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
  const effectUnit = input.effectUnit ?? ({ qaly: "QALY", lifeyears: "LY" } as Record<string, string>)[input.outcomes.effect.toLowerCase()] ?? input.outcomes.effect;
  const thresholds = input.wtp.thresholds;
  const strategies = input.baseCase.strategies;
  const comparator = input.comparator ?? strategies[0] ?? "";
  const outcomes = { cost: input.outcomes.cost, effect: input.outcomes.effect };
  // A PSA without uncertainty is reported as degenerate, never as probabilities of 0 or 100 %.
  const degenerate = input.psa !== undefined && psaIsDegenerate(input.psa, outcomes);
  const psa = degenerate ? undefined : input.psa;
  const pairs: PairwisePsa[] = [];
  if (psa !== undefined && psa.strategies.length > 1) {
    for (const wtp of thresholds) {
      const { optimal, competitors } = frontierNeighbours(input.icerTable, wtp);
      if (!psa.strategies.includes(optimal)) continue;
      for (const competitor of competitors.filter((c) => psa.strategies.includes(c))) {
        const row = incrementalResults(psa, { ...outcomes, comparator: competitor, wtp }).find((r) => r.strategy === optimal)!;
        pairs.push({ wtp, optimal, competitor, row });
      }
    }
  }
  return {
    input,
    currency,
    effectUnit,
    thresholds,
    comparator,
    labels: Object.fromEntries((input.parameters ?? []).map((r) => [r.name, r.label ?? r.name])),
    degenerate,
    pairs,
    pairPlane: (a, b) => {
      const plane = cePlane(psa!, { ...outcomes, comparator: b });
      return { comparator: plane.comparator, series: plane.series.filter((s) => s.strategy === a) };
    },
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
