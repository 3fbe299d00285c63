// Differential test of diagnostic testing pathways (docs/testing-pathways.md, and the model-file form
// of docs/model-files.md, "Testing pathways (`type: testing-pathway`)"): random pathways against a
// deliberately naive re-implementation of the documented rules written here, which never calls
// src/pathways. Each case draws 2-6 mutually exclusive categories (one taking the complement, or
// none, with prevalences that sum to 1, sometimes a Dirichlet group in the file), actionable ones
// with arms (shared arms, own missed arms), 1-5 tests covering some categories in a random written
// order (sensitivities including 0 and 1, specificity absent, one value or per target, failure,
// turnaround, cost, confirmation of all or some categories), an optional re-biopsy rule (probability,
// cost, delay, QALY loss) and 1-4 strategies of the five kinds with their options (own turnaround,
// onFailure stop or rebiopsy, ordering delay, parallel failure, send-out turnaround and shipping,
// sequences repeating a test), and a treatment rule (pTreat, untreatedArm, noResultArm, a
// false-positive rule with cost, cost-category and QALY payoffs). Every number is a constant or a
// parameter's value. Arms are payoffs, chance nodes mixing two payoffs, or one model with a strategy
// per arm; each arm carries an `in<Arm>` payoff of 1, so the probability of every arm is an outcome
// and a patient sent to the wrong arm cannot hide. The oracle enumerates every path of every true
// category (attempt, failure, re-biopsy and one retest, detection, false calls target by target in
// the order written, the treatment rule) and compares every outcome qaly reports per strategy: the
// arms' outcomes, costTesting, time, tests, result, reBiopsy, detected… per covered category,
// actionableDetected, matchedTherapy and falsePositive, plus the count names and their order.
// Three front doors: testingPathway + testingTree (TypeScript API) for every seed, compileModelFile
// for a third of them (also bit for bit against the TypeScript tree where the leaves are the same),
// and runPsaSync on the file (with the TypeScript tree at the same draws) for an eighth.
// It found a parallel group's false calls ordered differently when a specificity was the number 1
// rather than a parameter of value 1, and three rules the docs did not state (a strategy's own
// turnaround replaces the ordering delays; a category confirmed by several tests of a parallel group
// is confirmed once, at the dearest cost; `time` and the false-positive payoffs are outcomes only
// where they can be non-zero); all now in docs/testing-pathways.md. An outcome qaly leaves out must be
// 0 in the oracle, with no term at all.
//
// Tolerance: 1e-12 of the sum of the absolute values of an outcome's terms (plus 1e-14 absolute).
// The oracle adds the same path probability × payoff terms as qaly's tree in another order and
// computes a few complements (1 − Π(1 − fᵢ), 1 − Σ prevalences) its own way; the largest
// difference seen over 3 000 seeds was 2.4e-15 of that sum. A wrong rule (a retest's turnaround
// added, shipping charged once, an arm default misread, false calls in another order) is off by far
// more: the smallest seen, a parallel group's false calls in another order, by 2e-5 relative.
import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { complement } from "../../src/models/complement.js";
import { chance } from "../../src/models/tree/chance.js";
import { terminal } from "../../src/models/tree/terminal.js";
import { evaluateModel, type Model } from "../../src/models/model.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";
import { seededGenerator } from "../helpers/oracle.js";
import { panel, parallel, reflex, sendOut, sequential, testingCounts, testingPathway, testingTree, type TestingPathwayDefinition, type TestingStrategy } from "../../src/pathways/index.js";


type Params = Readonly<Record<string, number>>;


// ---------------------------------------------------------------------------------------------
// The case: a pathway as plain data, every number a constant or a parameter's value.

/** How a parameter is drawn in the PSA. */
type Kind = "probability" | "amount" | "prevalence";

/** One input number: a constant, or the value of a parameter (a function in TypeScript, a name in the file). */
interface Num {
  readonly value: number;
  readonly param?: string;
}

interface CategorySpec {
  readonly name: string;
  readonly prevalence: Num | "complement";
  readonly arm?: string;
  readonly missedArm?: string;
}

interface TestSpec {
  readonly name: string;
  /** Covered categories → sensitivity, in the order written. */
  readonly sensitivity: readonly (readonly [string, Num])[];
  /** One value for every actionable target, or target → value in the order written. */
  readonly specificity?: Num | readonly (readonly [string, Num])[];
  readonly failure?: Num;
  readonly turnaroundDays?: Num;
  readonly cost: Num;
  readonly confirmation?: { readonly cost: Num; readonly categories?: readonly string[] };
}

interface RebiopsySpec {
  readonly probability: Num;
  readonly cost: Num;
  readonly delayDays?: Num;
  readonly qalyLoss?: Num;
}

type StrategyKind = "panel" | "sequential" | "parallel" | "reflex" | "send-out";

interface StrategySpec {
  readonly name: string;
  readonly kind: StrategyKind;
  /** The tests: one for panel and send-out, first and then for reflex. */
  readonly tests: readonly string[];
  /** The strategy's own turnaround (send-out: the external laboratory's, required). */
  readonly turnaroundDays?: Num;
  readonly onFailure?: "rebiopsy" | "stop";
  readonly orderingDelayDays?: Num;
  readonly failure?: Num;
  readonly shippingCost?: Num;
}

interface TreatmentSpec {
  readonly pTreat: Num;
  readonly defaultArm: string;
  readonly missedArm: string;
  readonly untreatedArm?: string;
  readonly noResultArm?: string;
  readonly falsePositive?: { readonly arm: string; readonly payoffs?: readonly (readonly [string, Num])[] };
}

