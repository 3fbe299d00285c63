// A tree whose terminal nodes enter models equals the probability-weighted sum of the leaf models
// run separately (with the same start distribution and start time); identical leaf inputs are
// evaluated once per draw.
import { describe, expect, it } from "vitest";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel, type EvaluationContext, type Model } from "../../../src/models/model.js";
import { markovCohort } from "../../../src/models/markov/index.js";
import { chance, decision, decisionTree, terminal } from "../../../src/models/tree/index.js";

type P = { pRespond: number; pDie: number; cWell: number; uWell: number; uSick: number; pProgress: number; hr: number; cTest: number };
const params: P = { pRespond: 0.6, pDie: 0.05, cWell: 100, uWell: 0.9, uSick: 0.5, pProgress: 0.2, hr: 0.7, cTest: 300 };

/** A 2-state (Alive, Dead) cohort written inline: 10 annual cycles, 3 % discounting, start and startTime honoured. */
function twoStateCohort(title: string, strategies: readonly string[], mortality: (p: P, s: number) => number) {
  let calls = 0;
  const model: Model<P> & { calls(): number } = {
    title,
    strategies,
    outcomes: ["cost", "qaly"],
    calls: () => calls,
    evaluateInto(p: P, out: Float64Array, context?: EvaluationContext) {
      calls++;
      const offset = context?.startTime ?? 0;
      strategies.forEach((_, s) => {
        let alive = context?.start?.["Alive"] ?? 1;
        let cost = 0;
        let qaly = 0;
        for (let cycle = 0; cycle < 10; cycle++) {
          const discount = (1.03) ** -(cycle + offset);
          cost += alive * p.cWell * discount;
          qaly += alive * p.uWell * discount;
          alive *= 1 - mortality(p, s);
        }
        out[s * 2] = cost;
        out[s * 2 + 1] = qaly;
      });
    },
  };
  return model;
}

describe("tree with hand-written cohort leaves", () => {
  const cohort = twoStateCohort("Cohort", ["Standard", "New"], (p, s) => (s === 1 ? p.pDie * p.hr : p.pDie));
  const tree = decisionTree<P>({
    title: "Respond",
    root: decision({
      Standard: chance([
        { label: "Responds", probability: (p) => p.pRespond, next: terminal(cohort, { strategy: "Standard", start: { Alive: 1, Dead: 0 } }) },
        { label: "No response", probability: complement, next: terminal(cohort, { strategy: "Standard", start: { Alive: 0.8, Dead: 0.2 }, startTime: 0.5 }) },
      ]),
      New: { payoffs: { cost: (p) => p.cTest }, next: chance([
        { label: "Responds", probability: (p) => p.pRespond, next: terminal(cohort, { strategy: "New", start: { Alive: 1, Dead: 0 } }) },
        { label: "No response", probability: complement, next: terminal(cohort, { strategy: "New", start: { Alive: (p) => 0.8, Dead: 0.2 }, startTime: (p) => 0.5 }) },
      ]) },
    }),
  });

  it("evaluateModel(tree) equals Σ probability × leaf model run separately with the same start and startTime", () => {
    const responds = evaluateModel(cohort, params, { start: { Alive: 1, Dead: 0 } });
    const noResponse = evaluateModel(cohort, params, { start: { Alive: 0.8, Dead: 0.2 }, startTime: 0.5 });
    const result = evaluateModel(tree, params);
    for (const strategy of ["Standard", "New"] as const) {
      for (const outcome of ["cost", "qaly"]) {
        const expected = 0.6 * responds[strategy]![outcome]! + 0.4 * noResponse[strategy]![outcome]! + (strategy === "New" && outcome === "cost" ? 300 : 0);
        expect(result[strategy]![outcome]).toBeCloseTo(expected, 10);
      }
    }
  });

  it("leaves entering the same model with equal start and startTime share one evaluation per draw", () => {
    const before = cohort.calls();
    tree.evaluateInto(params, new Float64Array(4), { draw: 0 });
    // 4 leaves, 2 distinct inputs (the constant and function forms of the second give equal numbers)
    expect(cohort.calls() - before).toBe(2);
  });

  it("a tree entered with startTime passes it on to its leaf models", () => {
    const shifted = evaluateModel(tree, params, { startTime: 2 });
    const base = evaluateModel(tree, params);
    expect(shifted.Standard!.qaly).toBeCloseTo(base.Standard!.qaly! * 1.03 ** -2, 10);
  });

  it("a leaf model's error is re-raised with the leaf's tree path in front", () => {
    const failing: Model<P> = { title: "Bad", strategies: ["x"], outcomes: ["cost"], evaluateInto: () => { throw new (class extends Error {})("plain"); } };
    const t = decisionTree<P>({ title: "t", root: decision({ A: terminal(failing, {}) }) });
    expect(() => evaluateModel(t, params)).toThrow("plain");
  });
});

