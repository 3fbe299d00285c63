// Differential test of the microsimulation model-file path (`type: microsimulation`): random model
// files (2–4 states, categorical attributes among them `age`, history counters of every count,
// `variables`, strategy variables, expressions reading cycle, time, age, state_time and the peers'
// time names, state values, one-off transition values on costs and effects, every within-cycle
// correction and discount timing, cycle lengths 1 and 1/2) against a deliberately naive
// re-implementation of docs/microsimulation.md, docs/model-files.md and docs/conventions.md written
// here. The oracle never simulates: it propagates the exact distribution of an individual over the
// state space expanded by everything an expression may read of the individual (attributes, state,
// time in state, each history counter), cycle by cycle, and carries for every expanded state the
// first and second moments of the accumulated outcomes. That gives each output's exact expectation
// μ and the per-individual standard deviation σ, with nothing taken from qaly.
//
// Two checks:
// - Exact: files whose moves are certain (every transition probability 0 or 1, one starting state,
//   attributes with one value) make every individual identical, so qaly's mean must equal the
//   oracle's single path and its MCSE must be 0. Tolerance 1e-12 relative (plus 1e-12 absolute): the
//   oracle adds the same few dozen terms in another order (and qaly adds an absorbing state's tail
//   at once), a difference of a few ulps; a wrong weight, discount time or counter is off by ≥ 1e-3.
// - Statistical: random files; qaly's mean over n individuals must lie within 5 σ/√n of μ (σ from
//   the oracle, not from qaly), qaly's MCSE at most 2 σ/√n (and its median ratio to σ/√n over all
//   files within 10 % of 1), and each trace count outside the binomial tails of probability 1e-7
//   under Binomial(n, P(state at row t)). Every failure names its seed.
// Plus: the same seed gives bit-identical results (evaluateModel and run agree, a chunk size changes
// no bit) and another seed gives other results.
//
// Readings of the docs the oracle makes (each confirmed on 3 000 seeds): counters and state_time at
// row r count the rows before r (consecutive: in the current spell; total: all; ever: rows ≤ r), as
// test/models/microsimulation/ states them too; transitions and one-off values see row k − 1,
// state values row t; `heemod_state_time` is state_time + 1 in every state (the microsimulation
// tracks the time in every state, not only in tunnels); `age` is the age attribute plus `time`.
//
// MICROSIM_ORACLE_BREAK=<name> breaks the oracle on purpose (see BREAK below) to show that the
// checks are not vacuous; ORACLE_CASES=<n> runs more seeds (3 000 passed when this was written);
// ORACLE_SEED_LINES=<seed> adds that seed's file to the failures of the random-moves test.
import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { applyHazardRatio, CORRECTION_NAMES, CYCLE_TIMED, rateToProbability, rowWeights, seededGenerator, type Gen } from "../helpers/oracle.js";

/**
 * Deliberate oracle errors, for showing the test can fail (never set in the committed run):
 * `discount-time` discounts transition values at the start of the cycle whatever the timing;
 * `row-discount` discounts row t at (t + 1)Δ; `consecutive` starts a consecutive counter at 1 on entry
 * into its set; `total` counts the current row in a total counter; `state-time` reads state_time
 * one too high in transitions; `age` forgets the time in `age`.
 */
const BREAK = process.env.MICROSIM_ORACLE_BREAK ?? "";

type Count = "consecutive" | "total" | "ever";

/** What an expression sees: the oracle's own reading of the documented names. */
interface Point {
  readonly p: Readonly<Record<string, number>>;
  /** The strategy's variables. */
  readonly s: Readonly<Record<string, number>>;
  /** The model's variables, evaluated in order at this point. */
  v: Record<string, number>;
  readonly cycle: number;
  readonly time: number;
  readonly stateTime: number;
  readonly cycleLength: number;
  /** Attributes (the `age` attribute is the age at entry) and history counters. */
  readonly who: Readonly<Record<string, number>>;
  /** Whether this point is in a transition (for BREAK = state-time). */
  readonly transition: boolean;
}

interface Expr {
  readonly text: string;
  readonly f: (x: Point) => number;
}


/** The time names of docs/conventions.md and docs/microsimulation.md, as the oracle reads them. */
const TIME: Readonly<Record<string, (x: Point) => number>> = {
  cycle: (x) => x.cycle,
  time: (x) => x.time,
  model_time: (x) => x.cycle,
  darth_cycle: (x) => Math.round(x.time / x.cycleLength),
  state_time: (x) => x.stateTime + (BREAK === "state-time" && x.transition ? 1 : 0),
  heemod_state_time: (x) => x.stateTime + 1,
  age: (x) => x.who.age! + (BREAK === "age" ? 0 : x.time),
};

interface Names {
  readonly probabilities: readonly string[];
  readonly rates: readonly string[];
  readonly costs: readonly string[];
  /** Model variables defined so far (probability-valued). */
  readonly variables: readonly string[];
  /** Attributes other than age, with their possible values. */
  readonly attributes: Readonly<Record<string, readonly number[]>>;
  /** History counters and their count. */
  readonly counters: Readonly<Record<string, Count>>;
  /** Whether there is an `age` attribute (and its values). */
  readonly ages: readonly number[];
}

