// Differential test of the decision-tree model-file path: random model files (root decision over the
// file's strategies, chance nodes of 2-4 branches with at most one `probability: complement`,
// payoffs, counts and time on options, branches and terminals, cost categories, nested decisions
// expanded into policies, subtrees with bindings, strategy variables, numbers and expressions, and
// terminals that enter small Markov models under `models:` with their own or the file's strategies,
// a `start`, a `startTime` and sometimes `costByYear`) against a deliberately naive re-implementation
// of docs/decision-tree.md, docs/model-files.md, docs/conventions.md, docs/markov-cohort.md and
// docs/budget-impact.md written here: every value is a JavaScript function built from the same
// random expression tree as the file's text (never by qaly's expression compiler), policies are
// enumerated and rolled back recursively (E = Σ p_b (payoff_b + E_child)), and each Markov leaf is
// run by its own plain cohort loop, with the leaf's `startTime` shifting age, discounting and the
// years of cost by year, and the tree's `time` shifting nothing (docs/decision-tree.md: "It does not
// shift leaf models automatically"). Base case and PSA draws alike. Left out: tunnels, background
// mortality and milestones in the leaves (build-markov-oracle.test.ts covers the Markov engine).
//
// Tolerance: 1e-10 of the sum of the absolute values of the terms of each total, plus 1e-12
// absolute. qaly adds the same path probability × payoff terms in another order (top down, and the
// Markov leaves' value-to-go when several leaves enter one model, documented as within 1e-12
// relative to the sum of the terms' absolute values, so relative to the total itself it is not
// bounded when signs cancel); the oracle evaluates applyHazardRatio as 1 − (1 − p)^hr. Any wrong
// convention (a twin not added, a discount factor at the wrong time, an age not shifted, a cost in
// the wrong year, a branch probability misread) is off by far more. The absolute 1e-12 only matters
// for totals that are exactly 0 in the oracle (an outcome a policy never reaches).
import { afterAll, describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";
import { applyHazardRatio, rateToProbability, rowWeights, seededGenerator, type Gen } from "../helpers/oracle.js";


type Values = Readonly<Record<string, number>>;

/** What a tree expression sees: parameters, the strategy's variables, the subtree's bindings. */
interface Env {
  readonly p: Values;
  readonly s: Values;
  readonly b: Values;
}

interface Expr {
  readonly text: string;
  readonly f: (x: Env) => number;
}

/** What a Markov expression sees (docs/conventions.md: cycle, time since entry, age). */
interface Point {
  readonly p: Values;
  readonly s: Values;
  readonly cycle: number;
  readonly time: number;
  readonly age: number;
}

interface MExpr {
  readonly text: string;
  readonly f: (x: Point) => number;
}

const constant = (c: number): Expr => ({ text: String(c), f: () => c });

// Parameter names by meaning; every parameter has a value and a distribution.
const PROBABILITIES = ["p0", "p1", "p2"];
const COSTS = ["c0", "c1", "c2"];
const UTILITIES = ["u0", "u1"];
/** Strategy variables every file strategy sets: a hazard ratio, a cost and a probability. */
const STRATEGY_VARIABLES = ["hr", "cd", "pS"];

/** The names a tree expression may read where it is written. */
interface Scope {
  /** Probability-valued subtree bindings in scope. */
  readonly probabilityBindings: readonly string[];
  /** Value-valued subtree bindings in scope. */
  readonly valueBindings: readonly string[];
}

const readName = (name: string): ((x: Env) => number) =>
  STRATEGY_VARIABLES.includes(name) ? (x) => x.s[name]! : name.startsWith("b") ? (x) => x.b[name]! : (x) => x.p[name]!;
const named = (name: string): Expr => ({ text: name, f: readName(name) });

/** A probability-valued tree expression (in [0, 1] whatever the draw). */
function probability(g: Gen, scope: Scope, depth: number): Expr {
  const leaf = depth <= 0 || g.chance(0.4);
  switch (g.int(0, leaf ? 2 : 6)) {
    case 0:
      return named(g.pick([...PROBABILITIES, "pS", ...scope.probabilityBindings]));
    case 1: {
      if (g.chance(0.5)) return { text: "rateToProbability(r0)", f: (x) => rateToProbability(x.p.r0!) };
      const years = g.pick([0.5, 2]);
      return { text: `rateToProbability(r0, ${years})`, f: (x) => rateToProbability(x.p.r0!, years) };
    }
    case 2:
      return constant(g.round(0, 1, 2));
    case 3: {
      const inner = probability(g, scope, depth - 1);
      const hr = g.pick(["hr", "hr0"]);
      const read = readName(hr);
      return { text: `applyHazardRatio(${inner.text}, ${hr})`, f: (x) => applyHazardRatio(inner.f(x), read(x)) };
    }
    case 4: {
      const a = probability(g, scope, depth - 1);
      const b = probability(g, scope, depth - 1);
      return { text: `(${a.text}) * (${b.text})`, f: (x) => a.f(x) * b.f(x) };
    }
    case 5: {
      const a = probability(g, scope, depth - 1);
      const b = probability(g, scope, depth - 1);
      return g.chance(0.5) ? { text: `max(${a.text}, ${b.text})`, f: (x) => Math.max(a.f(x), b.f(x)) } : { text: `min(${a.text}, ${b.text})`, f: (x) => Math.min(a.f(x), b.f(x)) };
    }
    default: {
      const threshold = g.round(2000, 15000, 0);
      const a = probability(g, scope, depth - 1);
      const b = probability(g, scope, depth - 1);
      return { text: `(c0 > ${threshold}) ? (${a.text}) : (${b.text})`, f: (x) => (x.p.c0! > threshold ? a.f(x) : b.f(x)) };
    }
  }
}

/** A payoff: any finite number (costs, utilities, negative amounts). */
function payoff(g: Gen, scope: Scope, depth: number): Expr {
  const leaf = depth <= 0 || g.chance(0.4);
  switch (g.int(0, leaf ? 2 : 5)) {
    case 0:
      return named(g.pick([...COSTS, ...UTILITIES, "cd", ...scope.valueBindings]));
    case 1:
      return probability(g, scope, 1);
    case 2:
      return constant(g.round(-50, 500, 1));
    case 3: {
      const a = payoff(g, scope, depth - 1);
      const b = payoff(g, scope, depth - 1);
      return g.chance(0.5) ? { text: `(${a.text}) + (${b.text})`, f: (x) => a.f(x) + b.f(x) } : { text: `(${a.text}) - (${b.text})`, f: (x) => a.f(x) - b.f(x) };
    }
    case 4: {
      const a = payoff(g, scope, depth - 1);
      const b = probability(g, scope, depth - 1);
      return { text: `(${a.text}) * (${b.text})`, f: (x) => a.f(x) * b.f(x) };
    }
    default: {
      const a = payoff(g, scope, depth - 1);
      return { text: `-(${a.text})`, f: (x) => -a.f(x) };
    }
  }
}

/** A time in years (non-negative): a branch's `time` or a leaf's `startTime`. */
function duration(g: Gen, scope: Scope): Expr {
  switch (g.int(0, 3)) {
    case 0:
      return g.chance(0.5) ? { text: "14 / 365.25", f: () => 14 / 365.25 } : constant(g.pick([0.25, 0.5, 1, 2]));
    case 1:
      return named("t0");
    case 2: {
      const inner = probability(g, scope, 1);
      return { text: `t0 * (${inner.text})`, f: (x) => x.p.t0! * inner.f(x) };
    }
    default:
      return constant(g.round(0, 3, 2));
  }
}

// ——— Markov leaf models ———

type Cell = MExpr | "complement";

interface MarkovSpec {
  readonly name: string;
  readonly states: readonly string[];
  readonly strategies: readonly string[];
  /** The model's own strategies and their variables (hr, cd), or undefined: the file's. */
  readonly own: Readonly<Record<string, Readonly<Record<string, Expr>>>> | undefined;
  readonly outcomes: Readonly<Record<string, "cost" | "effect">>;
  readonly start: Values;
  readonly cycles: number;
  readonly cycleLength: number;
  readonly startAge: number;
  readonly rates: { readonly cost: number; readonly effect: number };
  readonly correction: string;
  readonly timing: string;
  readonly transitions: Readonly<Record<string, readonly (readonly [string, Cell])[]>>;
  readonly values: Readonly<Record<string, Readonly<Record<string, MExpr>>>>;
  readonly transitionValues: readonly (readonly [string, string, string, MExpr])[];
  /** Starting values: outcome, state (null: the whole cohort), value. */
  readonly startingValues: readonly (readonly [string, string | null, MExpr])[];
  /** Years of undiscounted cost by year since the start of the analysis (docs/budget-impact.md), or 0. */
  readonly costByYear: number;
}

/** A transition probability in [0, 1] that may read the cycle, time since entry and age. */
function markovProbability(g: Gen, fixed: boolean): MExpr {
  const name = g.pick(PROBABILITIES);
  switch (g.int(0, fixed ? 2 : 6)) {
    case 0:
      return { text: name, f: (x) => x.p[name]! };
    case 1:
      return { text: "rateToProbability(r0)", f: (x) => rateToProbability(x.p.r0!) };
    case 2:
      return { text: `applyHazardRatio(${name}, hr)`, f: (x) => applyHazardRatio(x.p[name]!, x.s.hr!) };
    case 3: {
      const k = g.round(0.01, 0.06, 2);
      return { text: `min(1, ${name} * exp(${k} * (age - 50)))`, f: (x) => Math.min(1, x.p[name]! * Math.exp(k * (x.age - 50))) };
    }
    case 4: {
      const k = g.round(0.05, 0.3, 2);
      return { text: `min(1, ${name} * (1 + ${k} * cycle))`, f: (x) => Math.min(1, x.p[name]! * (1 + k * x.cycle)) };
    }
    case 5:
      return { text: `${name} * exp(-0.1 * time)`, f: (x) => x.p[name]! * Math.exp(-0.1 * x.time) };
    default: {
      const limit = g.int(1, 3);
      const other = g.pick(PROBABILITIES);
      return { text: `cycle <= ${limit} ? ${name} : ${other}`, f: (x) => (x.cycle <= limit ? x.p[name]! : x.p[other]!) };
    }
  }
}

/** A state value per year (cost-like or utility-like); `fixed`: the same in every cycle. */
function markovValue(g: Gen, kind: "cost" | "effect" | "lifeYears", fixed: boolean): MExpr {
  if (kind === "lifeYears") return { text: "1", f: () => 1 };
  if (kind === "effect") {
    const u = g.pick(UTILITIES);
    switch (g.int(0, fixed ? 0 : 2)) {
      case 0:
        return { text: u, f: (x) => x.p[u]! };
      case 1:
        return { text: `${u} * exp(-0.01 * time)`, f: (x) => x.p[u]! * Math.exp(-0.01 * x.time) };
      default:
        return { text: `max(0, ${u} - 0.005 * (age - 50))`, f: (x) => Math.max(0, x.p[u]! - 0.005 * (x.age - 50)) };
    }
  }
  const c = g.pick(COSTS);
  switch (g.int(0, fixed ? 2 : 4)) {
    case 0:
      return { text: c, f: (x) => x.p[c]! };
    case 1:
      return { text: "cd", f: (x) => x.s.cd! };
    case 2:
      return { text: `cd + ${c}`, f: (x) => x.s.cd! + x.p[c]! };
    case 3: {
      const k = g.round(0.01, 0.1, 2);
      return { text: `${c} * (1 + ${k} * cycle)`, f: (x) => x.p[c]! * (1 + k * x.cycle) };
    }
    default: {
      const age = g.int(45, 80);
      const other = g.pick(COSTS);
      return { text: `age >= ${age} ? ${c} : ${other}`, f: (x) => (x.age >= age ? x.p[c]! : x.p[other]!) };
    }
  }
}

const CORRECTIONS = ["trapezoid", "half-cycle", "none-beginning", "none-end", "every-row", "simpson"];
const CYCLE_TIMED: Readonly<Record<string, readonly [number, number]>> = { "none-beginning": [1, 0], "none-end": [0, 1], "half-cycle": [0.5, 0.5] };

/**
 * A small Markov model. With `annual`, it reports cost by year: then only with the trapezoid weights
 * (the "half cycle either side" of docs/budget-impact.md is then the row's weight), and without
 * one-off values, whose year docs/budget-impact.md leaves open when a cycle straddles a year boundary.
 */
function markovModel(g: Gen, index: number, fileStrategies: readonly string[], annual: boolean): MarkovSpec {
  const states = g.chance(0.5) ? ["A", "D"] : ["A", "B", "D"];
  // Transitions and values fixed for the run: leaves entering the model at one time from several
  // starts then take the value-to-go pass (docs/markov-cohort.md).
  const fixed = g.chance(0.4);
  let own: Record<string, Record<string, Expr>> | undefined;
  if (g.chance(0.4)) {
    own = {};
    const names = ["S0", "Lo", "Hi"].filter(() => g.chance(0.6));
    for (const name of names.length === 0 ? ["Lo"] : names) {
      own[name] = {
        hr: g.pick<Expr>([constant(1), named("hr0"), { text: "hr0 * 0.8", f: (x) => x.p.hr0! * 0.8 }]),
        cd: g.pick<Expr>([constant(0), named("c1"), { text: "c2 + 100", f: (x) => x.p.c2! + 100 }]),
      };
    }
  }
  const outcomes: Record<string, "cost" | "effect"> = {};
  for (const name of g.pick([["cost"], ["costDrug"], ["costDrug", "costCare"]])) outcomes[name] = "cost";
  outcomes.qaly = "effect";
  if (g.chance(0.4)) outcomes.lifeYears = "effect";
  const living = states.slice(0, -1);
  const start: Record<string, number> = states.length === 3 && g.chance(0.4) ? { A: 0.75, B: 0.25 } : { A: 1 };
  const cell = (): MExpr => {
    const w = g.round(0.1, 0.45, 2);
    const inner = markovProbability(g, fixed);
    return { text: `${w} * (${inner.text})`, f: (x) => w * inner.f(x) };
  };
  const row = (from: string, targets: readonly string[]): [string, Cell][] => {
    const out: [string, Cell][] = targets.map((to) => [to, cell()]);
    out.splice(g.int(0, out.length), 0, [from, "complement"]);
    return out;
  };
  const transitions: Record<string, [string, Cell][]> = { A: row("A", states.length === 3 ? ["B", "D"] : ["D"]) };
  if (states.length === 3) transitions.B = row("B", g.chance(0.3) ? ["A", "D"] : ["D"]);
  transitions.D = [["D", g.chance(0.5) ? "complement" : { text: "1", f: () => 1 }]];
  const values: Record<string, Record<string, MExpr>> = {};
  for (const [outcome, kind] of Object.entries(outcomes)) {
    values[outcome] = {};
    for (const state of living) if (kind === "effect" || g.chance(0.85)) values[outcome]![state] = markovValue(g, outcome === "lifeYears" ? "lifeYears" : kind, fixed);
  }
  const firstCost = Object.keys(outcomes)[0]!;
  if (g.chance(0.2)) values[firstCost]!.D = markovValue(g, "cost", fixed);
  const transitionValues: [string, string, string, MExpr][] = [];
  if (g.chance(0.3) && !annual) {
    const c = g.pick(COSTS);
    transitionValues.push([firstCost, "A", "D", { text: c, f: (x) => x.p[c]! }]);
  }
  const startingValues: [string, string | null, MExpr][] = [];
  if (g.chance(0.3) && !annual) {
    const c = g.pick(COSTS);
    if (g.chance(0.5)) startingValues.push([firstCost, null, { text: c, f: (x) => x.p[c]! }]);
    else for (const state of living) startingValues.push([firstCost, state, { text: `${c} + ${state === "A" ? 10 : 20}`, f: (x) => x.p[c]! + (state === "A" ? 10 : 20) }]);
  }
  const correction = annual ? g.pick(["trapezoid", "half-cycle"]) : g.pick(CORRECTIONS);
  const timing = correction in CYCLE_TIMED && g.chance(0.5) ? g.pick(["cycle-start", "cycle-end", "cycle-middle", "row"]) : "row";
  return {
    name: `m${index}`,
    states,
    strategies: own === undefined ? fileStrategies : Object.keys(own),
    own,
    outcomes,
    start,
    cycles: g.int(1, 8),
    cycleLength: g.pick([1, 1, 0.5]),
    startAge: g.int(40, 70),
    rates: { cost: g.pick([0, 0.03, 0.05]), effect: g.pick([0, 0.015, 0.03]) },
    correction,
    timing,
    transitions,
    values,
    transitionValues,
    startingValues,
    costByYear: 0,
  };
}

function markovFile(m: MarkovSpec): Record<string, unknown> {
  const text = (e: MExpr | Cell): string => (e === "complement" ? "complement" : e.text);
  return {
    type: "markov",
    ...(m.own === undefined ? {} : { strategies: Object.fromEntries(Object.entries(m.own).map(([s, v]) => [s, Object.fromEntries(Object.entries(v).map(([k, e]) => [k, e.text]))])) }),
    states: m.states,
    outcomes: m.outcomes,
    start: m.start,
    cycleLength: m.cycleLength,
    cycles: m.cycles,
    startAge: m.startAge,
    discountRate: m.rates,
    cycleCorrection: m.correction,
    discountTiming: m.timing,
    ...(m.costByYear === 0 ? {} : { costByYear: m.costByYear }),
    transitions: Object.fromEntries(Object.entries(m.transitions).map(([from, row]) => [from, Object.fromEntries(row.map(([to, cell]) => [to, text(cell)]))])),
    values: Object.fromEntries(Object.entries(m.values).map(([o, byState]) => [o, Object.fromEntries(Object.entries(byState).map(([s, e]) => [s, e.text]))])),
    ...(m.transitionValues.length === 0 ? {} : { transitionValues: Object.fromEntries(m.transitionValues.map(([o, from, to, e]) => [o, { [from]: { [to]: e.text } }])) }),
    ...(m.startingValues.length === 0
      ? {}
      : { startingValues: { [m.startingValues[0]![0]]: m.startingValues[0]![1] === null ? m.startingValues[0]![2].text : Object.fromEntries(m.startingValues.map(([, s, e]) => [s, e.text])) } }),
  };
}


/** A total and the sum of its terms' absolute values (the scale of the tolerance). */
type Total = [value: number, scale: number];
type Totals = Record<string, Total>;

/** The names a Markov model reports: its outcomes, `cost` as the sum of cost outcomes unless declared, and every `<name>Undiscounted`. */
function markovNames(m: MarkovSpec): string[] {
  const names = Object.keys(m.outcomes);
  if (!("cost" in m.outcomes)) names.unshift("cost");
  const annual = names.filter((n) => n === "cost" || m.outcomes[n] === "cost").flatMap((n) => Array.from({ length: m.costByYear }, (_, y) => `${n}Year${y + 1}`));
  return [...names, ...names.map((n) => `${n}Undiscounted`), ...annual];
}

/** One leaf's Markov run: the model's strategy variables s, the start, and the entry time (years). */
function markovOracle(m: MarkovSpec, p: Values, s: Values, start: Values, startTime: number): Totals {
  const Δ = m.cycleLength;
  const N = m.cycles;
  const d = (rate: number, years: number): number => (1 + rate) ** -years;
  const rateOf = (outcome: string): number => (m.outcomes[outcome] === "cost" ? m.rates.cost : m.rates.effect);
  // Age continues from the entry time; cycle and time stay relative to entry (docs/conventions.md).
  const point = (cycle: number, time: number): Point => ({ p, s, cycle, time, age: m.startAge + startTime + time });
  const discounted: Totals = {};
  const raw: Totals = {};
  for (const o of Object.keys(m.outcomes)) {
    discounted[o] = [0, 0];
    raw[o] = [0, 0];
  }
  const book = (o: string, disc: number, undisc: number): void => {
    discounted[o]![0] += disc;
    discounted[o]![1] += Math.abs(disc);
    raw[o]![0] += undisc;
    raw[o]![1] += Math.abs(undisc);
  };
  for (const [o, state, e] of m.startingValues) {
    const v = e.f(point(0, 0)) * (state === null ? 1 : start[state] ?? 0);
    book(o, v, v);
  }
  const w = rowWeights(m.correction, N);
  let trace: Record<string, number> = Object.fromEntries(m.states.map((st) => [st, start[st] ?? 0]));
  const rows = [trace];
  for (let k = 1; k <= N; k++) {
    const next: Record<string, number> = Object.fromEntries(m.states.map((st) => [st, 0]));
    const x = point(k, (k - 1) * Δ);
    for (const from of m.states) {
      const row = m.transitions[from]!;
      const given = row.map(([, cell]) => (cell === "complement" ? 0 : cell.f(x)));
      const rest = 1 - given.reduce((a, b) => a + b, 0);
      row.forEach(([to, cell], j) => {
        const flow = trace[from]! * (cell === "complement" ? rest : given[j]!);
        next[to]! += flow;
        for (const [o, a, b, e] of m.transitionValues) {
          if (a !== from || b !== to) continue;
          const τ = m.timing === "cycle-start" ? (k - 1) * Δ : m.timing === "cycle-middle" ? (k - 0.5) * Δ : k * Δ;
          const v = e.f(x) * flow;
          book(o, v * d(rateOf(o), τ), v);
        }
      });
    }
    trace = next;
    rows.push(trace);
  }
  const coefficients = (rate: number): number[] => {
    const c = new Array<number>(N + 1).fill(0);
    if (m.timing === "row") {
      for (let t = 0; t <= N; t++) c[t] = Δ * w[t]! * d(rate, t * Δ);
      return c;
    }
    const [a, b] = CYCLE_TIMED[m.correction]!;
    for (let k = 1; k <= N; k++) {
      const τ = m.timing === "cycle-start" ? (k - 1) * Δ : m.timing === "cycle-end" ? k * Δ : (k - 0.5) * Δ;
      c[k - 1]! += Δ * a * d(rate, τ);
      c[k]! += Δ * b * d(rate, τ);
    }
    return c;
  };
  // Cost by year since the start of the analysis: row t stands for the half cycle either side of
  // it, within the model's run, shifted by the entry time; its undiscounted cost is split over the
  // years in proportion to the overlap (docs/budget-impact.md).
  const annual: Totals = {};
  const bookYears = (o: string, t: number, amount: number): void => {
    const from = startTime + Math.max(0, (t - 0.5) * Δ);
    const to = startTime + Math.min(N * Δ, (t + 0.5) * Δ);
    for (let y = 1; y <= m.costByYear; y++) {
      const overlap = Math.min(to, y) - Math.max(from, y - 1);
      if (overlap <= 0) continue;
      const share = (amount * overlap) / (to - from);
      const total = (annual[`${o}Year${y}`] ??= [0, 0]);
      total[0] += share;
      total[1] += Math.abs(share);
    }
  };
  for (const o of Object.keys(m.outcomes)) {
    const c = coefficients(rateOf(o));
    for (let t = 0; t <= N; t++) {
      for (const [state, e] of Object.entries(m.values[o] ?? {})) {
        const v = e.f(point(t, t * Δ)) * rows[t]![state]!;
        book(o, c[t]! * v, Δ * w[t]! * v);
        if (m.outcomes[o] === "cost") bookYears(o, t, Δ * w[t]! * v);
      }
    }
  }
  // The entry time discounts every discounted total by d(startTime).
  const out: Totals = {};
  for (const o of Object.keys(m.outcomes)) {
    const shift = d(rateOf(o), startTime);
    out[o] = [discounted[o]![0] * shift, discounted[o]![1] * shift];
    out[`${o}Undiscounted`] = [...raw[o]!];
  }
  for (let y = 1; y <= m.costByYear; y++) for (const o of Object.keys(m.outcomes)) if (m.outcomes[o] === "cost") out[`${o}Year${y}`] = annual[`${o}Year${y}`] ?? [0, 0];
  if (!("cost" in m.outcomes)) {
    out.cost = [0, 0];
    out.costUndiscounted = [0, 0];
    for (let y = 1; y <= m.costByYear; y++) out[`costYear${y}`] = [0, 0];
    for (const o of Object.keys(m.outcomes)) {
      if (m.outcomes[o] !== "cost") continue;
      for (const suffix of ["", "Undiscounted", ...Array.from({ length: m.costByYear }, (_, y) => `Year${y + 1}`)]) {
        out[`cost${suffix}`]![0] += out[`${o}${suffix}`]![0];
        out[`cost${suffix}`]![1] += out[`${o}${suffix}`]![1];
      }
    }
  }
  return out;
}

// ——— Trees ———

type Named = readonly (readonly [string, Expr])[];

/** What a branch, an option or a terminal carries. */
interface Edge {
  readonly payoffs: Named;
  readonly counts: Named;
  readonly time?: Expr | undefined;
}

interface Leaf {
  readonly model: MarkovSpec;
  readonly strategy?: string | undefined;
  readonly start?: Named | undefined;
  readonly startTime?: Expr | undefined;
}

type TreeNode =
  | { readonly kind: "decision"; readonly name?: string | undefined; readonly options: readonly (Edge & { readonly label: string; readonly next: TreeNode; readonly bare: boolean })[] }
  | { readonly kind: "chance"; readonly name?: string | undefined; readonly branches: readonly (Edge & { readonly label: string; readonly probability: Expr | "complement"; readonly next: TreeNode })[] }
  | { readonly kind: "terminal"; readonly name?: string | undefined; readonly payoffs: Named; readonly counts: Named; readonly leaf?: Leaf | undefined }
  | { readonly kind: "subtree"; readonly def: SubtreeDef; readonly bindings: Named };

interface SubtreeDef {
  readonly name: string;
  readonly parameters: readonly string[];
  node: TreeNode;
  /** Whether it holds a decision: each use is then a decision of its own (docs/decision-tree.md, clones). */
  decides: boolean;
}

interface Case {
  readonly seed: number;
  readonly file: Record<string, unknown>;
  /** File strategy → its variables. */
  readonly strategies: Readonly<Record<string, Readonly<Record<string, Expr>>>>;
  /** File strategy → its root option (edge and next node). */
  readonly root: readonly (Edge & { readonly label: string; readonly next: TreeNode; readonly bare: boolean })[];
}

/** What a node is generated with. */
interface Context {
  readonly g: Gen;
  readonly scope: Scope;
  readonly payoffNames: readonly string[];
  readonly countNames: readonly string[];
  readonly models: readonly MarkovSpec[];
  readonly subtrees: readonly SubtreeDef[];
  readonly fileStrategies: readonly string[];
  /** The root option above (null inside a subtree's definition: it is used under any). */
  readonly strategy: string | null;
  /** Nested decisions still allowed under this root option, and the chance of one at a node. */
  decisions: { left: number; readonly chance: number };
  readonly ids: { next: number };
}

function edge(c: Context, chances: { payoffs: number; counts: number; time: number }): Edge {
  const { g } = c;
  const payoffs: [string, Expr][] = [];
  if (g.chance(chances.payoffs)) for (const name of c.payoffNames.filter(() => g.chance(0.35))) payoffs.push([name, payoff(g, c.scope, 1)]);
  const counts: [string, Expr][] = [];
  if (g.chance(chances.counts)) {
    const count = g.pick(c.countNames);
    counts.push([count, g.chance(0.5) ? constant(1) : g.chance(0.5) ? constant(g.int(2, 3)) : probability(g, c.scope, 1)]);
  }
  return { payoffs, counts, ...(g.chance(chances.time) ? { time: duration(g, c.scope) } : {}) };
}

function terminal(c: Context): TreeNode {
  const { g } = c;
  const name = g.chance(0.2) ? { name: `end ${c.ids.next++}` } : {};
  if (c.models.length === 0 || g.chance(0.55)) return { kind: "terminal", ...name, ...edge(c, { payoffs: 0.9, counts: 0.2, time: 0 }) };
  const model = g.pick(c.models);
  // The leaf may take the root option's strategy by default only where the docs say it is found.
  const byDefault = model.strategies.length === 1 || (c.strategy === null ? c.fileStrategies.every((s) => model.strategies.includes(s)) : model.strategies.includes(c.strategy));
  const strategy = byDefault && g.chance(0.6) ? undefined : g.pick(model.strategies);
  let start: [string, Expr][] | undefined;
  if (g.chance(0.4)) {
    const x = probability(g, c.scope, 1);
    const second = model.states.length === 3 && g.chance(0.6) ? "B" : "D";
    start = g.pick([
      [["A", constant(1)]],
      [["A", x], [second, { text: `1 - (${x.text})`, f: (e: Env) => 1 - x.f(e) }]],
      [[second, constant(0.5)], ["A", constant(0.5)]],
    ] as [string, Expr][][]);
  }
  const startTime = g.chance(0.4) ? duration(g, c.scope) : undefined;
  return { kind: "terminal", ...name, ...edge(c, { payoffs: 0.3, counts: 0.2, time: 0 }), leaf: { model, strategy, start, startTime } };
}

function chanceNode(c: Context, depth: number): TreeNode {
  const { g } = c;
  const k = g.pick([2, 2, 3, 3, 4]);
  const probabilities: (Expr | "complement")[] = [];
  if (g.chance(0.6)) {
    // One complement; the others' weights sum to at most 0.95, so it is never negative.
    let budget = 0.95;
    for (let i = 0; i < k - 1; i++) {
      const w = Number((budget * g.round(0.1, 0.7, 2)).toFixed(3));
      budget -= w;
      const inner = probability(g, c.scope, 1);
      probabilities.push(k === 2 && g.chance(0.5) ? inner : { text: `${w} * (${inner.text})`, f: (x) => w * inner.f(x) });
    }
    probabilities.splice(g.int(0, k - 1), 0, "complement");
  } else if (k === 4 || g.chance(0.3)) {
    // Constants that sum to 1.
    const parts = Array.from({ length: k }, () => g.int(1, 5));
    const total = parts.reduce((a, b) => a + b, 0);
    let left = 1;
    parts.forEach((part, i) => {
      const v = i === k - 1 ? Number(left.toFixed(6)) : Number((part / total).toFixed(3));
      left -= v;
      probabilities.push(constant(v));
    });
  } else {
    // Written out in full: a, 1 − a (and a, (1 − a)·b, (1 − a)·(1 − b)).
    const a = probability(g, c.scope, 1);
    const b = probability(g, c.scope, 1);
    probabilities.push(a);
    if (k === 2) probabilities.push({ text: `1 - (${a.text})`, f: (x) => 1 - a.f(x) });
    else {
      probabilities.push({ text: `(1 - (${a.text})) * (${b.text})`, f: (x) => (1 - a.f(x)) * b.f(x) });
      probabilities.push({ text: `(1 - (${a.text})) * (1 - (${b.text}))`, f: (x) => (1 - a.f(x)) * (1 - b.f(x)) });
    }
  }
  // One branch goes on to the full depth, the others mostly end: deep trees, but files small enough to compile fast.
  const spine = g.int(0, k - 1);
  return {
    kind: "chance",
    ...(g.chance(0.2) ? { name: `event ${c.ids.next++}` } : {}),
    branches: probabilities.map((probability, i) => ({ label: `b${i}`, probability, ...edge(c, { payoffs: 0.5, counts: 0.3, time: 0.3 }), next: i === spine ? node(c, depth - 1, true) : g.chance(0.05) ? node(c, depth - 1) : terminal(c) })),
  };
}

/** A node with `depth` levels at most below it; on the spine, exactly `depth` levels of chance nodes or decisions. */
function node(c: Context, depth: number, spine = false): TreeNode {
  const { g } = c;
  if (depth <= 0 || (!spine && g.chance(0.35))) return terminal(c);
  const r = g.next();
  if (c.decisions.left > 0 && r < c.decisions.chance) {
    c.decisions.left--;
    const id = c.ids.next++;
    const count = g.int(2, 3);
    return {
      kind: "decision",
      ...(g.chance(0.3) ? { name: `choice ${id}` } : {}),
      options: Array.from({ length: count }, (_, i) => {
        const bare = g.chance(0.4);
        return { label: `D${id}${"xyz"[i]}`, bare, ...(bare ? { payoffs: [], counts: [] } : edge(c, { payoffs: 0.6, counts: 0.3, time: 0.3 })), next: node(c, depth - 1, spine && i === 0) };
      }),
    };
  }
  return (r < 0.45 && !spine ? subtreeUse(c) : undefined) ?? chanceNode(c, depth);
}

/** A use of a subtree with bindings written where it is used, or undefined when none may be used here. */
function subtreeUse(c: Context): TreeNode | undefined {
  const { g } = c;
  // A subtree that holds a decision counts against the nested decisions left, which bound the policies.
  const usable = c.subtrees.filter((def) => !def.decides || c.decisions.left > 0);
  if (usable.length === 0) return undefined;
  const def = g.pick(usable);
  if (def.decides) c.decisions.left--;
  const bindings = def.parameters.map((name): [string, Expr] => [name, name.endsWith("P") ? probability(g, c.scope, 2) : payoff(g, c.scope, 2)]);
  return { kind: "subtree", def, bindings };
}

function randomCase(seed: number): Case {
  const g = seededGenerator(seed);
  const parameters: Record<string, unknown> = {};
  for (const name of PROBABILITIES) {
    const mean = g.round(0.02, 0.6, 3);
    parameters[name] = { value: mean, distribution: { kind: "beta", mean, se: Number((mean * 0.1).toFixed(4)) } };
  }
  for (const name of UTILITIES) {
    const mean = g.round(0.5, 0.95, 3);
    parameters[name] = { value: mean, distribution: { kind: "beta", mean, se: Number((mean * 0.05).toFixed(4)) } };
  }
  const r0 = g.round(0.05, 0.8, 3);
  parameters.r0 = { value: r0, distribution: { kind: "gamma", mean: r0, se: Number((r0 * 0.1).toFixed(4)) } };
  const t0 = g.round(0.05, 2, 3);
  parameters.t0 = { value: t0, distribution: { kind: "gamma", mean: t0, se: Number((t0 * 0.2).toFixed(4)) } };
  const hr0 = g.round(0.4, 1.8, 2);
  parameters.hr0 = { value: hr0, distribution: { kind: "lognormal", meanlog: `log(${hr0})`, sdlog: 0.1 } };
  for (const name of COSTS) {
    const mean = g.round(100, 20000, 0);
    parameters[name] = { value: mean, distribution: { kind: "gamma", mean, se: Number((mean * 0.2).toFixed(1)) } };
  }
  // Strategies, each setting hr, cd and pS (read by the tree and, through the file's strategies, by leaf models).
  const fileStrategies = Array.from({ length: g.int(1, 3) }, (_, i) => `S${i}`);
  const strategies: Record<string, Record<string, Expr>> = {};
  const noBindings: Scope = { probabilityBindings: [], valueBindings: [] };
  for (const [i, name] of fileStrategies.entries()) {
    const cost = g.pick(COSTS);
    const q = g.pick(PROBABILITIES);
    const pS: Expr = i === 0 ? named("p0") : g.chance(0.5) ? named(q) : { text: `applyHazardRatio(${q}, hr0)`, f: (x) => applyHazardRatio(x.p[q]!, x.p.hr0!) };
    strategies[name] = {
      hr: i === 0 ? constant(1) : named("hr0"),
      cd: i === 0 ? constant(0) : g.chance(0.5) ? named(cost) : { text: `${cost} + 1000`, f: (x) => x.p[cost]! + 1000 },
      pS,
    };
  }
  const costStyle = g.pick([["cost"], ["costTest", "costAe"]]);
  const payoffNames = [...costStyle, "qaly", ...(g.chance(0.3) ? ["lifeYears"] : []), ...(g.chance(0.2) ? ["harm"] : [])];
  const countNames = ["nTested", "nPositive", "nEvents"].slice(0, g.int(1, 3));
  // Cost by year: every leaf model reports the same years (a leaf without them would leave its costs out of the tree's years).
  const annual = g.chance(0.25);
  let models = Array.from({ length: g.chance(0.2) ? 0 : g.chance(0.85) ? 1 : 2 }, (_, i) => markovModel(g, i, fileStrategies, annual));
  if (annual && models.length > 0) {
    const years = g.int(1, Math.min(...models.map((m) => Math.ceil(m.cycles * m.cycleLength))));
    models = models.map((m) => ({ ...m, costByYear: years }));
  }
  const ids = { next: 0 };
  // Subtrees: each declares its own bindings (bNP probability-valued, bNV any value) and may use earlier ones.
  const subtrees: SubtreeDef[] = [];
  for (let i = 0, count = g.chance(0.4) ? g.int(1, 2) : 0; i < count; i++) {
    const parameters = [`b${i}P`, ...(g.chance(0.6) ? [`b${i}V`] : [])];
    const scope: Scope = { probabilityBindings: [`b${i}P`], valueBindings: parameters.slice(1) };
    const def: SubtreeDef = { name: `sub${i}`, parameters, node: { kind: "terminal", payoffs: [], counts: [] }, decides: false };
    const budget = g.chance(0.3) ? 1 : 0;
    const decisions = { left: budget, chance: 0.5 };
    def.node = node({ g, scope, payoffNames, countNames, models, subtrees: [...subtrees], fileStrategies, strategy: null, decisions, ids }, g.int(1, 2));
    def.decides = decisions.left < budget;
    subtrees.push(def);
  }
  const depth = g.int(1, 4);
  const root = fileStrategies.map((label) => {
    const c: Context = { g, scope: noBindings, payoffNames, countNames, models, subtrees, fileStrategies, strategy: label, decisions: { left: g.chance(0.4) ? 2 : 0, chance: 0.1 }, ids };
    const bare = g.chance(0.3);
    // The first option's tree has the full depth; the others may end sooner (smaller files, faster to compile).
    const next = (g.chance(0.2) ? subtreeUse(c) : undefined) ?? node(c, depth, label === fileStrategies[0]);
    return { label, bare, ...(bare ? { payoffs: [], counts: [] } : edge(c, { payoffs: 0.7, counts: 0.3, time: 0.4 })), next };
  });
  // The analyses need `cost` and `qaly` (docs/model-files.md, `outcomes`): give the first option them when the tree has not.
  const present = outcomeNames({ seed, file: {}, strategies, root }).values;
  const missing = [...(present.has("cost") ? [] : [costStyle[0]!]), ...(present.has("qaly") ? [] : ["qaly"])];
  if (missing.length > 0) {
    const first = root[0]!;
    const payoffs = [...first.payoffs, ...missing.map((name): [string, Expr] => [name, payoff(g, noBindings, 1)])];
    root[0] = { ...first, bare: false, payoffs };
  }
  // Only the subtrees the tree uses (directly or through another subtree): qaly refuses an unused one.
  const tree = { decision: Object.fromEntries(root.map((o) => [o.label, writeOption(o)])) };
  const written = new Map(subtrees.map((s) => [s.name, { parameters: s.parameters, node: writeNode(s.node) }]));
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    const uses = JSON.stringify(value).matchAll(/"subtree":"(sub\d+)"/g);
    for (const [, name] of uses) if (!used.has(name!)) (used.add(name!), visit(written.get(name!)));
  };
  visit(tree);
  const file = {
    metadata: { title: `tree oracle case ${seed}` },
    parameters,
    strategies: Object.fromEntries(fileStrategies.map((s) => [s, { variables: Object.fromEntries(Object.entries(strategies[s]!).map(([k, e]) => [k, e.text])) }])),
    ...(models.length === 0 ? {} : { models: Object.fromEntries(models.map((m) => [m.name, markovFile(m)])) }),
    ...(used.size === 0 ? {} : { subtrees: Object.fromEntries([...written].filter(([name]) => used.has(name))) }),
    model: { type: "decision-tree", root: tree },
  };
  return { seed, file, strategies, root };
}

