import type { CycleCorrection } from "../../math/cycle-weights.js";
import type { DiscountTiming } from "../../math/discount-timing.js";
import type { LifeTable } from "../../survival/life-table.js";
import type { Complement } from "../complement.js";
import type { OutcomeKind, StateValueTable } from "../cohort/cohort-types.js";
import type { TimeContext } from "../cohort/time-context.js";
import type { StateValueArraysFunction, TransitionArraysFunction } from "./array-entry.js";

// Shared with the partitioned survival engine; re-exported so existing imports keep working.
export type { OutcomeKind, StateValueTable };

/** A state: its name, or `{ name, tunnel }` for a state whose values and exits depend on time in it. */
export type StateSpec = string | TunnelStateSpec;

/** A state whose values and exits depend on the time spent in it (tunnel states). */
export interface TunnelStateSpec {
  /** The state's name. */
  readonly name: string;
  /** Number of tunnel cycles: time in state is tracked up to this many cycles. */
  readonly tunnel: number;
}

/** The state names of a list of {@link StateSpec}s. */
export type StateName<T extends readonly StateSpec[]> = T[number] extends infer X ? (X extends string ? X : X extends TunnelStateSpec ? X["name"] : never) : never;

/**
 * One row of a transition matrix: destination state → probability or `complement`. Missing = 0.
 * The type admits any symbol because TypeScript widens `complement` to `symbol` inside object
 * literals; any symbol other than `complement` is rejected at run time.
 */
export type TransitionRow<S extends string> = { readonly [To in S]?: number | Complement | symbol };

/** Every state's row of the transition matrix for one cycle. */
export type TransitionRows<S extends string> = { readonly [From in S]: TransitionRow<S> };


/** One-off values on moving from one state to another: outcome → from → to → value. */
export type TransitionValueTable<S extends string, O extends string> = {
  readonly [Outcome in O]?: { readonly [From in S]?: { readonly [To in S]?: number } };
};

/** One-off values at model entry (cycle 0): per outcome, a value for the whole cohort or per state. */
export type StartingValueTable<S extends string, O extends string> = { readonly [Outcome in O]?: number | { readonly [State in S]?: number } };

/** Starting distribution: state → proportion of the cohort (missing = 0; sums to 1). */
export type StartDistribution<S extends string> = { readonly [State in S]?: number };

/** Transition probabilities as a function of the parameters, the time and the strategy. */
export type TransitionsFunction<P, S extends string, G extends string> = (params: P, time: TimeContext, strategy: G) => TransitionRows<S>;
/** Per-year state values as a function of the parameters, the time and the strategy. */
export type StateValuesFunction<P, S extends string, O extends string, G extends string> = (params: P, time: TimeContext, strategy: G) => StateValueTable<S, O>;
/** One-off transition values as a function of the parameters, the time (cycle of the move) and the strategy. */
export type TransitionValuesFunction<P, S extends string, O extends string, G extends string> = (params: P, time: TimeContext, strategy: G) => TransitionValueTable<S, O>;
/** One-off starting values as a function of the parameters and the strategy. */
export type StartingValuesFunction<P, S extends string, O extends string, G extends string> = (params: P, strategy: G) => StartingValueTable<S, O>;

/** What one strategy overrides of the shared definition. */
export interface MarkovStrategy<P, S extends string, O extends string, G extends string> {
  /** Starting distribution of this strategy. */
  readonly start?: StartDistribution<S>;
  /** Transition rows of this strategy. */
  readonly transitions?: TransitionsFunction<P, S, G>;
  /** Transitions of every cycle (and tunnel position) at once, evaluated once per draw and strategy: the vector form of `transitions` (give one of the two). */
  readonly transitionArrays?: TransitionArraysFunction<P, S, G>;
  /** Per-year state values of this strategy. */
  readonly values?: StateValuesFunction<P, S, O, G>;
  /** Per-year state values of every trace row at once: the vector form of `values` (give one of the two). */
  readonly valueArrays?: StateValueArraysFunction<P, S, O, G>;
  /** One-off transition values of this strategy. */
  readonly transitionValues?: TransitionValuesFunction<P, S, O, G>;
  /** One-off starting values of this strategy. */
  readonly startingValues?: StartingValuesFunction<P, S, O, G>;
}


