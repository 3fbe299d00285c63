import type { CycleCorrection } from "../../math/cycle-weights.js";
import type { DiscountTiming } from "../../math/discount-timing.js";
import type { LifeTable } from "../../survival/life-table.js";
import type { SurvivalCurve, SurvivalCurveDef } from "../../survival/survival-curve.js";
import type { TimeUnit } from "../../survival/time-unit.js";
import type { OutcomeKind, StateValueTable } from "../cohort/cohort-types.js";
import type { TimeContext } from "../cohort/time-context.js";

/**
 * The default states of a partitioned survival model: progression-free, progressed, dead.
 *
 * @example
 * const state: DefaultPsmState = "PD";
 * state // => "PD"
 */
export type DefaultPsmState = "PF" | "PD" | "Dead";
/**
 * The default endpoints (curves) of a partitioned survival model: progression-free and overall survival.
 *
 * @example
 * const endpoint: DefaultPsmEndpoint = "OS";
 * endpoint // => "OS"
 */
export type DefaultPsmEndpoint = "PFS" | "OS";

/**
 * One survival curve per endpoint, e.g. `{ PFS: weibullSurvival(…), OS: weibullSurvival(…) }`.
 * Endpoint k bounds the first k + 1 states: S_k(t) is the proportion still in states 0 … k.
 *
 * @example
 * const curves: EndpointCurves<"PFS" | "OS"> = { PFS: exponentialSurvival({ rate: 0.5 }), OS: exponentialSurvival({ rate: 0.2 }) };
 * curves.OS.survival(1) // => 0.8187
 */
export type EndpointCurves<C extends string> = { readonly [Endpoint in C]: SurvivalCurve };

/**
 * What a curves function gives per endpoint: a survival curve, or a curve's definition (the
 * `def` of one of qaly's curves, e.g. `{ kind: "exponential", rate: 0.05 }`). A definition is checked
 * exactly as its curve's constructor checks it (the same errors) and gives the same results; an
 * exponential one is not built into a curve per draw at all: the engine reads only its rate, and
 * builds the curve (`exponentialSurvival({ rate })`) only when `run()`, an error message or the exact
 * background cap needs it. The engine reads each definition when the function returns and keeps none
 * of it, so a function may fill and return the same records every call.
 *
 * @example
 * const curves: EndpointCurveInputs<"PFS" | "OS"> = { PFS: { kind: "exponential", rate: 0.5 }, OS: exponentialSurvival({ rate: 0.2 }) };
 * curves.PFS // => { kind: "exponential", rate: 0.5 }
 */
export type EndpointCurveInputs<C extends string> = { readonly [Endpoint in C]: SurvivalCurve | SurvivalCurveDef };

/**
 * The survival curves of one strategy as a function of the parameters (called once per draw):
 * curves, or their definitions (see {@link EndpointCurveInputs}).
 *
 * @example
 * const curves: CurvesFunction<{ meanOs: number }, "PFS" | "OS", "SoC"> = (p) => ({ PFS: weibullSurvival({ shape: 1.2, scale: 10 }), OS: { kind: "exponential", rate: 1 / p.meanOs } });
 * curves({ meanOs: 20 }, "SoC").OS // => { kind: "exponential", rate: 0.05 }
 */
export type CurvesFunction<P, C extends string, G extends string> = (params: P, strategy: G) => EndpointCurveInputs<C>;

/**
 * Per-year state values as a function of the parameters, the time and the strategy (as in the Markov engine).
 *
 * @example
 * const values: PsmValuesFunction<{ uPF: number }, "PF" | "PD" | "Dead", "qaly", "SoC"> = (p) => ({ qaly: { PF: p.uPF, PD: 0.6 } });
 * values({ uPF: 0.8 }, { cycle: 0, time: 0, age: 60, stateTime: 0 }, "SoC").qaly?.PF // => 0.8
 */
export type PsmValuesFunction<P, S extends string, O extends string, G extends string> = (params: P, time: TimeContext, strategy: G) => StateValueTable<S, O>;

/**
 * One-off values per person entering a state: outcome → state → value. Entry into state k ≥ 1
 * during a cycle is the decrease of endpoint k − 1 over that cycle (deaths for `Dead`).
 *
 * @example
 * const endOfLife: EntryValueTable<"PF" | "PD" | "Dead", "costCare"> = { costCare: { Dead: 8_000 } };
 * endOfLife.costCare?.Dead // => 8000
 */
export type EntryValueTable<S extends string, O extends string> = { readonly [Outcome in O]?: { readonly [State in S]?: number } };

/**
 * One-off entry values as a function of the parameters, the time (cycle of the entry) and the strategy.
 *
 * @example
 * const entry: EntryValuesFunction<{ cDeath: number }, "PF" | "PD" | "Dead", "costCare", "SoC"> = (p) => ({ costCare: { Dead: p.cDeath } });
 * entry({ cDeath: 8_000 }, { cycle: 3, time: 0.25, age: 60.25, stateTime: 0 }, "SoC").costCare?.Dead // => 8000
 */