/** An arm's payoffs: cost, qaly, ly and `in<Arm>` = 1, so that every arm's probability is an outcome of its own. */
type ArmPayoffs = Readonly<Record<string, number>>;

/** A treatment arm: plain payoffs, or a chance node mixing two (docs/model-files.md: "a chance node mixes arms"). */
type ArmSpec = { readonly payoffs: ArmPayoffs } | { readonly mix: number; readonly first: ArmPayoffs; readonly second: ArmPayoffs };

interface Case {
  readonly seed: number;
  readonly categories: readonly CategorySpec[];
  readonly tests: readonly TestSpec[];
  readonly rebiopsy?: RebiopsySpec;
  readonly strategies: readonly StrategySpec[];
  readonly treatment: TreatmentSpec;
  readonly arms: Readonly<Record<string, ArmSpec>>;
  /** Parameters: name → base value and how the PSA draws it. */
  readonly parameters: Readonly<Record<string, { readonly value: number; readonly kind: Kind }>>;
  /** Prevalence parameters drawn jointly from a Dirichlet (counts), when no category takes the complement. */
  readonly dirichlet?: { readonly names: readonly string[]; readonly counts: readonly number[] };
  /** Whether the TypeScript path gives the arms as one model with a strategy per arm (else payoffs). */
  readonly armsAsModel: boolean;
}

const CATEGORY_NAMES = ["EGFR", "ALK", "ROS1", "BRAF V600E", "KRAS G12C", "MET ex14", "HER2", "RET"];

const capitalised = (name: string): string => name[0]!.toUpperCase() + name.slice(1);
/** The outcome holding P(arm). */
const armOutcome = (arm: string): string => `in${capitalised(arm)}`;
/** docs/testing-pathways.md: `detected` and the category's words capitalised (`KRAS G12C` → `detectedKrasG12c`). */
const detectedName = (category: string): string =>
  `detected${category
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join("")}`;

