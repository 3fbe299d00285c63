import { fail } from "../../core/errors.js";
import type { EvaluationContext, Model } from "../model.js";
import { compileMicrosim } from "./compile-microsimulation.js";
import type { MicrosimulationDefinition } from "./microsimulation-definition.js";
import { MicrosimWorkspace } from "./microsim-workspace.js";
import { simulateDraw } from "./simulate-draw.js";

/** One strategy of a detailed microsimulation run. */
export interface MicrosimulationStrategyRun<S extends string> {
  /** Mean per individual of every output (`cost`, `qaly`, …, `costUndiscounted`, …). */
  readonly mean: Readonly<Record<string, number>>;
  /** Monte Carlo standard error of each mean: sd / √n over individuals. */
  readonly mcse: Readonly<Record<string, number>>;
  /** Individuals per state at each trace row 0 … N (`trace[t][state]`); each row sums to the number of individuals. */
  readonly trace: readonly Readonly<Record<S, number>>[];
}

/** The detailed result of one microsimulation evaluation (base case). */
export interface MicrosimulationRun<S extends string, G extends string> {
  /** Number of individuals simulated. */
  readonly individuals: number;
  /** Per strategy: means, standard errors and trace. */
  readonly strategies: Readonly<Record<G, MicrosimulationStrategyRun<S>>>;
  /**
   * Monte Carlo standard error of the difference of two strategies' means, per output
   * (`differenceMcse[a][b].qaly`). Strategies share random numbers per individual, so it is
   * usually far smaller than either strategy's own error.
   */
  readonly differenceMcse: Readonly<Record<G, Readonly<Record<G, Readonly<Record<string, number>>>>>>;
}

/** A microsimulation: a {@link Model} plus its structure and a detailed run. */
export interface MicrosimulationModel<P, S extends string, G extends string> extends Model<P, G> {
  /** State names, in order. */
  readonly states: readonly S[];
  /** Number of cycles. */
  readonly cycles: number;
  /** Cycle length in years. */
  readonly cycleLength: number;
  /** Number of individuals per evaluation. */
  readonly individuals: number;
  /** Means, standard errors (per strategy and of differences) and traces (allocates; for the base case). */
  run(params: P, context?: EvaluationContext): MicrosimulationRun<S, G>;
}

/**
 * Defines an individual-level state-transition model (microsimulation, first-order Monte Carlo)
 * with the same contract as the cohort engines, so PSA, ICER tables, CEAC, EVPI, reports and the
 * CLI use it unchanged.
 *
 * Each of `individuals` individuals gets attributes sampled from the declared population and a
 * starting state, then moves once per cycle by its transition row, which may read the parameters,
 * the strategy, the time, its attributes, its time in state and history counters. State values are
 * weighted by the within-cycle correction and discounted exactly as in the cohort engines
 * (docs/conventions.md); one-off values are added on moves. Every output is the mean per individual,
 * reported with its Monte Carlo standard error as `<output>Mcse` (Krijkamp et al. 2018).
 *
 * Individual i of PSA draw d draws from its own stream named (seed, d, i), and every strategy
 * replays it (common random numbers): results do not depend on chunking, workers or order.
 *
 * @param definition - states, strategies, outcomes, population, transitions and values (docs/microsimulation.md)
 * @returns the model; `evaluateInto` allocates nothing per individual or cycle
 * @throws QalyError `invalid_model`, `unknown_state`, `unknown_outcome`, `probability_out_of_range`,
 * `row_sum_not_one` for a bad definition (all issues at once); at evaluation
 * `probability_out_of_range`, `row_sum_not_one`, `negative_complement`, `non_finite_value`, naming
 * draw, strategy, cycle, individual and states
 * @example
 * const model = microsimulation({
 *   states: ["Well", "Dead"],
 *   strategies: ["Usual care"],
 *   outcomes: { lifeYears: "effect" },
 *   individuals: 1000, cycles: 2, start: { Well: 1 },
 *   cycleCorrection: "none-end", discountRate: { effect: 0 },
 *   transitions: { Well: { Dead: (p: { pDie: number }) => p.pDie, Well: complement }, Dead: { Dead: 1 } },
 *   values: { lifeYears: { Well: 1 } },
 * });
 * const result = evaluateModel(model, { pDie: 0.5 })["Usual care"];
 * Math.abs(result.lifeYears - 0.75) < 4 * result.lifeYearsMcse // => true
 */
export function microsimulation<P = Readonly<Record<string, number>>, const S extends string = string, const G extends string = string, const O extends string = string, const A extends string = never, const H extends string = never>(
  definition: MicrosimulationDefinition<P, S, G, O, A, H>,
): MicrosimulationModel<P, S, G> {
  const model = compileMicrosim(definition as unknown as MicrosimulationDefinition<unknown, string, string, string, string, string>);
  const work = new MicrosimWorkspace(model);
  const G = model.strategies.length;
  const S = model.states.length;
  const N = model.schedule.cycles;
  const named = model.outcomeLayout.outputs;
  const W = named.length;
  const outcomes = [...named, ...named.map((name) => `${name}Mcse`)];
  const se = (m2: number, n: number): number => Math.sqrt(Math.max(0, m2) / (n - 1) / n);

  return Object.freeze({
    title: model.title,
    strategies: Object.freeze([...model.strategies]) as readonly G[],
    outcomes: Object.freeze(outcomes),
    states: Object.freeze([...model.states]) as readonly S[],
    cycles: N,
    cycleLength: model.schedule.cycleLength,
    individuals: model.individuals,
    evaluateInto(params: P, out: Float64Array, context?: EvaluationContext): void {
      if (out.length < G * 2 * W) fail("dimension_mismatch", ["out"], `output buffer holds ${out.length} numbers; ${G} strategies × ${2 * W} outcomes need ${G * 2 * W}`, { received: out.length });
      simulateDraw(model, work, params, context);
      const n = work.count;
      for (let s = 0; s < G; s++) {
        for (let w = 0; w < W; w++) {
          out[s * 2 * W + w] = work.sum[s * W + w]! / n;
          out[s * 2 * W + W + w] = se(work.m2[s * W + w]!, n);
        }
      }
    },
    run(params: P, context?: EvaluationContext): MicrosimulationRun<S, G> {
      simulateDraw(model, work, params, context);
      const n = work.count;
      const strategies = {} as Record<G, MicrosimulationStrategyRun<S>>;
      const differenceMcse = {} as Record<G, Record<G, Record<string, number>>>;
      model.strategies.forEach((g, s) => {
        const trace = Array.from({ length: N + 1 }, (_, t) => Object.fromEntries(model.states.map((state, d) => [state, work.trace[(s * (N + 1) + t) * S + d]!])) as Record<S, number>);
        strategies[g as G] = {
          mean: Object.fromEntries(named.map((name, w) => [name, work.sum[s * W + w]! / n])),
          mcse: Object.fromEntries(named.map((name, w) => [name, se(work.m2[s * W + w]!, n)])),
          trace,
        };
        differenceMcse[g as G] = {} as Record<G, Record<string, number>>;
        model.strategies.forEach((h, r) => {
          const [a, b] = s < r ? [s, r] : [r, s];
          differenceMcse[g as G][h as G] = Object.fromEntries(named.map((name, w) => [name, s === r ? 0 : se(work.m2[a * W + w]! + work.m2[b * W + w]! - 2 * work.co[(a * G + b) * W + w]!, n)]));
        });
      });
      return { individuals: n, strategies, differenceMcse };
    },
  });
}
