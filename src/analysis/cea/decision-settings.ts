import type { WtpRange } from "./wtp-grid.js";

/** Which outcomes the decision analyses use as cost and as effect. */
export interface DecisionOutcomes {
  /** Name of the cost outcome, e.g. `"cost"`. */
  readonly cost: string;
  /** Name of the effect outcome, e.g. `"qaly"`. */
  readonly effect: string;
  /**
   * The model has no effect outcome (cost-minimisation, budget questions): `effect` names an added
   * outcome that is 0 for every strategy (`costOnlyModel`), and results are a cost comparison,
   * not ICERs. Absent: a cost-effectiveness analysis.
   */
  readonly costOnly?: boolean;
}

/** The willingness-to-pay grid of the curves and the thresholds reported in tables. */
export interface WtpSettings {
  /** Grid of the CEAC and EVPI curves, e.g. 0 to 2 000 000 in steps of 10 000. */
  readonly grid: WtpRange;
  /** Thresholds reported in tables, e.g. SEK 500 000 and 1 000 000 per QALY. */
  readonly thresholds: readonly number[];
}