function randomCase(seed: number): Case {
  const g = seededGenerator(seed);
  const parameters: Record<string, { value: number; kind: Kind }> = {};
  /** A number, a parameter's value about a third of the time. */
  const num = (kind: Kind, value: number, asParameter = g.chance(0.35)): Num => {
    if (!asParameter) return { value };
    const param = `x${Object.keys(parameters).length}`;
    parameters[param] = { value, kind };
    return { value, param };
  };
  const probability = (lo: number, hi: number, exact: readonly number[] = []): Num => num("probability", exact.length > 0 && g.chance(0.2) ? g.pick(exact) : g.round(lo, hi, 3));

  // Categories: 1-5 alterations and `none`, mutually exclusive.
  const count = g.int(1, 5);
  const alterations = g.shuffle(CATEGORY_NAMES).slice(0, count);
  const names = g.chance(0.85) ? [...alterations, "none"] : g.shuffle([...alterations, "none"]);
  const complementAt = g.chance(0.15) ? -1 : g.chance(0.8) ? names.indexOf("none") : g.int(0, names.length - 1);
  let dirichlet: Case["dirichlet"];
  const prevalences: (Num | "complement")[] = [];
  if (complementAt === -1) {
    // No complement: prevalences c_i / Σ c (they sum to 1 within rounding), sometimes drawn from a Dirichlet.
    const counts = names.map(() => g.int(1, 40));
    const total = counts.reduce((a, b) => a + b, 0);
    const joint = g.chance(0.5);
    const own = counts.map((c) => num("prevalence", c / total, joint));
    if (joint) dirichlet = { names: own.map((n) => n.param!), counts };
    prevalences.push(...own);
  } else {
    let budget = g.round(0.2, 0.8, 2);
    for (let i = 0; i < names.length; i++) {
      if (i === complementAt) {
        prevalences.push("complement");
        continue;
      }
      const share = Number((budget * g.round(0.05, 0.6, 2)).toFixed(4));
      budget -= share;
      prevalences.push(num("prevalence", share));
    }
  }
  let armIndex = 0;
  const categories: CategorySpec[] = names.map((name, i) => {
    const actionable = name !== "none" && g.chance(0.7);
    // Two categories may share an arm (one targeted drug for both).
    const arm = actionable ? (armIndex > 0 && g.chance(0.2) ? `target${armIndex - 1}` : `target${armIndex++}`) : undefined;
    const missedArm = actionable && g.chance(0.25) ? `missed${i}` : undefined;
    return { name, prevalence: prevalences[i]!, ...(arm === undefined ? {} : { arm }), ...(missedArm === undefined ? {} : { missedArm }) };
  });
  const actionable = new Set(categories.filter((c) => c.arm !== undefined).map((c) => c.name));
  const coverable = categories.filter((c) => c.name !== "none").map((c) => c.name);

  // Tests: 1-5, each covering some of the alterations, in a random order.
  const tests: TestSpec[] = [];
  for (let j = 0, n = g.int(1, 5); j < n; j++) {
    const covered = g.shuffle(coverable).slice(0, g.int(1, coverable.length));
    const sensitivity = covered.map((name): [string, Num] => [name, g.chance(0.25) ? num("probability", 1) : g.chance(0.04) ? num("probability", 0) : probability(0.5, 0.999)]);
    const targets = covered.filter((name) => actionable.has(name));
    let specificity: TestSpec["specificity"];
    const form = g.next();
    if (form < 0.3) specificity = probability(0.85, 0.999, [1]);
    else if (form < 0.6 && targets.length > 0) specificity = g.shuffle(targets).slice(0, g.int(1, targets.length)).map((t): [string, Num] => [t, probability(0.85, 0.999, [1])]);
    const confirmed = g.chance(0.5) ? undefined : g.shuffle(covered).slice(0, g.int(1, covered.length));
    tests.push({
      name: `t${j}`,
      sensitivity,
      ...(specificity === undefined ? {} : { specificity }),
      ...(g.chance(0.75) ? { failure: probability(0, 0.3, [0]) } : {}),
      ...(g.chance(0.8) ? { turnaroundDays: num("amount", g.chance(0.5) ? g.int(0, 21) : g.round(0.5, 14, 1)) } : {}),
      cost: num("amount", g.int(0, 20_000)),
      ...(g.chance(0.2) ? { confirmation: { cost: num("amount", g.int(500, 6000)), ...(confirmed === undefined ? {} : { categories: confirmed }) } } : {}),
    });
  }
  const testNames = tests.map((t) => t.name);

  const rebiopsy: RebiopsySpec | undefined = g.chance(0.7)
    ? {
        probability: probability(0, 1, [0, 1]),
        cost: num("amount", g.int(0, 30_000)),
        ...(g.chance(0.7) ? { delayDays: num("amount", g.int(0, 21)) } : {}),
        ...(g.chance(0.4) ? { qalyLoss: num("amount", g.round(0, 0.05, 4)) } : {}),
      }
    : undefined;

  // Strategies: 1-4 of the five kinds, with their options.
  const strategies: StrategySpec[] = [];
  for (let k = 0, n = g.int(1, 4); k < n; k++) {
    const kinds: StrategyKind[] = testNames.length > 1 ? ["panel", "sequential", "parallel", "reflex", "send-out"] : ["panel", "sequential", "parallel", "send-out"];
    const kind = g.pick(kinds);
    // An explicit "rebiopsy" needs the pathway's rebiopsy rule (refused without it).
    const onFailure: StrategySpec["onFailure"] = g.chance(0.2) ? "stop" : g.chance(0.1) && rebiopsy !== undefined ? "rebiopsy" : undefined;
    const own = g.chance(0.15) ? { turnaroundDays: num("amount", g.round(1, 30, 1)) } : {};
    const options = onFailure === undefined ? {} : { onFailure };
    const name = g.pick(["S", "NGS-", "SGT ", "Hotspot "]) + k;
    switch (kind) {
      case "panel":
        strategies.push({ name, kind, tests: [g.pick(testNames)], ...own, ...options });
        break;
      case "send-out":
        strategies.push({ name, kind, tests: [g.pick(testNames)], turnaroundDays: num("amount", g.int(5, 30)), ...(g.chance(0.6) ? { shippingCost: num("amount", g.int(0, 2000)) } : {}), ...options });
        break;
      case "sequential": {
        // Mostly distinct tests; now and then a test repeated later in the sequence.
        const picks = g.shuffle(testNames).slice(0, g.int(1, Math.min(4, testNames.length)));
        if (g.chance(0.1)) picks.push(g.pick(picks));
        const ordering = g.chance(0.4) ? { orderingDelayDays: num("amount", g.int(0, 7)) } : {};
        strategies.push({ name, kind, tests: picks, ...own, ...ordering, ...options });
        break;
      }
      case "parallel": {
        const picks = g.shuffle(testNames).slice(0, g.int(1, Math.min(3, testNames.length)));
        strategies.push({ name, kind, tests: picks, ...own, ...(g.chance(0.4) ? { failure: probability(0, 0.3, [0]) } : {}), ...options });
        break;
      }
      case "reflex": {
        const [first, then] = g.shuffle(testNames);
        strategies.push({ name, kind, tests: [first!, then!], ...own, ...options });
        break;
      }
    }
  }

  const anySpecificity = tests.some((t) => t.specificity !== undefined);
  const treatment: TreatmentSpec = {
    pTreat: probability(0.5, 1, [1]),
    defaultArm: "chemo",
    missedArm: g.chance(0.15) ? "chemo" : "missed",
    ...(g.chance(0.3) ? { untreatedArm: g.pick(["untreated", "chemo"]) } : {}),
    ...(g.chance(0.35) ? { noResultArm: g.pick(["noResult", "noResult", "chemo", "missed"]) } : {}),
    ...(anySpecificity || g.chance(0.3)
      ? {
          falsePositive: {
            arm: g.pick(["fpArm", "missed", "chemo"]),
            ...(g.chance(0.7)
              ? {
                  payoffs: g.pick([
                    () => [["costDrug", num("amount", g.int(0, 700_000))]] as [string, Num][],
                    () => [["cost", num("amount", g.int(0, 700_000))]] as [string, Num][],
                    () => [["costDrug", num("amount", g.int(0, 700_000))], ["qaly", { value: -g.round(0, 0.2, 3) }]] as [string, Num][],
                  ])(),
                }
              : {}),
          },
        }
      : {}),
  };

  // Every arm the pathway names, each with payoffs of its own.
  const used = new Set<string>([treatment.defaultArm, treatment.missedArm]);
  for (const c of categories) {
    if (c.arm !== undefined) used.add(c.arm);
    if (c.missedArm !== undefined) used.add(c.missedArm);
  }
  for (const arm of [treatment.untreatedArm, treatment.noResultArm, treatment.falsePositive?.arm]) if (arm !== undefined) used.add(arm);
  const armNames = [...used].sort();
  const payoffs = (arm: string): ArmPayoffs => ({ cost: g.int(0, 900_000), qaly: g.round(0, 5, 3), ly: g.round(0, 8, 3), ...Object.fromEntries(armNames.map((other) => [armOutcome(other), other === arm ? 1 : 0])) });
  const arms = Object.fromEntries(armNames.map((arm): [string, ArmSpec] => [arm, g.chance(0.2) ? { mix: g.round(0, 1, 2), first: payoffs(arm), second: payoffs(arm) } : { payoffs: payoffs(arm) }]));

  return {
    seed,
    categories,
    tests,
    ...(rebiopsy === undefined ? {} : { rebiopsy }),
    strategies,
    treatment,
    arms,
    parameters,
    ...(dirichlet === undefined ? {} : { dirichlet }),
    armsAsModel: g.chance(0.3),
  };
}

