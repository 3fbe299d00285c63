import { fail } from "../../core/errors.js";
import type { EvaluationContext } from "../model.js";
import { backgroundFloor, applyBackgroundFloor } from "./background-floor.js";
import type { CompiledMarkov } from "./compile-markov.js";
import { fillTransitions } from "./fill-transitions.js";
import { fillArrayRows, prepareTransitionArrays } from "./fill-transition-arrays.js";
import type { MarkovWorkspace } from "./markov-workspace.js";

/**
 * The transition matrix of one strategy in one cycle, as the engine uses it (after `complement`
 * and any background-mortality floor).
 *
 * @example
 * const m: MarkovTransitionMatrix = { strategy: "SoC", cycle: 1, states: ["Well", "Dead"], matrix: [[0.9, 0.1], [0, 1]] };
 * m.matrix[0]![1] // => 0.1
 */
export interface MarkovTransitionMatrix {
  /** The strategy. */
  readonly strategy: string;
  /** The cycle k (1 … N): the matrix moves trace row k − 1 to row k. */
  readonly cycle: number;
  /** Row and column names: the states, a tunnel state once per position as `Sick[0]`, `Sick[1]`, … (its state_time). */
  readonly states: readonly string[];
  /** `matrix[i][j]`: probability of moving from `states[i]` to `states[j]` during the cycle; each row sums to 1. */
  readonly matrix: readonly (readonly number[])[];
}

/** Evaluates the transitions of one strategy in one cycle into a dense matrix (allocates; for inspection). */
export function markovTransitionMatrix(model: CompiledMarkov, work: MarkovWorkspace, params: unknown, strategy: string, cycle: number, context?: EvaluationContext): MarkovTransitionMatrix {
  const index = model.strategies.findIndex((s) => s.name === strategy);
  if (index < 0) fail("unknown_strategy", ["strategy"], `unknown strategy ${JSON.stringify(strategy)} (the model's strategies are ${model.strategies.map((s) => s.name).join(", ")})`, { received: strategy });
  if (!Number.isInteger(cycle) || cycle < 1 || cycle > model.cycles) fail("invalid_argument", ["cycle"], `cycle must be a whole number from 1 to ${model.cycles} (received ${cycle})`, { received: cycle });
  const startTime = context?.startTime ?? 0;
  if (!(startTime >= 0) || !Number.isFinite(startTime)) fail("invalid_argument", ["context", "startTime"], `startTime must be a finite number of years ≥ 0 (received ${startTime})`, { received: startTime });
  const site = work.site;
  site.strategy = strategy;
  site.draw = context?.draw;
  site.at = "cycle";
  site.cycle = cycle;
  work.context.ageOffset = (model.startAge ?? Number.NaN) + startTime;
  if (model.strategies[index]!.transitionArrays !== undefined) {
    site.cycle = 1;
    const varies = prepareTransitionArrays(model, work, index, params, work.grids.at(startTime), site);
    site.cycle = cycle;
    // Every position of the cycle asked for (rows that vary were filled only where the cohort starts).
    if (varies) fillArrayRows(model, work, work.transitionPlan, cycle, site);
  } else fillTransitions(model, work, index, params, site);
  const n = model.expanded;
  const { rowStart, rowEnd, col, val } = work;
  if (model.background !== undefined) {
    // The floor depends on the cycle's population risk only; every row is floored (all rows "have mass").
    const floor = backgroundFloor(model.background, model.startAge!, startTime, model.cycles, model.cycleLength);
    applyBackgroundFloor(work.rawVal, val, rowStart, rowEnd, work.colState, work.deathSlot, model.background.dead, n, floor[cycle - 1]!, new Float64Array(n).fill(1));
  }
  const names: string[] = [];
  model.states.forEach((name, i) => {
    const tunnel = model.tunnel[i]!;
    for (let position = 0; position < tunnel; position++) names.push(tunnel > 1 ? `${name}[${position}]` : name);
  });
  const matrix = Array.from({ length: n }, (_, e) => {
    const row = new Array<number>(n).fill(0);
    for (let k = rowStart[e]!; k < rowEnd[e]!; k++) row[col[k]!]! += val[k]!;
    return Object.freeze(row);
  });
  return Object.freeze({ strategy, cycle, states: Object.freeze(names), matrix: Object.freeze(matrix) });
}