export type EntryValuesFunction<P, S extends string, O extends string, G extends string> = (params: P, time: TimeContext, strategy: G) => EntryValueTable<S, O>;

/**
 * One-off values at model entry (time 0, undiscounted): outcome → value per person.
 *
 * @example
 * const starting: PsmStartingValuesFunction<{ cTest: number }, "costTesting", "Panel"> = (p) => ({ costTesting: p.cTest });
 * starting({ cTest: 3_000 }, "Panel").costTesting // => 3000
 */
export type PsmStartingValuesFunction<P, O extends string, G extends string> = (params: P, strategy: G) => { readonly [Outcome in O]?: number };

/**
 * A per-year value that accrues while the cohort is in some states, but only up to a maximum
 * duration from model entry: a treatment-duration cap (e.g. pembrolizumab stopped after 24 months).
 * Evaluated from precomputed capped row coefficients, without per-cycle calls.
 *
 * @example
 * const pembrolizumab: CappedValue<"PF" | "PD" | "Dead", "costDrug"> = { outcome: "costDrug", states: "PF", perYear: 90_000, maxDuration: 2 };
 * pembrolizumab.maxDuration // => 2
 */
export interface CappedValue<S extends string, O extends string> {
  /** The outcome it adds to, e.g. `"costDrug"`. */
  readonly outcome: O;
  /** The state or states in which it accrues, e.g. `"PF"`. */
  readonly states: S | readonly S[];
  /** Value per person-year in those states (e.g. annual drug cost). */
  readonly perYear: number;
  /** Maximum duration in years from model entry (`Infinity` for none); rounded up to whole cycles. */
  readonly maxDuration: number;
}

/**
 * Capped values by label (the label names the value in errors), e.g. `{ pembrolizumab: {...} }`.
 *
 * @example
 * const capped: CappedValuesFunction<{ cPembro: number }, "PF" | "PD" | "Dead", "costDrug", "Pembrolizumab"> = (p) => ({ pembrolizumab: { outcome: "costDrug", states: "PF", perYear: p.cPembro, maxDuration: 2 } });
 * capped({ cPembro: 90_000 }, "Pembrolizumab").pembrolizumab?.perYear // => 90000
 */
export type CappedValuesFunction<P, S extends string, O extends string, G extends string> = (params: P, strategy: G) => { readonly [label: string]: CappedValue<S, O> };

/**
 * What one strategy overrides of the shared definition.
 *
 * @example
 * const chemotherapy: PartitionedSurvivalStrategy<object, "PF" | "PD" | "Dead", "PFS" | "OS", "qaly", "Chemotherapy"> = {
 *   curves: () => ({ PFS: exponentialSurvival({ rate: 0.6 }), OS: exponentialSurvival({ rate: 0.25 }) }),
 * };
 * typeof chemotherapy.curves // => "function"
 */
export interface PartitionedSurvivalStrategy<P, S extends string, C extends string, O extends string, G extends string> {
  /** Survival curves of this strategy. */
  readonly curves?: CurvesFunction<P, C, G>;
  /** Per-year state values of this strategy. */
  readonly values?: PsmValuesFunction<P, S, O, G>;
  /** One-off values on entry into states. */
  readonly entryValues?: EntryValuesFunction<P, S, O, G>;
  /** One-off values at model entry. */
  readonly startingValues?: PsmStartingValuesFunction<P, O, G>;
  /** Values capped by a maximum duration. */
  readonly cappedValues?: CappedValuesFunction<P, S, O, G>;
}

/**
 * What happens when an earlier endpoint lies above a later one (PFS > OS): `"clamp"` caps it at the
 * later one and counts the row in `clampedCycles`; `"error"` throws `curves_cross`; `"floor"` keeps
 * every endpoint as fitted and floors the state between them at 0 (PF = PFS, PD = max(OS − PFS, 0),
 * Dead = 1 − OS, as DARTH's partitioned survival tutorial), counting the row in `clampedCycles`.
 * See docs/partitioned-survival.md.
 *
 * @example
 * const policy: CrossingPolicy = "clamp";
 * policy // => "clamp"
 */
export type CrossingPolicy = "clamp" | "error" | "floor";

/**
 * The definition of a partitioned survival model (see docs/partitioned-survival.md): states and
 * endpoints, strategies, outcomes, curves, timing, values, caps and the crossing policy.
 *
 * @example
 * const definition: PartitionedSurvivalDefinition<{ rDeath: number }, "SoC", "lifeYears"> = {
 *   strategies: ["SoC"], outcomes: { lifeYears: "effect" }, cycles: 10, discountRate: { effect: 0 }, cycleCorrection: "none-end",
 *   curves: (p) => ({ PFS: exponentialSurvival({ rate: 1 }), OS: exponentialSurvival({ rate: p.rDeath }) }),
 *   values: () => ({ lifeYears: { PF: 1, PD: 1 } }),
 * };
 * evaluateModel(partitionedSurvival(definition), { rDeath: 0.1 }).SoC.lifeYears // => 6.01
 */
