import type { EvaluationContext, Model } from "../model.js";
import { writeCohortOutputs } from "../cohort/cohort-outcomes.js";
import { writeMarkovAnnual } from "./markov-annual.js";
import { compileMarkov } from "./compile-markov.js";
import { evaluateStrategy } from "./evaluate-strategy.js";
import type { MarkovCohortDefinition, StateName, StateSpec } from "./markov-definition.js";
import { type MarkovRun, markovRun } from "./markov-run.js";
import { MarkovWorkspace } from "./markov-workspace.js";
import { fromOwnStart, type StrategyPath } from "./strategy-path.js";
import { ValueToGo } from "./value-to-go.js";
import { QalyError, fail, type PathSegment } from "../../core/errors.js";
import { type MarkovTransitionMatrix, markovTransitionMatrix } from "./transition-matrix.js";

/** A Markov cohort model: a {@link Model} plus its structure and a detailed base-case run. */
export interface MarkovCohortModel<P, S extends string, G extends string, O extends string> extends Model<P, G> {
  /** State names (tunnels collapsed), in order. */
  readonly states: readonly S[];
  /** Number of cycles. */
  readonly cycles: number;
  /** Cycle length in years. */
  readonly cycleLength: number;
  /** The declared outcomes (without `cost` when it is the sum of the cost outcomes, and without the undiscounted twins). */
  readonly declaredOutcomes: readonly O[];
  /** Trace, per-row values and totals of every strategy (allocates; for the base case, not PSA). */
  run(params: P, context?: EvaluationContext): MarkovRun<S, G, O>;
  /**
   * The transition matrix of a strategy in cycle k (1 … N) for these parameters, as the engine
   * uses it: rows are from-states, columns to-states, tunnel states once per position.
   *
   * @throws QalyError `unknown_strategy` at `["strategy"]`, `invalid_argument` at `["cycle"]`, and
   * whatever evaluating the transitions reports
   */
  transitionMatrix(params: P, strategy: G, cycle: number, context?: EvaluationContext): MarkovTransitionMatrix;
}

/**
 * Defines a Markov cohort (state-transition) model that can be evaluated for the base case and for
 * every PSA draw.
 *
 * The cohort starts in `start` (trace row 0) and moves once per cycle by the transition rows, which
 * may depend on the parameters, the time (`cycle`, `time`, `age`) and, in tunnel states, on the time
 * in state. Per-year state values are weighted by a within-cycle correction, scaled by the cycle
 * length and discounted per year at the cost or effect rate (TLV default 3 %/3 %); one-off
 * transition and starting values are added. Outcomes are reported discounted (`cost`, `qaly`, …) and
 * undiscounted (`costUndiscounted`, …); `cost` is the sum of the cost outcomes unless declared
 * (Briggs, Claxton & Sculpher 2006, ch. 2–3; Siebert et al. 2012, ISPOR-SMDM Task Force 3).
 *
 * @param definition - States, strategies, outcomes, timing, transitions and values (docs/markov-cohort.md).
 * @returns The model; `evaluateInto` allocates nothing per cycle and is safe to call millions of times.
 * @throws QalyError `invalid_model`, `unknown_state` for a bad definition (all issues at once); at
 * evaluation `probability_out_of_range`, `row_sum_not_one`, `negative_complement`,
 * `non_finite_value`, `unknown_state`, `unknown_outcome`, naming draw, strategy, cycle and states.
 * @example
 * const model = markovCohort({
 *   states: ["Well", "Dead"],
 *   strategies: ["Usual care"],
 *   outcomes: { lifeYears: "effect" },
 *   cycles: 2, start: { Well: 1 },
 *   cycleCorrection: "none-end", discountRate: { effect: 0 },
 *   transitions: (p) => ({ Well: { Dead: p.pDie, Well: complement }, Dead: { Dead: 1 } }),
 *   values: () => ({ lifeYears: { Well: 1 } }),
 * });
 * evaluateModel(model, { pDie: 0.5 })["Usual care"].lifeYears // => 0.75
 */