// ---------------------------------------------------------------------------------------------
// The oracle: docs/testing-pathways.md read literally, every path of every patient enumerated.

const DAYS_PER_YEAR = 365.25;

/** One test as the oracle sees a strategy step: a single test, a send-out, or a parallel group combined into one test. */
interface Step {
  /** Cost of one run of the step (every test of a parallel group, a send-out's shipping). */
  readonly cost: number;
  /** Test runs per attempt. */
  readonly runs: number;
  /** Days to result of one attempt. */
  readonly days: number;
  readonly failure: number;
  /** P(positive call for the true category | true category, a result). */
  readonly sensitivity: (category: string) => number;
  /** Actionable targets that can be called falsely, with their specificity, in order. */
  readonly targets: readonly (readonly [string, number])[];
  /** Confirmation cost charged on a positive call of a category. */
  readonly confirmation: (category: string) => number;
}

/** What one path carries until it ends (per patient on the path, not weighted). */
interface Acc {
  readonly probability: number;
  readonly costTesting: number;
  readonly tests: number;
  readonly reBiopsy: number;
  /** The tests' turnaround times. */
  readonly testDays: number;
  /** Ordering delays before later tests of a sequence. */
  readonly orderingDays: number;
  /** Re-biopsy delays. */
  readonly rebiopsyDays: number;
  readonly qalyLoss: number;
}

const START: Acc = { probability: 1, costTesting: 0, tests: 0, reBiopsy: 0, testDays: 0, orderingDays: 0, rebiopsyDays: 0, qalyLoss: 0 };
const scaled = (a: Acc, p: number): Acc => ({ ...a, probability: a.probability * p });
const plus = (a: Acc, b: Partial<Omit<Acc, "probability">>): Acc => ({
  probability: a.probability,
  costTesting: a.costTesting + (b.costTesting ?? 0),
  tests: a.tests + (b.tests ?? 0),
  reBiopsy: a.reBiopsy + (b.reBiopsy ?? 0),
  testDays: a.testDays + (b.testDays ?? 0),
  orderingDays: a.orderingDays + (b.orderingDays ?? 0),
  rebiopsyDays: a.rebiopsyDays + (b.rebiopsyDays ?? 0),
  qalyLoss: a.qalyLoss + (b.qalyLoss ?? 0),
});

const read = (n: Num, p: Params): number => (n.param === undefined ? n.value : p[n.param]!);

/** A test as a step (send-out: the external turnaround and the shipping cost). */
function testStep(test: TestSpec, p: Params, actionable: ReadonlySet<string>): Step {
  const sens = new Map(test.sensitivity.map(([name, n]) => [name, read(n, p)]));
  const spec = (target: string): number => {
    if (test.specificity === undefined) return 1;
    if (!Array.isArray(test.specificity)) return read(test.specificity as Num, p);
    const entry = (test.specificity as readonly (readonly [string, Num])[]).find(([name]) => name === target);
    return entry === undefined ? 1 : read(entry[1], p);
  };
  const confirmed = test.confirmation === undefined ? [] : test.confirmation.categories ?? test.sensitivity.map(([name]) => name);
  return {
    cost: read(test.cost, p),
    runs: 1,
    days: test.turnaroundDays === undefined ? 0 : read(test.turnaroundDays, p),
    failure: test.failure === undefined ? 0 : read(test.failure, p),
    sensitivity: (category) => sens.get(category) ?? 0,
    targets: test.sensitivity.filter(([name]) => actionable.has(name)).map(([name]) => [name, spec(name)] as const),
    confirmation: (category) => (confirmed.includes(category) ? read(test.confirmation!.cost, p) : 0),
  };
}

/** A strategy's steps, in order. */
function steps(c: Case, s: StrategySpec, p: Params, actionable: ReadonlySet<string>): Step[] {
  const test = (name: string): Step => testStep(c.tests.find((t) => t.name === name)!, p, actionable);
  switch (s.kind) {
    case "panel":
    case "sequential":
    case "reflex":
      return s.tests.map(test);
    case "send-out": {
      const one = test(s.tests[0]!);
      return [{ ...one, days: read(s.turnaroundDays!, p), cost: one.cost + (s.shippingCost === undefined ? 0 : read(s.shippingCost, p)) }];
    }
    case "parallel": {
      // docs: detected if any test covering it detects it (1 − Π(1 − sᵢ)), specificities multiply,
      // costs and test counts add, the longest turnaround, the shared sample fails with 1 − Π(1 − fᵢ).
      const group = s.tests.map(test);
      const targets: [string, number][] = [];
      for (const step of group) {
        for (const [name, spec] of step.targets) {
          const known = targets.find(([t]) => t === name);
          if (known === undefined) targets.push([name, spec]);
          else known[1] *= spec;
        }
      }
      return [
        {
          cost: group.reduce((a, t) => a + t.cost, 0),
          runs: group.length,
          days: Math.max(...group.map((t) => t.days)),
          failure: s.failure === undefined ? 1 - group.reduce((a, t) => a * (1 - t.failure), 1) : read(s.failure, p),
          sensitivity: (category) => 1 - group.reduce((a, t) => a * (1 - t.sensitivity(category)), 1),
          targets,
          // A category confirmed by several tests of the group: once, at the dearest cost.
          confirmation: (category) => group.reduce((a, t) => Math.max(a, t.confirmation(category)), 0),
        },
      ];
    }
  }
}

