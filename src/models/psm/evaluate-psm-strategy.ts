import { fail } from "../../core/errors.js";
import { discountFactor } from "../../math/discount-factor.js";
import type { EvaluationContext } from "../model.js";
import { addCappedValues } from "./add-capped-values.js";
import type { CompiledPsm } from "./compile-psm.js";
import { type EngineCurve, checkStart, fillSurvival, strategyCurves } from "./fill-survival.js";
import type { PsmSite } from "./psm-errors.js";
import { populationFloor } from "./population-floor.js";
import { addEntryValues, addStartingValues, addStateValues } from "./psm-values.js";
import type { PsmWorkspace } from "./psm-workspace.js";
import { prepareAnnual } from "./psm-annual.js";

/**
 * Runs one strategy for one parameter set: evaluates its curves on the cycle grid, clamps, and
 * leaves the totals per declared outcome in `work.total` / `work.totalUndiscounted` and the clamp
 * count in `work.clamped`. Returns the (possibly background-capped) curves it used.
 */
export function evaluatePsmStrategy(model: CompiledPsm, work: PsmWorkspace, strategyIndex: number, params: unknown, context: EvaluationContext | undefined, site: PsmSite, curves: EngineCurve[]): EngineCurve[] {
  const strategy = model.strategies[strategyIndex]!;
  site.strategy = strategy.name;
  site.draw = context?.draw;
  const startTime = context?.startTime ?? 0;
  if (!(startTime >= 0) || !Number.isFinite(startTime)) fail("invalid_argument", ["context", "startTime"], `startTime must be a finite number of years ≥ 0 (received ${startTime})`, { received: startTime });
  checkStart(model, context, site);
  work.context.ageOffset = (model.startAge ?? Number.NaN) + startTime;
  // Loops, not fill(): a few entries, fewer than the builtin's call costs.
  for (let o = 0; o < work.total.length; o++) {
    work.total[o] = 0;
    work.totalUndiscounted[o] = 0;
  }

  strategyCurves(model, strategy, params, startTime, site, curves);
  fillSurvival(model, work, curves, site, populationFloor(model, startTime));
  if (model.annualYears > 0) prepareAnnual(model, work, startTime);
  if (strategy.startingValues !== undefined) addStartingValues(model, work, strategy.startingValues, params, strategy.name, site);
  if (strategy.values !== undefined) addStateValues(model, work, strategy.values, params, strategy.name, site);
  if (strategy.entryValues !== undefined) addEntryValues(model, work, strategy.entryValues, params, strategy.name, site);
  if (strategy.cappedValues !== undefined) addCappedValues(model, work, strategy.cappedValues, params, strategy.name, site);

  if (startTime > 0) {
    const costFactor = discountFactor(model.schedule.discountRates[0], startTime);
    const effectFactor = discountFactor(model.schedule.discountRates[1], startTime);
    for (let o = 0; o < work.total.length; o++) work.total[o]! *= model.layout.outcomeClass[o] === 0 ? costFactor : effectFactor;
  }
  return curves;
}
