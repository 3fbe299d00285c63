import { lifeTableSurvival } from "../../survival/life-table-survival.js";
import type { CompiledPsm } from "./compile-psm.js";

/**
 * The general population's cumulative-hazard increment in each model cycle for a cohort entering
 * at `startTime` (age startAge + startTime, the model's sex mix), in the curves' time unit.
 * Tabulated once per entry time and cached on the compiled model: it does not change between
 * PSA draws, so the "cycle" floor costs one comparison per cycle.
 */
export function populationFloor(model: CompiledPsm, startTime: number): Float64Array | undefined {
  const background = model.background;
  if (background === undefined || background.method === "exact") return undefined;
  const cached = model.floors.get(startTime);
  if (cached !== undefined) return cached;
  const population = lifeTableSurvival(background.lifeTable, { startAge: model.startAge! + startTime, sexMix: background.sexMix, timeUnit: model.timeUnit });
  const cycles = model.schedule.cycles;
  const floor = new Float64Array(cycles);
  let previous = population.cumulativeHazard(0);
  for (let t = 1; t <= cycles; t++) {
    const next = population.cumulativeHazard(t * model.curveStep);
    floor[t - 1] = next - previous;
    previous = next;
  }
  model.floors.set(startTime, floor);
  return floor;
}