/** Reads a name of the individual or of the time. */
const reader = (name: string): ((x: Point) => number) => TIME[name] ?? ((x) => x.who[name]!);

/** A condition: a comparison of a time name, an attribute or a counter with a constant. */
function condition(g: Gen, n: Names): Expr {
  const counters = Object.keys(n.counters);
  const names = ["cycle", "time", "model_time", "darth_cycle", "state_time", "heemod_state_time", ...Object.keys(n.attributes), ...counters, ...counters, ...counters, ...(n.ages.length > 0 ? ["age", "age"] : [])];
  const name = g.pick(names);
  const read = reader(name);
  const c =
    name === "age" ? g.int(Math.min(...n.ages), Math.max(...n.ages) + 4)
    : name === "time" ? g.round(0, 5, 1)
    : name in n.attributes ? g.pick(n.attributes[name]!)
    : n.counters[name] === "ever" ? g.int(0, 1)
    : g.int(0, 4);
  const [op, f] = g.pick([
    ["<=", (a: number, b: number) => a <= b],
    [">", (a: number, b: number) => a > b],
    ["==", (a: number, b: number) => a === b],
    [">=", (a: number, b: number) => a >= b],
  ] as const);
  return { text: `${name} ${op} ${c}`, f: (x) => (f(read(x), c) ? 1 : 0) };
}

/** A number that grows with something the individual or the time has: 1 + k · name. */
function growth(g: Gen, n: Names): Expr {
  const name = g.pick(["cycle", "state_time", "heemod_state_time", "darth_cycle", ...Object.keys(n.counters), ...Object.keys(n.counters), ...Object.keys(n.attributes)]);
  const read = reader(name);
  const k = g.round(0.05, 0.4, 2);
  return { text: `(1 + ${k} * ${name})`, f: (x) => 1 + k * read(x) };
}

/** A probability-valued expression (in [0, 1] for every individual and cycle). */
function probability(g: Gen, n: Names, depth: number): Expr {
  const leaf = depth <= 0 || g.chance(0.3);
  switch (g.int(0, leaf ? 3 : 9)) {
    case 0: {
      const name = g.pick(n.probabilities);
      return { text: name, f: (x) => x.p[name]! };
    }
    case 1: {
      const name = g.pick(n.rates);
      if (g.chance(0.5)) return { text: `rateToProbability(${name})`, f: (x) => rateToProbability(x.p[name]!) };
      const years = g.pick([0.5, 2]);
      return { text: `rateToProbability(${name}, ${years})`, f: (x) => rateToProbability(x.p[name]!, years) };
    }
    case 2: {
      if (n.variables.length === 0) return probability(g, n, 0);
      const name = g.pick(n.variables);
      return { text: name, f: (x) => x.v[name]! };
    }
    case 3: {
      const c = g.round(0, 1, 2);
      return { text: String(c), f: () => c };
    }
    case 4: {
      const inner = probability(g, n, depth - 1);
      return { text: `applyHazardRatio(${inner.text}, hr)`, f: (x) => applyHazardRatio(inner.f(x), x.s.hr!) };
    }
    case 5: {
      const inner = probability(g, n, depth - 1);
      const k = g.round(0.01, 0.2, 2);
      return { text: `(${inner.text}) * exp(-${k} * time)`, f: (x) => inner.f(x) * Math.exp(-k * x.time) };
    }
    case 6:
    case 7: {
      const inner = probability(g, n, depth - 1);
      const up = growth(g, n);
      return { text: `min(1, (${inner.text}) * ${up.text})`, f: (x) => Math.min(1, inner.f(x) * up.f(x)) };
    }
    case 8: {
      const test = condition(g, n);
      const a = probability(g, n, depth - 1);
      const b = probability(g, n, depth - 1);
      return { text: `(${test.text}) ? (${a.text}) : (${b.text})`, f: (x) => (test.f(x) === 1 ? a.f(x) : b.f(x)) };
    }
    default: {
      const a = probability(g, n, depth - 1);
      const b = probability(g, n, depth - 1);
      return g.chance(0.5) ? { text: `max(${a.text}, ${b.text})`, f: (x) => Math.max(a.f(x), b.f(x)) } : { text: `(${a.text}) * (${b.text})`, f: (x) => a.f(x) * b.f(x) };
    }
  }
}

