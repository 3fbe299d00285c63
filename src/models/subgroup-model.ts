import { fail } from "../core/errors.js";
import type { EvaluationContext, Model } from "./model.js";

/**
 * A named subgroup of a model's population, written as the conditioning of the parameters that say
 * who is in it: e.g. "patients the conventional test labels intermediate" re-weights the true-risk
 * prevalences by the chance of that label and makes the label certain. The same model evaluated on
 * the conditioned values gives the subgroup's expected outcomes (per patient in the subgroup).
 *
 * @typeParam P - parameter values
 */
export interface Subgroup<P> {
  /** What the subgroup is, for reports. */
  readonly description?: string;
  /**
   * The parameter values of the subgroup from the whole population's values (one PSA draw or the base
   * case). It must not change its argument; derived values it does not set are not recomputed.
   * (A method, so a project typed with its own parameters is still a `ModelProject`.)
   */
  condition(params: P): P;
}

/**
 * The model evaluated for a subgroup: every call conditions the parameter values first
 * ({@link Subgroup.condition}), so base case, PSA and one-way analyses run on it unchanged.
 *
 * @param model - the whole population's model
 * @param subgroup - the subgroup's conditioning
 * @param name - the subgroup's name, added to the title and to errors
 * @returns a model with the same strategies and outcomes
 * @throws QalyError `invalid_argument` when `condition` is not a function
 * @example
 * const model = { title: "Demo", strategies: ["A"], outcomes: ["cost"], evaluateInto(p, out) { out[0] = p.prevalence * 1000; } };
 * const positive = subgroupModel(model, { condition: (p) => ({ ...p, prevalence: 1 }) }, "Marker positive");
 * evaluateModel(positive, { prevalence: 0.2 }).A.cost // => 1000
 * positive.title // => "Demo (subgroup: Marker positive)"
 */
export function subgroupModel<P, S extends string>(model: Model<P, S>, subgroup: Subgroup<P>, name: string): Model<P, S> {
  const condition = subgroupCondition(subgroup, name);
  return Object.freeze({
    title: `${model.title} (subgroup: ${name})`,
    strategies: model.strategies,
    outcomes: model.outcomes,
    evaluateInto(params: P, out: Float64Array, context?: EvaluationContext): void {
      model.evaluateInto(condition(params), out, context);
    },
  });
}

/**
 * A subgroup's conditioning as a function, checked: the one place that says a subgroup needs one.
 * @internal
 */
export function subgroupCondition<P>(subgroup: Subgroup<P>, name: string): (params: P) => P {
  if (typeof subgroup?.condition !== "function") fail("invalid_argument", ["subgroups", name, "condition"], `subgroup "${name}" needs a condition: (params) => params`);
  return (params: P): P => subgroup.condition(params);
}
