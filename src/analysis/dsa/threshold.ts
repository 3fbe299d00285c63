import { formatSignificant } from "../../core/format-significant.js";
import { fail } from "../../core/errors.js";
import type { Model, ParameterValues } from "../../models/model.js";
import type { DsaBase, DsaSettings } from "./dsa-base.js";
import { dsaEvaluator } from "./dsa-evaluator.js";
import { brentRoot } from "./find-root.js";
import { evenlySpaced } from "./one-way.js";
import { requireName } from "../../core/unknown-name.js";

/** Relative tolerance on the location of a threshold. */
const RELATIVE_TOLERANCE = 1e-10;

/** Options of {@link threshold}. */
export interface ThresholdOptions<P extends ParameterValues = ParameterValues, S extends string = string> extends Omit<DsaSettings<P, S>, "comparator"> {
  /** The parameter whose threshold value is sought. */
  readonly parameter: keyof P & string;
  /** The interval searched, `[low, high]`. */
  readonly range: readonly [number, number];
  /** The two strategies compared, `[a, b]`: the difference is `a − b`. */
  readonly strategies: readonly [S, S];
  /** `"nmb"` (default) or an outcome name, e.g. `"cost"` for a cost-neutral price. */
  readonly measure?: "nmb" | (string & {});
  /** Grid points scanned for sign changes (default 101, ends included). */
  readonly gridPoints?: number;
}

/**
 * Result of {@link threshold}: what was searched and the scan, then by `status`: `"found"` (one
 * or more roots, ascending), `"none"` (no sign change in range; `higher` wins throughout) or
 * `"indifferent"` (difference exactly 0 at every scanned point).
 */
export type ThresholdResult<S extends string = string> = {
  /** The parameter searched. */
  readonly parameter: string;
  /** The interval searched. */
  readonly range: readonly [number, number];
  /** The parameter's base-case value (where the decision stands today). */
  readonly baseValue: number;
  /** The two strategies compared, `[a, b]`. */
  readonly strategies: readonly [S, S];
  /** `"nmb"` or the outcome compared. */
  readonly measure: string;
  /** Willingness to pay used for NMB. */
  readonly wtp: number;
  /** The scanned grid and the difference `a − b` at each point, for plotting. */
  readonly scan: {
    /** The grid of parameter values. */
    readonly values: readonly number[];
    /** The difference `a − b` at each grid value. */
    readonly difference: readonly number[];
  };
  /** A sentence stating the finding. */
  readonly message: string;
} & (
  /** One or more thresholds were found. */
  | {
      /** Thresholds were found. */
      readonly status: "found";
      /** Every threshold (where the two strategies' measure is equal), in ascending order. */
      readonly roots: readonly {
        /** The parameter value. */
        readonly value: number;
        /** The difference `a − b` at `value` (≈ 0). */
        readonly residual: number;
        /** Whether the root finder reached the tolerance (1e-10 relative). */
        readonly converged: boolean;
        /** The strategy with the higher measure just below `value` (for NMB: the preferred one). */
        readonly higherBelow: S;
        /** The strategy with the higher measure just above `value`. */
        readonly higherAbove: S;
      }[];
    }
  /** No threshold in range: one strategy is higher throughout. */
  | {
      /** No threshold in range. */
      readonly status: "none";
      /** Always empty. */
      readonly roots: readonly [];
      /** The strategy with the higher measure throughout the range (for NMB: the preferred one). */
      readonly higher: S;
    }
  /** The two strategies are equal at every scanned value. */
  | {
      /** The difference is exactly 0 at every scanned point. */
      readonly status: "indifferent";
      /** Always empty. */
      readonly roots: readonly [];
    }
);

/** One threshold (internal name of an element of a found {@link ThresholdResult}'s `roots`). */
export type ThresholdRoot<S extends string = string> = Extract<ThresholdResult<S>, { readonly status: "found" }>["roots"][number];