/** A value per year (cost, utility) or a one-off value: any finite number. */
function value(g: Gen, n: Names, depth: number): Expr {
  const leaf = depth <= 0 || g.chance(0.35);
  switch (g.int(0, leaf ? 2 : 6)) {
    case 0: {
      const name = g.pick(n.costs);
      return { text: name, f: (x) => x.p[name]! };
    }
    case 1:
      return probability(g, n, 1);
    case 2: {
      const c = g.round(-50, 500, 1);
      return { text: `(${c})`, f: () => c };
    }
    case 3: {
      const inner = value(g, n, depth - 1);
      const up = growth(g, n);
      return { text: `(${inner.text}) * ${up.text}`, f: (x) => inner.f(x) * up.f(x) };
    }
    case 4: {
      const a = value(g, n, depth - 1);
      const b = value(g, n, depth - 1);
      return { text: `(${a.text}) + (${b.text})`, f: (x) => a.f(x) + b.f(x) };
    }
    case 5: {
      const test = condition(g, n);
      const a = value(g, n, depth - 1);
      const b = value(g, n, depth - 1);
      return { text: `(${test.text}) ? (${a.text}) : (${b.text})`, f: (x) => (test.f(x) === 1 ? a.f(x) : b.f(x)) };
    }
    default:
      return { text: "cx", f: (x) => x.s.cx! };
  }
}

type Cell = Expr | "complement";

interface Attribute {
  readonly values: readonly number[];
  readonly probabilities: readonly number[];
}

interface Case {
  readonly seed: number;
  readonly exact: boolean;
  readonly file: Record<string, unknown>;
  readonly parameters: Readonly<Record<string, number>>;
  readonly states: readonly string[];
  readonly start: Readonly<Record<string, number>>;
  readonly strategies: Readonly<Record<string, Readonly<Record<string, Expr>>>>;
  readonly attributes: Readonly<Record<string, Attribute>>;
  readonly history: Readonly<Record<string, { readonly states: readonly string[]; readonly count: Count }>>;
  readonly variables: readonly (readonly [string, Expr])[];
  readonly transitions: Readonly<Record<string, readonly (readonly [string, Cell])[]>>;
  readonly values: Readonly<Record<string, Readonly<Record<string, Expr>>>>;
  readonly transitionValues: readonly (readonly [string, string, string, Expr])[];
  readonly outcomes: Readonly<Record<string, "cost" | "effect">>;
  readonly individuals: number;
  readonly cycles: number;
  readonly cycleLength: number;
  readonly rates: { readonly cost: number; readonly effect: number };
  readonly correction: string | { readonly weights: number[] };
  readonly timing: string;
}

/** Two probabilities with few decimals summing to exactly 1 in their text. */
function split(g: Gen): [number, number] {
  const q = g.round(0.15, 0.85, 2);
  return [q, Number((1 - q).toFixed(2))];
}

/**
 * A random microsimulation file. `exact`: certain moves (each living row has one cell that is 0 or 1
 * by a condition, and the complement), one starting state and attributes of one value each, so every
 * individual follows the same path.
 */