/** An expression as written in the file: a number where it is one (both forms are documented), else its text. */
const written = (e: Expr): number | string => (/^-?\d+(\.\d+)?$/.test(e.text) ? Number(e.text) : e.text);
const writeNamed = (values: Named): Record<string, number | string> => Object.fromEntries(values.map(([k, e]) => [k, written(e)]));

function writeEdge(e: Edge): Record<string, unknown> {
  return {
    ...(e.payoffs.length === 0 ? {} : { payoffs: writeNamed(e.payoffs) }),
    ...(e.counts.length === 0 ? {} : { counts: writeNamed(e.counts) }),
    ...(e.time === undefined ? {} : { time: written(e.time) }),
  };
}

function writeOption(o: Edge & { readonly next: TreeNode; readonly bare: boolean }): Record<string, unknown> {
  return o.bare ? writeNode(o.next) : { ...writeEdge(o), next: writeNode(o.next) };
}

function writeNode(n: TreeNode): Record<string, unknown> {
  switch (n.kind) {
    case "decision":
      return { decision: Object.fromEntries(n.options.map((o) => [o.label, writeOption(o)])), ...(n.name === undefined ? {} : { name: n.name }) };
    case "chance":
      return { ...(n.name === undefined ? {} : { name: n.name }), chance: n.branches.map((b) => ({ label: b.label, probability: b.probability === "complement" ? "complement" : written(b.probability), ...writeEdge(b), next: writeNode(b.next) })) };
    case "subtree":
      return { subtree: n.def.name, with: writeNamed(n.bindings) };
    case "terminal": {
      const leaf = n.leaf;
      return {
        terminal: {
          ...(n.name === undefined ? {} : { name: n.name }),
          ...writeEdge(n),
          ...(leaf === undefined
            ? {}
            : {
                model: leaf.model.name,
                ...(leaf.strategy === undefined ? {} : { strategy: leaf.strategy }),
                ...(leaf.start === undefined ? {} : { start: writeNamed(leaf.start) }),
                ...(leaf.startTime === undefined ? {} : { startTime: written(leaf.startTime) }),
              }),
        },
      };
    }
  }
}

