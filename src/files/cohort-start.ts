import type { Issue } from "../core/errors.js";
import type { CompiledFile } from "./compile-model-file.js";
import type { MarkovFile } from "./model-file-schema.js";

/** Relative slack for a starting distribution that sums to 1 or to the cohort size. */
const SUM_TOLERANCE = 1e-9;

/**
 * A file with a `cohortSize` may write each Markov model's `start` in counts (`{ Well: 900, Sick: 100 }`
 * for a cohort of 1 000, as heemod's `init`): they are divided by the cohort size, so the engine and
 * every per-person result are unchanged. Proportions that sum to 1 stay as they are; any other sum
 * is an `invalid_model` issue at the model's `start`.
 */
export function withCohortStart(compiled: CompiledFile, issues: Issue[]): CompiledFile {
  const size = compiled.file.cohortSize;
  if (size === undefined) return compiled;
  const scale = (def: MarkovFile, path: readonly (string | number)[]): MarkovFile => {
    const sum = Object.values(def.start).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) <= SUM_TOLERANCE) return def;
    if (Math.abs(sum - size) <= SUM_TOLERANCE * size) return { ...def, start: Object.fromEntries(Object.entries(def.start).map(([state, count]) => [state, count / size])) };
    issues.push({ code: "invalid_model", path: [...path, "start"], message: `the starting cohort sums to ${sum}: give proportions that sum to 1 or counts that sum to cohortSize (${size})`, received: sum });
    return def;
  };
  const { file } = compiled;
  const model = file.model.type === "markov" ? scale(file.model, ["model"]) : file.model;
  const models = file.models === undefined ? undefined : Object.fromEntries(Object.entries(file.models).map(([name, def]) => [name, def.type === "markov" ? scale(def, ["models", name]) : def]));
  return { ...compiled, file: { ...file, model, ...(models === undefined ? {} : { models }) } };
}
