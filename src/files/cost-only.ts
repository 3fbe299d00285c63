import type { Issue } from "../core/errors.js";
import { QalyError } from "../core/errors.js";
import type { Model } from "../models/model.js";
import { costOnlyModel } from "../models/cost-only-model.js";

type Params = Readonly<Record<string, number>>;

/**
 * The model a file's analyses use: with `outcomes: { effect: null }` (a cost-only file), the model
 * with an added zero `effect` outcome; otherwise the model itself. A clash is pushed onto `issues`.
 */
export function decisionModel(model: Model<Params, string> | undefined, costOnly: boolean, issues: Issue[]): Model<Params, string> | undefined {
  if (model === undefined || !costOnly) return model;
  try {
    return costOnlyModel(model);
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues.map((issue) => ({ ...issue, code: "invalid_model" as const, path: ["outcomes", "effect"] })));
    return undefined;
  }
}
