import { QalyError } from "../core/errors.js";
import type { Model, ParameterValues } from "../models/model.js";
import type { ParameterSource } from "../analysis/dsa/dsa-base.js";
import type { IcerRow } from "../analysis/cea/icer-table.js";
import { frontierNeighbours } from "../analysis/cea/frontier-neighbours.js";
import type { OneWayResult } from "../analysis/dsa/one-way.js";
import { threshold, type ThresholdResult } from "../analysis/dsa/threshold.js";
import { frontierTornadoes, type FrontierAnalysis } from "../analysis/dsa/frontier-tornadoes.js";
import type { ModelProject } from "../files/model-project.js";
import { TORNADO_TOP } from "./run-project-dsa.js";

/** Settings of {@link projectFrontier}. @internal */
export interface ProjectFrontierSettings {
  /** The one-way analysis (absent when no parameter was varied). */
  readonly oneWay?: OneWayResult;
  /** The base-case ICER table: its frontier picks the pairs. */
  readonly table: readonly IcerRow[];
  readonly thresholds: readonly number[];
  readonly cost: string;
  readonly effect: string;
  /** Tornado bars kept (default {@link TORNADO_TOP}); `"all"` for every parameter varied. */
  readonly tornadoBars?: number | "all";
  /** Threshold analyses already run for the project's own pairs: reused, not run again. */
  readonly existing: readonly ThresholdResult[];
}

/**
 * The project's deterministic analyses along the frontier at every threshold: the tornado of the
 * optimal strategy against each frontier neighbour (from the one-way results, no new model runs),
 * and each of the project's threshold parameters searched for that pair (the project's own pair
 * is reused when it is the same one). A threshold search over a parameter that moves neither
 * strategy of the pair is left out: it could only say the parameter does not matter, which the
 * tornado already shows.
 * @internal
 */
export function projectFrontier(project: ModelProject, model: Model<ParameterValues>, source: ParameterSource, settings: ProjectFrontierSettings): { readonly frontier: FrontierAnalysis[]; readonly warnings: string[] } {
  const warnings: string[] = [];
  if (model.strategies.length < 2 || settings.thresholds.length === 0) return { frontier: [], warnings };
  const bars = settings.tornadoBars ?? TORNADO_TOP;
  const top = bars === "all" ? {} : { top: bars };
  const entries =
    settings.oneWay === undefined
      ? settings.thresholds.map((wtp): FrontierAnalysis => ({ ...frontierNeighbours(settings.table, wtp), tornadoes: [], thresholds: [] }))
      : frontierTornadoes(settings.oneWay, settings.table, { thresholds: settings.thresholds, ...top });
  const frontier = entries.map((entry): FrontierAnalysis => {
    const found: ThresholdResult[] = [];
    for (const spec of project.thresholds ?? []) {
      for (const competitor of entry.competitors) {
        const pair = [entry.optimal, competitor];
        const same = settings.existing.find((t) => t.wtp === entry.wtp && t.parameter === spec.parameter && pair.includes(t.strategies[0]) && pair.includes(t.strategies[1]));
        if (same !== undefined) {
          found.push(same);
          continue;
        }
        try {
          const result = threshold(model, source, { wtp: entry.wtp, cost: settings.cost, effect: settings.effect, parameter: spec.parameter, range: spec.range, strategies: [entry.optimal, competitor] });
          if (moves(result)) found.push(result);
        } catch (error) {
          if (!(error instanceof QalyError)) throw error;
          warnings.push(`threshold analysis of "${spec.parameter}" for ${entry.optimal} vs ${competitor} skipped: ${error.issues[0]!.message}`);
        }
      }
    }
    return Object.freeze({ ...entry, thresholds: Object.freeze(found) });
  });
  return { frontier, warnings };
}

/** Whether the parameter moves the difference between the two strategies at all (beyond rounding). */
function moves(result: ThresholdResult): boolean {
  const values = result.scan.difference;
  const scale = Math.max(1, ...values.map(Math.abs));
  return Math.max(...values) - Math.min(...values) > 1e-9 * scale;
}
