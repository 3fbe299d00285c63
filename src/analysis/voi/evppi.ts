import { fail } from "../../core/errors.js";
import type { PsaResult } from "../psa/psa-result.js";
import { costEffectSeries, meanOf, type CostEffectOptions } from "../psa/cost-effect.js";
import { wtpValues, type WtpRange } from "../cea/wtp-grid.js";
import { requireName } from "../../core/unknown-name.js";
import { regressionSpline } from "./regression-spline.js";

/** Options of {@link evppi}. */
export interface EvppiOptions extends CostEffectOptions {
  /**
   * Knots of the regression spline per parameter, 2–20 (default: 8, fewer below 800 draws; for a
   * group, fewer so that the tensor-product basis has at most about 100 terms and 20 draws per term).
   */
  readonly knots?: number;
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
}

/**
 * Expected value of partial perfect information for one parameter or a group of parameters learnt
 * together: the expected gain from learning them exactly before deciding, E_φ[max_s E(NMB_s | φ)] − max_s E[NMB_s]. The
 * conditional expectations are estimated from the PSA draws by nonparametric regression of each
 * strategy's incremental cost and effect on the parameter (Strong, Oakley & Brennan 2014), here a
 * natural cubic regression spline with knots at quantiles instead of a penalised GAM; for a group,
 * the tensor product of the parameters' splines (every interaction; a group's EVPPI is not the sum
 * of its members'). Because
 * incremental NMB is linear in cost and effect, one fit per strategy serves every WTP. Needs
 * the parameter draws in `psa.parameters`; the estimate is never negative.
 *
 * @param psa - a PSA result with parameter draws
 * @param parameter - the parameter's name, or several names for a group (e.g. `["hrSct", "nrm1"]`)
 * @param wtp - willingness-to-pay grid, values ≥ 0 or a range (default {@link SWEDISH_WTP_GRID})
 * @param options - cost/effect outcomes and the number of knots
 * @returns EVPPI per person at each WTP
 * @throws QalyError `invalid_argument` without parameter draws, for a parameter with missing (NaN) draws or
 *   a bad knot count, `unknown_parameter`
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
  const maxWidth = Math.max(2, Math.min(100, Math.floor(psa.size / 20)));
  const knots = options.knots ?? Math.max(2, Math.min(8, Math.floor(psa.size / 100), Math.floor(Math.pow(maxWidth, 1 / names.length) + 1e-9)));
  if (!Number.isInteger(knots) || knots < 2 || knots > 20) fail("invalid_argument", ["knots"], `knots must be a whole number in [2, 20] (received ${knots})`, { received: knots });
  const grid = wtpValues(wtp);
  const { cost, effect, size } = costEffectSeries(psa, options);
  const columns = names.map((name, i) => {
    const column = draws.column(name);
    const missing = column.filter((value) => !Number.isFinite(value)).length;
    const path = typeof parameter === "string" ? ["parameter"] : ["parameter", i];
    if (missing > 0) fail("invalid_argument", path, `parameter "${name}" has ${missing} missing or non-finite draws of ${column.length} (e.g. NA in an imported CSV); EVPPI needs a value in every draw`, { received: name });
    return column;
  });
  const fit = regressionSpline(columns, knots);
  // Fitted incremental effect and cost of every strategy against the first one.
  const nS = psa.strategies.length;
  const fittedEffect: Float64Array[] = [];
  const fittedCost: Float64Array[] = [];
  for (let s = 1; s < nS; s++) {
    fittedEffect.push(fit(Float64Array.from(effect[s]!, (v, i) => v - effect[0]![i]!)));
    fittedCost.push(fit(Float64Array.from(cost[s]!, (v, i) => v - cost[0]![i]!)));
  }
  const perPerson = grid.map((w) => {
    let sumMax = 0;
    for (let i = 0; i < size; i++) {
      let best = 0;
      for (let s = 0; s < nS - 1; s++) best = Math.max(best, w * fittedEffect[s]![i]! - fittedCost[s]![i]!);
      sumMax += best;
    }
    let bestMean = 0;
    for (let s = 0; s < nS - 1; s++) bestMean = Math.max(bestMean, w * meanOf(fittedEffect[s]!) - meanOf(fittedCost[s]!));
    return Math.max(0, sumMax / size - bestMean);
  });
  return Object.freeze({ parameter: names.join(", "), parameters: Object.freeze(names), wtp: grid, perPerson });
}
