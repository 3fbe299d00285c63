// The data of a diagnostic testing pathway: true-status categories, tests, failure handling,
// strategies and the treatment rule. Plain objects (numbers, names and `(p) => number`
// functions), validated by `testingPathway` and compiled by `testingTree`.
import type { Complement } from "../models/complement.js";
import type { Payoffs, Value } from "../models/tree/tree-types.js";
import type { TestingStrategy } from "./testing-strategy.js";

/**
 * One mutually exclusive true-status category of the tumour (a driver alteration such as EGFR,
 * or "none"). A category with an `arm` is *actionable*: detected, it leads to its matched therapy.
 */
export interface CategoryDefinition<P, A extends string = string> {
  /** Prevalence among the patients tested: a probability, or `complement` (1 − the others) for one category. */
  readonly prevalence: Value<P> | Complement;
  /** Treatment arm of the matched therapy; absent for categories treated like "none" (e.g. KRAS G12C in 1L NSCLC). */
  readonly arm?: A;
  /** Arm of a patient with this driver when it is not found or not acted on (default: the treatment rule's `missedArm`). */
  readonly missedArm?: A;
}

/** A confirmation test done after every positive call of a test (e.g. FISH after a positive ROS1 IHC). */
export interface TestConfirmation<P, C extends string = string> {
  /** Cost per confirmation, in the model's currency. */
  readonly cost: Value<P>;
  /** Categories whose positive calls are confirmed (default: every category the test covers). */
  readonly categories?: readonly C[];
}

/**
 * One laboratory test (a single-gene assay, an IHC stain, a panel). The categories it covers are
 * the keys of `sensitivity`; any other category is never detected by it.
 */
export interface TestDefinition<P, C extends string = string> {
  /** P(positive call for category g | true status g), per covered category, in [0, 1]. */
  readonly sensitivity: { readonly [K in C]?: Value<P> };
  /**
   * P(no positive call for target t | true status ≠ t), in [0, 1]: one value for every actionable
   * covered target, or one per target (default 1). Only actionable targets (categories with an
   * arm) can give a false positive: a false call of a category without an arm changes no treatment.
   */
  readonly specificity?: Value<P> | { readonly [K in C]?: Value<P> };
  /** P(no result: the sample fails or is inadequate), in [0, 1] (default 0). */
  readonly failure?: Value<P>;
  /** Days from sample to result (default 0). */
  readonly turnaroundDays?: Value<P>;
  /** Cost per test run, in the model's currency, charged for failed runs too. */
  readonly cost: Value<P>;
  /** Confirmation of positive calls, if any. */
  readonly confirmation?: TestConfirmation<P, C>;
}

/** What happens after a sample fails: a re-biopsy with a probability, a cost and a delay, then one retest. */
export interface RebiopsyDefinition<P> {
  /** P(re-biopsy | failed sample), in [0, 1]; the others stop without a result. */
  readonly probability: Value<P>;
  /** Cost of the re-biopsy (the retest is charged at the test's own cost). */
  readonly cost: Value<P>;
  /** Extra days to result per re-biopsy (default 0). */
  readonly delayDays?: Value<P>;
  /** One-off QALY loss per re-biopsy (default none), written as a negative `qaly` payoff. */
  readonly qalyLoss?: Value<P>;
}

/** What happens to a false-positive result that is acted on (with probability `pTreat`). */
export interface FalsePositiveRule<P, A extends string = string> {
  /** The arm entered (NSCLC specification: the "missed" arm). */
  readonly arm: A;
  /** Payoffs added on the way (NSCLC specification: the targeted drug's cost, e.g. `{ costDrug: … }`). */
  readonly payoffs?: Payoffs<P>;
}

/**
 * Who gets which treatment after testing. A true positive of an actionable category gets its
 * matched arm with probability `pTreat`, else `untreatedArm`; an actionable driver not found
 * (false negative, not tested, no result) gets its `missedArm`; a patient without an actionable
 * driver whose testing ended without a result gets `noResultArm` (default `defaultArm`); every
 * other patient the `defaultArm`. A false positive is acted on with probability `pTreat` (the
 * clinician cannot tell it from a true one) and follows `falsePositive`; otherwise the patient is
 * treated as negative.
 *
 * *No result* means: testing stopped on a final sample failure (no re-biopsy, a failed retest, or
 * a failure under `onFailure: "stop"`) before any positive call, true or false. In a sequence this
 * includes patients whose earlier steps were negative and a later step failed: the remaining genes
 * are untested, so their status is not documented. It is the complement of the `result` count.
 */
export interface TreatmentRule<P, A extends string = string> {
  /** P(matched therapy | actionable driver detected), in [0, 1]. */
  readonly pTreat: Value<P>;
  /** Arm of patients without a detected actionable driver and without one missed (e.g. chemo-immunotherapy). */
  readonly defaultArm: A;
  /** Arm of actionable drivers not detected (categories may override it). */
  readonly missedArm: A;
  /**
   * Arm of patients without an actionable driver whose testing ended without a result (a final
   * sample failure before any positive call; see above), default `defaultArm`. For example mCRC:
   * without a documented RAS/BRAF wild-type result no anti-EGFR therapy. Actionable drivers
   * without a result still get their missed arm.
   */
  readonly noResultArm?: A;
  /** Arm of detected actionable drivers not given matched therapy (default: the category's missed arm). */
  readonly untreatedArm?: A;
  /** The rule for false positives; required when any specificity may be below 1. */
  readonly falsePositive?: FalsePositiveRule<P, A>;
}

/**
 * A testing pathway as data: categories with prevalences, tests, failure handling, the strategies
 * compared and the treatment rule. Names flow as types: a test may cover only declared
 * categories, a strategy may name only declared tests.
 */
export interface TestingPathwayDefinition<P, C extends string = string, T extends string = string, A extends string = string, S extends string = string> {
  /** True-status categories in tree order, name → prevalence and arm. */
  readonly categories: { readonly [K in C]: CategoryDefinition<P, A> };
  /** Tests by name. */
  readonly tests: { readonly [K in T]: TestDefinition<P, NoInfer<C>> };
  /** Failure handling: a re-biopsy and one retest; absent, a failed sample ends testing without a result. */
  readonly rebiopsy?: RebiopsyDefinition<P>;
  /** The strategies compared, name → strategy, in order. */
  readonly strategies: { readonly [K in S]: TestingStrategy<P, NoInfer<T>> };
  /** Treatment assignment after testing. */
  readonly treatment: TreatmentRule<P, A>;
}

/** A validated, frozen testing pathway (what {@link testingPathway} returns). */
export interface TestingPathway<P, C extends string = string, T extends string = string, A extends string = string, S extends string = string>
  extends TestingPathwayDefinition<P, C, T, A, S> {
  /** Discriminant, so a pathway can be told from other definitions. */
  readonly kind: "testing-pathway";
}
