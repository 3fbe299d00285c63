import { fail } from "../core/errors.js";
import type { EvaluationContext, Model } from "./model.js";

/**
 * A model without an effect outcome made usable by the cost-effectiveness analyses: it adds an
 * outcome (default `effect`) that is 0 for every strategy, so every strategy has the same effect,
 * as a cost-minimisation analysis assumes. Then the least costly strategy is the only one on the
 * frontier, the net monetary benefit is minus the cost at every threshold, and the CEAC is the
 * probability of being least costly; present the result with `costComparison`, not as ICERs.
 *
 * @param model - a model whose outcomes include a cost and no effect
 * @param effect - the name of the added outcome (default `"effect"`)
 * @returns a model with the same strategies and outcomes plus `effect`
 * @throws QalyError `invalid_argument` when the model already has an outcome of that name
 * @example
 * const dressings = { title: "Dressings", strategies: ["Foam", "Gauze"], outcomes: ["cost"], evaluateInto(p, out) { out[0] = 310; out[1] = 245; } };
 * evaluateModel(costOnlyModel(dressings), {}).Gauze // => { cost: 245, effect: 0 }
 */
export function costOnlyModel<P, S extends string>(model: Model<P, S>, effect = "effect"): Model<P, S> {
  if (model.outcomes.includes(effect)) fail("invalid_argument", ["outcomes", effect], `the model already has an outcome '${effect}': a cost-only model has no effect outcome (remove it, or analyse it as the effect)`, { received: effect });
  const width = model.outcomes.length;
  // One scratch buffer per model, reused by every evaluation (evaluations are synchronous).
  const inner = new Float64Array(model.strategies.length * width);
  return Object.freeze({
    title: model.title,
    strategies: model.strategies,
    outcomes: Object.freeze([...model.outcomes, effect]),
    evaluateInto(params: P, out: Float64Array, context?: EvaluationContext): void {
      model.evaluateInto(params, inner, context);
      for (let s = 0; s < model.strategies.length; s++) {
        for (let o = 0; o < width; o++) out[s * (width + 1) + o] = inner[s * width + o]!;
        out[s * (width + 1) + width] = 0;
      }
    },
  });
}
