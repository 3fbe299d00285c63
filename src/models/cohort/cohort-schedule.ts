import type { PathSegment } from "../../core/errors.js";
import { type CycleCorrection, cycleWeights } from "../../math/cycle-weights.js";
import { discountFactor } from "../../math/discount-factor.js";
import type { DiscountTiming } from "../../math/discount-timing.js";
import { discountedCycleWeights, eventDiscountTime } from "../../math/discounted-cycle-weights.js";

/** Reports one definition problem (collected, thrown together by the caller). */
export type AddIssue = (path: PathSegment[], message: string, received?: unknown) => void;

/** The timing fields every cohort definition shares. */
export interface CohortTimingFields {
  readonly cycleLength?: number;
  readonly cycles?: number;
  readonly horizon?: number;
  readonly discountRate?: { readonly cost?: number; readonly effect?: number };
}

/** Cycle length, number of cycles and discount rates of a cohort definition, validated. */
export interface CohortSchedule {
  readonly cycleLength: number;
  readonly cycles: number;
  /** Annual rates: [cost, effect]. */
  readonly discountRates: readonly [number, number];
}

/**
 * Resolves `cycleLength` (default 1 year), `cycles` or `horizon` (a whole number of cycles) and the
 * discount rates (default 3 %/3 %, TLV) of a cohort definition, reporting every problem to `add`.
 */
export function resolveSchedule(definition: CohortTimingFields, add: AddIssue): CohortSchedule {
  const cycleLength = definition.cycleLength ?? 1;
  if (!(cycleLength > 0) || !Number.isFinite(cycleLength)) add(["cycleLength"], `cycle length must be a positive number of years (received ${cycleLength})`, cycleLength);
  let cycles = definition.cycles ?? Number.NaN;
  if (definition.cycles === undefined && definition.horizon !== undefined) {
    cycles = Math.round(definition.horizon / cycleLength);
    if (Math.abs(cycles * cycleLength - definition.horizon) > 1e-9 * Math.max(1, definition.horizon)) add(["horizon"], `horizon ${definition.horizon} years is not a whole number of cycles of ${cycleLength} years`, definition.horizon);
  } else if (definition.cycles !== undefined && definition.horizon !== undefined) add(["horizon"], "give either cycles or horizon, not both");
  if (!Number.isInteger(cycles) || cycles < 1) add(["cycles"], `the number of cycles must be a whole number ≥ 1 (received ${cycles}); give cycles or horizon`, cycles);
  const rates: [number, number] = [definition.discountRate?.cost ?? 0.03, definition.discountRate?.effect ?? 0.03];
  rates.forEach((rate, i) => {
    if (!(rate >= 0) || !Number.isFinite(rate)) add(["discountRate", i === 0 ? "cost" : "effect"], `discount rate must be a finite number ≥ 0 (received ${rate})`, rate);
  });
  return { cycleLength, cycles, discountRates: rates };
}

/** Row coefficients and event discount factors of a cohort model (see docs/conventions.md). */
export interface CohortCoefficients {
  /** Coefficient of each trace row 0 … N in a discounted total (years), per class [cost, effect]. */
  readonly coefficients: readonly [Float64Array, Float64Array];
  /** Same, undiscounted: Δ · w_t. */
  readonly undiscounted: Float64Array;
  /** Discount factor of a one-off event in cycle k (index k, 1 … N; index 0 = 1), per class. */
  readonly eventDiscount: readonly [Float64Array, Float64Array];
}

/**
 * The coefficients through which every cohort engine turns a trace into totals: within-cycle
 * correction × cycle length × discount factor per row, and the discount factor of one-off events
 * per cycle. The math kernels validate correction and timing and throw a path-named error.
 */
export function cohortCoefficients(schedule: CohortSchedule, correction: CycleCorrection, timing: DiscountTiming): CohortCoefficients {
  const { cycles, cycleLength, discountRates } = schedule;
  const coefficients = [0, 1].map((c) => discountedCycleWeights({ cycles, cycleLength, discountRate: discountRates[c]!, correction, timing })) as [Float64Array, Float64Array];
  const undiscounted = cycleWeights(correction, cycles).map((w) => w * cycleLength);
  const eventDiscount = [0, 1].map((c) => {
    const factors = new Float64Array(cycles + 1);
    for (let k = 1; k <= cycles; k++) factors[k] = discountFactor(discountRates[c]!, eventDiscountTime(k, cycleLength, timing));
    factors[0] = 1;
    return factors;
  }) as [Float64Array, Float64Array];
  return { coefficients, undiscounted, eventDiscount };
}
