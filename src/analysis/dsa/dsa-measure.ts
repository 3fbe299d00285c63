import { fail, type PathSegment } from "../../core/errors.js";
import type { DsaResults } from "./dsa-strategy-result.js";
import { requireName } from "../../core/unknown-name.js";

/**
 * What a tornado (or other summary of a deterministic analysis) reports for a strategy:
 * - `"nmb"`: net monetary benefit `wtp × effect − cost`;
 * - `"incrementalNmb"`: NMB minus the comparator's NMB;
 * - `"icer"`: incremental cost per unit of incremental effect against the comparator;
 * - `"incrementalCost"`, `"incrementalEffect"`: differences against the comparator;
 * - any outcome name of the model (`"cost"`, `"qaly"`, `"lifeYears"` …).
 * The keywords take precedence over an outcome with the same name.
 */
export type DsaMeasure = "nmb" | "incrementalNmb" | "icer" | "incrementalCost" | "incrementalEffect" | (string & {});

/** What {@link measureValue} needs to know about the analysis. @internal */
export interface MeasureSpec {
  readonly measure: DsaMeasure;
  readonly strategy: string;
  readonly comparator: string;
  readonly wtp: number;
  readonly cost: string;
  readonly effect: string;
  readonly outcomes: readonly string[];
}

const KEYWORDS: readonly string[] = ["nmb", "incrementalNmb", "icer", "incrementalCost", "incrementalEffect"];

/** Throws unless `measure` is a keyword or an outcome name. @internal */
export function checkMeasure(measure: string, outcomes: readonly string[], path: readonly PathSegment[]): void {
  if (!KEYWORDS.includes(measure)) requireName("unknown_outcome", path, "measure", measure, [...KEYWORDS, ...outcomes]);
}

/**
 * The measure for one strategy from one set of results, recomputing NMB at `spec.wtp` from the
 * cost and effect outcomes (so a one-way result can be summarised at any WTP).
 * @internal
 */
export function measureValue(results: DsaResults, spec: MeasureSpec, path: readonly PathSegment[]): number {
  const own = results[spec.strategy]!.outcomes;
  const other = results[spec.comparator]!.outcomes;
  const nmb = (o: Readonly<Record<string, number>>): number => spec.wtp * o[spec.effect]! - o[spec.cost]!;
  switch (spec.measure) {
    case "nmb":
      return nmb(own);
    case "incrementalNmb":
      return nmb(own) - nmb(other);
    case "incrementalCost":
      return own[spec.cost]! - other[spec.cost]!;
    case "incrementalEffect":
      return own[spec.effect]! - other[spec.effect]!;
    case "icer": {
      const incrementalEffect = own[spec.effect]! - other[spec.effect]!;
      if (incrementalEffect === 0) {
        fail("invalid_argument", path, `the ICER of "${spec.strategy}" vs "${spec.comparator}" is undefined here (equal effects); use measure "incrementalNmb"`);
      }
      return (own[spec.cost]! - other[spec.cost]!) / incrementalEffect;
    }
    default:
      return own[spec.measure]!;
  }
}
