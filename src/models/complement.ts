/**
 * "The rest of the row": a probability given as `complement` is 1 minus the sum of the other
 * probabilities leaving the same node or state. It may appear at most once per node or row; a
 * negative complement is an error.
 *
 * @example
 * const row = { Sick: 0.1, Dead: 0.02, Healthy: complement };
 * row.Healthy === complement // => true
 */
export const complement: unique symbol = Symbol.for("qaly.complement");

/** The type of {@link complement}. */
export type Complement = typeof complement;

/**
 * Whether a value is the {@link complement} marker.
 *
 * @example isComplement(complement) // => true
 */
export function isComplement(value: unknown): value is Complement {
  return value === complement;
}