/** The outcomes every arm reports (cost, qaly, ly, in<Arm>…). */
const ARM_OUTCOMES = (c: Case): string[] => {
  const first = Object.values(c.arms)[0]!;
  return Object.keys("payoffs" in first ? first.payoffs : first.first);
};

/** Expected outcomes of one strategy: outcome → value, and the sum of the absolute values of its terms. */
type Expected = Record<string, { value: number; terms: number }>;

function oracle(c: Case, s: StrategySpec, p: Params): Expected {
  const out: Expected = {};
  const add = (name: string, v: number): void => {
    const o = (out[name] ??= { value: 0, terms: 0 });
    o.value += v;
    o.terms += Math.abs(v);
  };
  const actionable = new Set(c.categories.filter((k) => k.arm !== undefined).map((k) => k.name));
  const covered = new Set(c.tests.flatMap((t) => t.sensitivity.map(([name]) => name)));
  // Every reported outcome starts at 0.
  for (const name of ARM_OUTCOMES(c)) add(name, 0);
  for (const [name] of c.treatment.falsePositive?.payoffs ?? []) add(name, 0);
  for (const name of ["costTesting", "time", "tests", "result", "reBiopsy", "actionableDetected", "matchedTherapy", "falsePositive"]) add(name, 0);
  for (const k of c.categories) if (covered.has(k.name)) add(detectedName(k.name), 0);
  if (c.rebiopsy?.qalyLoss !== undefined) add("qaly", 0);

  const pTreat = read(c.treatment.pTreat, p);
  const prevalence = (k: CategorySpec): number =>
    k.prevalence === "complement" ? 1 - c.categories.reduce((a, other) => a + (other.prevalence === "complement" ? 0 : read(other.prevalence, p)), 0) : read(k.prevalence, p);
  const list = steps(c, s, p, actionable);
  const rebiopsy = c.rebiopsy !== undefined && s.onFailure !== "stop" ? c.rebiopsy : undefined;
  const ordering = s.orderingDelayDays === undefined ? 0 : read(s.orderingDelayDays, p);
  const ownTurnaround = s.kind !== "send-out" && s.turnaroundDays !== undefined ? read(s.turnaroundDays, p) : undefined;

  for (const k of c.categories) {
    const missed = k.missedArm ?? c.treatment.missedArm;
    /** The end of a path: testing payoffs, counts and the arm (with P(arm) of the path). */
    const end = (a: Acc, arm: string, flags: { result: boolean; detected?: boolean; matched?: boolean; falsePositive?: boolean; actedOn?: boolean }): void => {
      const w = a.probability;
      if (w === 0) return;
      // A strategy's own turnaround replaces the tests' turnarounds and the ordering delays; re-biopsy delays still add.
      const days = (ownTurnaround ?? a.testDays + a.orderingDays) + a.rebiopsyDays;
      add("costTesting", w * a.costTesting);
      add("cost", w * a.costTesting);
      add("time", (w * days) / DAYS_PER_YEAR);
      add("tests", w * a.tests);
      add("reBiopsy", w * a.reBiopsy);
      if (a.qalyLoss !== 0) add("qaly", -w * a.qalyLoss);
      if (flags.result) add("result", w);
      if (flags.detected === true) {
        add(detectedName(k.name), w);
        if (actionable.has(k.name)) add("actionableDetected", w);
      }
      if (flags.matched === true) add("matchedTherapy", w);
      if (flags.falsePositive === true) add("falsePositive", w);
      if (flags.actedOn === true) {
        for (const [name, n] of c.treatment.falsePositive!.payoffs ?? []) {
          add(name, w * read(n, p));
          if (name.startsWith("cost") && name !== "cost") add("cost", w * read(n, p));
        }
      }
      const spec = c.arms[arm]!;
      if ("payoffs" in spec) for (const [name, v] of Object.entries(spec.payoffs)) add(name, w * v);
      else {
        for (const [name, v] of Object.entries(spec.first)) add(name, w * spec.mix * v);
        for (const [name, v] of Object.entries(spec.second)) add(name, w * (1 - spec.mix) * v);
      }
    };
    /** Testing ended without a result (a final sample failure before any positive call). */
    const noResult = (a: Acc): void => end(a, actionable.has(k.name) ? missed : c.treatment.noResultArm ?? c.treatment.defaultArm, { result: false });
    /** A result of step i: detection, else a false positive in target order, else negative (on to the next step). */
    const resolve = (i: number, a: Acc): void => {
      const step = list[i]!;
      const sens = step.sensitivity(k.name);
      const hit = plus(scaled(a, sens), { costTesting: step.confirmation(k.name) });
      if (actionable.has(k.name)) {
        end(scaled(hit, pTreat), k.arm!, { result: true, detected: true, matched: true });
        end(scaled(hit, 1 - pTreat), c.treatment.untreatedArm ?? missed, { result: true, detected: true });
      } else end(hit, c.treatment.defaultArm, { result: true, detected: true });
      let rest = scaled(a, 1 - sens);
      for (const [target, spec] of step.targets) {
        if (target === k.name) continue;
        const call = plus(scaled(rest, 1 - spec), { costTesting: step.confirmation(target) });
        if (c.treatment.falsePositive !== undefined) end(scaled(call, pTreat), c.treatment.falsePositive.arm, { result: true, falsePositive: true, actedOn: true });
        end(scaled(call, c.treatment.falsePositive === undefined ? 1 : 1 - pTreat), actionable.has(k.name) ? missed : c.treatment.defaultArm, { result: true, falsePositive: true });
        rest = scaled(rest, spec);
      }
      walk(i + 1, rest);
    };
    /** Step i: the attempt, failure, re-biopsy and one retest. */
    const walk = (i: number, a: Acc): void => {
      if (i === list.length) {
        end(a, actionable.has(k.name) ? missed : c.treatment.defaultArm, { result: true });
        return;
      }
      const step = list[i]!;
      const tried = plus(a, { costTesting: step.cost, tests: step.runs, testDays: step.days, orderingDays: i > 0 ? ordering : 0 });
      resolve(i, scaled(tried, 1 - step.failure));
      const failed = scaled(tried, step.failure);
      if (rebiopsy === undefined) {
        noResult(failed);
        return;
      }
      const r = read(rebiopsy.probability, p);
      noResult(scaled(failed, 1 - r));
      const retest = plus(scaled(failed, r), {
        costTesting: read(rebiopsy.cost, p) + step.cost,
        tests: step.runs,
        reBiopsy: 1,
        rebiopsyDays: rebiopsy.delayDays === undefined ? 0 : read(rebiopsy.delayDays, p),
        qalyLoss: rebiopsy.qalyLoss === undefined ? 0 : read(rebiopsy.qalyLoss, p),
      });
      resolve(i, scaled(retest, 1 - step.failure));
      noResult(scaled(retest, step.failure));
    };
    walk(0, scaled(START, prevalence(k)));
  }
  return out;
}