function randomCase(seed: number, exact: boolean, individuals: number): Case {
  const g = seededGenerator(seed * 7919 + (exact ? 1 : 0));
  const probabilities = ["p0", "p1", "p2"];
  const rateNames = ["r0", "r1"];
  const costs = ["c0", "c1"];
  const parameters: Record<string, number> = {};
  for (const name of probabilities) parameters[name] = g.round(0.02, 0.4, 3);
  for (const name of rateNames) parameters[name] = g.round(0.05, 0.8, 3);
  for (const name of costs) parameters[name] = g.round(100, 5000, 0);
  parameters.hr0 = g.round(0.4, 1.8, 2);
  // Strategies: each sets hr (a hazard ratio on transitions) and cx (a cost).
  const strategies: Record<string, Record<string, Expr>> = {};
  const strategyFile: Record<string, unknown> = {};
  for (let s = 0, count = g.int(1, 2); s < count; s++) {
    const hr: Expr = s === 0 ? { text: "1", f: () => 1 } : { text: "hr0", f: (x) => x.p.hr0! };
    const cxValue = g.round(0, 3000, 0);
    const cx: Expr = g.chance(0.5) ? { text: String(cxValue), f: () => cxValue } : { text: `c0 + ${cxValue}`, f: (x) => x.p.c0! + cxValue };
    strategies[`S${s}`] = { hr, cx };
    strategyFile[`S${s}`] = { variables: { hr: hr.text, cx: cx.text } };
  }
  // States: 1–3 living states and Dead.
  const living = ["A", "B", "C"].slice(0, g.int(1, 3));
  const states = [...living, "Dead"];
  // Attributes: categorical, possibly an age at entry (one value each in exact cases).
  const attributes: Record<string, Attribute> = {};
  if (g.chance(0.6)) {
    const [a, b] = split(g);
    attributes.age = exact ? { values: [g.int(40, 80)], probabilities: [1] } : { values: [g.int(40, 60), g.int(61, 80)], probabilities: [a, b] };
  }
  if (g.chance(0.5)) {
    const [a, b] = split(g);
    attributes.grp = exact ? { values: [g.pick([0, 1, 2])], probabilities: [1] } : { values: [0, g.pick([1, 2])], probabilities: [a, b] };
  }
  // History counters over random sets of states.
  const history: Record<string, { states: string[]; count: Count }> = {};
  for (let i = 0, count = g.int(exact ? 1 : 0, 3); i < count; i++) {
    let set = states.filter(() => g.chance(0.4));
    if (set.length === 0) set = [g.pick(living)];
    history[`h${i}`] = { states: set, count: g.pick(["consecutive", "total", "ever"] as const) };
  }
  const variables: [string, Expr][] = [];
  const names = (): Names => ({
    probabilities,
    rates: rateNames,
    costs,
    variables: variables.map(([v]) => v),
    attributes: Object.fromEntries(Object.entries(attributes).filter(([a]) => a !== "age").map(([a, d]) => [a, d.values])),
    counters: Object.fromEntries(Object.entries(history).map(([h, d]) => [h, d.count])),
    ages: attributes.age?.values ?? [],
  });
  for (let i = 0, count = g.int(0, 2); i < count; i++) variables.push([`v${i}`, probability(g, names(), 2)]);
  // Start: one state (exact) or quarters over the living states.
  const start: Record<string, number> = {};
  if (exact) start[g.pick(living)] = 1;
  else {
    let left = 4;
    for (const state of living) {
      const quarters = g.int(0, left);
      if (quarters > 0) start[state] = quarters / 4;
      left -= quarters;
    }
    if (left > 0) start[living[0]!] = (start[living[0]!] ?? 0) + left / 4;
  }
  // Transitions.
  const transitions: Record<string, [string, Cell][]> = {};
  for (const from of living) {
    if (exact) {
      // One certain-or-impossible move by a condition, the complement elsewhere, sometimes a 0.
      const to = g.pick(states.filter((s) => s !== from));
      const rest = states.filter((s) => s !== to);
      const complementOn = g.chance(0.6) ? from : g.pick(rest);
      const test = condition(g, names());
      const row: [string, Cell][] = [
        [to, { text: `(${test.text}) ? 1 : 0`, f: test.f }],
        [complementOn, "complement"],
      ];
      const other = rest.find((s) => s !== complementOn);
      if (other !== undefined && g.chance(0.3)) row.push([other, { text: "0", f: () => 0 }]);
      transitions[from] = g.shuffle(row);
      continue;
    }
    const targets = states.filter(() => g.chance(0.6));
    if (!targets.includes("Dead")) targets.push("Dead");
    const complementOn = g.chance(0.6) ? from : g.pick(targets);
    if (!targets.includes(complementOn)) targets.splice(g.int(0, targets.length), 0, complementOn);
    let budget = 0.95;
    transitions[from] = targets.map((to): [string, Cell] => {
      if (to === complementOn) return [to, "complement"];
      const w = Number((budget * g.round(0.1, 0.6, 2)).toFixed(3));
      budget -= w;
      const inner = probability(g, names(), 3);
      return [to, { text: `${w} * (${inner.text})`, f: (x) => w * inner.f(x) }];
    });
  }
  transitions.Dead = [["Dead", g.chance(0.5) ? "complement" : { text: "1", f: () => 1 }]];
  // Values: cost (a strategy cost among them) and qaly (utilities) in living states; Dead sometimes
  // has a constant cost (an absorbing state with constant values: its tail added at once) or one
  // that reads the time.
  const outcomes: Record<string, "cost" | "effect"> = { cost: "cost", qaly: "effect" };
  const values: Record<string, Record<string, Expr>> = { cost: {}, qaly: {} };
  for (const state of living) {
    if (g.chance(0.85)) {
      const e = value(g, names(), 3);
      // Often a linear term in a history counter or the time in state, so that any off-by-one shows.
      const read = g.pick(["state_time", ...Object.keys(history), ...Object.keys(history)]);
      const k = g.round(10, 100, 0);
      const f = reader(read);
      values.cost![state] = g.chance(0.6) ? { text: `(${e.text}) + ${k} * ${read}`, f: (x) => e.f(x) + k * f(x) } : e;
    }
    values.qaly![state] = probability(g, names(), 2);
  }
  if (g.chance(0.4)) {
    const c = g.round(1, 300, 1);
    values.cost!.Dead = g.chance(0.6) ? { text: String(c), f: () => c } : { text: `${c} * (1 + 0.1 * cycle)`, f: (x) => c * (1 + 0.1 * x.cycle) };
  }
  // One-off values on moves (never on staying): costs, and sometimes a QALY loss.
  const transitionValues: [string, string, string, Expr][] = [];
  for (const from of living) {
    for (const [to] of transitions[from]!) {
      if (to === from) continue;
      if (g.chance(0.35)) transitionValues.push(["cost", from, to, value(g, names(), 2)]);
      if (g.chance(0.15)) {
        const loss = g.round(0.01, 0.3, 2);
        transitionValues.push(["qaly", from, to, { text: `-${loss}`, f: () => -loss }]);
      }
    }
  }
  const cycleLength = g.pick([1, 1, 0.5]);
  const cycles = g.int(1, 10);
  const rates = { cost: g.pick([0, 0.03, 0.05, g.round(0, 0.12, 3)]), effect: g.pick([0, 0.03, 0.015, g.round(0, 0.12, 3)]) };
  const correction: Case["correction"] = g.chance(0.1) ? { weights: Array.from({ length: cycles + 1 }, () => g.round(0, 1.5, 2)) } : g.pick(CORRECTION_NAMES);
  let timing = "row";
  if (typeof correction === "string" && correction in CYCLE_TIMED && g.chance(0.7)) timing = g.pick(["cycle-start", "cycle-end", "cycle-middle", "row"]);
  const fileSeed = g.chance(0.5) ? g.int(1, 1_000_000) : `case-${seed}`;
  const cellText = (cell: Cell): string => (cell === "complement" ? "complement" : cell.text);
  const file = {
    metadata: { title: `microsimulation oracle case ${seed}` },
    parameters,
    strategies: strategyFile,
    model: {
      type: "microsimulation",
      states,
      outcomes,
      individuals,
      seed: fileSeed,
      cycleLength,
      cycles,
      discountRate: rates,
      cycleCorrection: correction,
      discountTiming: timing,
      ...(Object.keys(attributes).length === 0 ? {} : { attributes: Object.fromEntries(Object.entries(attributes).map(([a, d]) => [a, { kind: "categorical", values: d.values, probabilities: d.probabilities }])) }),
      ...(Object.keys(history).length === 0 ? {} : { history }),
      start,
      ...(variables.length === 0 ? {} : { variables: Object.fromEntries(variables.map(([v, e]) => [v, e.text])) }),
      transitions: Object.fromEntries(Object.entries(transitions).map(([from, row]) => [from, Object.fromEntries(row.map(([to, cell]) => [to, cellText(cell)]))])),
      values: Object.fromEntries(Object.entries(values).map(([o, m]) => [o, Object.fromEntries(Object.entries(m).map(([s, e]) => [s, e.text]))])),
      ...(transitionValues.length === 0
        ? {}
        : {
            transitionValues: transitionValues.reduce<Record<string, Record<string, Record<string, string>>>>((acc, [o, from, to, e]) => {
              ((acc[o] ??= {})[from] ??= {})[to] = e.text;
              return acc;
            }, {}),
          }),
    },
  };
  return { seed, exact, file, parameters, states, start, strategies, attributes, history, variables, transitions, values, transitionValues, outcomes, individuals, cycles, cycleLength, rates, correction, timing };
}

