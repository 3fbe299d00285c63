import { QalyError } from "../core/errors.js";
import type { Model, ParameterValues } from "../models/model.js";
import type { ParameterSource } from "../analysis/dsa/dsa-base.js";
import { oneWay, type OneWayRange, type OneWayResult } from "../analysis/dsa/one-way.js";
import { tornado, type TornadoResult } from "../analysis/dsa/tornado.js";
import { threshold, type ThresholdResult } from "../analysis/dsa/threshold.js";
import type { ModelProject } from "../files/model-project.js";

/** How many bars a project's tornado keeps by default (issue 9: "the ten most influential"). */
export const TORNADO_TOP = 10;

/** Settings of {@link projectDsa}. @internal */
export interface ProjectDsaSettings {
  readonly wtp: number;
  readonly thresholds: readonly number[];
  readonly cost: string;
  readonly effect: string;
  /** Strategy the tornado shows (its incremental NMB against the first strategy). */
  readonly strategy: string;
  /** Parameters the scenario holds fixed: not varied. */
  readonly fixed?: readonly string[];
  /** Tornado bars shown (default {@link TORNADO_TOP}); `"all"` for every parameter varied. */
  readonly tornadoBars?: number | "all";
}

/** One-way analysis, tornado and threshold analyses of a project, plus warnings for parameters that could not be varied. @internal */
export interface ProjectDsa {
  readonly oneWay?: OneWayResult;
  readonly tornado?: TornadoResult;
  readonly thresholds: readonly ThresholdResult[];
  readonly warnings: readonly string[];
}

/**
 * Runs the deterministic analyses a project asks for. Each parameter is varied on its own, so a
 * parameter whose range makes the model invalid (e.g. a probability pushed past 1 by a derived
 * expression) is reported as a warning instead of losing the whole tornado.
 * @internal
 */
export function projectDsa(project: ModelProject, model: Model<ParameterValues>, source: ParameterSource, settings: ProjectDsaSettings): ProjectDsa {
  const warnings: string[] = [];
  const ranges = dsaRanges(project, source, settings.fixed ?? []);
  const shared = { wtp: settings.wtp, cost: settings.cost, effect: settings.effect };
  let merged: OneWayResult | undefined;
  const varied: OneWayResult["parameters"][number][] = [];
  for (const [name, range] of ranges) {
    try {
      const result = oneWay(model, source, { ...shared, parameters: { [name]: range } });
      merged ??= result;
      varied.push(...result.parameters);
    } catch (error) {
      if (!(error instanceof QalyError)) throw error;
      warnings.push(`one-way analysis skipped parameter "${name}": ${error.issues[0]!.message}`);
    }
  }
  const oneWayResult = merged === undefined ? undefined : { ...merged, parameters: varied };
  let tornadoResult: TornadoResult | undefined;
  if (oneWayResult !== undefined && model.strategies.length > 1 && settings.strategy !== oneWayResult.comparator) {
    const bars = settings.tornadoBars ?? TORNADO_TOP;
    tornadoResult = tornado(oneWayResult, { measure: "incrementalNmb", strategy: settings.strategy, ...(bars === "all" ? {} : { top: bars }) });
  }
  const thresholds: ThresholdResult[] = [];
  for (const spec of project.thresholds ?? []) {
    for (const wtp of settings.thresholds.length > 0 ? settings.thresholds : [settings.wtp]) {
      thresholds.push(threshold(model, source, { ...shared, wtp, parameter: spec.parameter, range: spec.range, strategies: spec.strategies }));
    }
  }
  return { ...(oneWayResult === undefined ? {} : { oneWay: oneWayResult }), ...(tornadoResult === undefined ? {} : { tornado: tornadoResult }), thresholds, warnings };
}

/** The project's own one-way ranges, else the 95% interval of every parameter that has a univariate distribution. */
function dsaRanges(project: ModelProject, source: ParameterSource, fixed: readonly string[]): [string, OneWayRange][] {
  const rows = source.describe?.() ?? [];
  // A parameter a scenario holds fixed is not varied, even when the project lists a range for it;
  // nor is one whose range is "its distribution" while it has none (a file's scenario fixes it in the space).
  const noInterval = new Set(rows.filter((row) => row.lower === null || row.upper === null).map((row) => row.name));
  if (project.dsa !== undefined) return Object.entries(project.dsa).filter(([name, range]) => !fixed.includes(name) && !(range === "distribution" && noInterval.has(name)));
  return rows.filter((row) => row.lower !== null && row.upper !== null && row.lower < row.upper && (row as { kind?: string }).kind !== "group").map((row) => [row.name, "distribution"]);
}