/** The count outcomes in the documented order (they come last in a tree's outcomes). */
function expectedCounts(c: Case): string[] {
  const covered = new Set(c.tests.flatMap((t) => t.sensitivity.map(([name]) => name)));
  return ["tests", "result", "reBiopsy", ...c.categories.filter((k) => covered.has(k.name)).map((k) => detectedName(k.name)), "actionableDetected", "matchedTherapy", "falsePositive"];
}

// ---------------------------------------------------------------------------------------------
// The two front doors: the TypeScript API and a model file.

/** A number for the TypeScript API: the constant, or a function reading the parameter. */
const ts = (n: Num): number | ((p: Params) => number) => (n.param === undefined ? n.value : (p: Params) => p[n.param!]!);
/** A number for a model file: the constant, or the parameter's name. */
const text = (n: Num): number | string => n.param ?? n.value;

function tsStrategy(s: StrategySpec): TestingStrategy<Params> {
  const options = {
    ...(s.turnaroundDays === undefined || s.kind === "send-out" ? {} : { turnaroundDays: ts(s.turnaroundDays) }),
    ...(s.onFailure === undefined ? {} : { onFailure: s.onFailure }),
  };
  switch (s.kind) {
    case "panel":
      return panel<Params, string>(s.tests[0]!, options);
    case "sequential":
      return sequential<Params, string>(s.tests, { ...options, ...(s.orderingDelayDays === undefined ? {} : { orderingDelayDays: ts(s.orderingDelayDays) }) });
    case "parallel":
      return parallel<Params, string>(s.tests, { ...options, ...(s.failure === undefined ? {} : { failure: ts(s.failure) }) });
    case "reflex":
      return reflex<Params, string>(s.tests[0]!, s.tests[1]!, options);
    case "send-out":
      return sendOut<Params, string>(s.tests[0]!, { ...options, turnaroundDays: ts(s.turnaroundDays!), ...(s.shippingCost === undefined ? {} : { shippingCost: ts(s.shippingCost) }) });
  }
}

/**
 * The case's categories, tests, re-biopsy rule and treatment, every number written by `write` (a
 * function of the parameters for TypeScript, a name or a number for a model file).
 */
function pathwayParts<X>(c: Case, write: (n: Num) => X, complementAs: X) {
  const t = c.treatment;
  return {
    categories: Object.fromEntries(
      c.categories.map((k) => [k.name, { prevalence: k.prevalence === "complement" ? complementAs : write(k.prevalence), ...(k.arm === undefined ? {} : { arm: k.arm }), ...(k.missedArm === undefined ? {} : { missedArm: k.missedArm }) }]),
    ),
    tests: Object.fromEntries(
      c.tests.map((test) => [
        test.name,
        {
          sensitivity: Object.fromEntries(test.sensitivity.map(([name, n]) => [name, write(n)])),
          ...(test.specificity === undefined ? {} : { specificity: Array.isArray(test.specificity) ? Object.fromEntries((test.specificity as readonly (readonly [string, Num])[]).map(([name, n]) => [name, write(n)])) : write(test.specificity as Num) }),
          ...(test.failure === undefined ? {} : { failure: write(test.failure) }),
          ...(test.turnaroundDays === undefined ? {} : { turnaroundDays: write(test.turnaroundDays) }),
          cost: write(test.cost),
          ...(test.confirmation === undefined ? {} : { confirmation: { cost: write(test.confirmation.cost), ...(test.confirmation.categories === undefined ? {} : { categories: test.confirmation.categories }) } }),
        },
      ]),
    ),
    ...(c.rebiopsy === undefined
      ? {}
      : {
          rebiopsy: {
            probability: write(c.rebiopsy.probability),
            cost: write(c.rebiopsy.cost),
            ...(c.rebiopsy.delayDays === undefined ? {} : { delayDays: write(c.rebiopsy.delayDays) }),
            ...(c.rebiopsy.qalyLoss === undefined ? {} : { qalyLoss: write(c.rebiopsy.qalyLoss) }),
          },
        }),
    treatment: {
      pTreat: write(t.pTreat),
      defaultArm: t.defaultArm,
      missedArm: t.missedArm,
      ...(t.untreatedArm === undefined ? {} : { untreatedArm: t.untreatedArm }),
      ...(t.noResultArm === undefined ? {} : { noResultArm: t.noResultArm }),
      ...(t.falsePositive === undefined
        ? {}
        : { falsePositive: { arm: t.falsePositive.arm, ...(t.falsePositive.payoffs === undefined ? {} : { payoffs: Object.fromEntries(t.falsePositive.payoffs.map(([name, n]) => [name, write(n)])) }) } }),
    },
  };
}

