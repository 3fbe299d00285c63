import { fail } from "../core/errors.js";
import { didYouMean } from "../core/closest-name.js";
import type { ParameterDraws } from "./parameter-draws.js";
import { rowBuilder, type RowBuilder } from "./row-builder.js";

/** Achieved against requested rank correlation of one pair of parameters. */
export interface CorrelationReport {
  /** First parameter. */
  readonly a: string;
  /** Second parameter. */
  readonly b: string;
  /** Requested Spearman rank correlation. */
  readonly target: number;
  /** Spearman rank correlation of the sampled columns. */
  readonly achieved: number;
}

/** How draws were generated: independent random draws, or Latin hypercube sampling. */
export type SamplingMethod = "random" | "lhs";

/**
 * Parameter draws for a PSA, columnar: one `Float64Array` per parameter, all views into one
 * buffer laid out parameter by parameter (`buffer[p * size + i]` is draw `i` of parameter `p`).
 * Rows are built only when asked for with {@link ParameterTable.row}.
 *
 * @typeParam N - parameter names
 */
export class ParameterTable<N extends string = string> implements ParameterDraws<N> {
  /** Parameter names: declared order, group components next, derived parameters last. */
  readonly names: readonly N[];
  /** Number of draws. */
  readonly size: number;
  /** All draws, `names.length × size`, parameter-major. */
  readonly buffer: Float64Array;
  /** How the draws were generated. */
  readonly method: SamplingMethod;
  /** Requested against achieved rank correlations (empty when none were requested). */
  readonly correlation: readonly CorrelationReport[];
  private readonly index: ReadonlyMap<string, number>;
  private readonly columns: readonly Float64Array[];
  private readonly build: RowBuilder;

  constructor(names: readonly N[], size: number, buffer: Float64Array, method: SamplingMethod, correlation: readonly CorrelationReport[]) {
    this.names = Object.freeze([...names]);
    this.size = size;
    this.buffer = buffer;
    this.method = method;
    this.correlation = Object.freeze(correlation.map((c) => Object.freeze({ ...c })));
    this.index = new Map(names.map((name, i) => [name, i]));
    this.columns = names.map((_, i) => buffer.subarray(i * size, (i + 1) * size));
    this.build = rowBuilder(this.names);
    Object.freeze(this);
  }

  /**
   * All draws of one parameter, a view into {@link ParameterTable.buffer} (not a copy).
   *
   * @param name - a parameter name; an unknown name throws `unknown_parameter` with the closest
   *   known name
   * @returns `Float64Array` of length {@link ParameterTable.size}
   * @example
   * const draws = defineParameters({ cDrug: 100, pRespond: 0.4 }).sample(3, { seed: 1 });
   * Array.from(draws.column("cDrug")) // => [100, 100, 100]
   */
  column(name: N): Float64Array {
    return this.columns[this.position(name)]!;
  }

  /**
   * The values of every parameter in one draw, as a new plain object (built on demand).
   *
   * @param index - draw index in `[0, size)`
   * @returns `{ name: value }` for every parameter
   * @example
   * const draws = defineParameters({ cDrug: 100, pRespond: 0.4 }).sample(3, { seed: 1 });
   * draws.row(2) // => { cDrug: 100, pRespond: 0.4 }
   */
  row(index: number): Readonly<Record<N, number>> {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      fail("invalid_argument", ["draw"], `draw index must be an integer in [0, ${this.size}) (received ${index})`, { received: index });
    }
    return this.build(this.buffer, this.size, index) as Record<N, number>;
  }

  /**
   * Whether a name is a parameter of this table (no suggestion, no error).
   *
   * @param name - any string
   * @returns `true` for a known parameter
   */
  has(name: string): name is N {
    return this.index.has(name);
  }

  private position(name: string): number {
    const at = this.index.get(name);
    if (at === undefined) fail("unknown_parameter", ["parameters", name], `unknown parameter '${name}': ${didYouMean(name, this.names)}`, { received: name });
    return at;
  }
}