/** The outputs the oracle computes, in a fixed order. */
const OUTPUTS = ["cost", "qaly", "costUndiscounted", "qalyUndiscounted"] as const;

/** One point of the expanded state space and the moments of what has accumulated on the way there. */
interface Node {
  readonly who: Record<string, number>;
  readonly state: string;
  readonly stateTime: number;
  /** Probability of being here. */
  m: number;
  /** Σ probability · accumulated output, per output. */
  readonly s1: number[];
  /** Σ probability · accumulated output², per output. */
  readonly s2: number[];
}

interface Expected {
  /** Exact mean per output. */
  readonly mean: Readonly<Record<string, number>>;
  /** Per-individual standard deviation per output. */
  readonly sd: Readonly<Record<string, number>>;
  /** P(state at row t). */
  readonly occupancy: readonly Readonly<Record<string, number>>[];
  /** The largest number of expanded states reached at a row (1 for a certain path). */
  readonly width: number;
}

/** The oracle: the exact distribution of one individual of a strategy, propagated row by row. */
function oracle(c: Case, strategy: string): Expected {
  const p = c.parameters;
  const noPoint: Point = { p, s: {}, v: {}, cycle: 0, time: 0, stateTime: 0, cycleLength: c.cycleLength, who: {}, transition: false };
  const s = Object.fromEntries(Object.entries(c.strategies[strategy]!).map(([k, e]) => [k, e.f(noPoint)]));
  const Δ = c.cycleLength;
  const N = c.cycles;
  const d = (rate: number, years: number): number => (1 + rate) ** -years;
  const rateOf = (o: string): number => (c.outcomes[o] === "cost" ? c.rates.cost : c.rates.effect);
  const w = rowWeights(c.correction, N);
  // Row coefficients (docs/conventions.md, "Discounting").
  const coefficient = (rate: number): number[] => {
    const out = new Array<number>(N + 1).fill(0);
    if (c.timing === "row") {
      for (let t = 0; t <= N; t++) out[t] = Δ * w[t]! * d(rate, (t + (BREAK === "row-discount" ? 1 : 0)) * Δ);
      return out;
    }
    const canonical = CYCLE_TIMED[c.correction as string]!;
    const [a, b] = canonical === "none-beginning" ? [1, 0] : canonical === "none-end" ? [0, 1] : [0.5, 0.5];
    for (let k = 1; k <= N; k++) {
      const τ = c.timing === "cycle-start" ? (k - 1) * Δ : c.timing === "cycle-end" ? k * Δ : (k - 0.5) * Δ;
      out[k - 1]! += Δ * a * d(rate, τ);
      out[k]! += Δ * b * d(rate, τ);
    }
    return out;
  };
  const discounted = { cost: coefficient(c.rates.cost), qaly: coefficient(c.rates.effect) };
  const point = (node: Node, cycle: number, time: number, transition: boolean): Point => {
    const x: Point = { p, s, v: {}, cycle, time, stateTime: node.stateTime, cycleLength: Δ, who: node.who, transition };
    for (const [name, e] of c.variables) x.v[name] = e.f(x);
    return x;
  };
  const counters = Object.entries(c.history);
  const key = (who: Readonly<Record<string, number>>, state: string, stateTime: number): string => `${JSON.stringify(who)}|${state}|${stateTime}`;
  /** Adds `a` (per output) to everything accumulated at the node. */
  const accrue = (node: Node, a: readonly number[]): void => {
    for (let i = 0; i < OUTPUTS.length; i++) {
      node.s2[i]! += 2 * a[i]! * node.s1[i]! + a[i]! * a[i]! * node.m;
      node.s1[i]! += a[i]! * node.m;
    }
  };
  const stateValues = (nodes: Iterable<Node>, t: number): void => {
    for (const node of nodes) {
      const x = point(node, t, t * Δ, false);
      const a = [0, 0, 0, 0];
      for (const o of ["cost", "qaly"] as const) {
        const e = c.values[o]![node.state];
        if (e === undefined) continue;
        const v = e.f(x);
        a[OUTPUTS.indexOf(o)] = discounted[o][t]! * v;
        a[OUTPUTS.indexOf(`${o}Undiscounted`)] = Δ * w[t]! * v;
      }
      accrue(node, a);
    }
  };
  // Row 0: every combination of attribute values and every starting state.
  let nodes = new Map<string, Node>();
  let combos: [Record<string, number>, number][] = [[{}, 1]];
  for (const [name, attribute] of Object.entries(c.attributes)) {
    combos = combos.flatMap(([who, q]) => attribute.values.map((v, i): [Record<string, number>, number] => [{ ...who, [name]: v }, q * attribute.probabilities[i]!]));
  }
  for (const [who0, q] of combos) {
    for (const [state, share] of Object.entries(c.start)) {
      const who = { ...who0 };
      for (const [name, h] of counters) who[name] = h.count === "ever" && h.states.includes(state) ? 1 : 0;
      const k = key(who, state, 0);
      const node = nodes.get(k) ?? { who, state, stateTime: 0, m: 0, s1: [0, 0, 0, 0], s2: [0, 0, 0, 0] };
      node.m += q * share;
      nodes.set(k, node);
    }
  }
  const occupancy: Record<string, number>[] = [];
  let width = 0;
  const occupy = (): void => {
    width = Math.max(width, [...nodes.values()].filter((node) => node.m > 0).length);
    const row = Object.fromEntries(c.states.map((state) => [state, 0]));
    for (const node of nodes.values()) row[node.state]! += node.m;
    occupancy.push(row);
  };
  occupy();
  stateValues(nodes.values(), 0);
  for (let k = 1; k <= N; k++) {
    const next = new Map<string, Node>();
    for (const node of nodes.values()) {
      if (node.m === 0) continue;
      const x = point(node, k, (k - 1) * Δ, true);
      const row = c.transitions[node.state]!;
      const given = row.map(([, cell]) => (cell === "complement" ? Number.NaN : cell.f(x)));
      let sum = 0;
      for (const v of given) if (!Number.isNaN(v)) sum += v;
      row.forEach(([to, cell], j) => {
        const q = cell === "complement" ? 1 - sum : given[j]!;
        if (q === 0) return;
        // One-off values on the move, discounted at the time of the move, no correction, no Δ.
        const a = [0, 0, 0, 0];
        for (const [o, from, target, e] of c.transitionValues) {
          if (from !== node.state || target !== to) continue;
          const τ = c.timing === "cycle-start" || BREAK === "discount-time" ? (k - 1) * Δ : c.timing === "cycle-middle" ? (k - 0.5) * Δ : k * Δ;
          const v = e.f(x);
          a[OUTPUTS.indexOf(o as "cost")]! += v * d(rateOf(o), τ);
          a[OUTPUTS.indexOf(`${o as "cost"}Undiscounted`)]! += v;
        }
        // The individual at row k: time in state, counters (docs/microsimulation.md).
        const who = { ...node.who };
        for (const [name, h] of counters) {
          const wasIn = h.states.includes(node.state);
          const isIn = h.states.includes(to);
          if (h.count === "ever") who[name] = isIn ? 1 : who[name]!;
          else if (h.count === "total") who[name] = who[name]! + (wasIn ? 1 : 0) + (BREAK === "total" && isIn ? 1 : 0);
          else who[name] = isIn && wasIn ? who[name]! + 1 : isIn && BREAK === "consecutive" ? 1 : 0;
        }
        const stateTime = to === node.state ? node.stateTime + 1 : 0;
        const id = key(who, to, stateTime);
        let target = next.get(id);
        if (target === undefined) {
          target = { who, state: to, stateTime, m: 0, s1: [0, 0, 0, 0], s2: [0, 0, 0, 0] };
          next.set(id, target);
        }
        // Moments of (accumulated + a) on the branch of probability q.
        for (let i = 0; i < OUTPUTS.length; i++) {
          target.s2[i]! += q * (node.s2[i]! + 2 * a[i]! * node.s1[i]! + a[i]! * a[i]! * node.m);
          target.s1[i]! += q * (node.s1[i]! + a[i]! * node.m);
        }
        target.m += q * node.m;
      });
    }
    nodes = next;
    occupy();
    stateValues(nodes.values(), k);
  }
  const mean: Record<string, number> = {};
  const sd: Record<string, number> = {};
  OUTPUTS.forEach((o, i) => {
    let s1 = 0;
    let s2 = 0;
    for (const node of nodes.values()) {
      s1 += node.s1[i]!;
      s2 += node.s2[i]!;
    }
    mean[o] = s1;
    sd[o] = Math.sqrt(Math.max(0, s2 - s1 * s1));
  });
  return { mean, sd, occupancy, width };
}

