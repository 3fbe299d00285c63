import type { Distribution } from "../../distributions/distribution.js";
import type { ParameterValues } from "../../models/model.js";

/**
 * The base case of a deterministic analysis: either plain parameter values or a parameter source,
 * which also gives, for ranges taken from uncertainty, each parameter's distribution or 95%
 * interval. A `ParameterSpace` from `defineParameters` is a source; so is any object with a
 * `base()` method.
 *
 * @typeParam P - the parameter values the model reads
 */
export type DsaBase<P extends ParameterValues = ParameterValues> =
  | P
  | {
      /**
       * The base-case (deterministic) value of every parameter. A source that accepts `overrides`
       * substitutes them and recomputes its derived parameters (as `ParameterSpace.base` does); the
       * analyses pass the analysed values this way, and also set them on the result.
       */
      base(overrides?: Readonly<Record<string, number>>): P;
      /** The distribution of a parameter, if it has one (used by the `"distribution"` range). */
      distribution?(name: string): Distribution | undefined;
      /**
       * Parameter table rows with the 2.5% (`lower`) and 97.5% (`upper`) quantiles, `null` when the
       * parameter has no distribution: used by the `"distribution"` range when `distribution` is absent.
       */
      describe?(): readonly {
        /** Parameter name. */
        readonly name: string;
        /** 2.5% quantile, or `null`. */
        readonly lower: number | null;
        /** 97.5% quantile, or `null`. */
        readonly upper: number | null;
      }[];
    };

/** A parameter source: a {@link DsaBase} that is not plain values (internal name). */
export type ParameterSource<P extends ParameterValues = ParameterValues> = Exclude<DsaBase<P>, P>;

/**
 * Settings shared by the deterministic analyses ({@link oneWay}, {@link twoWay},
 * {@link threshold}, {@link scenarios}).
 */
export interface DsaSettings<P extends ParameterValues = ParameterValues, S extends string = string> {
  /**
   * Willingness to pay per unit of effect, in the model's currency (default 500 000, the lower
   * Swedish reference value in SEK per QALY; pass your own for any other currency).
   */
  readonly wtp?: number;
  /** The strategy incremental results and ICERs are computed against (default: the first strategy). */
  readonly comparator?: S;
  /** Name of the cost outcome (default `"cost"`). */
  readonly cost?: string;
  /** Name of the effect outcome (default `"qaly"`). */
  readonly effect?: string;
  /**
   * Recomputes derived parameters after a parameter has been changed: it receives the full set of
   * values (base case with the analysed values substituted) and returns the full set the model
   * reads, e.g. `(p) => ({ ...p, pSick: 1 - p.pWell })`. Without it, derived values stay at their
   * base case. A parameter that `derive` overwrites cannot be varied directly (its inputs must be).
   */
  readonly derive?: (values: P) => P;
}

/** Willingness to pay used when none is given: SEK 500 000 per QALY. @internal */
export const DEFAULT_WTP = 500_000;

/** Whether a base is a {@link ParameterSource} rather than plain values. @internal */
export function isParameterSource<P extends ParameterValues>(base: DsaBase<P>): base is ParameterSource<P> {
  return typeof (base as { base?: unknown }).base === "function";
}
