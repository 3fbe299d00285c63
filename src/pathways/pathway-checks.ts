import { fail, type PathSegment } from "../core/errors.js";
import { isComplement } from "../models/complement.js";
import { BRANCH_SUM_TOLERANCE } from "../models/tree/tree-errors.js";
import { domainIssueCode, domainText, inDomain, PATHWAY_ROOT, pathwayInputs } from "./pathway-inputs.js";
import type { TestingPathway } from "./pathway-types.js";

/**
 * The checks of a pathway's parameter-driven inputs, run before every evaluation: each function
 * of the parameters lands in its domain (a sensitivity in [0, 1], a cost ≥ 0), and the prevalences
 * sum to 1 (or, with a `complement` category, to at most 1). Errors name the pathway path and the
 * PSA draw (`draw[17].pathways.tests.hotspot.sensitivity.EGFR`), not the tree node.
 *
 * @internal
 */
export function pathwayChecks<P>(pathway: TestingPathway<P>): (params: P, draw: number | undefined) => void {
  const all = pathwayInputs(pathway).filter((input) => typeof input.value === "function");
  // A function at several inputs of one domain (a sensitivity shared by the stages that run a test)
  // is checked once, at its first input: the first input that fails is still the one reported.
  const inputs = all.filter((input, i) => all.findIndex((other) => other.value === input.value && other.domain === input.domain) === i);
  const functions = inputs.map((input) => input.value as (p: P) => number);
  const prevalences = Object.values(pathway.categories).map((c) => c.prevalence);
  const hasComplement = prevalences.some(isComplement);
  const dynamic = prevalences.some((v) => typeof v === "function");
  const at = (draw: number | undefined, path: readonly PathSegment[]): PathSegment[] => (draw === undefined ? [...path] : ["draw", draw, ...path]);
  const suffix = (draw: number | undefined): string => (draw === undefined ? "" : ` (PSA draw ${draw})`);
  // Imports as locals: a loader that turns module bindings into getters (tsx's CommonJS output) then
  // does not call one per input per draw.
  const tolerance = BRANCH_SUM_TOLERANCE;
  const within = inDomain;
  const domains = inputs.map((input) => input.domain);
  const summed = prevalences.filter((v) => !isComplement(v)) as (number | ((p: P) => number))[];
  return (params, draw) => {
    for (let i = 0; i < functions.length; i++) {
      const x = functions[i]!(params);
      if (!within(x, domains[i]!, tolerance)) {
        const input = inputs[i]!;
        const hint = x === undefined ? " (does the function read a parameter name that does not exist?)" : "";
        fail(domainIssueCode(x, input.domain), at(draw, input.path), `evaluated to ${String(x)}, not ${domainText(input.domain)}${hint}${suffix(draw)}`, { received: x, expected: domainText(input.domain) });
      }
    }
    if (!dynamic) return;
    let sum = 0;
    for (let i = 0; i < summed.length; i++) {
      const v = summed[i]!;
      sum += typeof v === "number" ? v : v(params);
    }
    if (hasComplement ? sum > 1 + tolerance : Math.abs(sum - 1) > tolerance) {
      const message = hasComplement ? `prevalences other than the complement sum to ${sum}, leaving a negative complement` : `prevalences sum to ${sum}, not 1 (tolerance ${BRANCH_SUM_TOLERANCE})`;
      fail(hasComplement ? "negative_complement" : "row_sum_not_one", at(draw, [...PATHWAY_ROOT, "categories"]), message + suffix(draw), { received: sum });
    }
  };
}
