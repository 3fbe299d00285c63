/**
 * Whether an outcome of a cohort model is discounted at the cost rate or at the effect rate.
 *
 * @example
 * const outcomes: Record<string, OutcomeKind> = { costDrug: "cost", qaly: "effect" };
 * outcomes.qaly // => "effect"
 */
export type OutcomeKind = "cost" | "effect";

/**
 * Per-year values held in each state, for each outcome: outcome → state → value per person-year.
 * Missing outcome or state = 0.
 *
 * @example
 * const table: StateValueTable<"PF" | "PD", "qaly"> = { qaly: { PF: 0.8, PD: 0.6 } };
 * table.qaly?.PD // => 0.6
 */
export type StateValueTable<S extends string, O extends string> = { readonly [Outcome in O]?: { readonly [State in S]?: number } };
