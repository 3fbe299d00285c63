import type { SurvivalCurve } from "../../survival/survival-curve.js";
import type { EvaluationContext } from "../model.js";
import type { CompiledPsm } from "./compile-psm.js";
import { evaluatePsmStrategy } from "./evaluate-psm-strategy.js";
import { type EngineCurve, materialiseRows, publicCurve } from "./fill-survival.js";
import type { PsmSite } from "./psm-errors.js";
import type { PsmWorkspace } from "./psm-workspace.js";

/**
 * The base-case detail of one strategy of a partitioned survival model, for charts and reports:
 * the state-occupancy trace, the curves before and after clamping, and the totals.
 *
 * @example
 * const model = partitionedSurvival({ strategies: ["SoC"], outcomes: { lifeYears: "effect" }, cycles: 4,
 *   curves: () => ({ PFS: exponentialSurvival({ rate: 0.5 }), OS: exponentialSurvival({ rate: 0.1 }) }) });
 * const soc: PsmStrategyRun<"PF" | "PD" | "Dead", "PFS" | "OS"> = model.run({}).strategies.SoC;
 * soc.occupancy.PD[2] // => 0.4509
 */
export interface PsmStrategyRun<S extends string, C extends string> {
  /** Proportion of the cohort in each state at trace rows 0 … N (after clamping). */
  readonly trace: readonly Readonly<Record<S, number>>[];
  /** Per state, the occupancy at rows 0 … N (the columns of `trace`). */
  readonly occupancy: Readonly<Record<S, Float64Array>>;
  /** Per endpoint, S(t) at rows 0 … N as the curve gives it (before clamping). */
  readonly survival: Readonly<Record<C, Float64Array>>;
  /** Per endpoint, S(t) at rows 0 … N after clamping (what the occupancies use). */
  readonly clampedSurvival: Readonly<Record<C, Float64Array>>;
  /** The curves used (after any background-mortality cap), for smooth plots. */
  readonly curves: Readonly<Record<C, SurvivalCurve>>;
  /** Number of trace rows at which an endpoint was clamped to a later one. */
  readonly clampedCycles: number;
  /** Totals, named as in the model's `outcomes`. */
  readonly totals: Readonly<Record<string, number>>;
}

/**
 * The detailed base-case run of every strategy of a partitioned survival model (`model.run(params)`).
 *
 * @example
 * const model = partitionedSurvival({ strategies: ["SoC"], outcomes: { lifeYears: "effect" }, cycles: 24, cycleLength: 1 / 12,
 *   curves: () => ({ PFS: exponentialSurvival({ rate: 0.5 }), OS: exponentialSurvival({ rate: 0.1 }) }) });
 * const run: PsmRun<"PF" | "PD" | "Dead", "PFS" | "OS", "SoC"> = model.run({});
 * run.times[12] // => 1
 * run.strategies.SoC.trace[12].Dead // => 0.0952
 */
export interface PsmRun<S extends string, C extends string, G extends string> {
  /** State names in trace column order. */
  readonly states: readonly S[];
  /** Endpoint names. */
  readonly endpoints: readonly C[];
  /** Model time of each trace row in years, 0, Δ, …, NΔ. */
  readonly times: Float64Array;
  /** The unit of `times`: always `"years"` (the curves keep their own unit, see the definition's `timeUnit`). */
  readonly timeUnit: string;
  /** The detailed result of each strategy. */
  readonly strategies: Readonly<Record<G, PsmStrategyRun<S, C>>>;
}

/** Runs every strategy and copies out the trace and curves (allocates; for the base case). */
export function psmRun(model: CompiledPsm, work: PsmWorkspace, params: unknown, context: EvaluationContext | undefined, writeOutputs: (out: Float64Array, at: number) => void): PsmRun<string, string, string> {
  const rows = model.schedule.cycles + 1;
  const site: PsmSite = { strategy: "", draw: undefined };
  const out = new Float64Array(model.outputs.length);
  const strategies: Record<string, PsmStrategyRun<string, string>> = {};
  model.strategies.forEach((strategy, s) => {
    const curves = evaluatePsmStrategy(model, work, s, params, context, site, new Array<EngineCurve>(model.endpoints.length));
    writeOutputs(out, 0);
    materialiseRows(work);
    const column = (buffer: Float64Array, k: number): Float64Array => buffer.slice(k * rows, (k + 1) * rows);
    const occupancy: Record<string, Float64Array> = {};
    model.states.forEach((name, i) => {
      const column = new Float64Array(rows);
      for (let t = 0; t < rows; t++) column[t] = (i < model.endpoints.length ? work.survival[i * rows + t]! : 1) - (i > 0 ? work.lower[(i - 1) * rows + t]! : 0);
      occupancy[name] = column;
    });
    const trace = Array.from({ length: rows }, (_, t) => Object.freeze(Object.fromEntries(model.states.map((name) => [name, occupancy[name]![t]!]))));
    strategies[strategy.name] = Object.freeze({
      trace: Object.freeze(trace),
      occupancy: Object.freeze(occupancy),
      survival: Object.freeze(Object.fromEntries(model.endpoints.map((name, k) => [name, column(work.raw, k)]))),
      clampedSurvival: Object.freeze(Object.fromEntries(model.endpoints.map((name, k) => [name, column(work.survival, k)]))),
      curves: Object.freeze(Object.fromEntries(model.endpoints.map((name, k) => [name, publicCurve(curves[k]!)]))),
      clampedCycles: work.clamped,
      totals: Object.freeze(Object.fromEntries(model.outputs.map((name, o) => [name, out[o]!]))),
    });
  });
  const times = new Float64Array(rows);
  for (let t = 0; t < rows; t++) times[t] = t * model.schedule.cycleLength;
  return Object.freeze({ states: model.states, endpoints: model.endpoints, times, timeUnit: "years", strategies: Object.freeze(strategies) });
}