function tsDefinition(c: Case): TestingPathwayDefinition<Params> {
  return { ...pathwayParts<number | ((p: Params) => number) | typeof complement>(c, ts, complement), strategies: Object.fromEntries(c.strategies.map((s) => [s.name, tsStrategy(s)])) } as TestingPathwayDefinition<Params>;
}

/** A chance node mixing two payoff leaves (the mix a constant). */
const mixed = (spec: Extract<ArmSpec, { mix: number }>) =>
  chance<Params>([
    { label: "First", probability: spec.mix, next: terminal<Params>(spec.first) },
    { label: "Second", probability: complement, next: terminal<Params>(spec.second) },
  ]);

/**
 * The arms for testingTree: payoffs and chance nodes per arm, or (armsAsModel) one model with a
 * strategy per arm (docs/testing-pathways.md: "any Model, tree node or payoffs per arm"; its
 * outcomes are the mixed payoffs, summed here in the oracle's order).
 */
function tsArms(c: Case) {
  if (!c.armsAsModel) return Object.fromEntries(Object.entries(c.arms).map(([arm, spec]) => [arm, "payoffs" in spec ? spec.payoffs : mixed(spec)]));
  const strategies = Object.keys(c.arms);
  const outcomes = ARM_OUTCOMES(c);
  const values = strategies.flatMap((arm) => {
    const spec = c.arms[arm]!;
    return outcomes.map((o) => ("payoffs" in spec ? spec.payoffs[o]! : spec.mix * spec.first[o]! + (1 - spec.mix) * spec.second[o]!));
  });
  const model: Model<Params, string> = { title: "Arms", strategies, outcomes, evaluateInto: (_p, out) => out.set(values) };
  return model;
}

/** The case's TypeScript tree. */
const tsTree = (c: Case) => testingTree(testingPathway(tsDefinition(c)), { title: `oracle case ${c.seed}`, arms: tsArms(c) });

function fileStrategy(s: StrategySpec): Record<string, unknown> {
  const kind =
    s.kind === "panel"
      ? { panel: s.tests[0] }
      : s.kind === "sequential"
        ? { sequence: s.tests }
        : s.kind === "parallel"
          ? { parallel: s.tests }
          : s.kind === "reflex"
            ? { reflex: { first: s.tests[0], then: s.tests[1] } }
            : { sendOut: s.tests[0] };
  return {
    ...kind,
    ...(s.turnaroundDays === undefined ? {} : { turnaroundDays: text(s.turnaroundDays) }),
    ...(s.onFailure === undefined ? {} : { onFailure: s.onFailure }),
    ...(s.orderingDelayDays === undefined ? {} : { orderingDelayDays: text(s.orderingDelayDays) }),
    ...(s.failure === undefined ? {} : { failure: text(s.failure) }),
    ...(s.shippingCost === undefined ? {} : { shippingCost: text(s.shippingCost) }),
  };
}

/** The case as a model file (JSON), with PSA distributions on its parameters. */
function modelFile(c: Case): string {
  const joint = new Set(c.dirichlet?.names ?? []);
  const parameters: Record<string, unknown> = {};
  for (const [name, { value, kind }] of Object.entries(c.parameters)) {
    if (joint.has(name)) continue;
    let distribution: Record<string, unknown> | undefined;
    if (kind === "amount" && value > 0) distribution = { kind: "gamma", mean: value, se: Number((value * 0.1).toPrecision(4)) };
    if (kind !== "amount" && value > 0 && value < 1) {
      // A beta around the value; narrow for prevalences, so that the drawn ones never exceed 1 in total.
      const se = Number(((kind === "prevalence" ? 0.05 : 0.2) * Math.sqrt(value * (1 - value))).toPrecision(3));
      if (se > 0) distribution = { kind: "beta", mean: value, se };
    }
    parameters[name] = distribution === undefined ? value : { value, distribution };
  }
  const file = {
    metadata: { title: `oracle case ${c.seed}`, currency: "SEK" },
    parameters,
    ...(c.dirichlet === undefined ? {} : { groups: { prevalence: { distribution: { kind: "dirichlet", counts: c.dirichlet.counts }, components: c.dirichlet.names } } }),
    strategies: c.strategies.map((s) => s.name),
    model: {
      type: "testing-pathway",
      arms: Object.fromEntries(
        Object.entries(c.arms).map(([arm, spec]) => [
          arm,
          "payoffs" in spec
            ? { terminal: { payoffs: spec.payoffs } }
            : {
                chance: [
                  { label: "First", probability: spec.mix, next: { terminal: { payoffs: spec.first } } },
                  { label: "Second", probability: "complement", next: { terminal: { payoffs: spec.second } } },
                ],
              },
        ]),
      ),
      ...pathwayParts<number | string>(c, text, "complement"),
      strategies: Object.fromEntries(c.strategies.map((s) => [s.name, fileStrategy(s)])),
    },
  };
  return JSON.stringify(file);
}

// ---------------------------------------------------------------------------------------------
// Comparison.

const RELATIVE = 1e-12;
const ABSOLUTE = 1e-14;
const close = (got: number, want: { value: number; terms: number }): boolean => Math.abs(got - want.value) <= RELATIVE * Math.max(want.terms, Math.abs(got)) + ABSOLUTE;

