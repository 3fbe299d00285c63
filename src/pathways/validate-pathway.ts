import { didYouMean } from "../core/closest-name.js";
import type { IssueCollector, PathSegment } from "../core/errors.js";
import { isComplement } from "../models/complement.js";
import { BRANCH_SUM_TOLERANCE } from "../models/tree/tree-errors.js";
import { detectedCountName } from "./detected-count-name.js";
import { domainIssueCode, domainText, entries, inDomain, isRecord, PATHWAY_ROOT, pathwayInputs } from "./pathway-inputs.js";
import type { TestingPathwayDefinition } from "./pathway-types.js";
import { strategyTests } from "./strategy-stages.js";

const KINDS = ["panel", "sequential", "parallel", "reflex", "send-out"];

/**
 * Checks a pathway definition's structure and its constant inputs, adding every issue found:
 * categories (at least one, prevalences summing to 1, at most one `complement`), tests (covering
 * known categories, specificity only for actionable covered targets), strategies (known kinds and
 * tests), treatment (arms named, `noResultArm` included, a false-positive rule when a specificity may be below 1).
 *
 * @internal
 */
export function validatePathway<P>(definition: TestingPathwayDefinition<P>, issues: IssueCollector): void {
  const at = (...path: PathSegment[]): PathSegment[] => [...PATHWAY_ROOT, ...path];
  if (!isRecord(definition)) {
    issues.add({ code: "invalid_model", path: at(), message: "a testing pathway must be an object with categories, tests, strategies and treatment", received: definition });
    return;
  }
  for (const part of ["categories", "tests", "strategies"] as const) {
    if (!isRecord(definition[part]) || Object.keys(definition[part]).length === 0) issues.add({ code: "invalid_model", path: at(part), message: `a testing pathway needs at least one entry in ${part}`, received: definition[part] });
  }
  if (!isRecord(definition.treatment)) issues.add({ code: "invalid_model", path: at("treatment"), message: "a testing pathway needs a treatment rule ({ pTreat, defaultArm, missedArm, … })", received: definition.treatment });
  const categories = entries(definition.categories);
  const names = categories.map(([name]) => name);
  const counts = new Map<string, string>();
  let complements = 0;
  let constantSum = 0;
  let allConstant = true;
  for (const [name, category] of categories) {
    if (!isRecord(category)) {
      issues.add({ code: "invalid_model", path: at("categories", name), message: `category "${name}" must be an object { prevalence, arm? }`, received: category });
      continue;
    }
    const count = detectedCountName(name);
    const other = counts.get(count);
    if (name.trim() === "") issues.add({ code: "invalid_model", path: at("categories", name), message: "a category needs a non-empty name" });
    else if (other !== undefined) issues.add({ code: "invalid_model", path: at("categories", name), message: `categories "${other}" and "${name}" would both be reported as ${count}; rename one`, received: name });
    counts.set(count, name);
    if (isComplement(category.prevalence)) complements++;
    else if (typeof category.prevalence === "number") constantSum += category.prevalence;
    else if (typeof category.prevalence === "function") allConstant = false;
    else issues.add({ code: "invalid_model", path: at("categories", name, "prevalence"), message: "a prevalence must be a number, a function of the parameters or complement", received: category.prevalence });
    for (const key of ["arm", "missedArm"] as const) checkArm(category[key], at("categories", name, key), issues, true);
  }
  const tolerance = BRANCH_SUM_TOLERANCE;
  if (complements > 1) issues.add({ code: "invalid_model", path: at("categories"), message: `${complements} categories take the complement; at most one may take the rest`, received: complements });
  else if (allConstant && complements === 0 && categories.length > 0 && Math.abs(constantSum - 1) > tolerance) issues.add({ code: "row_sum_not_one", path: at("categories"), message: `prevalences sum to ${constantSum}, not 1 (tolerance ${tolerance})`, received: constantSum });
  else if (allConstant && complements === 1 && constantSum > 1 + tolerance) issues.add({ code: "negative_complement", path: at("categories"), message: `prevalences other than the complement sum to ${constantSum}, leaving a negative complement`, received: constantSum });

  const actionable = new Set(categories.filter(([, c]) => isRecord(c) && c.arm !== undefined).map(([name]) => name));
  let mayFalsePositive = false;
  for (const [name, test] of entries(definition.tests)) {
    if (!isRecord(test) || !isRecord(test.sensitivity) || Object.keys(test.sensitivity).length === 0) {
      issues.add({ code: "invalid_model", path: at("tests", name, ...(isRecord(test) ? ["sensitivity"] : [])), message: `test "${name}" needs a sensitivity per category it covers ({ EGFR: 0.95, … })`, received: isRecord(test) ? test.sensitivity : test });
      continue;
    }
    const covered = Object.keys(test.sensitivity);
    for (const category of covered) {
      if (!names.includes(category)) issues.add({ code: "invalid_model", path: at("tests", name, "sensitivity", category), message: `test "${name}" covers unknown category "${category}"; ${didYouMean(category, names)}`, received: category });
    }
    const spec = test.specificity;
    if (isRecord(spec)) {
      for (const [category, value] of entries(spec)) {
        if (!covered.includes(category)) issues.add({ code: "invalid_model", path: at("tests", name, "specificity", category), message: `test "${name}" gives a specificity for "${category}", which it does not cover`, received: category });
        else if (!actionable.has(category)) issues.add({ code: "invalid_model", path: at("tests", name, "specificity", category), message: `a false call of "${category}" changes no treatment (the category has no arm); remove its specificity`, received: category });
        else if (value !== 1) mayFalsePositive = true;
      }
    } else if (spec !== undefined && spec !== 1 && covered.some((c) => actionable.has(c))) mayFalsePositive = true;
    const confirmation = test.confirmation;
    if (confirmation !== undefined && !isRecord(confirmation)) issues.add({ code: "invalid_model", path: at("tests", name, "confirmation"), message: "a confirmation must be { cost, categories? }", received: confirmation });
    else if (confirmation?.categories !== undefined) {
      for (const [i, category] of (Array.isArray(confirmation.categories) ? confirmation.categories : []).entries()) {
        if (!covered.includes(category)) issues.add({ code: "invalid_model", path: at("tests", name, "confirmation", "categories", i), message: `test "${name}" confirms "${category}", which it does not cover`, received: category });
      }
    }
    for (const key of ["cost"] as const) if (test[key] === undefined) issues.add({ code: "invalid_model", path: at("tests", name, key), message: `test "${name}" needs a cost per test` });
  }

  const tests = Object.keys(isRecord(definition.tests) ? definition.tests : {});
  for (const [name, strategy] of entries(definition.strategies)) {
    if (!isRecord(strategy) || !KINDS.includes(strategy.kind)) {
      issues.add({ code: "invalid_model", path: at("strategies", name, "kind"), message: `strategy "${name}" needs a kind: ${KINDS.join(", ")}`, received: isRecord(strategy) ? strategy.kind : strategy });
      continue;
    }
    if ((strategy.kind === "sequential" || strategy.kind === "parallel") && (!Array.isArray(strategy.tests) || strategy.tests.length === 0)) {
      issues.add({ code: "invalid_model", path: at("strategies", name, "tests"), message: `strategy "${name}" needs a non-empty list of tests`, received: strategy.tests });
      continue;
    }
    const field = strategy.kind === "sequential" || strategy.kind === "parallel" ? "tests" : strategy.kind === "reflex" ? null : "test";
    strategyTests(strategy).forEach((group, k) => {
      group.forEach((test, i) => {
        if (tests.includes(test)) return;
        const where = field === "tests" ? ["tests", strategy.kind === "parallel" ? i : k] : field === "test" ? ["test"] : [k === 0 ? "first" : "then"];
        issues.add({ code: "invalid_model", path: at("strategies", name, ...where), message: `strategy "${name}" names unknown test "${String(test)}"; ${didYouMean(String(test), tests)}`, received: test });
      });
    });
    if (strategy.onFailure !== undefined && strategy.onFailure !== "rebiopsy" && strategy.onFailure !== "stop") issues.add({ code: "invalid_model", path: at("strategies", name, "onFailure"), message: 'onFailure must be "rebiopsy" or "stop"', received: strategy.onFailure });
    if (strategy.onFailure === "rebiopsy" && definition.rebiopsy === undefined) issues.add({ code: "invalid_model", path: at("strategies", name, "onFailure"), message: `strategy "${name}" re-biopsies after a failure, but the pathway has no rebiopsy rule`, received: strategy.onFailure });
  }

  const treatment = definition.treatment;
  if (isRecord(treatment)) {
    checkArm(treatment.defaultArm, at("treatment", "defaultArm"), issues, false);
    checkArm(treatment.missedArm, at("treatment", "missedArm"), issues, false);
    checkArm(treatment.untreatedArm, at("treatment", "untreatedArm"), issues, true);
    checkArm(treatment.noResultArm, at("treatment", "noResultArm"), issues, true);
    if (treatment.pTreat === undefined) issues.add({ code: "invalid_model", path: at("treatment", "pTreat"), message: "the treatment rule needs pTreat, P(matched therapy | actionable driver detected)" });
    if (treatment.falsePositive !== undefined) checkArm(isRecord(treatment.falsePositive) ? treatment.falsePositive.arm : undefined, at("treatment", "falsePositive", "arm"), issues, false);
    else if (mayFalsePositive) issues.add({ code: "invalid_model", path: at("treatment", "falsePositive"), message: "a specificity may be below 1: state the false-positive rule ({ arm, payoffs? }: who is treated how after a false positive)" });
  }

  for (const input of pathwayInputs(definition)) {
    const value = input.value;
    if (typeof value === "function") continue;
    if (typeof value !== "number") issues.add({ code: "invalid_model", path: input.path, message: `must be ${domainText(input.domain)} or a function of the parameters`, received: value });
    else if (!inDomain(value, input.domain, tolerance)) issues.add({ code: domainIssueCode(value, input.domain), path: input.path, message: `${value} is not ${domainText(input.domain)}`, received: value, expected: domainText(input.domain) });
  }
}

function checkArm(arm: unknown, path: PathSegment[], issues: IssueCollector, optional: boolean): void {
  if (arm === undefined && optional) return;
  if (typeof arm !== "string" || arm.trim() === "") issues.add({ code: "invalid_model", path, message: "an arm must be a non-empty name (a key of the arms given to testingTree)", received: arm });
}