interface Compiled {
  readonly model: { readonly strategies: readonly string[]; run(p: Record<string, number>): { strategies: Record<string, { mean: Record<string, number>; mcse: Record<string, number>; trace: readonly Record<string, number>[] }> } };
  readonly base: Record<string, number>;
}

function compile(c: Case, patch: Record<string, unknown> = {}): Compiled {
  const file = { ...c.file, model: { ...(c.file.model as object), ...patch } };
  const project = compileModelFile(JSON.stringify(file), { fileName: `microsimulation-oracle-${c.seed}.json` });
  return { model: project.model as unknown as Compiled["model"], base: (project.baseCase ?? project.parameters.base()) as Record<string, number> };
}

/**
 * The smaller tail probability of `count` under Binomial(n, q), P(X ≤ count) or P(X ≥ count): exact,
 * because counts of rare states (n·q ≈ 0.02) are far from normal, where "5 SE" would be a 1 in 10⁴ event.
 */
function binomialTail(n: number, q: number, count: number): number {
  q = Math.min(1, Math.max(0, q));
  // Count the rarer side so that the first term, (1 − q)^n, cannot underflow.
  if (q > 0.5) return binomialTail(n, 1 - q, n - count);
  let pmf = (1 - q) ** n;
  let below = 0;
  let above = 0;
  for (let k = 0; k <= n; k++) {
    if (k <= count) below += pmf;
    if (k >= count) above += pmf;
    pmf *= ((n - k) / (k + 1)) * (q / (1 - q));
  }
  return Math.min(below, above);
}