/** The mismatches between qaly's outcomes and the oracle's, as lines naming the seed. */
function mismatches(c: Case, outcomes: readonly string[], result: Readonly<Record<string, Readonly<Record<string, number>>>>, p: Params, label: string): string[] {
  const out: string[] = [];
  const counts = expectedCounts(c);
  const falsePositivePayoffs = new Set((c.treatment.falsePositive?.payoffs ?? []).map(([name]) => name).filter((name) => !ARM_OUTCOMES(c).includes(name)));
  if (outcomes.slice(-counts.length).join() !== counts.join()) out.push(`seed ${c.seed} ${label}: counts ${outcomes.slice(-counts.length).join()} (outcomes ${outcomes.join()}), documented ${counts.join()}`);
  for (const s of c.strategies) {
    const expected = oracle(c, s, p);
    const names = new Set([...Object.keys(expected), ...outcomes]);
    for (const name of names) {
      const want = expected[name];
      const got = result[s.name]?.[name];
      if (want === undefined) out.push(`seed ${c.seed} ${label} ${s.name}.${name}: reported by qaly (${got}), not by the oracle`);
      // qaly leaves out `time` and the false-positive payoffs when no path carries them (report item A3).
      else if (got === undefined && !outcomes.includes(name) && (name === "time" || falsePositivePayoffs.has(name)) && want.terms === 0) continue;
      else if (got === undefined || !close(got, want)) out.push(`seed ${c.seed} ${label} ${s.name}.${name}: qaly ${got}, oracle ${want.value}`);
    }
  }
  return out;
}

/** The base values of the case's parameters (the TypeScript path). */
const baseValues = (c: Case): Params => Object.fromEntries(Object.entries(c.parameters).map(([name, { value }]) => [name, value]));

// ORACLE_CASES=5000 runs more seeds (the model files and PSA draws scale with it).
const CASES = Array.from({ length: Number(process.env.ORACLE_CASES ?? 300) }, (_, i) => i + 1);
/** Compiling a model file costs 5-10 ms, several TypeScript builds: a third of the seeds go through a file, an eighth also through a PSA. */
const FILE_CASES = CASES.slice(0, Math.ceil(CASES.length / 3));
const PSA_CASES = new Set(CASES.slice(0, Math.ceil(CASES.length / 8)));
const DRAWS = 3;

describe("testing pathways against a naive oracle of docs/testing-pathways.md (random pathways)", () => {
  it(`testingPathway + testingTree + evaluateModel match the oracle for ${CASES.length} random pathways`, () => {
    const failures: string[] = [];
    for (const seed of CASES) {
      const c = randomCase(seed);
      const params = baseValues(c);
      let tree;
      try {
        tree = tsTree(c);
      } catch (error) {
        failures.push(`seed ${seed}: does not build: ${(error as Error).message}`);
        continue;
      }
      const counts = testingCounts(tree.pathway);
      if (counts.join() !== expectedCounts(c).join()) failures.push(`seed ${seed}: testingCounts ${counts.join()}, documented ${expectedCounts(c).join()}`);
      failures.push(...mismatches(c, tree.outcomes, evaluateModel(tree, params), params, "ts"));
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it(`compileModelFile + evaluateModel match the oracle for ${FILE_CASES.length} of them as model files, and runPsaSync draw by draw for ${PSA_CASES.size} (with the TypeScript tree at the same draws)`, () => {
    const failures: string[] = [];
    for (const seed of FILE_CASES) {
      const c = randomCase(seed);
      const source = modelFile(c);
      let project;
      try {
        project = compileModelFile(source, { fileName: `oracle-${seed}.json` });
      } catch (error) {
        failures.push(`seed ${seed}: does not compile: ${(error as Error).message}\n${source}`);
        continue;
      }
      const base = (project.baseCase ?? project.parameters.base()) as Params;
      const outcomes = project.model.outcomes;
      failures.push(...mismatches(c, outcomes, evaluateModel(project.model, base) as Record<string, Record<string, number>>, base, "file"));
      // docs/model-files.md: a file compiles into "exactly the tree the TypeScript API builds", so
      // with the same leaves (payoffs and chance nodes, not the arm model) the numbers are identical.
      if (!c.armsAsModel && c.dirichlet === undefined) {
        const twin = tsTree(c);
        const fromFile = evaluateModel(project.model, base);
        const fromApi = evaluateModel(twin, base);
        if (twin.outcomes.join() !== outcomes.join()) failures.push(`seed ${seed}: file outcomes ${outcomes.join()}, TypeScript ${twin.outcomes.join()}`);
        for (const s of project.model.strategies) {
          for (const o of outcomes) if (!Object.is(fromFile[s]![o], fromApi[s]?.[o])) failures.push(`seed ${seed} ${s}.${o}: file ${fromFile[s]![o]}, TypeScript ${fromApi[s]?.[o]} (not bit for bit)`);
        }
      }
      if (!PSA_CASES.has(seed)) continue;
      const draws = project.parameters.sample(DRAWS, { seed: `pathway-oracle-${seed}` });
      const psa = runPsaSync(project.model, draws);
      const tree = tsTree(c);
      for (let i = 0; i < DRAWS; i++) {
        const p: Params = Object.fromEntries(draws.names.map((name) => [name, draws.column(name)[i]!]));
        const result = Object.fromEntries(project.model.strategies.map((s) => [s, Object.fromEntries(outcomes.map((o) => [o, psa.values(o, s)[i]!]))]));
        failures.push(...mismatches(c, outcomes, result, p, `file draw ${i}`));
        failures.push(...mismatches(c, tree.outcomes, evaluateModel(tree, p), p, `ts draw ${i}`));
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
