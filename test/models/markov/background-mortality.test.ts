// Background mortality in the Markov cohort engine: a floor on each living row's death probability
// from a life table (docs/markov-cohort.md, "Background mortality"). Hand computations are exact
// formulas in doubles; they agree with the engine to 1e-14 (a few ulps of the trace).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { lifeTable } from "../../../src/survival/life-table.js";
import { lifeTableSurvival } from "../../../src/survival/life-table-survival.js";
import { thrown } from "../../helpers/thrown.js";

type Params = { pSick: number; pDie: number; pSickDie: number };
const tiny = lifeTable({ ages: [60, 61, 62], rates: { female: [0.1, 0.2, 0.3] } });

function threeStates(extra: Record<string, unknown> = {}) {
  return markovCohort({
    states: ["Well", "Sick", "Dead"],
    strategies: ["Usual care"],
    outcomes: { qaly: "effect" },
    cycles: 3,
    startAge: 60,
    start: { Well: 1 },
    cycleCorrection: "none-end",
    discountRate: { effect: 0 },
    backgroundMortality: { lifeTable: tiny, sexMix: { female: 1 }, deathState: "Dead" },
    transitions: (p: Params) => ({ Well: { Sick: p.pSick, Dead: p.pDie, Well: complement }, Sick: { Dead: p.pSickDie, Sick: complement }, Dead: { Dead: 1 } }),
    values: () => ({ qaly: { Well: 1, Sick: 0.5 } }),
    ...extra,
  });
}

describe("markovCohort backgroundMortality: hand computation", () => {
  it("raises a row's death probability to the life table's and scales its other entries by (1 − q_pop)/(1 − q_row)", () => {
    const params = { pSick: 0.2, pDie: 0.15, pSickDie: 0.25 };
    const trace = threeStates().run(params).strategies["Usual care"].trace;
    // Cycle k floor: 1 − exp(−m) with m = 0.1, 0.2, 0.3 at ages 60, 61, 62 (annual cycles).
    const q = [1 - Math.exp(-0.1), 1 - Math.exp(-0.2), 1 - Math.exp(-0.3)];
    let [well, sick, dead] = [1, 0, 0];
    const expected = [[well, sick, dead]];
    for (let k = 0; k < 3; k++) {
      const qWell = Math.max(0.15, q[k]!);
      const sWell = (1 - qWell) / (1 - 0.15);
      const qSick = Math.max(0.25, q[k]!);
      const sSick = (1 - qSick) / (1 - 0.25);
      [well, sick, dead] = [well * 0.65 * sWell, well * 0.2 * sWell + sick * 0.75 * sSick, dead + well * qWell + sick * qSick];
      expected.push([well, sick, dead]);
    }
    // Cycle 1: no floor binds (0.095 < 0.15, 0.25); cycle 2: Well's binds (0.181); cycle 3: both (0.259).
    expect(q[0]! < 0.15 && q[1]! > 0.15 && q[1]! < 0.25 && q[2]! > 0.25).toBe(true);
    trace.forEach((row, t) => {
      expect(row.Well).toBeCloseTo(expected[t]![0]!, 14);
      expect(row.Sick).toBeCloseTo(expected[t]![1]!, 14);
      expect(row.Dead).toBeCloseTo(expected[t]![2]!, 14);
    });
    expect(trace[2]!.Dead - trace[1]!.Dead).toBeCloseTo(trace[1]!.Well * q[1]! + trace[1]!.Sick * 0.25, 14);
  });

  it("without backgroundMortality the results are those of the same model without the option", () => {
    const params = { pSick: 0.2, pDie: 0.15, pSickDie: 0.25 };
    const plain = markovCohort({
      states: ["Well", "Sick", "Dead"], strategies: ["Usual care"], outcomes: { qaly: "effect" }, cycles: 3, startAge: 60, start: { Well: 1 },
      cycleCorrection: "none-end", discountRate: { effect: 0 },
      transitions: (p: Params) => ({ Well: { Sick: p.pSick, Dead: p.pDie, Well: complement }, Sick: { Dead: p.pSickDie, Sick: complement }, Dead: { Dead: 1 } }),
      values: () => ({ qaly: { Well: 1, Sick: 0.5 } }),
    });
    // A life table of zeros floors nothing: bit-identical to the model without the option.
    const zero = lifeTable({ ages: [0], rates: { female: [0] } });
    expect(evaluateModel(threeStates({ backgroundMortality: { lifeTable: zero, sexMix: { female: 1 }, deathState: "Dead" } }), params)).toEqual(evaluateModel(plain, params));
  });

  it("where the complement sits does not change the floored row (survivors keep their proportions)", () => {
    const params = { pSick: 0.2, pDie: 0.15, pSickDie: 0.25 };
    const other = threeStates({ transitions: (p: Params) => ({ Well: { Sick: p.pSick, Dead: p.pDie, Well: 0.65 }, Sick: { Dead: complement, Sick: 1 - p.pSickDie }, Dead: { Dead: 1 } }) });
    const a = evaluateModel(threeStates(), params)["Usual care"].qaly!;
    const b = evaluateModel(other, params)["Usual care"].qaly!;
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-15);
  });

  it("several death states: their sum is floored and the added deaths go to the first", () => {
    const model = markovCohort({
      states: ["Well", "Dead (other)", "Dead (disease)"],
      strategies: ["A"],
      outcomes: { lifeYears: "effect" },
      cycles: 2, startAge: 61, start: { Well: 1 }, cycleCorrection: "none-end", discountRate: { effect: 0 },
      backgroundMortality: { lifeTable: tiny, sexMix: { female: 1 }, deathState: ["Dead (other)", "Dead (disease)"] },
      transitions: () => ({ Well: { "Dead (disease)": 0.1, Well: complement }, "Dead (other)": { "Dead (other)": 1 }, "Dead (disease)": { "Dead (disease)": 1 } }),
      values: () => ({ lifeYears: { Well: 1 } }),
    });
    const trace = model.run({}).strategies.A.trace;
    const q1 = 1 - Math.exp(-0.2);
    expect(trace[1]!["Dead (disease)"]).toBe(0.1);
    expect(trace[1]!["Dead (other)"]).toBeCloseTo(q1 - 0.1, 15);
    expect(trace[1]!.Well).toBeCloseTo(1 - q1, 15);
  });
});

