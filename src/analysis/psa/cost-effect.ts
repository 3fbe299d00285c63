import type { PsaResult } from "./psa-result.js";
import { requireName, unknownName } from "../../core/unknown-name.js";

/** Which outcomes of a PSA are the cost and the effect (the analyses' `cost`/`effect` options). */
export interface CostEffectOptions {
  /** Name of the cost outcome (default `"cost"`). */
  readonly cost?: string;
  /** Name of the effect outcome (default `"qaly"` when the result has it, else `"effect"`). */
  readonly effect?: string;
}

/** Cost and effect series of every strategy, resolved from a PSA result. @internal */
export interface CostEffectSeries {
  readonly cost: readonly Float64Array[];
  readonly effect: readonly Float64Array[];
  readonly size: number;
}

/** Resolves the cost and effect outcomes of a PSA result (see {@link CostEffectOptions}). @internal */
export function costEffectSeries(psa: PsaResult, options: CostEffectOptions = {}): CostEffectSeries {
  const cost = requireName("unknown_outcome", ["cost"], "outcome", options.cost ?? "cost", psa.outcomes);
  const effect = options.effect ?? (psa.outcomes.includes("qaly") ? "qaly" : psa.outcomes.includes("effect") ? "effect" : undefined);
  if (effect === undefined) unknownName("unknown_outcome", ["effect"], "outcome", "qaly", psa.outcomes);
  requireName("unknown_outcome", ["effect"], "outcome", effect, psa.outcomes);
  return {
    cost: psa.strategies.map((s) => psa.values(cost, s)),
    effect: psa.strategies.map((s) => psa.values(effect, s)),
    size: psa.size,
  };
}

/** Index of a strategy of a PSA result, default the first; unknown names throw `unknown_strategy`. @internal */
export function strategyIndexOf(psa: PsaResult, name: string | undefined, path: string): number {
  if (name === undefined) return 0;
  return psa.strategies.indexOf(requireName("unknown_strategy", [path], "strategy", name, psa.strategies));
}

/** Plain mean of a series, summed in draw order. @internal */
export function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}