// ——— The oracle: outcome names, policies and rollback ———

const isCostCategory = (name: string): boolean => /^cost[A-Z]/.test(name) && !name.endsWith("Undiscounted") && !/Year\d+$/.test(name);

/** Every node below a root option, subtree uses expanded (each use is its own copy). */
function* walk(n: TreeNode): Generator<TreeNode | Edge> {
  yield n;
  if (n.kind === "decision") for (const o of n.options) yield* [o, ...walk(o.next)];
  else if (n.kind === "chance") for (const b of n.branches) yield* [b, ...walk(b.next)];
  else if (n.kind === "subtree") yield* walk(n.def.node);
}

/**
 * The tree's outcomes as docs/decision-tree.md lists them: payoff names (and `cost` for a category),
 * `time`, leaf-model outcomes, counts; with leaves reporting cost by year, year 1 of the tree's own
 * cost payoffs (docs/budget-impact.md). `optional`: their later years, which the docs neither promise
 * nor rule out (zero when present).
 */
function outcomeNames(c: Case): { values: Set<string>; counts: Set<string>; optional: Set<string> } {
  const values = new Set<string>();
  const counts = new Set<string>();
  const optional = new Set<string>();
  let years = 0;
  const visit = (e: Edge): void => {
    for (const [name] of e.payoffs) {
      values.add(name);
      if (isCostCategory(name)) values.add("cost");
    }
    for (const [name] of e.counts) counts.add(name);
    if (e.time !== undefined) values.add("time");
  };
  for (const option of c.root) {
    for (const n of [option, ...walk(option.next)]) {
      if ("payoffs" in n) visit(n);
      if ("kind" in n && n.kind === "terminal" && n.leaf !== undefined) {
        for (const name of markovNames(n.leaf.model)) values.add(name);
        years = Math.max(years, n.leaf.model.costByYear);
      }
    }
  }
  if (years > 0) {
    for (const name of [...values].filter((n) => n === "cost" || isCostCategory(n))) {
      values.add(`${name}Year1`);
      for (let y = 2; y <= years; y++) if (!values.has(`${name}Year${y}`)) optional.add(`${name}Year${y}`);
    }
  }
  return { values, counts, optional };
}