/** A monthly model with a tunnel state, a two-sex life table and time-dependent rows. */
const table = lifeTable({
  ages: Array.from({ length: 101 }, (_, a) => a),
  rates: {
    female: Array.from({ length: 101 }, (_, a) => Math.min(2, 0.00003 * Math.exp(0.095 * a))),
    male: Array.from({ length: 101 }, (_, a) => Math.min(2, 0.00005 * Math.exp(0.097 * a))),
  },
});
const sexMix = { female: 0.4, male: 0.6 };
type Monthly = { pProgress: number; pDieSick: number; pDie: number; uWell: number; uSick: number };
const monthlyParams: Monthly = { pProgress: 0.01, pDieSick: 0.03, pDie: 0.0005, uWell: 0.85, uSick: 0.6 };
const rowsOf = (p: Monthly, age: number, stateTime: number) => ({
  Well: { Sick: p.pProgress, Dead: age < 75 ? p.pDie : p.pDie * 2, Well: complement },
  Sick: { Dead: stateTime === 0 ? p.pDieSick : p.pDieSick / 3, Well: 0.02, Sick: complement },
  Dead: { Dead: 1 },
});
const common = {
  states: ["Well", { name: "Sick", tunnel: 3 }, "Dead"] as const,
  strategies: ["A"] as const,
  outcomes: { qaly: "effect", lifeYears: "effect" } as const,
  cycleLength: 1 / 12,
  horizon: 40,
  startAge: 62,
  start: { Well: 1 },
  values: (p: Monthly) => ({ qaly: { Well: p.uWell, Sick: p.uSick }, lifeYears: { Well: 1, Sick: 1 } }),
};

