import { lifeTableSurvival } from "../../survival/life-table-survival.js";
import type { CompiledPsm } from "./compile-psm.js";

/** The "cycle" background-mortality floor of one entry time, per model cycle k = 1 … N at index k − 1. */
export interface PopulationFloor {
  /** The general population's cumulative-hazard increment over the cycle, in the curves' time unit. */
  readonly increments: Float64Array;
  /** e^{−increment}: the population's survival over the cycle, so that a floored exponential curve needs no exp per row. */
  readonly factors: Float64Array;
}

/** Entry times whose floors are kept at once (a tree's leaves enter at a few; a drawn entry time would keep one per draw). */
const FLOORS_KEPT = 16;

/**
 * The general population's cumulative-hazard increment in each model cycle for a cohort entering
 * at `startTime` (age startAge + startTime, the model's sex mix), in the curves' time unit, and its
 * survival factor. Tabulated once per entry time and cached on the compiled model: it does not
 * change between PSA draws, so the "cycle" floor costs one comparison per cycle.
 */
export function populationFloor(model: CompiledPsm, startTime: number): PopulationFloor | undefined {
  const background = model.background;
  if (background === undefined || background.method === "exact") return undefined;
  const cached = model.floors.get(startTime);
  if (cached !== undefined) return cached;
  const population = lifeTableSurvival(background.lifeTable, { startAge: model.startAge! + startTime, sexMix: background.sexMix, timeUnit: model.timeUnit });
  const cycles = model.schedule.cycles;
  const increments = new Float64Array(cycles);
  const factors = new Float64Array(cycles);
  let previous = population.cumulativeHazard(0);
  for (let t = 1; t <= cycles; t++) {
    const next = population.cumulativeHazard(t * model.curveStep);
    increments[t - 1] = next - previous;
    factors[t - 1] = Math.exp(-(next - previous));
    previous = next;
  }
  const floor: PopulationFloor = { increments, factors };
  // An entry time drawn per PSA draw would otherwise keep one table per draw: keep the last few only.
  if (model.floors.size >= FLOORS_KEPT) model.floors.clear();
  model.floors.set(startTime, floor);
  return floor;
}
