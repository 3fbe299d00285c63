import type { EvaluationContext } from "../model.js";
import type { CompiledMarkov } from "./compile-markov.js";
import { evaluateStrategy, type MarkovRecorder } from "./evaluate-strategy.js";
import type { MarkovWorkspace } from "./markov-workspace.js";

/** The detailed result of one strategy: trace, per-row values and totals. */
export interface MarkovStrategyRun<S extends string, O extends string> {
  /** Proportion of the cohort in each state at trace rows 0 … N (tunnels collapsed). */
  readonly trace: readonly Readonly<Record<S, number>>[];
  /** Per outcome, the discounted contribution of each trace row 0 … N (one-off transition values at the row they lead to). */
  readonly perCycle: Readonly<Record<O, Float64Array>>;
  /** Same, undiscounted. */
  readonly perCycleUndiscounted: Readonly<Record<O, Float64Array>>;
  /** Totals, named as in {@link Model.outcomes} (`cost`, `qaly`, `costUndiscounted`, …). */
  readonly totals: Readonly<Record<string, number>>;
}

/** The detailed base-case run of every strategy of a Markov cohort model. */
export interface MarkovRun<S extends string, G extends string, O extends string> {
  /** State names (tunnels collapsed), in trace column order. */
  readonly states: readonly S[];
  /** Number of cycles N (the trace has N + 1 rows). */
  readonly cycles: number;
  /** Cycle length in years. */
  readonly cycleLength: number;
  /** The detailed result of each strategy. */
  readonly strategies: Readonly<Record<G, MarkovStrategyRun<S, O>>>;
}

/** Runs every strategy with recording buffers (allocates; for the base case and reports). */
export function markovRun(model: CompiledMarkov, work: MarkovWorkspace, params: unknown, context: EvaluationContext | undefined, writeOutputs: (out: Float64Array, at: number) => void): MarkovRun<string, string, string> {
  const rows = model.cycles + 1;
  const states = model.states.length;
  const strategies: Record<string, MarkovStrategyRun<string, string>> = {};
  const out = new Float64Array(model.outputs.length);
  model.strategies.forEach((strategy, s) => {
    const recorder: MarkovRecorder = {
      trace: new Float64Array(rows * states),
      discounted: new Float64Array(model.outcomes.length * rows),
      undiscounted: new Float64Array(model.outcomes.length * rows),
    };
    evaluateStrategy(model, work, s, params, context, recorder);
    writeOutputs(out, 0);
    const trace = Array.from({ length: rows }, (_, t) => Object.freeze(Object.fromEntries(model.states.map((name, i) => [name, recorder.trace[t * states + i]!]))));
    const perCycle: Record<string, Float64Array> = {};
    const perCycleUndiscounted: Record<string, Float64Array> = {};
    model.outcomes.forEach((name, o) => {
      perCycle[name] = recorder.discounted.slice(o * rows, (o + 1) * rows);
      perCycleUndiscounted[name] = recorder.undiscounted.slice(o * rows, (o + 1) * rows);
    });
    strategies[strategy.name] = Object.freeze({
      trace: Object.freeze(trace),
      perCycle: Object.freeze(perCycle),
      perCycleUndiscounted: Object.freeze(perCycleUndiscounted),
      totals: Object.freeze(Object.fromEntries(model.outputs.map((name, o) => [name, out[o]!]))),
    });
  });
  return Object.freeze({ states: model.states, cycles: model.cycles, cycleLength: model.cycleLength, strategies: Object.freeze(strategies) });
}