/** The definition of a Markov cohort model (see docs/markov-cohort.md). */
export interface MarkovCohortDefinition<P, States extends readonly StateSpec[], G extends string, O extends string> {
  /** A human-readable title. */
  readonly title?: string;
  /** States in order, e.g. `["Healthy", { name: "Sick", tunnel: 3 }, "Dead"]`. */
  readonly states: States;
  /** Strategy names (sharing the top-level functions) or strategy → overrides. */
  readonly strategies: readonly G[] | { readonly [Name in G]: MarkovStrategy<P, StateName<States>, O, G> };
  /** Outcomes and how each is discounted, e.g. `{ cost: "cost", qaly: "effect", lifeYears: "effect" }`. */
  readonly outcomes: { readonly [Name in O]: OutcomeKind };
  /** Cycle length in years (1/12 for monthly cycles); default 1. */
  readonly cycleLength?: number;
  /** Number of cycles N (give this or `horizon`). */
  readonly cycles?: number;
  /** Horizon in years; must be a whole number of cycles. */
  readonly horizon?: number;
  /** Age of the cohort at entry, in years (needed when transitions read `age`, and for background mortality). */
  readonly startAge?: number;
  /**
   * A floor on the probability of death in every cycle from every living state: the general
   * population's for the cohort's attained age and sex mix (needs `startAge`; see
   * docs/markov-cohort.md, "Background mortality").
   */
  readonly backgroundMortality?: MarkovBackgroundMortality<StateName<States>>;
  /** Starting distribution shared by strategies that do not give their own. */
  readonly start?: StartDistribution<StateName<States>>;
  /** Transition rows for one cycle; strategies may override. */
  readonly transitions?: TransitionsFunction<P, StateName<States>, G>;
  /**
   * Transitions of every cycle (and tunnel position) at once, evaluated once per draw and strategy:
   * the vector form of `transitions` (give one of the two; docs/markov-cohort.md, "Vector form").
   */
  readonly transitionArrays?: TransitionArraysFunction<P, StateName<States>, G>;
  /** Per-year state values; strategies may override. */
  readonly values?: StateValuesFunction<P, StateName<States>, O, G>;
  /** Per-year state values of every trace row at once: the vector form of `values` (give one of the two). */
  readonly valueArrays?: StateValueArraysFunction<P, StateName<States>, O, G>;
  /** One-off values on moving between states. */
  readonly transitionValues?: TransitionValuesFunction<P, StateName<States>, O, G>;
  /** One-off values at entry (cycle 0). */
  readonly startingValues?: StartingValuesFunction<P, StateName<States>, O, G>;
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
   * How one-off transition values are weighted (docs/conventions.md, "Discounting and cycle
   * corrections"): `"once"` (default) counts each move once, discounted at its cycle's event time;
   * `"row"` gives the move into trace row k the weight of that row, w_k (the within-cycle
   * correction without the cycle length) times the discount at τ_k, as DARTH's transition-dynamics
   * rewards are counted (a move into the last row then counts w_N, e.g. ⅓ with `"darth-simpson"`).
   */
  readonly transitionValueWeight?: "once" | "row";
  /** Tolerance for row sums and probability bounds; default {@link ROW_SUM_TOLERANCE}. */
  readonly tolerance?: number;
  /**
   * Also report undiscounted cost per person by year since the start of the analysis, for this many
   * years (budget impact): outputs `<cost outcome>Year1` … (`costYear1`, `costDrugYear1`, …). Each
   * trace row is split over the years its interval overlaps, transition values fall in the year of
   * their cycle. At most the horizon rounded up to whole years. Evaluation then takes the recorded
   * (non-kernel) path: about as fast as a model whose values depend on time.
   */
  readonly costByYear?: number;
  /**
   * Outputs read off the trace at one time since entry, e.g. `{ alive5y: { states: ["CR1", "Relapsed"],
   * time: 5 } }`: the share of the cohort in those states at that trace row (undiscounted, not
   * corrected), for calibration against survival at a landmark. `time` must fall on a trace row
   * (a whole number of cycles, at most the horizon).
   */
  readonly milestones?: { readonly [name: string]: MarkovMilestone<StateName<States>> };
}

/** One milestone output of a Markov cohort model: the share of the cohort in `states` at `time`. */
export interface MarkovMilestone<S extends string> {
  /** The states counted (tunnel positions included). */
  readonly states: readonly S[];
  /** Years since entry into the model; a whole number of cycles. */
  readonly time: number;
}

/**
 * Background (general-population) mortality of a Markov cohort model. In each cycle, a living
 * state's probability of moving into the death states is raised to at least the life table's
 * probability of dying in that cycle; the other entries of the row (staying included) are scaled by
 * (1 − q_pop)/(1 − q_row), so the destinations of the survivors keep their proportions.
 */
export interface MarkovBackgroundMortality<S extends string> {
  /** The general-population life table. */
  readonly lifeTable: LifeTable;
  /** Sex mix at entry, e.g. `{ female: 0.45, male: 0.55 }` (as in partitioned survival models). */
  readonly sexMix: Readonly<Record<string, number>>;
  /**
   * The death state, or several (e.g. `["Dead (other causes)", "Dead (AML)"]`): a row's probability
   * of death is its sum over them, and the deaths the floor adds go to the first. Their own rows are
   * left as written.
   */
  readonly deathState: S | readonly S[];
}

/** Default tolerance for a transition row summing to 1 and probabilities lying in [0, 1]. */
export const ROW_SUM_TOLERANCE = 1e-9;