/** The same floor applied by hand in an explicitly time-dependent transitions function. */
function byHand(floorAge: number) {
  const population = lifeTableSurvival(table, { startAge: floorAge, sexMix });
  const floor = Array.from({ length: 480 }, (_, k) => -Math.expm1(-(population.cumulativeHazard((k + 1) / 12) - population.cumulativeHazard(k / 12))));
  const floorRow = (row: Record<string, number | symbol>, q: number) => {
    const written = Object.entries(row);
    const sum = written.reduce((s, [, v]) => (typeof v === "number" ? s + v : s), 0);
    const full = Object.fromEntries(written.map(([to, v]) => [to, typeof v === "number" ? v : 1 - sum]));
    const dead = full["Dead"] ?? 0;
    if (!(dead < q)) return full;
    const scale = (1 - q) / (1 - dead);
    return Object.fromEntries(Object.entries(full).map(([to, v]) => [to, to === "Dead" ? q : v * scale]));
  };
  return markovCohort({
    ...common,
    transitions: (p: Monthly, time) => {
      const rows = rowsOf(p, time.age, time.stateTime);
      const q = floor[time.cycle - 1]!;
      return { Well: floorRow(rows.Well, q), Sick: floorRow(rows.Sick, q), Dead: rows.Dead };
    },
  });
}

describe("markovCohort backgroundMortality: equivalence with the floor applied by hand", () => {
  const engine = markovCohort({ ...common, backgroundMortality: { lifeTable: table, sexMix, deathState: "Dead" }, transitions: (p: Monthly, time) => rowsOf(p, time.age, time.stateTime) });

  it("evaluateModel equals a time-dependent transitions function flooring each row by hand (≤ 1e-15 relative)", () => {
    const a = evaluateModel(engine, monthlyParams).A;
    const b = evaluateModel(byHand(62), monthlyParams).A;
    for (const key of Object.keys(b)) expect(Math.abs(a[key]! - b[key]!)).toBeLessThanOrEqual(1e-15 * Math.abs(b[key]!));
    // The floor binds: without it the cohort lives longer.
    const free = markovCohort({ ...common, transitions: (p: Monthly, time) => rowsOf(p, time.age, time.stateTime) });
    expect(evaluateModel(free, monthlyParams).A.lifeYears).toBeGreaterThan(a.lifeYears! + 1);
  });

  it("a tree leaf entering at startTime floors by the attained age startAge + startTime (the floor tabulated for age 64.5)", () => {
    const a = evaluateModel(engine, monthlyParams, { startTime: 2.5 }).A;
    const b = evaluateModel(byHand(64.5), monthlyParams, { startTime: 2.5 }).A;
    expect(Math.abs(a.qaly! - b.qaly!)).toBeLessThanOrEqual(1e-15 * b.qaly!);
  });

  it("time-homogeneous rows with a floor match the hand version (the fast path is left for the floored loop)", () => {
    const fixed = (p: Monthly) => rowsOf(p, 0, 0);
    const model = markovCohort({ ...common, states: ["Well", "Sick", "Dead"], backgroundMortality: { lifeTable: table, sexMix, deathState: "Dead" }, transitions: fixed });
    const population = lifeTableSurvival(table, { startAge: 62, sexMix });
    const hand = markovCohort({
      ...common, states: ["Well", "Sick", "Dead"],
      transitions: (p: Monthly, time) => {
        const q = -Math.expm1(-(population.cumulativeHazard(time.cycle / 12) - population.cumulativeHazard((time.cycle - 1) / 12)));
        const scaleWell = q > p.pDie ? (1 - q) / (1 - p.pDie) : 1;
        const scaleSick = q > p.pDieSick ? (1 - q) / (1 - p.pDieSick) : 1;
        return {
          Well: { Sick: p.pProgress * scaleWell, Dead: Math.max(q, p.pDie), Well: (1 - (p.pProgress + p.pDie)) * scaleWell },
          Sick: { Dead: Math.max(q, p.pDieSick), Well: 0.02 * scaleSick, Sick: (1 - (p.pDieSick + 0.02)) * scaleSick },
          Dead: { Dead: 1 },
        };
      },
    });
    const a = evaluateModel(model, monthlyParams).A;
    const b = evaluateModel(hand, monthlyParams).A;
    expect(Math.abs(a.qaly! - b.qaly!)).toBeLessThanOrEqual(1e-15 * b.qaly!);
  });
});