export function markovCohort<P = Readonly<Record<string, number>>, const States extends readonly StateSpec[] = readonly StateSpec[], const G extends string = string, const O extends string = string>(
  definition: MarkovCohortDefinition<P, States, G, O>,
): MarkovCohortModel<P, StateName<States>, G, O> {
  const model = compileMarkov(definition as unknown as MarkovCohortDefinition<unknown, readonly StateSpec[], string, string>);
  const work = new MarkovWorkspace(model);
  const width = model.outputs.length;
  const strategies = model.strategies.map((s) => s.name) as G[];

  function writeOutputs(out: Float64Array, at: number): void {
    writeCohortOutputs(model.outcomeLayout, work.total, work.totalUndiscounted, out, at);
    if (work.annual !== undefined) writeMarkovAnnual(model, work.annual, out, at + model.outcomeLayout.outputs.length);
    // Milestones are the last outputs.
    const first = at + model.outputs.length - model.milestones.length;
    for (let m = 0; m < model.milestones.length; m++) out[first + m] = work.milestones[m]!;
  }

  /** Fails unless `out` holds every strategy's outcomes. */
  function checkOut(out: Float64Array, path: PathSegment[]): void {
    if (out.length < strategies.length * width) fail("dimension_mismatch", path, `output buffer holds ${out.length} numbers; ${strategies.length} strategies × ${width} outcomes need ${strategies.length * width}`, { received: out.length });
  }

  // Strategies with a generated path (strategy-path.ts) run in one call from here: this closure is the model's own, so the
  // engine's shared functions (evaluateStrategy), which other models re-optimise for their forms, are not on the path.
  const paths = work.strategyPaths;
  const site = work.site;
  const grid = work.grids.at(0);

  /**
   * Runs strategy `s`'s generated path: true when it ran (the totals are written), false when it stopped at a shape it
   * was not made for or at a check that failed; nothing is written then, and evaluateStrategy calls the strategy's
   * functions again (functions of the parameters, grid and strategy: it sees the same results) and reports the error.
   */
  function runPath(path: StrategyPath, s: number, params: P, context: EvaluationContext | undefined): boolean {
    site.strategy = strategies[s]!;
    site.draw = context?.draw;
    let ran = false;
    try {
      ran = path(params, grid, work.current, work.total, work.totalUndiscounted);
    } catch {
      // The interpreted run that follows calls the functions again and reports the error.
    }
    paths.count(s, ran);
    return ran;
  }

  function evaluateInto(params: P, out: Float64Array, context?: EvaluationContext): void {
    checkOut(out, ["out"]);
    const fromStart = fromOwnStart(context);
    for (let s = 0; s < strategies.length; s++) {
      const path = fromStart ? paths.pathOf(s) : undefined;
      if (path === undefined || !runPath(path, s, params, context)) evaluateStrategy(model, work, s, params, context);
      writeOutputs(out, s * width);
    }
  }

  // The backward (value-to-go) evaluation of several starts, built on first use.
  let valueToGo: ValueToGo | undefined;

  return Object.freeze({
    title: model.title,
    strategies: Object.freeze(strategies),
    outcomes: Object.freeze([...model.outputs]),
    states: Object.freeze([...model.states]) as readonly StateName<States>[],
    cycles: model.cycles,
    cycleLength: model.cycleLength,
    declaredOutcomes: Object.freeze([...model.outcomes]) as readonly O[],
    evaluateInto,
    evaluateStartsInto(params: P, contexts: readonly (EvaluationContext | undefined)[], outs: readonly Float64Array[]): void {
      if (outs.length !== contexts.length) fail("dimension_mismatch", ["outs"], `${contexts.length} contexts need ${contexts.length} output buffers (received ${outs.length})`, { received: outs.length });
      for (let i = 0; i < outs.length; i++) checkOut(outs[i]!, ["outs", i]);
      if (!sharedEntry(contexts)) {
        for (let i = 0; i < contexts.length; i++) evaluateInto(params, outs[i]!, contexts[i]);
        return;
      }
      valueToGo ??= new ValueToGo(model);
      try {
        for (let s = 0; s < strategies.length; s++) {
          const at = s * width;
          if (valueToGo.evaluate(work, s, params, contexts, (i) => writeOutputs(outs[i]!, at))) continue;
          for (let i = 0; i < contexts.length; i++) {
            evaluateStrategy(model, work, s, params, contexts[i]);
            writeOutputs(outs[i]!, at);
          }
        }
      } catch (error) {
        // The forward runs, start by start, throw what a single evaluation throws (or succeed when the
        // backward pass read a row that no start's cohort reaches with any mass).
        if (!(error instanceof QalyError)) throw error;
        for (let i = 0; i < contexts.length; i++) evaluateInto(params, outs[i]!, contexts[i]);
      }
    },
    run(params: P, context?: EvaluationContext): MarkovRun<StateName<States>, G, O> {
      return markovRun(model, work, params, context, writeOutputs) as MarkovRun<StateName<States>, G, O>;
    },
    transitionMatrix(params: P, strategy: G, cycle: number, context?: EvaluationContext): MarkovTransitionMatrix {
      return markovTransitionMatrix(model, work, params, strategy, cycle, context);
    },
  });
}

/** Whether the contexts share one entry time and draw (one backward pass serves them all). */
function sharedEntry(contexts: readonly (EvaluationContext | undefined)[]): boolean {
  if (contexts.length < 2) return false;
  const time = contexts[0]?.startTime ?? 0;
  const draw = contexts[0]?.draw;
  for (let i = 1; i < contexts.length; i++) if ((contexts[i]?.startTime ?? 0) !== time || contexts[i]?.draw !== draw) return false;
  return true;
}