interface Policy {
  readonly choices: readonly string[];
  readonly totals: Totals;
}

/** The oracle's outcomes of every policy of every strategy, for parameter values p. */
function oracle(c: Case, p: Values): Record<string, Totals> {
  const { values } = outcomeNames(c);
  const add = (t: Totals, name: string, v: number, scale: number): void => {
    const total = (t[name] ??= [0, 0]);
    total[0] += v;
    total[1] += scale;
  };
  // A payoff adds to its name, to `cost` when it is a category, and (tree payoffs are undiscounted)
  // to the undiscounted twin of each when a leaf model reports one; a cost payoff to year 1 when
  // the leaves report cost by year.
  const targets = (name: string): string[] => {
    const direct = isCostCategory(name) ? [name, "cost"] : [name];
    return [...direct, ...direct.flatMap((n) => [`${n}Undiscounted`, `${n}Year1`]).filter((n) => values.has(n))];
  };
  const edgeTotals = (e: Edge, x: Env): Totals => {
    const t: Totals = {};
    for (const [name, expr] of e.payoffs) {
      const v = expr.f(x);
      for (const target of targets(name)) add(t, target, v, Math.abs(v));
    }
    for (const [name, expr] of e.counts) {
      const v = expr.f(x);
      add(t, name, v, Math.abs(v));
    }
    if (e.time !== undefined) {
      const v = e.time.f(x);
      add(t, "time", v, Math.abs(v));
    }
    return t;
  };
  const sum = (parts: readonly (readonly [number, Totals])[]): Totals => {
    const t: Totals = {};
    for (const [weight, part] of parts) for (const [name, [v, scale]] of Object.entries(part)) add(t, name, weight * v, weight * scale);
    return t;
  };
  const modelVariables = (m: MarkovSpec, strategy: string): Values => {
    const defs = m.own?.[strategy] ?? c.strategies[strategy]!;
    return Object.fromEntries(Object.entries(defs).map(([k, e]) => [k, e.f({ p, s: {}, b: {} })]));
  };
  const expand = (n: TreeNode, x: Env, root: string): Policy[] => {
    switch (n.kind) {
      case "terminal": {
        const parts: [number, Totals][] = [[1, edgeTotals(n, x)]];
        if (n.leaf !== undefined) {
          const { model, start, startTime } = n.leaf;
          // The leaf's strategy: as written, else the root option's when the model has it, else its only one.
          const strategy = n.leaf.strategy ?? (model.strategies.includes(root) ? root : model.strategies[0]!);
          const entry = start === undefined ? model.start : Object.fromEntries(start.map(([state, e]) => [state, e.f(x)]));
          parts.push([1, markovOracle(model, p, modelVariables(model, strategy), entry, startTime?.f(x) ?? 0)]);
        }
        return [{ choices: [], totals: sum(parts) }];
      }
      case "subtree": {
        // Bindings are evaluated where the subtree is used; inside, it sees only its own.
        const b = Object.fromEntries(n.bindings.map(([name, e]) => [name, e.f(x)]));
        return expand(n.def.node, { p, s: x.s, b }, root);
      }
      case "decision":
        return n.options.flatMap((o) => expand(o.next, x, root).map((child) => ({ choices: [o.label, ...child.choices], totals: sum([[1, edgeTotals(o, x)], [1, child.totals]]) })));
      case "chance": {
        const given = n.branches.map((b) => (b.probability === "complement" ? 0 : b.probability.f(x)));
        const rest = 1 - given.reduce((a, b) => a + b, 0);
        const probabilities = n.branches.map((b, i) => (b.probability === "complement" ? rest : given[i]!));
        // Every combination of the branches' policies (choices in depth-first order).
        let combos: { choices: string[]; parts: [number, Totals][] }[] = [{ choices: [], parts: [] }];
        n.branches.forEach((b, i) => {
          const children = expand(b.next, x, root);
          const own = edgeTotals(b, x);
          combos = combos.flatMap((combo) => children.map((child) => ({ choices: [...combo.choices, ...child.choices], parts: [...combo.parts, [probabilities[i]!, own] as [number, Totals], [probabilities[i]!, child.totals] as [number, Totals]] })));
        });
        return combos.map((combo) => ({ choices: combo.choices, totals: sum(combo.parts) }));
      }
    }
  };
  const out: Record<string, Totals> = {};
  for (const option of c.root) {
    const s = Object.fromEntries(Object.entries(c.strategies[option.label]!).map(([k, e]) => [k, e.f({ p, s: {}, b: {} })]));
    const x: Env = { p, s, b: {} };
    for (const policy of expand(option.next, x, option.label)) {
      out[[option.label, ...policy.choices].join(" / ")] = sum([[1, edgeTotals(option, x)], [1, policy.totals]]);
    }
  }
  return out;
}

