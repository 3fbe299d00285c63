import { fail, type PathSegment } from "../../core/errors.js";
import type { ParameterDraws } from "../../parameters/parameter-draws.js";
import type { PsaResult } from "../psa/psa-result.js";
import { costEffectSeries, type CostEffectOptions } from "../psa/cost-effect.js";
import { wtpValues, type WtpRange } from "../cea/wtp-grid.js";
import { requireName } from "../../core/unknown-name.js";
import { defaultKnots, evppiByRegression, type EvppiStandardErrorOptions, type Increment } from "./evppi-regression.js";

/** Options of {@link evppi}. */
export interface EvppiOptions extends CostEffectOptions {
  /**
   * Knots of the cubic regression spline per parameter, 2–40 (default 20 for one parameter, 5 for
   * two or three, 4 for four, fewer beyond; at most 256 basis functions in all). The smoothing
   * penalty makes the result nearly independent of this choice once the basis has room for the
   * fit: on voi's chemotherapy example every single-parameter EVPPI above 1 % of the EVPI moves
   * < 1 % between 20 and 40 knots, while 10 are too few for one of them (docs/uncertainty.md).
   */
  readonly knots?: number;
  /**
   * Also estimate the EVPPI's standard error (`true`, or the number of coefficient draws and their
   * seed): the spread of the EVPPI over draws of the regression coefficients from their posterior
   * (Strong, Oakley & Brennan 2014; voi's `se = TRUE`). It reflects the regression's uncertainty,
   * not the Monte Carlo error of the PSA itself. Default: no standard error.
   */
  readonly standardError?: boolean | EvppiStandardErrorOptions;
}

/** EVPPI of one parameter or a group of parameters across a willingness-to-pay grid. */
export interface EvppiCurve {
  /** The parameter whose uncertainty would be resolved (for a group: the names joined by ", "). */
  readonly parameter: string;
  /** The parameters whose uncertainty would be resolved together. */
  readonly parameters: readonly string[];
  /** Willingness-to-pay values. */
  readonly wtp: Float64Array;
  /** `perPerson[g]`: EVPPI per person at `wtp[g]`, in currency. */
  readonly perPerson: Float64Array;
  /** `standardError[g]`: the standard error of `perPerson[g]` (`null` unless asked for). */
  readonly standardError: Float64Array | null;
}

/**
 * Expected value of partial perfect information for one parameter or a group of parameters learnt
 * together: the expected gain from learning them exactly before deciding,
 * E_φ[max_s E(NMB_s | φ)] − max_s E[NMB_s]. The conditional expectations are estimated from the PSA
 * draws by nonparametric regression of each strategy's incremental cost and effect on the
 * parameters (Strong, Oakley & Brennan 2014, Med Decis Making 34:311), with the smoother voi uses: a
 * penalised cubic regression spline, for a group the tensor product of the parameters' splines
 * with a penalty each (mgcv's `te(..., bs = "cr")`), smoothing chosen by REML (Wood 2011). On voi's
 * chemotherapy example it reproduces mgcv to 5 significant digits. Because incremental NMB is
 * linear in cost and effect, one fit per strategy serves every WTP. Needs the parameter draws in
 * `psa.parameters`; the estimate is never negative.
 *
 * @param psa - a PSA result with parameter draws
 * @param parameter - the parameter's name, or several names for a group (e.g. `["hrSct", "nrm1"]`)
 * @param wtp - willingness-to-pay grid, values ≥ 0 or a range (default {@link SWEDISH_WTP_GRID})
 * @param options - cost/effect outcomes, the number of knots and the standard error
 * @returns EVPPI per person at each WTP
 * @throws QalyError `invalid_argument` without parameter draws, for a parameter with missing (NaN) draws,
 *   a bad knot count or too large a group, `unknown_parameter`
 * @example
 * const psa = psaResultFromCsv("draw,cost_A,effect_A,cost_B,effect_B,pX\n1,0,0,0,1,1\n2,0,0,0,-1,-1\n3,0,0,0,2,2\n4,0,0,0,-2,-2");
 * Array.from(evppi(psa, "pX", [1]).perPerson) // => [0.75]
 * evppi(psa, ["pX"], [1]).parameters // => ["pX"]
 */
export function evppi(psa: PsaResult, parameter: string | readonly string[], wtp?: ArrayLike<number> | WtpRange, options: EvppiOptions = {}): EvppiCurve {
  const draws = psa.parameters;
  if (draws === undefined) fail("invalid_argument", ["parameters"], "EVPPI needs the parameter draws of the PSA (psa.parameters is missing)");
  const names = typeof parameter === "string" ? [parameter] : [...parameter];
  if (names.length === 0) fail("invalid_argument", ["parameter"], "name at least one parameter");
  names.forEach((name, i) => {
    const path = typeof parameter === "string" ? ["parameter"] : ["parameter", i];
    requireName("unknown_parameter", path, "parameter", name, draws.names);
    if (names.indexOf(name) !== i) fail("invalid_argument", path, `parameter "${name}" is named twice`, { received: name });
  });
  const knots = evppiKnots(options.knots, names.length);
  const grid = wtpValues(wtp);
  const increments = evppiIncrements(psa, options);
  const columns = names.map((name, i) => evppiColumn(draws, name, typeof parameter === "string" ? ["parameter"] : ["parameter", i]));
  const se = options.standardError === undefined || options.standardError === false ? undefined : options.standardError === true ? {} : options.standardError;
  const { perPerson, standardError } = evppiByRegression(columns, increments, grid, knots, se, []);
  return Object.freeze({ parameter: names.join(", "), parameters: Object.freeze(names), wtp: grid, perPerson, standardError });
}

/** The knot count asked for, or the default for `parameters` parameters, checked. @internal */
export function evppiKnots(asked: number | undefined, parameters: number): number {
  const knots = asked ?? defaultKnots(parameters);
  if (!Number.isInteger(knots) || knots < 2 || knots > 40) fail("invalid_argument", ["knots"], `knots must be a whole number in [2, 40] (received ${knots})`, { received: knots });
  return knots;
}

/** Each strategy's effect and cost minus the first strategy's, draw by draw, the responses EVPPI fits. @internal */
export function evppiIncrements(psa: PsaResult, options: CostEffectOptions): Increment[] {
  const { cost, effect } = costEffectSeries(psa, options);
  const difference = (a: Float64Array, b: Float64Array): Float64Array => {
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
    return out;
  };
  return psa.strategies.slice(1).map((_, k) => ({ effect: difference(effect[k + 1]!, effect[0]!), cost: difference(cost[k + 1]!, cost[0]!) }));
}

/** A parameter's draws, refused with a typed error at `path` when any is missing or not finite. @internal */
export function evppiColumn(draws: ParameterDraws, name: string, path: readonly PathSegment[]): Float64Array {
  const column = draws.column(name);
  let missing = 0;
  for (let i = 0; i < column.length; i++) if (!Number.isFinite(column[i]!)) missing++;
  if (missing > 0) fail("invalid_argument", path, `parameter "${name}" has ${missing} missing or non-finite draws of ${column.length} (e.g. NA in an imported CSV); EVPPI needs a value in every draw`, { received: name });
  return column;
}
