import { fail } from "../../core/errors.js";
import type { Model, ParameterValues } from "../../models/model.js";
import type { DsaBase, DsaSettings } from "./dsa-base.js";
import { dsaEvaluator } from "./dsa-evaluator.js";
import type { DsaResults } from "./dsa-strategy-result.js";

/** One axis of a two-way analysis: a parameter and the values it takes. */
export interface TwoWayAxis<N extends string = string> {
  /** Parameter name. */
  readonly name: N;
  /** Values, in the order they are analysed (and plotted). */
  readonly values: readonly number[];
}

/** Options of {@link twoWay}. */
export interface TwoWayOptions<P extends ParameterValues = ParameterValues, S extends string = string> extends DsaSettings<P, S> {
  /** The parameter on the horizontal axis. */
  readonly x: TwoWayAxis<keyof P & string>;
  /** The parameter on the vertical axis. */
  readonly y: TwoWayAxis<keyof P & string>;
}

/** Internal name of an element of {@link TwoWayResult}'s `cells`. */
export type TwoWayCell<S extends string = string> = TwoWayResult<S>["cells"][number];

/** Result of {@link twoWay}. */
export interface TwoWayResult<S extends string = string> {
  /** Strategy names, in model order. */
  readonly strategies: readonly S[];
  /** Outcome names, in model order. */
  readonly outcomes: readonly string[];
  /** Willingness to pay used for NMB and the optimal strategy. */
  readonly wtp: number;
  /** Strategy the incremental results are computed against. */
  readonly comparator: S;
  /** The horizontal axis. */
  readonly x: TwoWayAxis;
  /** The vertical axis. */
  readonly y: TwoWayAxis;
  /** Every cell, row by row: `cells[yIndex * x.values.length + xIndex]`. */
  readonly cells: readonly {
    /** Index into `x.values`. */
    readonly xIndex: number;
    /** Index into `y.values`. */
    readonly yIndex: number;
    /** The x parameter's value. */
    readonly x: number;
    /** The y parameter's value. */
    readonly y: number;
    /** Results of every strategy. */
    readonly results: DsaResults<S>;
    /** The strategy with the highest NMB at the analysis' WTP (the first in model order on exact ties). */
    readonly optimal: S;
  }[];
}

/**
 * Two-way deterministic sensitivity analysis: evaluates every strategy on a grid of two
 * parameters' values, others at base case, and names the strategy with the highest NMB per cell.
 *
 * Two-way analysis shows how two inputs jointly move the decision, typically plotted as regions
 * of the optimal strategy (Briggs, Claxton & Sculpher 2006, §4.1.1).
 *
 * @param model - any model
 * @param base - base-case values, or a parameter source with `base()`
 * @param options - the `x` and `y` parameters with their values, and settings (`wtp` per unit effect)
 * @returns every cell with the results of each strategy and the optimal strategy
 * @throws QalyError `unknown_parameter`, `unknown_strategy`, `unknown_outcome`, `invalid_argument`, `non_finite_value`
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"],
 *   evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain]); } };
 * const grid = twoWay(model, { cDrug: 20000, qGain: 0.1 }, { wtp: 500000,
 *   x: { name: "cDrug", values: [10000, 60000] }, y: { name: "qGain", values: [0.05, 0.2] } });
 * grid.cells.map((cell) => cell.optimal) // => ["New", "Old", "New", "New"]
 */
export function twoWay<P extends ParameterValues, S extends string>(model: Model<P, S>, base: DsaBase<P>, options: TwoWayOptions<P, S>): TwoWayResult<S> {
  const evaluator = dsaEvaluator(model, base, options);
  for (const axis of ["x", "y"] as const) {
    const { name, values } = options[axis];
    evaluator.checkParameter(name, [axis, "name"]);
    if (values.length === 0) fail("invalid_argument", [axis, "values"], "give at least one value");
    values.forEach((value, i) => {
      if (!Number.isFinite(value)) fail("non_finite_value", [axis, "values", i], `value must be finite (received ${value})`, { received: value });
    });
  }
  if (options.x.name === options.y.name) fail("invalid_argument", ["y", "name"], `x and y must be different parameters (both are "${options.x.name}")`);
  const cells: TwoWayCell<S>[] = [];
  const strategies = evaluator.strategies;
  options.y.values.forEach((y, yIndex) => {
    options.x.values.forEach((x, xIndex) => {
      const out = evaluator.evaluate({ [options.x.name]: x, [options.y.name]: y }, ["parameters"]);
      let best = 0;
      for (let s = 1; s < strategies.length; s++) if (evaluator.nmb(out, s) > evaluator.nmb(out, best)) best = s;
      cells.push({ xIndex, yIndex, x, y, results: evaluator.results(out), optimal: strategies[best]! });
    });
  });
  return {
    strategies,
    outcomes: evaluator.outcomes,
    wtp: evaluator.wtp,
    comparator: evaluator.comparator,
    x: { name: options.x.name, values: [...options.x.values] },
    y: { name: options.y.name, values: [...options.y.values] },
    cells,
  };
}
