// Structural guarantees of compiled pathways over random pathways (fast-check, fixed seed in
// test/setup.ts): leaf probabilities sum to 1 per strategy and per category; a category no test
// of a strategy covers is never detected; perfect tests find every covered actionable driver;
// the no-result arm holds exactly the patients without an arm and without a result; identical
// strategies give identical outcomes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { complement } from "../../src/models/complement.js";
import { evaluateModel } from "../../src/models/model.js";
import { testingPathway, testingTree, type CategoryDefinition, type TestingPathwayDefinition, type TestingStrategy } from "../../src/pathways/index.js";

interface Shape {
  readonly weights: number[];
  readonly actionable: boolean[];
  readonly tests: { covers: boolean[]; sens: number[]; spec: number; failure: number; cost: number; days: number }[];
  readonly strategies: { kind: number; picks: number[] }[];
  readonly rebiopsy: { probability: number; cost: number; delayDays: number } | null;
  readonly pTreat: number;
}

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const shape: fc.Arbitrary<Shape> = fc.integer({ min: 2, max: 5 }).chain((n) =>
  fc.record({
    weights: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    actionable: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    tests: fc.array(
      fc.record({
        covers: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        sens: fc.array(unit, { minLength: n, maxLength: n }),
        spec: fc.double({ min: 0.9, max: 1, noNaN: true }),
        failure: fc.double({ min: 0, max: 0.3, noNaN: true }),
        cost: fc.integer({ min: 0, max: 20_000 }),
        days: fc.integer({ min: 0, max: 30 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    strategies: fc.array(fc.record({ kind: fc.integer({ min: 0, max: 4 }), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 4 }),
    rebiopsy: fc.option(fc.record({ probability: unit, cost: fc.integer({ min: 0, max: 30_000 }), delayDays: fc.integer({ min: 0, max: 21 }) })),
    pTreat: unit,
  }),
);

const category = (i: number): string => `C${i}`;
const test = (i: number): string => `t${i}`;

/** The pathway a shape describes; `perfect` makes every test perfect (sensitivity 1, failure 0, specificity 1). */
function definition(s: Shape, perfect = false): TestingPathwayDefinition<unknown> {
  const total = s.weights.reduce((a, b) => a + b, 0);
  const categories = Object.fromEntries(
    s.weights.map((w, i): [string, CategoryDefinition<unknown>] => [category(i), { prevalence: i === s.weights.length - 1 ? complement : w / total, ...(s.actionable[i] ? { arm: `arm${i}` } : {}) }]),
  );
  const tests = Object.fromEntries(
    s.tests.map((t, j) => {
      const covered = t.covers.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
      const sensitivity = Object.fromEntries((covered.length > 0 ? covered : [j % s.weights.length]).map((i) => [category(i), perfect ? 1 : t.sens[i]!]));
      return [test(j), { sensitivity, specificity: perfect ? 1 : t.spec, failure: perfect ? 0 : t.failure, cost: t.cost, turnaroundDays: t.days }];
    }),
  );
  const strategies = Object.fromEntries(
    s.strategies.map((st, k): [string, TestingStrategy<unknown>] => {
      const names = st.picks.map((pick) => test(pick % s.tests.length));
      const kinds: TestingStrategy<unknown>[] = [
        { kind: "panel", test: names[0]! },
        { kind: "sequential", tests: names },
        { kind: "parallel", tests: names },
        { kind: "reflex", first: names[0]!, then: names[names.length - 1]! },
        { kind: "send-out", test: names[0]!, turnaroundDays: 20 },
      ];
      return [`S${k}`, kinds[st.kind]!];
    }),
  );
  return {
    categories,
    tests,
    strategies,
    ...(s.rebiopsy === null || perfect ? {} : { rebiopsy: s.rebiopsy }),
    treatment: { pTreat: s.pTreat, defaultArm: "default", missedArm: "missed", falsePositive: { arm: "missed", payoffs: { costDrug: 1000 } } },
  };
}

function arms(s: Shape): Record<string, { qaly: number; cost: number }> {
  const out: Record<string, { qaly: number; cost: number }> = { default: { qaly: 1.5, cost: 100 }, missed: { qaly: 1, cost: 100 } };
  s.actionable.forEach((a, i) => {
    if (a) out[`arm${i}`] = { qaly: 2 + i, cost: 1000 };
  });
  return out;
}

/** Categories covered by the tests of a strategy. */
function coveredBy(d: TestingPathwayDefinition<unknown>, strategy: TestingStrategy<unknown>): Set<string> {
  const names = strategy.kind === "panel" || strategy.kind === "send-out" ? [strategy.test] : strategy.kind === "reflex" ? [strategy.first, strategy.then] : strategy.tests;
  return new Set(names.flatMap((name) => Object.keys(d.tests[name]!.sensitivity)));
}

describe("pathway properties over random pathways", () => {
  it("leaf probabilities sum to 1 per strategy and, divided by the prevalence, per category", () => {
    fc.assert(
      fc.property(shape, (s) => {
        const d = definition(s);
        const tree = testingTree(testingPathway(d), { title: "random", arms: arms(s) });
        const paths = tree.paths({});
        const prevalence = (name: string): number => {
          const p = d.categories[name]!.prevalence;
          return typeof p === "number" ? p : 1 - Object.values(d.categories).reduce((a, c) => a + (typeof c.prevalence === "number" ? c.prevalence : 0), 0);
        };
        for (const strategy of tree.strategies) {
          const own = paths.filter((path) => path.strategy === strategy);
          expect(own.reduce((a, path) => a + path.probability, 0)).toBeCloseTo(1, 10);
          for (const name of Object.keys(d.categories)) {
            const mass = own.filter((path) => path.labels[1] === name).reduce((a, path) => a + path.probability, 0);
            if (prevalence(name) > 1e-9) expect(mass / prevalence(name)).toBeCloseTo(1, 9);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a category that no test of a strategy covers is never detected and never matched", () => {
    fc.assert(
      fc.property(shape, (s) => {
        const d = definition(s);
        const tree = testingTree(testingPathway(d), { title: "random", arms: arms(s) });
        const paths = tree.paths({});
        for (const [strategyName, strategy] of Object.entries(d.strategies)) {
          const covered = coveredBy(d, strategy);
          for (const name of Object.keys(d.categories).filter((c) => !covered.has(c))) {
            const own = paths.filter((path) => path.strategy === strategyName && path.labels[1] === name);
            expect(own.some((path) => path.labels.includes("Detected"))).toBe(false);
            expect(own.reduce((a, path) => a + (path.contribution["matchedTherapy"] ?? 0), 0)).toBe(0);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("with perfect tests the matched-therapy rate is pTreat × Σ prevalences of the actionable categories covered", () => {
    fc.assert(
      fc.property(shape, (s) => {
        const d = definition(s, true);
        const out = evaluateModel(testingTree(testingPathway(d), { title: "perfect", arms: arms(s) }), {});
        const total = s.weights.reduce((a, b) => a + b, 0);
        for (const [strategyName, strategy] of Object.entries(d.strategies)) {
          const covered = coveredBy(d, strategy);
          const actionable = s.weights.reduce((a, w, i) => a + (s.actionable[i] && covered.has(category(i)) ? w / total : 0), 0);
          expect(out[strategyName]!.matchedTherapy).toBeCloseTo(s.pTreat * actionable, 10);
          expect(out[strategyName]!.falsePositive).toBe(0);
          expect(out[strategyName]!.result).toBeCloseTo(1, 12);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("with treatment.noResultArm: leaf probabilities still sum to 1 per strategy; the no-result arm holds, per category without an arm, prevalence × (1 − P(result)), and nothing of the actionable ones", () => {
    fc.assert(
      fc.property(shape, (s) => {
        const d = definition(s);
        const withRule = { ...d, treatment: { ...d.treatment, noResultArm: "noResult" } };
        const tree = testingTree(testingPathway(withRule), { title: "no result", arms: { ...arms(s), noResult: { qaly: 0.5, cost: 100 } } });
        const paths = tree.paths({});
        for (const strategy of tree.strategies) {
          const own = paths.filter((path) => path.strategy === strategy);
          expect(own.reduce((a, path) => a + path.probability, 0)).toBeCloseTo(1, 10);
          for (const [name, c] of Object.entries(d.categories)) {
            const mine = own.filter((path) => path.labels[1] === name);
            const noResult = mine.filter((path) => path.terminal === "noResult").reduce((a, path) => a + path.probability, 0);
            if (c.arm !== undefined) expect(noResult).toBe(0);
            else {
              const mass = mine.reduce((a, path) => a + path.probability, 0);
              const result = mine.reduce((a, path) => a + (path.contribution["result"] ?? 0), 0);
              expect(noResult).toBeCloseTo(mass - result, 10);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("identical strategies under two names give identical outcomes", () => {
    fc.assert(
      fc.property(shape, (s) => {
        const d = definition(s);
        const first = Object.values(d.strategies)[0]!;
        const twice = { ...d, strategies: { ...d.strategies, Copy: first } };
        const out: Readonly<Record<string, unknown>> = evaluateModel(testingTree(testingPathway(twice), { title: "copy", arms: arms(s) }), {});
        expect(out.Copy).toEqual(out[Object.keys(d.strategies)[0]!]);
      }),
      { numRuns: 100 },
    );
  });
});
