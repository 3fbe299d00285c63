import type { MarkovFile, PsmFile } from "./model-file-schema.js";

/** The schedule, discounting and correction settings of a cohort model, as the engine options they are. */
export interface CohortSettings {
  readonly cycleLength?: number;
  readonly cycles?: number;
  readonly horizon?: number;
  readonly startAge?: number;
  readonly discountRate?: { readonly cost?: number; readonly effect?: number };
  readonly cycleCorrection?: NonNullable<MarkovFile["cycleCorrection"]>;
  readonly discountTiming?: NonNullable<MarkovFile["discountTiming"]>;
  readonly tolerance?: number;
}

/**
 * The settings a Markov and a partitioned-survival model file share, copied only where the file
 * gives them (so the engines' defaults apply otherwise; exactOptionalPropertyTypes forbids undefined).
 */
export function cohortSettings(def: MarkovFile | PsmFile): CohortSettings {
  return {
    ...(def.cycleLength === undefined ? {} : { cycleLength: def.cycleLength }),
    ...(def.cycles === undefined ? {} : { cycles: def.cycles }),
    ...(def.horizon === undefined ? {} : { horizon: def.horizon }),
    ...(def.startAge === undefined ? {} : { startAge: def.startAge }),
    ...(def.discountRate === undefined ? {} : { discountRate: def.discountRate as { cost?: number; effect?: number } }),
    ...(def.cycleCorrection === undefined ? {} : { cycleCorrection: def.cycleCorrection }),
    ...(def.discountTiming === undefined ? {} : { discountTiming: def.discountTiming }),
    ...(def.tolerance === undefined ? {} : { tolerance: def.tolerance }),
  };
}