const close = (got: number, [want, scale]: Total): boolean => Math.abs(got - want) <= 1e-10 * scale + 1e-12;

/** The case's mismatches between qaly (file path) and the oracle, as readable lines. */
function mismatches(c: Case, strategies: readonly string[], outcomes: readonly string[], result: (strategy: string, outcome: string) => number, p: Values, label: string): string[] {
  const expected = oracle(c, p);
  const out: string[] = [];
  const want = Object.keys(expected).sort();
  if (JSON.stringify([...strategies].sort()) !== JSON.stringify(want)) out.push(`seed ${c.seed}: strategies ${JSON.stringify(strategies)}, oracle ${JSON.stringify(want)}`);
  for (const strategy of strategies) {
    for (const outcome of outcomes) {
      const got = result(strategy, outcome);
      const total = expected[strategy]?.[outcome] ?? [0, 0];
      if (!close(got, total)) out.push(`seed ${c.seed} ${label} ${strategy}.${outcome}: qaly ${got}, oracle ${total[0]} (scale ${total[1]})`);
    }
  }
  return out;
}

/** The outcome list: the oracle's names, `cost` and `qaly` first when present, counts last. */
function outcomeMismatches(c: Case, outcomes: readonly string[]): string[] {
  const { values, counts, optional } = outcomeNames(c);
  const first = ["cost", "qaly"].filter((name) => values.has(name));
  const all = [...values, ...counts].sort();
  const problems: string[] = [];
  if (JSON.stringify(outcomes.filter((name) => !optional.has(name)).sort()) !== JSON.stringify(all)) problems.push(`outcomes ${JSON.stringify(outcomes)}, oracle ${JSON.stringify(all)}`);
  if (JSON.stringify(outcomes.slice(0, first.length)) !== JSON.stringify(first)) problems.push(`outcomes ${JSON.stringify(outcomes)} do not start with ${JSON.stringify(first)}`);
  if (JSON.stringify(outcomes.slice(outcomes.length - counts.size).sort()) !== JSON.stringify([...counts].sort())) problems.push(`outcomes ${JSON.stringify(outcomes)} do not end with the counts`);
  return problems.map((problem) => `seed ${c.seed}: ${problem}`);
}

