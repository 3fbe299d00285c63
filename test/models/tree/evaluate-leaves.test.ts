// A tree's leaves that enter one model from several starts in one draw go through the model's
// batched entry (Model.evaluateStartsInto: a Markov cohort's value-to-go, one backward pass for every
// start) when it has one. The tree's results equal those of the same tree with the leaf model run
// start by start within 1e-12 relative (the Markov engine's stated tolerance for the two passes, see
// test/models/markov/value-to-go.test.ts), and an error names the leaf the start-by-start run names.
import { describe, expect, it } from "vitest";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel, type EvaluationContext, type Model } from "../../../src/models/model.js";
import { markovCohort } from "../../../src/models/markov/index.js";
import { chance, decision, decisionTree, terminal } from "../../../src/models/tree/index.js";
import { thrown } from "../../helpers/thrown.js";
import { lifeTable } from "../../../src/survival/life-table.js";

type P = { pRespond: number; pRelapse: number; pDie: number; cRelapse: number; sickShare: number };
const params: P = { pRespond: 0.6, pRelapse: 0.1, pDie: 0.05, cRelapse: 2000, sickShare: 0.3 };

const cohort = markovCohort({
  title: "Back end",
  states: [{ name: "Remission", tunnel: 5 }, "Relapsed", "Dead"],
  strategies: ["Low risk", "High risk"],
  outcomes: { cost: "cost", qaly: "effect" },
  cycles: 30,
  start: { Remission: 1 },
  cycleCorrection: "half-cycle",
  transitions: (p: P, time, strategy) => {
    const relapse = time.stateTime < 4 ? p.pRelapse * (strategy === "High risk" ? 2 : 1) : 0;
    return { Remission: { Relapsed: relapse, Dead: p.pDie, Remission: complement }, Relapsed: { Dead: 3 * p.pDie, Relapsed: complement }, Dead: { Dead: 1 } };
  },
  values: () => ({ qaly: { Remission: 0.85, Relapsed: 0.6 }, cost: { Relapsed: 1200 } }),
  transitionValues: (p: P) => ({ cost: { Remission: { Relapsed: p.cRelapse } } }),
});

/** The same model without its batched entry: every leaf runs forward, start by start. */
function startByStart<Q, S extends string>(model: Model<Q, S>): Model<Q, S> {
  return { title: model.title, strategies: model.strategies, outcomes: model.outcomes, evaluateInto: (p, out, context) => model.evaluateInto(p, out, context) };
}

function tree(back: Model<P>) {
  const leaves = (strategy: string) =>
    chance<P>([
      { label: "Responds", probability: (p) => p.pRespond, next: terminal(back, { strategy, start: { Remission: 1 } }) },
      { label: "Partial", probability: 0.1, next: terminal(back, { strategy, start: { Remission: (p) => 1 - p.sickShare, Relapsed: (p) => p.sickShare } }) },
      { label: "Refractory", probability: complement, next: terminal(back, { strategy, start: { Relapsed: 1 } }) },
    ]);
  return decisionTree<P>({ title: "Induction", root: decision({ Standard: leaves("Low risk"), Intensive: leaves("High risk") }) });
}

describe("evaluateLeaves with a model's batched entry", () => {
  it("equals the start-by-start evaluation within 1e-12 relative", () => {
    const batched = evaluateModel(tree(cohort), params);
    const single = evaluateModel(tree(startByStart(cohort)), params);
    for (const strategy of ["Standard", "Intensive"]) {
      const [a, b] = [batched[strategy]!, single[strategy]!];
      for (const outcome of Object.keys(b)) expect(Math.abs(a[outcome]! - b[outcome]!)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(a[outcome]!), Math.abs(b[outcome]!)));
    }
    expect(single["Standard"]!["cost"]).toBeGreaterThan(0);
  });

  it("calls the batched entry once per draw for the three starts of one model", () => {
    const calls: number[] = [];
    const counting: Model<P> = {
      ...startByStart(cohort),
      evaluateStartsInto: (p: P, contexts: readonly (EvaluationContext | undefined)[], outs: readonly Float64Array[]) => {
        calls.push(contexts.length);
        cohort.evaluateStartsInto!(p, contexts, outs);
      },
    };
    evaluateModel(tree(counting), params);
    expect(calls).toEqual([3]);
  });

  it("names the leaf a start-by-start evaluation names when a start is invalid", () => {
    const bad = { ...params, sickShare: 1.5 };
    const batched = thrown(() => evaluateModel(tree(cohort), bad));
    const single = thrown(() => evaluateModel(tree(startByStart(cohort)), bad));
    expect(batched.message).toBe(single.message);
    expect(batched.issues).toEqual(single.issues);
    expect(batched.message).toContain("Partial");
  });
});