describe("tree with Markov cohort leaves (markovCohort)", () => {
  const STATES = ["Well", "Sick", "Dead"] as const;
  const longTerm = (arm: "soc" | "new") =>
    markovCohort({
      title: `Long term (${arm})`,
      states: STATES,
      strategies: [arm],
      outcomes: { cost: "cost", qaly: "effect" },
      cycles: 40, cycleLength: 1 / 12,
      start: { Well: 1 },
      transitions: (p: P) => ({
        Well: { Sick: arm === "new" ? p.pProgress * p.hr : p.pProgress, Dead: p.pDie, Well: complement },
        Sick: { Dead: 2 * p.pDie, Sick: complement },
        Dead: { Dead: 1 },
      }),
      values: (p: P) => ({ cost: { Well: p.cWell, Sick: 5 * p.cWell }, qaly: { Well: p.uWell, Sick: p.uSick } }),
    });
  const soc = longTerm("soc");
  const novel = longTerm("new");
  const tree = decisionTree<P>({
    title: "Markov leaves",
    root: decision({
      "Standard care": chance([
        { label: "Responds", probability: (p) => p.pRespond, next: terminal(soc, { start: { Well: 1 } }) },
        { label: "No response", probability: complement, next: terminal(soc, { start: { Sick: 1 }, startTime: 1 / 12 }) },
      ]),
      "New drug": { payoffs: { costTesting: (p) => p.cTest }, next: chance([
        { label: "Responds", probability: (p) => p.pRespond, next: terminal(novel, { start: { Well: 1 } }) },
        { label: "No response", probability: complement, next: terminal(novel, { start: { Well: 0.5, Sick: 0.5 } }) },
      ]) },
    }),
  });

  it("evaluateModel(tree) equals Σ probability × markovCohort run separately for every outcome", () => {
    const result = evaluateModel(tree, params);
    const cases = [
      { strategy: "Standard care", model: soc, leaves: [[0.6, { start: { Well: 1 } }], [0.4, { start: { Sick: 1 }, startTime: 1 / 12 }]] as const, extra: 0 },
      { strategy: "New drug", model: novel, leaves: [[0.6, { start: { Well: 1 } }], [0.4, { start: { Well: 0.5, Sick: 0.5 } }]] as const, extra: 300 },
    ];
    expect(tree.outcomes).toEqual(["cost", "qaly", "costTesting", "costUndiscounted", "qalyUndiscounted"]);
    for (const { strategy, model, leaves, extra } of cases) {
      const runs = leaves.map(([weight, context]) => [weight, Object.values(evaluateModel(model, params, context))[0]!] as const);
      for (const outcome of model.outcomes) {
        const expected = runs.reduce((sum, [weight, run]) => sum + weight * run[outcome]!, 0) + (outcome.startsWith("cost") ? extra : 0);
        expect(result[strategy]![outcome]).toBeCloseTo(expected, 9);
      }
      expect(result[strategy]!.costTesting).toBe(extra);
    }
  });

  it("tree.paths(params) carries each leaf's Markov outcomes in the path payoffs", () => {
    const path = tree.paths(params).find((p) => p.labels.join(" > ") === "Standard care > No response")!;
    const run = evaluateModel(soc, params, { start: { Sick: 1 }, startTime: 1 / 12 }).soc;
    expect(path.payoffs["qaly"]).toBeCloseTo(run.qaly!, 12);
    expect(path.contribution["qaly"]).toBeCloseTo(0.4 * run.qaly!, 12);
  });

  it("a Markov leaf's invalid start is reported with the leaf's path and the draw", () => {
    const bad = decisionTree<P>({ title: "bad", root: decision({ A: terminal(soc, { start: { Well: 0.5 } }) }) });
    let error: unknown;
    try { bad.evaluateInto(params, new Float64Array(bad.outcomes.length), { draw: 4 }); } catch (e) { error = e; }
    expect(error).toMatchObject({ path: expect.arrayContaining(["draw", 4, "strategies", "A", "model"]) });
  });
});
