/**
 * Parameter draws for a probabilistic analysis, stored columnar: one `Float64Array` per parameter,
 * each of length {@link ParameterDraws.size}. Columns are views, not copies.
 *
 * @typeParam N - parameter names
 */
export interface ParameterDraws<N extends string = string> {
  /** Parameter names, in a fixed order (declared order, derived parameters last). */
  readonly names: readonly N[];
  /** Number of draws (PSA samples). */
  readonly size: number;
  /** All draws of one parameter (a view into the table's storage). */
  column(name: N): Float64Array;
  /** The values of every parameter in draw `index`, as a plain object. */
  row(index: number): Readonly<Record<N, number>>;
}
