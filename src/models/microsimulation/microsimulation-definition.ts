import type { CycleCorrection } from "../../math/cycle-weights.js";
import type { DiscountTiming } from "../../math/discount-timing.js";
import type { Distribution } from "../../distributions/distribution.js";
import type { Seed } from "../../random/rng.js";
import type { Complement } from "../complement.js";
import type { OutcomeKind } from "../cohort/cohort-types.js";
import type { Person } from "./person.js";

/**
 * One number of a microsimulation: a constant, or a function of the parameters, the individual
 * (its attributes, history and the time) and the strategy. The engine records what a function
 * reads, so a cell that reads nothing of the individual is evaluated once per draw (or once per
 * cycle when it reads only the time), not once per individual.
 */
export type MicrosimCell<P, G extends string, K extends string> = number | ((params: P, person: Person<K>, strategy: G) => number);

/**
 * How a history counter counts the cycles an individual spends in a set of states:
 * - `"consecutive"`: cycles already spent in the set in the current stay, before the current
 *   cycle (0 on entry into the set, and 0 outside it): Krijkamp et al.'s `dur`.
 * - `"total"`: cycles spent in the set before the current cycle, over the whole history.
 * - `"ever"`: 1 once the individual has been in the set (the current cycle included), else 0.
 */
export type HistoryCount = "consecutive" | "total" | "ever";

/** A history counter: a number per individual that the transitions and values may read. */
export interface HistoryCounter<S extends string> {
  /** The states counted. */
  readonly states: readonly S[];
  /** How they are counted. */
  readonly count: HistoryCount;
}

/** The attribute distribution of a population: a distribution, or one that depends on the parameters. */
export type AttributeSpec<P> = Distribution | ((params: P) => Distribution);

/** The definition of an individual-level state-transition model (see docs/microsimulation.md). */
export interface MicrosimulationDefinition<P, S extends string, G extends string, O extends string, A extends string, H extends string> {
  /** A human-readable title. */
  readonly title?: string;
  /** State names, in order. */
  readonly states: readonly S[];
  /** Strategy names; every cell receives the strategy being simulated. */
  readonly strategies: readonly G[];
  /** Outcomes and how each is discounted, e.g. `{ cost: "cost", qaly: "effect" }`. */
  readonly outcomes: { readonly [Name in O]: OutcomeKind };
  /** Number of simulated individuals per evaluation (≥ 2, so that a standard error exists). */
  readonly individuals: number;
  /** Seed of the individuals' streams (default 1); with the PSA draw index it names every stream. */
  readonly seed?: Seed;
  /** Individuals simulated together (memory is proportional to it); default 4096. Results do not depend on it. */
  readonly chunkSize?: number;
  /**
   * Attributes sampled once per individual at entry, by inverse CDF from one uniform each (in the
   * order declared), e.g. `{ age: normal({ mean: 60, sd: 8 }), male: categorical(...) }`. An
   * attribute named `age` is the age at entry: `person.age` is that plus the time since entry.
   */
  readonly attributes?: { readonly [Name in A]?: AttributeSpec<P> };
  /** History counters, e.g. `{ sickTime: { states: ["S1", "S2"], count: "consecutive" } }`. */
  readonly history?: { readonly [Name in H]?: HistoryCounter<S> };
  /** Starting distribution: state → proportion (sums to 1); each individual's state is drawn from it. */
  readonly start: { readonly [State in S]?: number };
  /** Transition probabilities: from → to → cell or `complement` (at most one per row). Missing = 0. */
  readonly transitions: { readonly [From in S]?: { readonly [To in S]?: MicrosimCell<P, G, NoInfer<A | H>> | Complement } };
  /** Per-year state values: outcome → state → cell. Missing = 0. */
  readonly values?: { readonly [Outcome in O]?: { readonly [State in S]?: MicrosimCell<P, G, NoInfer<A | H>> } };
  /** One-off values on a move: outcome → from → to → cell, discounted at the time of the move. */
  readonly transitionValues?: { readonly [Outcome in O]?: { readonly [From in S]?: { readonly [To in S]?: MicrosimCell<P, G, NoInfer<A | H>> } } };
  /** Cycle length in years (default 1). */
  readonly cycleLength?: number;
  /** Number of cycles N (give this or `horizon`). */
  readonly cycles?: number;
  /** Horizon in years; a whole number of cycles. */
  readonly horizon?: number;
  /** Annual discount rates (default 3 %/3 %, TLV). */
  readonly discountRate?: {
    /** Annual discount rate of cost outcomes. */
    readonly cost?: number;
    /** Annual discount rate of effect outcomes. */
    readonly effect?: number;
  };
  /** Within-cycle correction (default `"trapezoid"`), as in the cohort engines. */
  readonly cycleCorrection?: CycleCorrection;
  /** Discount timing (default `"row"`), as in the cohort engines. */
  readonly discountTiming?: DiscountTiming;
  /** Tolerance of row sums and probability bounds; default {@link MICROSIM_TOLERANCE}. */
  readonly tolerance?: number;
}

/** Default tolerance for a transition row summing to 1 (the same value as the Markov engine's). */
export const MICROSIM_TOLERANCE = 1e-9;