/**
 * Threshold analysis: the value(s) of a parameter at which two strategies' NMB (or another
 * outcome) are equal, within a range, by scanning a grid for sign changes and refining each with
 * Brent's method to 1e-10 relative.
 *
 * At an NMB threshold the ICER equals the WTP: the answer to "at what price is the new drug
 * cost-effective?" (Briggs, Claxton & Sculpher 2006, §4.1.1). Roots where the difference touches
 * zero without changing sign between grid points are not found; a finer grid finds close pairs.
 *
 * @param model - any model
 * @param base - base-case values, or a parameter source with `base()`
 * @param options - parameter, range, the two strategies `[a, b]`, `wtp` per unit effect, measure
 * @returns `status` `"found"` with the roots, `"none"` (no threshold in range) or `"indifferent"`
 * @throws QalyError `unknown_parameter`, `unknown_strategy`, `unknown_outcome`, `invalid_argument`, `non_finite_value`
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"],
 *   evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain]); } };
 * const found = threshold(model, { cDrug: 20000, qGain: 0.1 }, { parameter: "cDrug", range: [0, 100000], strategies: ["New", "Old"], wtp: 500000 });
 * found.status // => "found"
 * found.roots[0].value // => 50000
 * threshold(model, { cDrug: 20000, qGain: 0.1 }, { parameter: "cDrug", range: [0, 40000], strategies: ["New", "Old"], wtp: 500000 }).status // => "none"
 */
export function threshold<P extends ParameterValues, S extends string>(model: Model<P, S>, base: DsaBase<P>, options: ThresholdOptions<P, S>): ThresholdResult<S> {
  const evaluator = dsaEvaluator(model, base, options);
  const name = options.parameter;
  evaluator.checkParameter(name, ["parameter"]);
  const [low, high] = options.range;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    fail("invalid_argument", ["range"], `range must be finite with low < high (received [${low}, ${high}])`, { received: options.range });
  }
  const [a, b] = options.strategies;
  const ia = evaluator.strategyIndex(a, ["strategies", 0]);
  const ib = evaluator.strategyIndex(b, ["strategies", 1]);
  if (ia === ib) fail("invalid_argument", ["strategies"], `compare two different strategies (both are "${a}")`);
  const measure = options.measure ?? "nmb";
  const width = evaluator.outcomes.length;
  const o = measure === "nmb" ? -1 : evaluator.outcomes.indexOf(requireName("unknown_outcome", ["measure"], "outcome", measure, evaluator.outcomes));
  const difference = (x: number): number => {
    const out = evaluator.evaluate({ [name]: x }, ["parameter"]);
    return o < 0 ? evaluator.nmb(out, ia) - evaluator.nmb(out, ib) : out[ia * width + o]! - out[ib * width + o]!;
  };

  const grid = evenlySpaced(low, high, options.gridPoints ?? 101, ["gridPoints"]);
  const values = grid.map(difference);
  const higher = (sign: number): S => (sign > 0 ? a : b);
  const roots: ThresholdRoot<S>[] = [];
  const floor = 1e-6 * (high - low);
  for (let i = 0; i < grid.length; i++) {
    const here = values[i]!;
    if (here === 0) {
      const below = nearestNonZero(values, i, -1);
      const above = nearestNonZero(values, i, 1);
      if (below === 0 && above === 0) continue;
      roots.push({ value: grid[i]!, residual: 0, converged: true, higherBelow: higher(below || above), higherAbove: higher(above || below) });
    } else if (i + 1 < grid.length && here * values[i + 1]! < 0) {
      const root = brentRoot(difference, grid[i]!, grid[i + 1]!, here, values[i + 1]!, RELATIVE_TOLERANCE, floor);
      roots.push({ value: root.value, residual: root.residual, converged: root.converged, higherBelow: higher(here), higherAbove: higher(values[i + 1]!) });
    }
  }
  const common = { parameter: name, range: [low, high] as const, baseValue: evaluator.baseValues[name] as number, strategies: [a, b] as const, measure, wtp: evaluator.wtp, scan: { values: grid, difference: values } };
  const what = measure === "nmb" ? "NMB" : measure;
  if (roots.length > 0) {
    // Six significant digits in the sentence; the exact values are in `roots`.
    const list = roots.map((root) => formatSignificant(root.value)).join(", ");
    return { ...common, status: "found", roots, message: `${what} of "${a}" and "${b}" are equal at ${name} = ${list}` };
  }
  if (values.every((value) => value === 0)) {
    return { ...common, status: "indifferent", roots: [], message: `${what} of "${a}" and "${b}" are equal throughout ${name} in [${low}, ${high}]` };
  }
  const winner = higher(values.find((value) => value !== 0)!);
  return { ...common, status: "none", roots: [], higher: winner, message: `no threshold in range: "${winner}" has the higher ${what} throughout ${name} in [${low}, ${high}]` };
}

/** Sign of the nearest non-zero difference from `i` in direction `step` (0 if none). */
function nearestNonZero(values: readonly number[], i: number, step: 1 | -1): number {
  for (let j = i + step; j >= 0 && j < values.length; j += step) if (values[j] !== 0) return Math.sign(values[j]!);
  return 0;
}