/** The seeds named in failure lines. */
const failingSeeds = (failures: readonly string[]): number[] => [...new Set(failures.map((line) => Number(/^seed (\d+)/.exec(line)?.[1])))];

/** The oracle's σ, 0 where it is rounding noise (s2 − s1² cancels to ~1e-8 of the mean). */
const sdOf = (want: Expected, o: string): number => (want.sd[o]! <= 1e-6 * (1 + Math.abs(want.mean[o]!)) ? 0 : want.sd[o]!);

const CASES = Array.from({ length: Number(process.env.ORACLE_CASES ?? 60) }, (_, i) => i + 1);

describe("microsimulation model files against a naive cohort oracle (random files)", () => {
  it(`certain moves: every individual follows the oracle's single path, to 1e-12, MCSE 0 (${CASES.length} random files)`, () => {
    const failures: string[] = [];
    for (const seed of CASES) {
      const c = randomCase(seed, true, 5);
      let compiled: Compiled;
      try {
        compiled = compile(c);
      } catch (error) {
        failures.push(`seed ${seed} (exact): does not compile: ${(error as Error).message}\n${JSON.stringify(c.file)}`);
        continue;
      }
      const result = evaluateModel(compiled.model as never, compiled.base) as Record<string, Record<string, number>>;
      for (const strategy of Object.keys(c.strategies)) {
        const want = oracle(c, strategy);
        // The generator's promise: one path (else the case is not exact and the test is wrong).
        if (want.width !== 1) failures.push(`seed ${seed} (exact) ${strategy}: the oracle has ${want.width} paths`);
        for (const o of OUTPUTS) {
          const got = result[strategy]![o]!;
          const ok = Math.abs(got - want.mean[o]!) <= 1e-12 * Math.max(Math.abs(got), Math.abs(want.mean[o]!)) + 1e-12;
          if (!ok) failures.push(`seed ${seed} (exact) ${strategy}.${o}: qaly ${got}, oracle ${want.mean[o]}`);
          if (result[strategy]![`${o}Mcse`] !== 0) failures.push(`seed ${seed} (exact) ${strategy}.${o}Mcse: ${result[strategy]![`${o}Mcse`]}, not 0`);
        }
      }
    }
    expect({ seeds: failingSeeds(failures), first: process.env.ORACLE_SEED_LINES ? failures.filter((line) => line.startsWith(`seed ${process.env.ORACLE_SEED_LINES} `)) : failures.slice(0, 10) }).toEqual({ seeds: [], first: [] });
  });

  it(`random moves: means within 5 SE of the oracle's expectations, MCSE close to σ/√n, each trace count not in a binomial tail below 1e-7 (${CASES.length} random files)`, () => {
    const failures: string[] = [];
    const ratios: number[] = [];
    for (const seed of CASES) {
      const c = randomCase(seed, false, 400);
      if (process.env.ORACLE_SEED_LINES === String(seed)) failures.push(`seed ${seed} file: ${JSON.stringify(c.file)}`);
      let compiled: Compiled;
      try {
        compiled = compile(c);
      } catch (error) {
        failures.push(`seed ${seed}: does not compile: ${(error as Error).message}\n${JSON.stringify(c.file)}`);
        continue;
      }
      const n = c.individuals;
      const result = evaluateModel(compiled.model as never, compiled.base) as Record<string, Record<string, number>>;
      const run = compiled.model.run(compiled.base);
      for (const strategy of Object.keys(c.strategies)) {
        const want = oracle(c, strategy);
        const ours = run.strategies[strategy]!;
        for (const o of OUTPUTS) {
          const got = result[strategy]![o]!;
          const μ = want.mean[o]!;
          const se = sdOf(want, o) / Math.sqrt(n);
          if (!(Math.abs(got - μ) <= 5 * se + 1e-9 * (1 + Math.abs(μ)))) failures.push(`seed ${seed} ${strategy}.${o}: qaly ${got}, oracle ${μ} ± ${se} (${((got - μ) / se).toFixed(1)} SE)`);
          // The MCSE estimates σ/√n from the sample: never far above it (a sample without the rare
          // paths may be far below it, so the lower side is checked on the median over all files).
          const mcse = result[strategy]![`${o}Mcse`]!;
          if (se === 0 ? !(mcse <= 1e-6 * (1 + Math.abs(μ))) : !(mcse <= 2 * se)) failures.push(`seed ${seed} ${strategy}.${o}Mcse: qaly ${mcse}, oracle σ/√n ${se}`);
          if (se > 0) ratios.push(mcse / se);
          // evaluateModel and run compute the same thing from the same seed: the same bits.
          if (!Object.is(ours.mean[o], got) || !Object.is(ours.mcse[o], mcse)) failures.push(`seed ${seed} ${strategy}.${o}: run ${ours.mean[o]} ± ${ours.mcse[o]} ≠ evaluateModel ${got} ± ${mcse}`);
        }
        if (ours.trace.length !== c.cycles + 1) failures.push(`seed ${seed} ${strategy}: ${ours.trace.length} trace rows`);
        ours.trace.forEach((row, t) => {
          let total = 0;
          for (const state of c.states) {
            const q = want.occupancy[t]![state]!;
            const count = row[state]!;
            total += count;
            const tail = binomialTail(n, q, count);
            if (!(tail >= 1e-7)) failures.push(`seed ${seed} ${strategy} trace[${t}].${state}: qaly ${count}, oracle ${n * q} (tail probability ${tail.toExponential(1)})`);
          }
          if (total !== n) failures.push(`seed ${seed} ${strategy} trace[${t}] sums to ${total}`);
        });
      }
    }
    expect({ seeds: failingSeeds(failures), first: process.env.ORACLE_SEED_LINES ? failures.filter((line) => line.startsWith(`seed ${process.env.ORACLE_SEED_LINES} `)) : failures.slice(0, 10) }).toEqual({ seeds: [], first: [] });
    ratios.sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    expect(ratios.length).toBeGreaterThan(CASES.length);
    expect(median, "median of qaly's MCSE / oracle's σ/√n").toBeGreaterThan(0.9);
    expect(median, "median of qaly's MCSE / oracle's σ/√n").toBeLessThan(1.1);
  });

  it("the same seed gives the same bits (recompiled, and with another chunk size); another seed gives other results", () => {
    const failures: string[] = [];
    for (const seed of CASES.slice(0, 15)) {
      const c = randomCase(seed, false, 300);
      const once = evaluateModel(compile(c).model as never, compile(c).base) as Record<string, Record<string, number>>;
      const again = evaluateModel(compile(c).model as never, compile(c).base) as Record<string, Record<string, number>>;
      const chunked = evaluateModel(compile(c, { chunkSize: 7 }).model as never, compile(c).base) as Record<string, Record<string, number>>;
      const other = evaluateModel(compile(c, { seed: `other-${seed}` }).model as never, compile(c).base) as Record<string, Record<string, number>>;
      let differs = false;
      for (const strategy of Object.keys(c.strategies)) {
        for (const [name, value] of Object.entries(once[strategy]!)) {
          if (!Object.is(again[strategy]![name], value)) failures.push(`seed ${seed} ${strategy}.${name}: ${value} then ${again[strategy]![name]}`);
          if (!Object.is(chunked[strategy]![name], value)) failures.push(`seed ${seed} ${strategy}.${name}: ${value}, chunkSize 7 ${chunked[strategy]![name]}`);
          if (!Object.is(other[strategy]![name], value)) differs = true;
        }
      }
      const oracleSd = Object.keys(c.strategies).some((strategy) => {
        const want = oracle(c, strategy);
        return OUTPUTS.some((o) => sdOf(want, o) > 0);
      });
      if (oracleSd && !differs) failures.push(`seed ${seed}: another seed gives the same results`);
    }
    expect(failures).toEqual([]);
  });
});
