import { fail } from "../../core/errors.js";
import { requireName } from "../../core/unknown-name.js";
import type { PsaResult } from "../psa/psa-result.js";
import { wtpValues, type WtpRange } from "../cea/wtp-grid.js";
import { evppi, evppiColumn, evppiIncrements, evppiKnots, type EvppiOptions } from "./evppi.js";
import { coefficientDraws } from "./evppi-regression.js";
import { splineEvppi, splineResponses, splineWorkspace } from "./spline-evppi.js";

/** Options of {@link evppiRanking}. */
export interface EvppiRankingOptions extends EvppiOptions {
  /** The parameters to rank (default every parameter of `psa.parameters` with a value in every draw). */
  readonly parameters?: readonly string[];
  /** The WTP the ranking is sorted at, one of the grid's values (default the grid's first). */
  readonly rankAt?: number;
}

/** One parameter's row of an {@link EvppiRanking}. */
export interface EvppiRankingRow {
  /** The parameter. */
  readonly parameter: string;
  /** EVPPI per person at each WTP of the ranking. */
  readonly perPerson: Float64Array;
  /** Its standard error at each WTP (`null` with `standardError: false`). */
  readonly standardError: Float64Array | null;
}

/** EVPPI of every parameter on its own, largest first. */
export interface EvppiRanking {
  /** Willingness-to-pay values. */
  readonly wtp: Float64Array;
  /** The WTP the rows are sorted at. */
  readonly rankedAt: number;
  /** One row per parameter, by decreasing EVPPI at `rankedAt` (ties by name). */
  readonly rows: readonly EvppiRankingRow[];
}

/**
 * Ranks the parameters by their single-parameter EVPPI (see {@link evppi}), each with its standard
 * error by default (the spread over draws of the regression coefficients, Strong, Oakley & Brennan
 * 2014; 100 draws unless `standardError` says otherwise): which uncertainty is worth resolving
 * first, as voi's and BCEA's EVPPI rankings show. A parameter whose draws do not vary has EVPPI 0.
 *
 * @param psa - a PSA result with parameter draws
 * @param wtp - willingness-to-pay grid, values ≥ 0 or a range (default {@link SWEDISH_WTP_GRID})
 * @param options - the parameters, the WTP to sort at, outcomes, knots and standard error
 * @returns the rows, largest EVPPI first
 * @throws QalyError as {@link evppi}; `invalid_argument` for `rankAt` not on the grid or an empty parameter list
 * @example
 * const psa = psaResultFromCsv("draw,cost_A,effect_A,cost_B,effect_B,pX,pY\n1,0,0,0,1,1,5\n2,0,0,0,-1,-1,5\n3,0,0,0,2,2,5\n4,0,0,0,-2,-2,5");
 * evppiRanking(psa, [1], { standardError: false }).rows.map((r) => [r.parameter, r.perPerson[0]]) // => [["pX", 0.75], ["pY", 0]]
 */
export function evppiRanking(psa: PsaResult, wtp?: ArrayLike<number> | WtpRange, options: EvppiRankingOptions = {}): EvppiRanking {
  const draws = psa.parameters;
  if (draws === undefined) fail("invalid_argument", ["parameters"], "an EVPPI ranking needs the parameter draws of the PSA (psa.parameters is missing)");
  const names = options.parameters ?? draws.names.filter((name) => draws.column(name).every(Number.isFinite));
  if (options.parameters !== undefined && names.length === 0) fail("invalid_argument", ["parameters"], "name at least one parameter to rank");
  const grid = wtpValues(wtp);
  const rankedAt = options.rankAt ?? grid[0]!;
  const g = grid.indexOf(rankedAt);
  if (g < 0) fail("invalid_argument", ["rankAt"], `rankAt must be one of the WTP values (received ${rankedAt})`, { received: rankedAt });
  const standardError = options.standardError ?? { samples: 100 };
  // Unknown names are reported by their place in the caller's list before any fit.
  names.forEach((name, i) => requireName("unknown_parameter", ["parameters", i], "parameter", name, draws.names));
  // As evppi of each parameter, with the increments (2 per strategy, n draws each) computed and centred once.
  const knots = evppiKnots(options.knots, 1);
  const se = standardError === false ? undefined : standardError === true ? {} : standardError;
  // Only the centred copies are kept (the increments themselves are garbage from here).
  const responses = splineResponses(evppiIncrements(psa, options));
  const workspace = splineWorkspace(psa.size);
  const rows = names.map((parameter) => {
    const column = evppiColumn(draws, parameter, ["parameter"]);
    const curve = splineEvppi(column, responses, grid, knots, coefficientDraws(se, []), workspace);
    return Object.freeze({ parameter, perPerson: curve.perPerson, standardError: curve.standardError });
  });
  rows.sort((a, b) => b.perPerson[g]! - a.perPerson[g]! || (a.parameter < b.parameter ? -1 : a.parameter > b.parameter ? 1 : 0));
  return Object.freeze({ wtp: grid, rankedAt, rows: Object.freeze(rows) });
}
