import { fail } from "../core/errors.js";
import { applyAccelerationFactor } from "./apply-acceleration-factor.js";
import { applyHazardRatioToCurve } from "./apply-hazard-ratio-to-curve.js";
import { capByBackgroundMortality } from "./cap-by-background-mortality.js";
import { exponentialSurvival } from "./exponential-survival.js";
import { gammaSurvival } from "./gamma-survival.js";
import { generalisedGammaSurvival } from "./generalised-gamma-survival.js";
import { gompertzSurvival } from "./gompertz-survival.js";
import { joinCurves } from "./join-curves.js";
import { lifeTable } from "./life-table.js";
import { lifeTableSurvival } from "./life-table-survival.js";
import { logLogisticSurvival } from "./log-logistic-survival.js";
import { lognormalSurvival } from "./lognormal-survival.js";
import { mixCurves } from "./mix-curves.js";
import { mixtureCure } from "./mixture-cure.js";
import { piecewiseExponentialSurvival } from "./piecewise-exponential-survival.js";
import { roystonParmarSurvival } from "./royston-parmar-survival.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";
import { tabulatedSurvival } from "./tabulated-survival.js";
import { weibullPhSurvival } from "./weibull-ph-survival.js";
import { weibullSurvival } from "./weibull-survival.js";

/** Every definition qaly's survival curves serialise to (the same as {@link SurvivalCurveDef}). */
export type AnySurvivalCurveDef = SurvivalCurveDef;

/**
 * Rebuilds a survival curve from its serialisable definition (`curve.def`), for instance after it
 * was written to JSON with a model's results or read from a model file.
 *
 * @param def - a definition produced by one of qaly's survival curves
 * @returns the curve, identical in every value to the one that produced `def`
 * @throws QalyError `invalid_argument` at `["kind"]` for an unknown kind, and whatever the family's constructor reports
 * @example
 * const os = applyHazardRatioToCurve(weibullSurvival({ shape: 1.2, scale: 10 }), 0.8);
 * const copy = survivalCurveFromDef(JSON.parse(JSON.stringify(os.def)));
 * copy.survival(7) === os.survival(7) // => true
 */
export function survivalCurveFromDef(def: SurvivalCurveDef | {
  /** The family or construction, e.g. `"weibull"`. */
  readonly kind: string;
}): SurvivalCurve {
  const d = def as AnySurvivalCurveDef;
  switch (d.kind) {
    case "exponential":
      return exponentialSurvival(d);
    case "weibull":
      return weibullSurvival(d);
    case "weibull-ph":
      return weibullPhSurvival(d);
    case "gompertz":
      return gompertzSurvival(d);
    case "log-logistic":
      return logLogisticSurvival(d);
    case "lognormal":
      return lognormalSurvival(d);
    case "gamma":
      return gammaSurvival(d);
    case "generalised-gamma":
      return generalisedGammaSurvival(d);
    case "piecewise-exponential":
      return piecewiseExponentialSurvival(d);
    case "royston-parmar":
      return roystonParmarSurvival(d);
    case "table":
      return tabulatedSurvival(d);
    case "hazard-ratio":
      return applyHazardRatioToCurve(survivalCurveFromDef(d.curve), d.hazardRatio);
    case "acceleration-factor":
      return applyAccelerationFactor(survivalCurveFromDef(d.curve), d.accelerationFactor);
    case "joined":
      return joinCurves(survivalCurveFromDef(d.first), survivalCurveFromDef(d.second), d.atTime, { restartClock: d.restartClock });
    case "mixture":
      return mixCurves(d.curves.map(survivalCurveFromDef), d.weights);
    case "mixture-cure":
      return mixtureCure(survivalCurveFromDef(d.curve), d.cureFraction);
    case "life-table":
      return lifeTableSurvival(lifeTable(d.lifeTable), d);
    case "capped-by-background":
      return capByBackgroundMortality(survivalCurveFromDef(d.curve), lifeTable(d.background.lifeTable), d.background);
    default:
      return fail("invalid_argument", ["kind"], `unknown survival curve kind ${JSON.stringify((def as { kind?: unknown })?.kind)}`, { received: (def as { kind?: unknown })?.kind });
  }
}
