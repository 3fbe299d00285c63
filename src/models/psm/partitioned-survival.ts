import { fail } from "../../core/errors.js";
import { writeCohortOutputs } from "../cohort/cohort-outcomes.js";
import type { EvaluationContext, Model } from "../model.js";
import { compilePsm } from "./compile-psm.js";
import { evaluatePsmStrategy } from "./evaluate-psm-strategy.js";
import type { EngineCurve } from "./fill-survival.js";
import type { DefaultPsmEndpoint, DefaultPsmState, PartitionedSurvivalDefinition } from "./partitioned-survival-definition.js";
import type { PsmSite } from "./psm-errors.js";
import { type PsmRun, psmRun } from "./psm-run.js";
import { PsmWorkspace } from "./psm-workspace.js";
import { writeAnnualOutputs } from "./psm-annual.js";

/**
 * A partitioned survival model: a {@link Model} plus its structure and a detailed base-case run.
 *
 * @example
 * const model: PartitionedSurvivalModel<object, "SoC", "qaly"> = partitionedSurvival({ strategies: ["SoC"], outcomes: { qaly: "effect" }, cycles: 12,
 *   curves: () => ({ PFS: exponentialSurvival({ rate: 0.5 }), OS: exponentialSurvival({ rate: 0.1 }) }) });
 * model.outcomes // => ["qaly", "qalyUndiscounted", "clampedCycles"]
 * model.states // => ["PF", "PD", "Dead"]
 */
export interface PartitionedSurvivalModel<P, G extends string, O extends string, S extends string = DefaultPsmState, C extends string = DefaultPsmEndpoint> extends Model<P, G> {
  /** State names, in order (the last is death). */
  readonly states: readonly S[];
  /** Endpoint names, in order (endpoint k bounds states 0 … k). */
  readonly endpoints: readonly C[];
  /** Number of cycles N. */
  readonly cycles: number;
  /** Cycle length in years. */
  readonly cycleLength: number;
  /** The declared outcomes (without the automatic `cost` sum, undiscounted twins and `clampedCycles`). */
  readonly declaredOutcomes: readonly O[];
  /** State occupancy trace, curves and totals of every strategy (allocates; for the base case and charts). */
  run(params: P, context?: EvaluationContext): PsmRun<S, C, G>;
}

/**
 * Defines a partitioned survival model (area under the curve): state occupancy is read directly off
 * ordered survival curves (PF = S_PFS, PD = S_OS − S_PFS, Dead = 1 − S_OS; in general state k =
 * S_k − S_{k−1}), instead of from transition probabilities (Woods et al., NICE DSU TSD 19, 2017).
 *
 * Per-year state values are weighted by the within-cycle correction and discounted exactly as in
 * the Markov cohort engine (shared code, docs/conventions.md); one-off values on entry into a state
 * (deaths for `Dead`) and at model entry are added; `cappedValues` accrue only up to a maximum
 * treatment duration. Where an earlier curve lies above a later one (PFS > OS) it is clamped to it,
 * and the number of clamped trace rows is reported as the outcome `clampedCycles` (or the
 * evaluation fails with `crossing: "error"`).
 *
 * @param definition - States, endpoints, strategies, curves, outcomes, timing and values (docs/partitioned-survival.md).
 * @returns The model; `evaluateInto` allocates nothing per cycle and can be a decision-tree leaf or run under PSA.
 * @throws QalyError `invalid_model` for a bad definition (all issues at once); at evaluation
 * `non_finite_value`, `probability_out_of_range`, `survival_increasing`, `curves_cross`,
 * `unknown_state`, `unknown_outcome`, naming draw, strategy, curve and cycle.
 * @example
 * const model = partitionedSurvival({
 *   strategies: ["Chemotherapy"],
 *   outcomes: { lifeYears: "effect" },
 *   cycles: 40, cycleLength: 1 / 4, discountRate: { effect: 0 },
 *   curves: (p) => ({ PFS: exponentialSurvival({ rate: p.rProgression }), OS: exponentialSurvival({ rate: p.rDeath }) }),
 *   values: () => ({ lifeYears: { PF: 1, PD: 1 } }),
 * });
 * const result = evaluateModel(model, { rProgression: 0.5, rDeath: 0.2 });
 * result.Chemotherapy.lifeYears // => 4.324
 * result.Chemotherapy.clampedCycles // => 0
 */
export function partitionedSurvival<P = Readonly<Record<string, number>>, const G extends string = string, const O extends string = string, const S extends string = DefaultPsmState, const C extends string = DefaultPsmEndpoint>(
  definition: PartitionedSurvivalDefinition<P, G, O, S, C>,
): PartitionedSurvivalModel<P, G, O, S, C> {
  const model = compilePsm(definition as unknown as PartitionedSurvivalDefinition<unknown, string, string, string, string>);
  const work = new PsmWorkspace(model);
  const width = model.outputs.length;
  const strategies = model.strategies.map((s) => s.name) as G[];
  const site: PsmSite = { strategy: "", draw: undefined };
  const curves = new Array<EngineCurve>(model.endpoints.length);

  function writeOutputs(out: Float64Array, at: number): void {
    writeCohortOutputs(model.layout, work.total, work.totalUndiscounted, out, at);
    if (model.annualYears > 0) writeAnnualOutputs(model, work, out, at + model.layout.outputs.length);
    out[at + width - 1] = work.clamped;
  }

  return Object.freeze({
    title: model.title,
    strategies: Object.freeze(strategies),
    outcomes: Object.freeze([...model.outputs]),
    states: Object.freeze([...model.states]) as readonly S[],
    endpoints: Object.freeze([...model.endpoints]) as readonly C[],
    cycles: model.schedule.cycles,
    cycleLength: model.schedule.cycleLength,
    declaredOutcomes: Object.freeze([...model.layout.outcomes]) as readonly O[],
    evaluateInto(params: P, out: Float64Array, context?: EvaluationContext): void {
      if (out.length < strategies.length * width) fail("dimension_mismatch", ["out"], `output buffer holds ${out.length} numbers; ${strategies.length} strategies × ${width} outcomes need ${strategies.length * width}`, { received: out.length });
      for (let s = 0; s < strategies.length; s++) {
        evaluatePsmStrategy(model, work, s, params, context, site, curves);
        writeOutputs(out, s * width);
      }
    },
    run(params: P, context?: EvaluationContext): PsmRun<S, C, G> {
      return psmRun(model, work, params, context, writeOutputs) as PsmRun<S, C, G>;
    },
  });
}
