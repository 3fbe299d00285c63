import { detectedCountName } from "./detected-count-name.js";
import type { TestingPathway } from "./pathway-types.js";

/**
 * The counts a compiled pathway reports, per patient tested, in this order: `tests` (expected test
 * runs, retests included), `result` (P(result): testing ended at a positive call or with every test
 * done), `reBiopsy` (expected re-biopsies), `detected…` per category some test covers (true
 * positives, e.g. `detectedEgfr`), `actionableDetected` (true positives of categories with an arm),
 * `matchedTherapy` (matched therapy given), `falsePositive` (a positive call of an actionable target
 * the patient does not have). Next to them the tree reports `costTesting` (tests, retests,
 * confirmations, re-biopsies; also added to `cost`) and `time` (years from first sample to the end
 * of testing; × 365.25 for days).
 *
 * @param pathway - a pathway from {@link testingPathway}
 * @returns the count names, in the tree's order
 * @example
 * const pathway = testingPathway({
 *   categories: { EGFR: { prevalence: 0.1, arm: "osimertinib" }, none: { prevalence: complement } },
 *   tests: { egfrPcr: { sensitivity: { EGFR: 0.9 }, cost: 3000 } },
 *   strategies: { PCR: panel("egfrPcr") },
 *   treatment: { pTreat: 0.9, defaultArm: "chemo", missedArm: "chemo" },
 * });
 * testingCounts(pathway) // => ["tests", "result", "reBiopsy", "detectedEgfr", "actionableDetected", "matchedTherapy", "falsePositive"]
 */
export function testingCounts<P>(pathway: TestingPathway<P>): readonly string[] {
  const covered = new Set(Object.values(pathway.tests).flatMap((test) => Object.keys(test.sensitivity)));
  const detected = Object.keys(pathway.categories).filter((name) => covered.has(name)).map(detectedCountName);
  return Object.freeze(["tests", "result", "reBiopsy", ...detected, "actionableDetected", "matchedTherapy", "falsePositive"]);
}