export interface PartitionedSurvivalDefinition<P, G extends string, O extends string, S extends string = DefaultPsmState, C extends string = DefaultPsmEndpoint> {
  /** A human-readable title. */
  readonly title?: string;
  /** States in order, the last absorbing (death); default `["PF", "PD", "Dead"]`. */
  readonly states?: readonly S[];
  /** Endpoints in order, one fewer than states; default `["PFS", "OS"]`. Curve k bounds states 0 … k. */
  readonly endpoints?: readonly C[];
  /** Strategy names (sharing the top-level functions) or strategy → overrides. */
  readonly strategies: readonly G[] | { readonly [Name in G]: PartitionedSurvivalStrategy<P, NoInfer<S>, NoInfer<C>, NoInfer<O>, G> };
  /** Outcomes and how each is discounted, e.g. `{ costDrug: "cost", qaly: "effect", lifeYears: "effect" }`. */
  readonly outcomes: { readonly [Name in O]: OutcomeKind };
  /** Survival curves per strategy; strategies may override. */
  readonly curves?: CurvesFunction<P, NoInfer<C>, G>;
  /** The time unit of the curves (the unit they were fitted in); default `"years"`. */
  readonly timeUnit?: TimeUnit;
  /** Cycle length in years (1/12 for monthly cycles); default 1. */
  readonly cycleLength?: number;
  /** Number of cycles N (give this or `horizon`). */
  readonly cycles?: number;
  /** Horizon in years; must be a whole number of cycles. */
  readonly horizon?: number;
  /** Age of the cohort at entry, in years (needed when values read `age` or for background mortality). */
  readonly startAge?: number;
  /**
   * Caps every curve's hazard from below by general-population mortality (needs `startAge`), so
   * no modelled arm outlives the general population of its age and sex mix.
   */
  readonly backgroundMortality?: {
    /** The general-population life table. */
    readonly lifeTable: LifeTable;
    /** Sex mix at entry, e.g. `{ female: 0.45, male: 0.55 }`. */
    readonly sexMix: Readonly<Record<string, number>>;
    /**
     * `"cycle"` (default): per cycle, the curve's cumulative-hazard increment is raised to the
     * population's over the same cycle (tabulated once per entry age), i.e. the per-cycle
     * max(p_model, p_population) of most spreadsheet models; exact whenever the two hazards do
     * not cross inside a cycle. `"exact"`: h(t) = max(h_curve(t), h_pop(t)) integrated
     * continuously (capByBackgroundMortality); about 100× slower under PSA.
     */
    readonly method?: "cycle" | "exact";
  };
  /** Per-year state values; strategies may override. */
  readonly values?: PsmValuesFunction<P, NoInfer<S>, NoInfer<O>, G>;
  /** One-off values on entry into a state (e.g. end-of-life cost on `Dead`). */
  readonly entryValues?: EntryValuesFunction<P, NoInfer<S>, NoInfer<O>, G>;
  /** One-off values at model entry (time 0). */
  readonly startingValues?: PsmStartingValuesFunction<P, NoInfer<O>, G>;
  /** Values that stop after a maximum duration (treatment-duration caps). */
  readonly cappedValues?: CappedValuesFunction<P, NoInfer<S>, NoInfer<O>, G>;
  /** Annual discount rates; default 3 % for both (TLV). */
  readonly discountRate?: {
    /** Annual discount rate of cost outcomes (0.03 = 3 %). */
    readonly cost?: number;
    /** Annual discount rate of effect outcomes. */
    readonly effect?: number;
  };
  /** Within-cycle correction; default `"trapezoid"`. */
  readonly cycleCorrection?: CycleCorrection;
  /** Discount timing; default `"row"`. */
  readonly discountTiming?: DiscountTiming;
  /**
   * Also report undiscounted cost per person by year since the start of the analysis, for this many
   * years (budget impact): outputs `<cost outcome>Year1` … (`costYear1`, `costDrugYear1`, …), each
   * trace row split over the years its interval overlaps. At most the horizon rounded up to whole years.
   */
  readonly costByYear?: number;
  /** Crossing curves: `"clamp"` (default, counted in `clampedCycles`), `"error"` or `"floor"` (counted in `clampedCycles`). */
  readonly crossing?: CrossingPolicy;
  /** Tolerance for S(t) increasing and curves crossing; default 1e-12. */
  readonly tolerance?: number;
}

/**
 * Default tolerance of the partitioned survival engine for a survival curve increasing between two
 * rows or an earlier endpoint exceeding a later one (differences below it are rounding, not crossing).
 *
 * @example
 * PSM_TOLERANCE // => 1e-12
 */
export const PSM_TOLERANCE = 1e-12;