describe("evaluateLeaves with a model's batched entry: leaves entered later, and bad rows", () => {
  const table = lifeTable({ ages: [50, 70, 90], rates: { female: [0.005, 0.03, 0.2], male: [0.008, 0.04, 0.25] } });
  const aged = markovCohort({
    title: "Aged back end",
    states: [{ name: "Remission", tunnel: 4 }, "Cured", "Relapsed", "Dead"],
    strategies: ["Low risk", "High risk"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles: 25,
    start: { Remission: 1 },
    startAge: 60,
    cycleCorrection: "half-cycle",
    discountRate: { cost: 0.04, effect: 0.015 },
    milestones: { cured10: { states: ["Cured"], time: 10 } },
    backgroundMortality: { lifeTable: table, sexMix: { female: 0.4, male: 0.6 }, deathState: "Dead" },
    transitions: (p: P, time, strategy) => ({
      Remission: { Cured: time.stateTime === 3 ? 0.4 : 0, Relapsed: p.pRelapse * (strategy === "High risk" ? 2 : 1), Dead: p.pDie, Remission: complement },
      Cured: { Cured: 1 },
      Relapsed: { Dead: 3 * p.pDie, Relapsed: complement },
      Dead: { Dead: 1 },
    }),
    values: () => ({ qaly: { Remission: 0.85, Cured: 0.95, Relapsed: 0.6 }, cost: { Relapsed: 1200, Cured: 100 } }),
    transitionValues: (p: P) => ({ cost: { Remission: { Relapsed: p.cRelapse } } }),
  });

  // Two leaves per strategy enter at 0.5 years, one at a time drawn from the parameters (sickShare · 4): three starts, two entry times.
  function later(back: Model<P>) {
    const leaves = (strategy: string) =>
      chance<P>([
        { label: "Responds", probability: (p) => p.pRespond, next: terminal(back, { strategy, start: { Remission: 1 }, startTime: 0.5 }) },
        { label: "Partial", probability: 0.1, next: terminal(back, { strategy, start: { Remission: (p) => 1 - p.sickShare, Relapsed: (p) => p.sickShare }, startTime: 0.5 }) },
        { label: "Refractory", probability: complement, next: terminal(back, { strategy, start: { Relapsed: 1 }, startTime: (p) => 4 * p.sickShare }) },
      ]);
    return decisionTree<P>({ title: "Induction, later entry", root: decision({ Standard: leaves("Low risk"), Intensive: leaves("High risk") }) });
  }

  it("equals the start-by-start evaluation within 1e-12 relative, the tree itself entered at several times", () => {
    for (const [sickShare, startTime] of [[0.3, 0], [0.125, 2], [0.3, 2], [0.6, 0]] as const) {
      const p = { ...params, sickShare };
      const batched = evaluateModel(later(aged), p, { startTime });
      const single = evaluateModel(later(startByStart(aged)), p, { startTime });
      for (const strategy of ["Standard", "Intensive"]) {
        const [a, b] = [batched[strategy]!, single[strategy]!];
        for (const outcome of Object.keys(b)) expect(Math.abs(a[outcome]! - b[outcome]!)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(a[outcome]!), Math.abs(b[outcome]!)));
      }
    }
  });

  it("names the leaf and path a start-by-start evaluation names when a row is not a probability", () => {
    for (const pRelapse of [Number.NaN, 1.5]) {
      const bad = { ...params, pRelapse };
      for (const build of [tree, later] as const) {
        const back = build === tree ? cohort : aged;
        const batched = thrown(() => evaluateModel(build(back), bad));
        const single = thrown(() => evaluateModel(build(startByStart(back)), bad));
        expect(batched.message).toBe(single.message);
        expect(batched.issues).toEqual(single.issues);
      }
    }
  });
});

describe("evaluateLeaves: a batch inside a batch", () => {
  it("keeps each batch's starts when a model's batched entry evaluates a tree that batches too", () => {
    // A pathway model whose batched entry runs the inner tree once per start: the inner tree's own
    // batch (the cohort's three starts) runs while the outer one is still reading its contexts.
    const inner = tree(cohort);
    const pathway: Model<P> = {
      title: "Pathway",
      strategies: inner.strategies,
      outcomes: inner.outcomes,
      evaluateInto: (p, out, context) => inner.evaluateInto({ ...p, sickShare: context?.start?.["Sick"] ?? p.sickShare }, out),
      evaluateStartsInto(p, contexts, outs) {
        for (let i = 0; i < contexts.length; i++) this.evaluateInto(p, outs[i]!, contexts[i]);
      },
    };
    const outer = (back: Model<P>) =>
      decisionTree<P>({
        title: "Outer",
        root: decision({
          Both: chance<P>([
            { label: "Low", probability: 0.5, next: terminal(back, { strategy: "Standard", start: { Sick: 0.2, Well: 0.8 } }) },
            { label: "High", probability: 0.5, next: terminal(back, { strategy: "Intensive", start: { Sick: 0.7, Well: 0.3 } }) },
          ]),
        }),
      });
    const batched = evaluateModel(outer(pathway), params);
    const single = evaluateModel(outer(startByStart(pathway)), params);
    expect(batched).toEqual(single);
  });
});