describe("markovCohort backgroundMortality: properties", () => {
  const scaled = (factor: number) => lifeTable({ ages: table.def.ages, rates: { female: table.def.rates["female"]!.map((m) => m * factor), male: table.def.rates["male"]!.map((m) => m * factor) } });
  const model = (factor: number, cycleLength: number) =>
    markovCohort({ ...common, cycleLength, horizon: 30, backgroundMortality: { lifeTable: scaled(factor), sexMix, deathState: "Dead" }, transitions: (p: Monthly, time) => rowsOf(p, time.age, time.stateTime) });
  const params = fc.record({ pProgress: fc.double({ min: 0, max: 0.3, noNaN: true }), pDieSick: fc.double({ min: 0, max: 0.5, noNaN: true }), pDie: fc.double({ min: 0, max: 0.2, noNaN: true }), uWell: fc.constant(0.85), uSick: fc.constant(0.6) });

  it("trace rows sum to 1 and each cycle's deaths are at least the living cohort times the life table's probability", () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.1, max: 20, noNaN: true }), fc.constantFrom(1, 1 / 4, 1 / 12), (p, factor, cycleLength) => {
        const run = model(factor, cycleLength).run(p).strategies.A.trace;
        const population = lifeTableSurvival(scaled(factor), { startAge: 62, sexMix });
        for (let t = 0; t < run.length; t++) {
          const row = run[t]!;
          expect(Math.abs(row.Well + row.Sick + row.Dead - 1)).toBeLessThanOrEqual(1e-12);
          expect(Math.min(row.Well, row.Sick, row.Dead)).toBeGreaterThanOrEqual(0);
          if (t === 0) continue;
          const q = -Math.expm1(-(population.cumulativeHazard(t * cycleLength) - population.cumulativeHazard((t - 1) * cycleLength)));
          const alive = run[t - 1]!.Well + run[t - 1]!.Sick;
          expect(row.Dead - run[t - 1]!.Dead).toBeGreaterThanOrEqual(alive * q - 1e-12);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("QALYs do not increase as the floor rises", () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true }), (p, low, ratio) => {
        const lower = evaluateModel(model(low, 1 / 4), p).A.qaly!;
        const higher = evaluateModel(model(low * ratio, 1 / 4), p).A.qaly;
        expect(higher).toBeLessThanOrEqual(lower * (1 + 1e-12));
      }),
      { numRuns: 40 },
    );
  });
});

describe("markovCohort backgroundMortality: definition checks", () => {
  it("reports a missing startAge, an unknown death state and a sex the table lacks, all at once", () => {
    const error = thrown(() =>
      markovCohort({
        states: ["Well", "Dead"], strategies: ["A"], outcomes: { qaly: "effect" }, cycles: 2, start: { Well: 1 },
        backgroundMortality: { lifeTable: tiny, sexMix: { female: 1 }, deathState: "Ded" as "Dead" },
        transitions: () => ({ Well: { Dead: 0.1, Well: complement }, Dead: { Dead: 1 } }),
      }),
    );
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["invalid_model", ["backgroundMortality"]],
      ["unknown_state", ["backgroundMortality", "deathState"]],
    ]);
    expect(error.issues[1]!.message).toContain("did you mean 'Dead'?");
  });

  it("reports a sex missing from the life table under backgroundMortality.sexMix, and a start age below the table", () => {
    const sex = thrown(() => threeStates({ backgroundMortality: { lifeTable: tiny, sexMix: { male: 1 }, deathState: "Dead" } }));
    expect([sex.code, sex.path]).toEqual(["invalid_argument", ["backgroundMortality", "sexMix", "male"]]);
    const young = thrown(() => threeStates({ startAge: 50 }));
    expect([young.code, young.path]).toEqual(["invalid_argument", ["startAge"]]);
  });

  it("reports a missing life table or death state", () => {
    const error = thrown(() => threeStates({ backgroundMortality: { sexMix: { female: 1 } } }));
    expect(error.issues.map((issue) => issue.path)).toEqual([["backgroundMortality", "lifeTable"], ["backgroundMortality", "deathState"]]);
  });
});