const CASES = Array.from({ length: 200 }, (_, i) => i + 1);
const PSA_CASES = CASES.slice(0, 40);

/** The PSA test reuses the base case's projects of its seeds (compiling is most of the run time). */
const projects = new Map<number, ReturnType<typeof compileModelFile>>();
function compiled(c: Case): ReturnType<typeof compileModelFile> {
  const known = projects.get(c.seed);
  if (known !== undefined) return known;
  const project = compileModelFile(JSON.stringify(c.file), { fileName: `tree-oracle-${c.seed}.json` });
  if (PSA_CASES.includes(c.seed)) projects.set(c.seed, project);
  return project;
}

/** The failures, with the file of the first failing seed so that it can be read without rerunning the generator. */
function report(failures: readonly string[], files: ReadonlyMap<number, Case>): string[] {
  const seed = Number(/^seed (\d+)/.exec(failures[0] ?? "")?.[1]);
  const c = files.get(seed);
  return [...failures.slice(0, 10), ...(c === undefined ? [] : [`file of seed ${seed}: ${JSON.stringify(c.file)}`])];
}

// About 3 s on a quiet 2-core machine, twice that when it is shared; the timeout only keeps a busy
// machine from failing the test when it is run without test/vitest.config.ts (vitest's default is 5 s).
const TIMEOUT = { timeout: 30_000 };

