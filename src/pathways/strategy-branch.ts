// One strategy as a branch of the root decision: the true status first, then per category the
// chain of testing stages (attempt, failure, re-biopsy, retest, detection, false positives).
import { complement } from "../models/complement.js";
import { chance } from "../models/tree/chance.js";
import type { ChanceBranch, DecisionBranch, Payoffs, TreeNode, Value } from "../models/tree/tree-types.js";
import { yearsPerTimeUnit } from "../survival/time-unit.js";
import type { CategoryLeaves } from "./category-leaves.js";
import { detectedCountName } from "./detected-count-name.js";
import type { RebiopsyDefinition, TestingPathway } from "./pathway-types.js";
import { combineValues, sumValues, ValueMemo } from "./pathway-values.js";
import { type Stage, strategyStages } from "./strategy-stages.js";
import type { TestingStrategy } from "./testing-strategy.js";

const YEARS_PER_DAY = yearsPerTimeUnit("days");

/** Days as the tree's `time` (years), left out when the number 0. */
function time<P>(days: Value<P>, memo: ValueMemo<P>): { time?: Value<P> } {
  return days === 0 ? {} : { time: memo.get("years", [days], () => combineValues([days], (d) => d[0]! * YEARS_PER_DAY)) };
}

/** Σ values, one function per distinct list (see {@link ValueMemo}). */
function sum<P>(values: readonly Value<P>[], memo: ValueMemo<P>): Value<P> {
  return memo.get("sum", values, () => sumValues(values));
}

/**
 * The decision branch of one strategy: `counts` (all zero) make every testing outcome exist in
 * every tree, the strategy's own turnaround is its `time`, and `next` splits by true status.
 *
 * @internal
 */
export function strategyBranch<P>(pathway: TestingPathway<P>, strategy: TestingStrategy<P>, leaves: ReadonlyMap<string, CategoryLeaves<P>>, zeroCounts: Payoffs<P>, memo: ValueMemo<P> = new ValueMemo<P>()): DecisionBranch<P> {
  const stages = strategyStages(pathway, strategy);
  const rebiopsy = strategy.onFailure === "stop" ? undefined : pathway.rebiopsy;
  const branches = Object.entries(pathway.categories).map(([name, category]): ChanceBranch<P> => {
    const own = leaves.get(name)!;
    let next: TreeNode<P> = own.complete;
    for (let k = stages.length - 1; k >= 0; k--) next = attempt(stages[k]!, outcome(pathway, stages[k]!, name, next, own, memo), own.noResult, rebiopsy, memo);
    return { label: name, probability: category.prevalence, next };
  });
  return { counts: zeroCounts, ...time(strategy.turnaroundDays ?? 0, memo), next: chance("True status", branches) };
}

/**
 * A stage's attempt: the test run (charged, counted, timed); on failure a re-biopsy and one retest,
 * or stop. A final failure ends testing without a result (`stopped`: the category's no-result leaf),
 * whatever the earlier stages of a sequence found negative.
 */
function attempt<P>(stage: Stage<P>, result: TreeNode<P>, stopped: TreeNode<P>, rebiopsy: RebiopsyDefinition<P> | undefined, memo: ValueMemo<P>): TreeNode<P> {
  const run = { payoffs: { costTesting: stage.cost }, counts: { tests: stage.tests }, ...time(sum([stage.delayDays, stage.turnaroundDays], memo), memo) };
  if (stage.failure === 0) return chance(stage.name, [{ label: "Result", probability: 1, ...run, next: result }]);
  let failed = stopped;
  if (rebiopsy !== undefined) {
    const payoffs: Record<string, Value<P>> = { costTesting: sum([rebiopsy.cost, stage.cost], memo) };
    const loss = rebiopsy.qalyLoss;
    if (loss !== undefined && loss !== 0) payoffs["qaly"] = memo.get("negate", [loss], () => combineValues([loss], (x) => -x[0]!));
    failed = chance(`${stage.name}: failed sample`, [
      {
        label: "Re-biopsy",
        probability: rebiopsy.probability,
        payoffs,
        counts: { reBiopsy: 1, tests: stage.tests },
        ...time(rebiopsy.delayDays ?? 0, memo),
        next: chance(`${stage.name}: retest`, [
          { label: "Result", probability: complement, next: result },
          { label: "Sample fails", probability: stage.failure, next: stopped },
        ]),
      },
      { label: "No re-biopsy", probability: complement, next: stopped },
    ]);
  }
  return chance(stage.name, [
    { label: "Result", probability: complement, ...run, next: result },
    { label: "Sample fails", probability: stage.failure, ...run, next: failed },
  ]);
}

/**
 * A stage's result for a patient of category `name`: detected with the sensitivity (testing stops);
 * otherwise a false positive of another actionable target t with P = Π_{i<j} spec_i × (1 − spec_j)
 * in target order (testing stops); otherwise negative, and testing goes on (`negative`).
 */
function outcome<P>(pathway: TestingPathway<P>, stage: Stage<P>, name: string, negative: TreeNode<P>, own: CategoryLeaves<P>, memo: ValueMemo<P>): TreeNode<P> {
  const targets = [...stage.specificity].filter(([target]) => target !== name);
  let notDetected = negative;
  if (targets.length > 0) {
    const specs = targets.map(([, spec]) => spec);
    const branches = targets.map(([target], j): ChanceBranch<P> => {
      const confirmation = stage.confirmation.get(target);
      return {
        label: `False positive ${target}`,
        // One function per distinct list of specificities, whichever category and stage it serves.
        probability: memo.get("falsePositive", specs.slice(0, j + 1), () =>
          combineValues(specs.slice(0, j + 1), (s) => {
            // Π_{i<j} s_i · (1 − s_j), multiplied from the left as reduce did, without a slice per draw.
            let product = 1;
            for (let i = 0; i < j; i++) product *= s[i]!;
            return product * (1 - s[j]!);
          }),
        ),
        counts: { falsePositive: 1, result: 1 },
        ...(confirmation === undefined ? {} : { payoffs: { costTesting: confirmation } }),
        next: own.falsePositive!,
      };
    });
    notDetected = chance(`${stage.name}: other targets`, [...branches, { label: "Negative", probability: complement, next: negative }]);
  }
  const sensitivity = stage.sensitivity.get(name);
  if (sensitivity === undefined) return notDetected;
  const confirmation = stage.confirmation.get(name);
  const counts: Record<string, number> = { [detectedCountName(name)]: 1, result: 1 };
  if (pathway.categories[name]!.arm !== undefined) counts["actionableDetected"] = 1;
  return chance(`${stage.name}: ${name}`, [
    { label: "Detected", probability: sensitivity, counts, ...(confirmation === undefined ? {} : { payoffs: { costTesting: confirmation } }), next: own.positive },
    { label: "Not detected", probability: complement, next: notDetected },
  ]);
}