describe("decision-tree model files against a naive oracle (random files)", () => {
  afterAll(() => projects.clear());

  it("compileModelFile + evaluateModel matches the oracle's base case for 200 random trees", TIMEOUT, () => {
    const failures: string[] = [];
    const cases = new Map<number, Case>();
    for (const seed of CASES) {
      const c = randomCase(seed);
      cases.set(seed, c);
      let project;
      try {
        project = compiled(c);
      } catch (error) {
        failures.push(`seed ${seed}: does not compile: ${(error as Error).message}`);
        continue;
      }
      const model = project.model;
      failures.push(...outcomeMismatches(c, model.outcomes));
      // baseCase is given only where it differs from the parameters' own base values.
      const base = (project.baseCase ?? project.parameters.base()) as Values;
      const result = evaluateModel(model, base) as Record<string, Record<string, number>>;
      failures.push(...mismatches(c, model.strategies, model.outcomes, (s, o) => result[s]![o]!, base, "base case"));
    }
    expect(report(failures, cases)).toEqual([]);
  });

  it("runPsaSync matches the oracle draw by draw (40 random trees, 3 draws each)", TIMEOUT, () => {
    const failures: string[] = [];
    const cases = new Map<number, Case>();
    for (const seed of PSA_CASES) {
      const c = randomCase(seed);
      cases.set(seed, c);
      const project = compiled(c);
      const draws = project.parameters.sample(3, { seed: `tree-oracle-${seed}` });
      const psa = runPsaSync(project.model, draws);
      for (let i = 0; i < 3; i++) {
        const p = Object.fromEntries(draws.names.map((name) => [name, draws.column(name)[i]!]));
        failures.push(...mismatches(c, project.model.strategies, project.model.outcomes, (s, o) => psa.values(o, s)[i]!, p, `draw ${i}`));
      }
    }
    expect(report(failures, cases)).toEqual([]);
  });
});

export const __debug = { randomCase, oracle };
