// Differential test of the deterministic analyses as a user runs them from a model file
// (`compileModelFile` + `runProject`): the one-way analysis and its tornado, the threshold analyses,
// the scenario analysis, the base-case ICER table and the NMB table, against a deliberately naive
// re-implementation of docs/sensitivity.md, docs/model-files.md ("Analyses", "Scenarios"),
// docs/cli.md ("What a run computes") and docs/uncertainty.md ("ICER table") written here.
//
// Random files: a 3-state Markov model (Well, Sick, Dead) with 2–4 strategies set by strategy
// variables (a drug cost and a hazard ratio on progression; sometimes an exact copy of another
// strategy, sometimes a drug-first order), 8–13 declared parameters (fixed, distribution only, value
// and distribution; normal, lognormal, uniform, triangular, beta, gamma) and up to 2 derived ones,
// a `dsa:` block (low/high, points, values, distribution) or none, `tornado: { bars }`,
// `thresholds:`, `wtp: { thresholds }` and `scenarios:` with parameters and settings (horizon,
// cycles, cycle length, discount rates merged per key, cycle correction). Each file is run once by
// `runProject`, and for 40 of them again under one of their scenarios (`{ scenario }`, as
// `qaly run --scenario`), which must equal the run of the file edited by hand.
//
// The oracle's black box is qaly's `evaluateModel` on the compiled model (the models themselves are
// checked by test/files/build-markov-oracle.test.ts); everything else is the oracle's own:
// - parameter values: the base case (value, else the distribution's mean from docs/distributions.md)
//   and derived parameters, recomputed by JavaScript functions written here;
// - one-way ranges: `{ low, high, points }` evenly spaced, `{ values }` sorted, `distribution` as the
//   2.5 % and 97.5 % quantiles in closed form for normal, lognormal, uniform and triangular (beta
//   and gamma quantiles have no closed form: for those the oracle reads the parameter table's interval,
//   `describe()`, which docs/sensitivity.md names as the source of "distribution" ranges);
//   without `dsa:` every parameter with a distribution, in the file's order;
// - tornado: the incremental NMB against the first strategy at the first threshold, of the strategy
//   docs/cli.md names; low, high, min, max, swing, order by decreasing swing (stable), `top` and
//   `others`;
// - thresholds: D(x) = NMB_a − NMB_b on the documented 101-point grid, each sign change refined by
//   plain bisection, exact zeros on the grid; "no threshold in range" with the winner otherwise;
// - scenarios: the scenario applied by editing the model file (the parameter's entry replaced by its
//   value, the settings written into the model, `horizon` replacing `cycles` and vice versa, the
//   discount rates merged per key) and compiled again; the row's results and optimal strategy;
// - ICER table: the frontier built the classical way (from the cheapest non-dominated strategy, the
//   next one is the one with the lowest ICER, the nearer on ties), not by qaly's elimination loop.
//   `dominatedBy` of a strictly dominated strategy: the cheapest strategy that dominates it and is not
//   itself strictly dominated (docs/uncertainty.md; it may be extendedly dominated, seeds 58 and 71).
// - tornado order: qaly's own swings non-increasing, qaly's exact ties in the one-way order, and the
//   oracle's swings non-increasing along qaly's order within tolerance (swings of parameters without
//   effect are 0 or rounding noise of ~1e-12, whose order is qaly's to choose).
//
// Tolerances. Values: 1e-10 relative to the magnitude of the numbers involved (λ·|E| + |C| for net
// benefits), since the oracle evaluates at values it computed itself (evenly spaced points, quantiles
// in closed form: the docs give qaly's normal quantile as accurate to about 1e-12 relative) and sums
// in another order; any wrong value, range end, strategy or comparator is off by far more.
// Threshold roots: docs/sensitivity.md refines a bracket until its half-width is below
// tol = 1e-10 · max(|x|, 1e-6 · (high − low)), so qaly's root is within 2·tol of the true one; the
// oracle's bisection goes to 1e-3·tol, and the test allows 2·tol plus that.
//
// ORACLE_CASES=1000 ORACLE_SCENARIO_RUNS=600 runs more seeds (both passed when this was written, ~30 s).
// Each oracle part was broken on purpose once (another WTP, 5 %/95 % quantiles, discount rates not
// merged, no extended dominance, no bisection, the mean instead of the declared value, a horizon
// that keeps `cycles`, ties in reverse order, the last strategy as comparator, derived parameters not
// recomputed, another dominator): each made this test fail.
import { beforeAll, describe, expect, it } from "vitest";
import { compileModelFile } from "../../../src/files/compile-model-file.js";
import { applyScenario } from "../../../src/files/apply-scenario.js";
import { evaluateModel, type Model, type ParameterValues } from "../../../src/models/model.js";
import type { ModelProject } from "../../../src/files/model-project.js";
import { runProject, type ProjectRun } from "../../../src/project/run-project.js";
import { seededGenerator, type Gen } from "../../helpers/oracle.js";

// ---------------------------------------------------------------------------------------------
// Random model files
// ---------------------------------------------------------------------------------------------

type Family =
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number }
  | { readonly kind: "lognormal"; readonly meanlog: number; readonly sdlog: number }
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | { readonly kind: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly kind: "beta"; readonly mean: number; readonly se: number }
  | { readonly kind: "gamma"; readonly mean: number; readonly se: number };

type Role = "prob" | "hr" | "cost" | "util";

interface Param {
  readonly name: string;
  readonly role: Role;
  /** Declared value (absent: the distribution's mean is the base case). */
  readonly value?: number;
  readonly dist?: Family;
  /** Where the parameter may go in a one-way analysis or threshold search without breaking the model. */
  readonly bounds: readonly [number, number];
}

interface Derived {
  readonly name: string;
  readonly text: string;
  readonly f: (p: Readonly<Record<string, number>>) => number;
}

type DsaRange = { low: number; high: number; points?: number } | { values: number[] } | "distribution";

interface Settings {
  cycleLength?: number;
  cycles?: number;
  horizon?: number;
  discountRate?: { cost?: number; effect?: number };
  cycleCorrection?: string;
}

interface ScenarioSpec {
  readonly name: string;
  readonly parameters?: Record<string, number>;
  readonly settings?: Settings;
}

interface ThresholdSpec {
  readonly parameter: string;
  readonly range: [number, number];
  readonly strategies: [string, string];
}

interface Case {
  readonly seed: number;
  readonly params: readonly Param[];
  readonly derived: readonly Derived[];
  readonly strategies: readonly string[];
  /** Strategy → its variables (parameter names or numbers as text). */
  readonly variables: Readonly<Record<string, { cDrug: string; hr: string }>>;
  readonly settings: Settings;
  readonly dsa?: [string, DsaRange][];
  readonly bars?: number | "all";
  readonly thresholds: readonly ThresholdSpec[];
  readonly wtp: readonly number[];
  readonly scenarios: readonly ScenarioSpec[];
  /** The file as data (serialised as JSON: JSON is valid YAML). */
  readonly file: Record<string, unknown>;
}

/** The mean of a family (docs/distributions.md). */
function mean(d: Family): number {
  switch (d.kind) {
    case "normal":
    case "beta":
    case "gamma":
      return d.mean;
    case "lognormal":
      return Math.exp(d.meanlog + (d.sdlog * d.sdlog) / 2);
    case "uniform":
      return (d.min + d.max) / 2;
    case "triangular":
      return (d.min + d.mode + d.max) / 3;
  }
}

/** Φ⁻¹(0.975). */
const Z975 = 1.959963984540054;

/** The 2.5 % and 97.5 % quantiles in closed form (undefined for beta and gamma). */
function interval(d: Family): [number, number] | undefined {
  switch (d.kind) {
    case "normal":
      return [d.mean - Z975 * d.sd, d.mean + Z975 * d.sd];
    case "lognormal":
      return [Math.exp(d.meanlog - Z975 * d.sdlog), Math.exp(d.meanlog + Z975 * d.sdlog)];
    case "uniform":
      return [d.min + 0.025 * (d.max - d.min), d.min + 0.975 * (d.max - d.min)];
    case "triangular": {
      const q = (p: number): number => {
        const { min: a, mode: c, max: b } = d;
        return p < (c - a) / (b - a) ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c));
      };
      return [q(0.025), q(0.975)];
    }
    default:
      return undefined;
  }
}

/** A distribution centred near `c` that stays inside `bounds` over its 95 % interval. */
function family(g: Gen, role: Role, c: number): Family {
  switch (role) {
    case "prob": {
      const w = Number((c * g.round(0.1, 0.4, 2)).toFixed(4));
      return g.pick<Family>([
        { kind: "normal", mean: c, sd: Number((w / 3).toFixed(4)) },
        { kind: "uniform", min: Number((c - w).toFixed(4)), max: Number((c + w).toFixed(4)) },
        { kind: "triangular", min: Number((c - w).toFixed(4)), mode: Number((c + g.round(-w / 2, w / 2, 4)).toFixed(4)), max: Number((c + w).toFixed(4)) },
        { kind: "beta", mean: c, se: Number((w / 3).toFixed(4)) },
      ]);
    }
    case "hr":
      return g.pick<Family>([
        { kind: "lognormal", meanlog: Number(Math.log(c).toFixed(3)), sdlog: g.round(0.05, 0.25, 3) },
        { kind: "uniform", min: Number((c * 0.7).toFixed(3)), max: Number((c * 1.3).toFixed(3)) },
        { kind: "triangular", min: Number((c * 0.7).toFixed(3)), mode: c, max: Number((c * 1.4).toFixed(3)) },
      ]);
    case "cost": {
      const w = Math.round(c * g.round(0.05, 0.3, 2));
      return g.pick<Family>([
        { kind: "normal", mean: c, sd: Math.max(1, Math.round(w / 2)) },
        { kind: "uniform", min: c - w, max: c + w },
        { kind: "gamma", mean: c, se: Math.max(1, Math.round(w / 2)) },
        { kind: "triangular", min: c - w, mode: c, max: c + 2 * w },
      ]);
    }
    case "util": {
      const w = g.round(0.02, 0.08, 3);
      return g.pick<Family>([
        { kind: "uniform", min: Number((c - w).toFixed(3)), max: Number((c + w).toFixed(3)) },
        { kind: "beta", mean: c, se: Number((w / 2).toFixed(3)) },
        { kind: "normal", mean: c, sd: Number((w / 2).toFixed(3)) },
        { kind: "triangular", min: Number((c - w).toFixed(3)), mode: c, max: Number((c + w).toFixed(3)) },
      ]);
    }
  }
}

function param(g: Gen, name: string, role: Role, lo: number, hi: number, bounds: readonly [number, number]): Param {
  const digits = role === "cost" ? 0 : 3;
  const c = g.round(lo, hi, digits);
  const form = g.pick(["fixed", "dist", "dist", "both", "both"]);
  if (form === "fixed") return { name, role, value: c, bounds };
  const dist = family(g, role, c);
  // A declared value off the distribution's mean (inside its 95 % interval): the base case is the value.
  const value = form === "both" ? Number((c * g.round(0.95, 1.05, 3)).toFixed(digits === 0 ? 0 : 4)) : undefined;
  return { name, role, ...(value === undefined ? {} : { value }), dist, bounds };
}

const STRATEGY_NAMES = ["Standard care", "Drug A", "Drug B", "Drug C"];
const CORRECTIONS = ["half-cycle", "trapezoid", "none-beginning", "none-end", "simpson"];

function randomCase(seed: number): Case {
  const g = seededGenerator(seed);
  const params: Param[] = [
    param(g, "pWS", "prob", 0.05, 0.25, [0.005, 0.45]),
    param(g, "pWD", "prob", 0.01, 0.06, [0.001, 0.1]),
    param(g, "pSD", "prob", 0.05, 0.3, [0.01, 0.6]),
    param(g, "uWell", "util", 0.7, 0.92, [0.3, 1]),
    param(g, "uSick", "util", 0.35, 0.65, [0.05, 0.9]),
    param(g, "cWell", "cost", 500, 5000, [0, 20_000]),
    param(g, "cSick", "cost", 5000, 40_000, [0, 100_000]),
  ];
  // Strategies: the first is the comparator; a drug-first order now and then.
  const n = g.int(2, 4);
  const strategies = g.chance(0.15) ? g.shuffle(STRATEGY_NAMES).slice(0, n) : STRATEGY_NAMES.slice(0, n);
  const variables: Record<string, { cDrug: string; hr: string }> = {};
  strategies.forEach((s, k) => {
    if (s === "Standard care") {
      variables[s] = { cDrug: "0", hr: "1" };
      return;
    }
    // An exact copy of an earlier strategy: equal costs and effects (dominance of duplicates, NMB ties).
    if (k > 0 && g.chance(0.12)) {
      variables[s] = { ...variables[strategies[g.int(0, k - 1)]!]! };
      return;
    }
    const letter = s.slice(-1);
    params.push(param(g, `c${letter}`, "cost", 500, 15_000, [0, 60_000]));
    if (g.chance(0.85)) {
      params.push(param(g, `hr${letter}`, "hr", 0.4, 1.2, [0.1, 3]));
      variables[s] = { cDrug: `c${letter}`, hr: `hr${letter}` };
    } else {
      variables[s] = { cDrug: `c${letter}`, hr: "1" }; // costs more for nothing: dominated
    }
  });
  const derived: Derived[] = [];
  if (g.chance(0.5)) derived.push({ name: "cSickAll", text: "cSick + 0.5 * cWell", f: (p) => p.cSick! + 0.5 * p.cWell! });
  if (g.chance(0.4)) derived.push({ name: "uSickCapped", text: "min(uSick, uWell)", f: (p) => Math.min(p.uSick!, p.uWell!) });
  const settings: Settings = {};
  settings.cycleLength = g.pick([1, 1, 0.5]);
  if (g.chance(0.5)) settings.cycles = g.int(2, 20);
  else settings.horizon = g.int(2, 12);
  if (g.chance(0.6)) settings.discountRate = { cost: g.pick([0, 0.03, 0.035, 0.05]), effect: g.pick([0, 0.015, 0.03, 0.035]) };
  if (g.chance(0.5)) settings.cycleCorrection = g.pick(CORRECTIONS);

  const varyable = params; // every declared parameter may be varied; derived ones never
  const rangeFor = (p: Param): [number, number] => {
    const base = baseOf(p);
    const [lo, hi] = p.bounds;
    const round = (x: number): number => Number(x.toFixed(p.role === "cost" ? 0 : 4));
    const low = round(Math.max(lo, base * g.round(0.5, 0.9, 2)));
    const high = round(Math.min(hi, base * g.round(1.1, 1.6, 2)));
    return low < high ? [low, high] : [Math.min(low, high), Math.max(low, high) + (p.role === "cost" ? 1 : 0.001)];
  };
  let dsa: [string, DsaRange][] | undefined;
  if (g.chance(0.6)) {
    dsa = [];
    for (const p of g.shuffle(varyable)) {
      if (!g.chance(0.7)) continue;
      const [low, high] = rangeFor(p);
      const kind = g.pick(["lowHigh", "lowHigh", "points", "values", "distribution"]);
      if (kind === "distribution" && p.dist !== undefined) dsa.push([p.name, "distribution"]);
      else if (kind === "points") dsa.push([p.name, { low, high, points: g.int(3, 6) }]);
      else if (kind === "values") {
        const values = Array.from({ length: g.int(1, 4) }, () => Number((low + g.next() * (high - low)).toFixed(p.role === "cost" ? 0 : 4)));
        dsa.push([p.name, { values }]);
      } else dsa.push([p.name, { low, high }]);
    }
    if (dsa.length === 0) dsa.push([params[0]!.name, { low: 0.05, high: 0.2 }]);
  }
  const bars = g.pick<number | "all" | undefined>([undefined, undefined, "all", g.int(1, 5)]);

  const thresholds: ThresholdSpec[] = [];
  for (let i = 0, count = g.int(0, 2); i < count; i++) {
    const p = g.pick(varyable);
    const [lo, hi] = p.bounds;
    // The whole admissible range (often a root inside) or a narrow one around the base (often none).
    const range: [number, number] = g.chance(0.6) ? [lo, hi] : rangeFor(p);
    const [a, b] = g.shuffle(strategies).slice(0, 2) as [string, string];
    thresholds.push({ parameter: p.name, range, strategies: [a, b] });
  }
  const wtp = g.pick([[500_000, 1_000_000], [50_000], [20_000, 30_000], [100_000, 300_000, 700_000], [1_000_000, 200_000]]);

  const scenarios: ScenarioSpec[] = [];
  for (let i = 0, count = g.int(0, 3); i < count; i++) {
    const parameters: Record<string, number> = {};
    let scenarioSettings: Settings | undefined;
    if (g.chance(0.7)) {
      for (const p of g.shuffle(varyable).slice(0, g.int(1, 2))) {
        const [low, high] = rangeFor(p);
        parameters[p.name] = g.pick([low, high]);
      }
    }
    if (Object.keys(parameters).length === 0 || g.chance(0.4)) {
      const s: Settings = {};
      const which = g.pick(["horizon", "cycles", "discount", "correction", "cycleLength"]);
      if (which === "horizon") s.horizon = g.int(1, 12);
      else if (which === "cycles") s.cycles = g.int(1, 20);
      else if (which === "discount") s.discountRate = g.pick([{ cost: 0 }, { effect: 0 }, { cost: 0.05, effect: 0.01 }, { effect: 0.06 }]);
      else if (which === "correction") s.cycleCorrection = g.pick(CORRECTIONS);
      else s.cycleLength = g.pick([1, 0.5, 0.25]);
      scenarioSettings = s;
    }
    scenarios.push({ name: `Scenario ${i + 1}${g.pick(["", " (cheaper)", ": short"])}`, ...(Object.keys(parameters).length === 0 ? {} : { parameters }), ...(scenarioSettings === undefined ? {} : { settings: scenarioSettings }) });
  }

  const c: Omit<Case, "file"> = { seed, params, derived, strategies, variables, settings, ...(dsa === undefined ? {} : { dsa }), ...(bars === undefined ? {} : { bars }), thresholds, wtp, scenarios };
  return { ...c, file: fileOf(c) };
}

/** The base case of a declared parameter (docs/model-files.md: value, else the distribution's mean). */
function baseOf(p: Param): number {
  return p.value ?? mean(p.dist!);
}

/** The settings of a scenario applied to the file's: a horizon replaces cycles and vice versa, discount rates merged per key. */
function mergeSettings(file: Settings, e: Settings = {}): Settings {
  const s: Settings = { ...file };
  if (e.horizon !== undefined) {
    delete s.cycles;
    s.horizon = e.horizon;
  }
  if (e.cycles !== undefined) {
    delete s.horizon;
    s.cycles = e.cycles;
  }
  if (e.cycleLength !== undefined) s.cycleLength = e.cycleLength;
  if (e.cycleCorrection !== undefined) s.cycleCorrection = e.cycleCorrection;
  // A model without discountRate discounts at the documented default, 3 % and 3 %.
  if (e.discountRate !== undefined) s.discountRate = { cost: e.discountRate.cost ?? file.discountRate?.cost ?? 0.03, effect: e.discountRate.effect ?? file.discountRate?.effect ?? 0.03 };
  // A horizon is always a whole number of cycles: cycle lengths 1, 0.5 and 0.25, horizons in whole years.
  return s;
}

/** The model file of a case; with `edit`, the oracle's own scenario file (the scenario's values and settings written in, no analyses). */
function fileOf(c: Omit<Case, "file">, edit?: ScenarioSpec): Record<string, unknown> {
  const sickCost = c.derived.some((d) => d.name === "cSickAll") ? "cSickAll" : "cSick";
  const sickUtility = c.derived.some((d) => d.name === "uSickCapped") ? "uSickCapped" : "uSick";
  const parameters: Record<string, unknown> = {};
  for (const p of c.params) {
    const fixed = edit?.parameters?.[p.name];
    if (fixed !== undefined) parameters[p.name] = fixed;
    else if (p.dist === undefined) parameters[p.name] = p.value;
    else parameters[p.name] = { ...(p.value === undefined ? {} : { value: p.value }), distribution: p.dist };
  }
  for (const d of c.derived) parameters[d.name] = d.text;
  const s = mergeSettings(c.settings, edit?.settings);
  return {
    metadata: { title: `deterministic oracle ${c.seed}` },
    parameters,
    strategies: Object.fromEntries(c.strategies.map((name) => [name, { variables: c.variables[name] }])),
    model: {
      type: "markov",
      states: ["Well", "Sick", "Dead"],
      outcomes: { cost: "cost", qaly: "effect", lifeYears: "effect" },
      start: { Well: 1 },
      ...s,
      transitions: {
        Well: { Sick: "applyHazardRatio(pWS, hr)", Dead: "pWD", Well: "complement" },
        Sick: { Dead: "pSD", Sick: "complement" },
        Dead: { Dead: 1 },
      },
      values: {
        cost: { Well: "cWell + cDrug", Sick: sickCost },
        qaly: { Well: "uWell", Sick: sickUtility },
        lifeYears: { Well: 1, Sick: 1 },
      },
    },
    ...(edit !== undefined || c.dsa === undefined ? {} : { dsa: Object.fromEntries(c.dsa) }),
    ...(edit !== undefined || c.bars === undefined ? {} : { tornado: { bars: c.bars } }),
    ...(edit !== undefined || c.thresholds.length === 0 ? {} : { thresholds: c.thresholds }),
    wtp: { thresholds: c.wtp },
    ...(edit !== undefined || c.scenarios.length === 0
      ? {}
      : { scenarios: Object.fromEntries(c.scenarios.map((sc) => [sc.name, { ...(sc.parameters === undefined ? {} : { parameters: sc.parameters }), ...(sc.settings === undefined ? {} : { settings: sc.settings }) }])) }),
  };
}

/**
 * The case a run under a scenario (`runProject(project, { scenario })`, `qaly run --scenario`) stands
 * for: the scenario's values as fixed parameters, its settings in the model; fixed parameters are not
 * varied (docs/cli.md), so they leave the `dsa:` block.
 */
function scenarioCase(c: Case, sc: ScenarioSpec): Case {
  const fixed = sc.parameters ?? {};
  const params = c.params.map((p): Param => (p.name in fixed ? { name: p.name, role: p.role, value: fixed[p.name]!, bounds: p.bounds } : p));
  const dsa = c.dsa?.filter(([name]) => !(name in fixed));
  const own: Omit<Case, "file"> = { ...c, params, settings: mergeSettings(c.settings, sc.settings), scenarios: [], ...(dsa === undefined ? {} : { dsa }) };
  return { ...own, file: fileOf(own) };
}

// ---------------------------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------------------------

type Outcomes = Record<string, Record<string, number>>;

/** Every value the model reads: the base case, the overrides, derived parameters recomputed. */
function valuesOf(c: Case, overrides: Readonly<Record<string, number>> = {}, fixed: Readonly<Record<string, number>> = {}): Record<string, number> {
  const p: Record<string, number> = {};
  for (const q of c.params) p[q.name] = overrides[q.name] ?? fixed[q.name] ?? baseOf(q);
  for (const d of c.derived) p[d.name] = d.f(p);
  return p;
}

function evaluate(model: Model<ParameterValues>, p: Record<string, number>): Outcomes {
  return evaluateModel(model, p) as Outcomes;
}

/** The documented per-strategy results at λ against the first strategy (docs/sensitivity.md, Conventions). */
function results(out: Outcomes, strategies: readonly string[], wtp: number) {
  const comparator = strategies[0]!;
  const nmb = (s: string): number => wtp * out[s]!.qaly! - out[s]!.cost!;
  return Object.fromEntries(
    strategies.map((s) => {
      const dC = out[s]!.cost! - out[comparator]!.cost!;
      const dE = out[s]!.qaly! - out[comparator]!.qaly!;
      return [s, { outcomes: out[s]!, nmb: nmb(s), incrementalCost: dC, incrementalEffect: dE, incrementalNmb: nmb(s) - nmb(comparator), icer: dE === 0 ? null : dC / dE }];
    }),
  );
}

type Results = ReturnType<typeof results>;

/** The scale of a net benefit: what 1e-10 relative is taken of. */
function nmbScale(out: Outcomes, wtp: number): number {
  let scale = 0;
  for (const row of Object.values(out)) scale = Math.max(scale, wtp * Math.abs(row.qaly!) + Math.abs(row.cost!));
  return scale;
}

const REL = 1e-10;
const near = (a: number, b: number, scale: number): boolean => Math.abs(a - b) <= REL * Math.max(scale, Math.abs(a), Math.abs(b)) + 1e-12;

/** The optimal strategy at λ: highest NMB, exact ties to the first in model order; near ties (within tolerance) accepted either way. */
function acceptableOptimal(nmb: readonly number[], scale: number): Set<number> {
  const max = Math.max(...nmb);
  const out = new Set<number>([nmb.indexOf(max)]);
  nmb.forEach((v, i) => {
    if (v !== max && max - v <= REL * scale) out.add(i);
  });
  return out;
}

/** Mismatches between qaly's results of every strategy and the oracle's. */
function compareResults(label: string, got: Record<string, unknown> | undefined, want: Results, scale: number): string[] {
  const out: string[] = [];
  for (const [s, w] of Object.entries(want)) {
    const q = got?.[s] as Results[string] | undefined;
    if (q === undefined) {
      out.push(`${label} ${s}: missing in qaly's results`);
      continue;
    }
    for (const [o, v] of Object.entries(w.outcomes)) if (!near(q.outcomes[o]!, v, Math.abs(v))) out.push(`${label} ${s}.outcomes.${o}: qaly ${q.outcomes[o]}, oracle ${v}`);
    for (const key of ["nmb", "incrementalCost", "incrementalEffect", "incrementalNmb"] as const) {
      if (!near(q[key], w[key], key === "incrementalEffect" ? 0 : scale)) out.push(`${label} ${s}.${key}: qaly ${q[key]}, oracle ${w[key]}`);
    }
    if (w.icer === null || q.icer === null) {
      if (w.icer !== q.icer) out.push(`${label} ${s}.icer: qaly ${q.icer}, oracle ${w.icer}`);
    } else if (!(Math.abs(q.icer * w.incrementalEffect - w.incrementalCost) <= REL * (scale + Math.abs(q.icer) * Math.abs(w.outcomes.qaly!)))) {
      out.push(`${label} ${s}.icer: qaly ${q.icer}, oracle ${w.icer}`);
    }
  }
  return out;
}

/** The one-way values of a range (docs/sensitivity.md, docs/model-files.md "Analyses"). */
function rangeValues(c: Case, project: ModelProject, name: string, range: DsaRange): number[] {
  if (range === "distribution") {
    const p = c.params.find((q) => q.name === name)!;
    const closed = interval(p.dist!);
    if (closed !== undefined) return closed;
    // Beta, gamma: the parameter table's 2.5 % and 97.5 % quantiles (see the header).
    const row = project.parameters.describe().find((r) => r.name === name)!;
    return [row.lower!, row.upper!];
  }
  if ("values" in range) return [...range.values].sort((a, b) => a - b);
  const n = range.points ?? 2;
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? range.high : range.low + (i / (n - 1)) * (range.high - range.low)));
}

/** The parameters varied and their ranges: the `dsa:` block, else every parameter with a distribution (file order). */
function oneWayPlan(c: Case): [string, DsaRange][] {
  if (c.dsa !== undefined) return c.dsa;
  return c.params.filter((p) => p.dist !== undefined).map((p) => [p.name, "distribution"]);
}

/** The tornado's strategy (docs/cli.md, "What a run computes"); with a near tie of NMBs, any reading of it. */
function tornadoStrategies(c: Case, base: Outcomes): Set<string> {
  const comparator = c.strategies[0]!;
  const last = c.strategies[c.strategies.length - 1]!;
  const ends = [c.wtp[0]!, c.wtp[c.wtp.length - 1]!];
  const nmb = (wtp: number): number[] => c.strategies.map((s) => wtp * base[s]!.qaly! - base[s]!.cost!);
  const ok = ends.map((wtp) => acceptableOptimal(nmb(wtp), nmbScale(base, wtp)));
  if (ok.some((set) => set.size > 1)) return new Set([...ok.flatMap((set) => [...set].map((i) => c.strategies[i]!)), last].filter((s) => s !== comparator));
  for (const set of ok) {
    const best = c.strategies[[...set][0]!]!;
    if (best !== comparator) return new Set([best]);
  }
  return new Set([last]);
}

interface Bar {
  parameter: string;
  lowValue: number;
  highValue: number;
  baseValue: number;
  low: number;
  high: number;
  min: number;
  max: number;
  swing: number;
}

function checkOneWayAndTornado(c: Case, project: ModelProject, run: ProjectRun, failures: string[], stats: Stats): void {
  const wtp = c.wtp[0]!;
  const baseP = valuesOf(c);
  const base = evaluate(project.model, baseP);
  const scale = nmbScale(base, wtp);
  const plan = oneWayPlan(c);
  const oneWay = run.oneWay;
  if (oneWay === undefined) {
    failures.push(`seed ${c.seed}: no one-way analysis (expected ${plan.length} parameters)`);
    return;
  }
  if (oneWay.wtp !== wtp || oneWay.comparator !== c.strategies[0]) failures.push(`seed ${c.seed} one-way: wtp ${oneWay.wtp}, comparator ${oneWay.comparator}; oracle ${wtp}, ${c.strategies[0]}`);
  failures.push(...compareResults(`seed ${c.seed} one-way base`, oneWay.base, results(base, c.strategies, wtp), scale));
  const names = oneWay.parameters.map((p) => p.parameter);
  if (names.join("|") !== plan.map(([n]) => n).join("|")) failures.push(`seed ${c.seed} one-way parameters: qaly [${names.join(", ")}], oracle [${plan.map(([n]) => n).join(", ")}]`);
  const bars: Bar[] = [];
  const tornadoStrategy = run.tornado?.strategy ?? "?";
  const allowed = tornadoStrategies(c, base);
  if (!allowed.has(tornadoStrategy)) failures.push(`seed ${c.seed} tornado strategy: qaly ${tornadoStrategy}, oracle ${[...allowed].join(" or ")}`);
  for (const [name, range] of plan) {
    const values = rangeValues(c, project, name, range);
    stats.ranges.add(range === "distribution" ? `distribution:${c.params.find((p) => p.name === name)!.dist!.kind}` : Object.keys(range).sort().join("+"));
    const q = oneWay.parameters.find((p) => p.parameter === name);
    if (q === undefined) continue;
    const label = `seed ${c.seed} one-way ${name}`;
    if (!near(q.baseValue, baseP[name]!, 0)) failures.push(`${label} baseValue: qaly ${q.baseValue}, oracle ${baseP[name]}`);
    if (q.points.length !== values.length) {
      failures.push(`${label}: qaly ${q.points.length} points, oracle ${values.length}`);
      continue;
    }
    if (!near(q.low, values[0]!, 0) || !near(q.high, values[values.length - 1]!, 0)) failures.push(`${label} range: qaly [${q.low}, ${q.high}], oracle [${values[0]}, ${values[values.length - 1]}]`);
    const measure: number[] = [];
    values.forEach((x, i) => {
      if (!near(q.points[i]!.value, x, 0)) failures.push(`${label} point ${i}: qaly value ${q.points[i]!.value}, oracle ${x}`);
      const out = evaluate(project.model, valuesOf(c, { [name]: x }));
      const want = results(out, c.strategies, wtp);
      failures.push(...compareResults(`${label} = ${x}`, q.points[i]!.results as Record<string, unknown>, want, nmbScale(out, wtp)));
      measure.push(want[tornadoStrategy]?.incrementalNmb ?? Number.NaN);
    });
    bars.push({ parameter: name, lowValue: values[0]!, highValue: values[values.length - 1]!, baseValue: baseP[name]!, low: measure[0]!, high: measure[measure.length - 1]!, min: Math.min(...measure), max: Math.max(...measure), swing: Math.max(...measure) - Math.min(...measure) });
  }
  // Tornado: sorted by decreasing swing, ties in the one-way order; `top` bars, the rest in `others`.
  const tornado = run.tornado;
  if (tornado === undefined) {
    failures.push(`seed ${c.seed}: no tornado`);
    return;
  }
  const expected = [...bars].sort((a, b) => b.swing - a.swing);
  const top = c.bars === "all" ? expected.length : (c.bars ?? 10);
  const got = [...tornado.bars, ...tornado.others] as readonly Partial<Bar>[];
  if (tornado.bars.length !== Math.min(top, expected.length)) failures.push(`seed ${c.seed} tornado: qaly ${tornado.bars.length} bars, oracle ${Math.min(top, expected.length)} (top ${top})`);
  if (got.length !== expected.length) failures.push(`seed ${c.seed} tornado: qaly lists ${got.length} parameters, oracle ${expected.length}`);
  if (tornado.bars.length < expected.length) stats.others++;
  const baseMeasure = results(base, c.strategies, wtp)[tornadoStrategy]?.incrementalNmb ?? Number.NaN;
  if (!near(tornado.base, baseMeasure, scale)) failures.push(`seed ${c.seed} tornado base: qaly ${tornado.base}, oracle ${baseMeasure}`);
  if (tornado.measure !== "incrementalNmb" || tornado.comparator !== c.strategies[0] || tornado.wtp !== wtp) failures.push(`seed ${c.seed} tornado: ${tornado.measure} vs ${tornado.comparator} at ${tornado.wtp}`);
  // Each listed parameter's values against the oracle's, by name.
  const order = new Map(plan.map(([name], i) => [name, i]));
  got.forEach((q, i) => {
    const label = `seed ${c.seed} tornado ${i < top ? "bar" : "other"} ${i}`;
    const w = bars.find((bar) => bar.parameter === q.parameter);
    if (w === undefined) {
      failures.push(`${label}: qaly lists ${q.parameter}, which the oracle does not vary`);
      return;
    }
    if (!near(q.swing!, w.swing, scale)) failures.push(`${label} ${w.parameter} swing: qaly ${q.swing}, oracle ${w.swing}`);
    if (i >= top) return; // `others` hold the parameter and its swing only
    for (const key of ["low", "high", "min", "max"] as const) if (!near(q[key]!, w[key], scale)) failures.push(`${label} ${w.parameter}.${key}: qaly ${q[key]}, oracle ${w[key]}`);
    for (const key of ["lowValue", "highValue", "baseValue"] as const) if (!near(q[key]!, w[key], 0)) failures.push(`${label} ${w.parameter}.${key}: qaly ${q[key]}, oracle ${w[key]}`);
  });
  // Order: by decreasing swing; equal swings keep the one-way order (a stable sort). Swings that
  // differ only by rounding (a parameter without effect gives 0 or ~1e-12) are compared as qaly
  // computed them, so the stability is checked on qaly's own exact ties.
  for (let i = 0; i + 1 < got.length; i++) {
    const [x, y] = [got[i]!, got[i + 1]!];
    const ox = bars.find((bar) => bar.parameter === x.parameter)?.swing ?? Number.NaN;
    const oy = bars.find((bar) => bar.parameter === y.parameter)?.swing ?? Number.NaN;
    const stable = x.swing !== y.swing || order.get(x.parameter!)! < order.get(y.parameter!)!;
    if (!(x.swing! >= y.swing!) || !stable || !(ox >= oy - 2 * REL * scale)) {
      failures.push(`seed ${c.seed} tornado order ${i}: qaly ${x.parameter} (swing ${x.swing}) before ${y.parameter} (swing ${y.swing}); oracle swings ${ox}, ${oy}; one-way order ${order.get(x.parameter!)}, ${order.get(y.parameter!)}`);
    }
  }
  stats.bars += expected.length;
}

/** Roots of D on the documented grid: exact zeros, and sign changes refined by bisection. */
function oracleRoots(D: (x: number) => number, low: number, high: number) {
  const n = 101;
  const grid = Array.from({ length: n }, (_, i) => (i === n - 1 ? high : low + (i / (n - 1)) * (high - low)));
  const d = grid.map(D);
  const roots: { value: number; below: number; above: number }[] = [];
  const tol = (x: number): number => 1e-10 * Math.max(Math.abs(x), 1e-6 * (high - low));
  for (let i = 0; i < n; i++) {
    if (d[i] === 0) {
      const below = d.slice(0, i).reverse().find((v) => v !== 0) ?? 0;
      const above = d.slice(i + 1).find((v) => v !== 0) ?? 0;
      if (below !== 0 || above !== 0) roots.push({ value: grid[i]!, below: below || above, above: above || below });
    } else if (i + 1 < n && Math.sign(d[i]!) * Math.sign(d[i + 1]!) < 0) {
      let a = grid[i]!;
      let b = grid[i + 1]!;
      let fa = d[i]!;
      for (let k = 0; k < 200 && b - a > 1e-3 * tol(a); k++) {
        const m = (a + b) / 2;
        if (m <= a || m >= b) break;
        const fm = D(m);
        if (fm === 0) {
          a = b = m;
          break;
        }
        if (Math.sign(fm) === Math.sign(fa)) {
          a = m;
          fa = fm;
        } else b = m;
      }
      roots.push({ value: (a + b) / 2, below: d[i]!, above: d[i + 1]! });
    }
  }
  return { grid, d, roots, tol };
}

function checkThresholds(c: Case, project: ModelProject, run: ProjectRun, failures: string[], stats: Stats): void {
  const got = run.thresholds ?? [];
  if (got.length !== c.thresholds.length * c.wtp.length) failures.push(`seed ${c.seed}: qaly ran ${got.length} threshold analyses, oracle ${c.thresholds.length} × ${c.wtp.length} thresholds`);
  c.thresholds.forEach((spec, k) => {
    for (const wtp of c.wtp) {
      const [a, b] = spec.strategies;
      const [low, high] = spec.range;
      const label = `seed ${c.seed} threshold ${k} (${spec.parameter} in [${low}, ${high}], ${a} − ${b}, λ ${wtp})`;
      const q = got.find((t) => t.parameter === spec.parameter && t.wtp === wtp && t.range[0] === low && t.range[1] === high && t.strategies[0] === a && t.strategies[1] === b);
      if (q === undefined) {
        failures.push(`${label}: not in qaly's results`);
        continue;
      }
      let scale = 0;
      const D = (x: number): number => {
        const out = evaluate(project.model, valuesOf(c, { [spec.parameter]: x }));
        scale = Math.max(scale, nmbScale(out, wtp));
        return wtp * out[a]!.qaly! - out[a]!.cost! - (wtp * out[b]!.qaly! - out[b]!.cost!);
      };
      const o = oracleRoots(D, low, high);
      if (q.scan.values.length !== o.grid.length) failures.push(`${label}: qaly scans ${q.scan.values.length} values, oracle ${o.grid.length}`);
      o.grid.forEach((x, i) => {
        if (!near(q.scan.values[i]!, x, 0)) failures.push(`${label} grid ${i}: qaly ${q.scan.values[i]}, oracle ${x}`);
        if (!near(q.scan.difference[i]!, o.d[i]!, scale)) failures.push(`${label} D(${x}): qaly ${q.scan.difference[i]}, oracle ${o.d[i]}`);
      });
      if (!near(q.baseValue, valuesOf(c)[spec.parameter]!, 0)) failures.push(`${label} baseValue: qaly ${q.baseValue}, oracle ${valuesOf(c)[spec.parameter]}`);
      const status = o.roots.length > 0 ? "found" : o.d.every((v) => v === 0) ? "indifferent" : "none";
      stats.thresholds[status]++;
      if (q.status !== status) {
        failures.push(`${label}: qaly ${q.status} ${q.roots.map((r) => r.value).join(", ")}, oracle ${status} ${o.roots.map((r) => r.value).join(", ")}`);
        continue;
      }
      if (q.status === "none") {
        const winner = (o.d.find((v) => v !== 0)! > 0 ? a : b) as string;
        const message = `no threshold in range: "${winner}" has the higher NMB throughout ${spec.parameter} in [${low}, ${high}]`;
        if (q.higher !== winner || q.message !== message) failures.push(`${label}: qaly says ${q.message} (higher ${q.higher}), oracle ${message}`);
      }
      if (q.status !== "found") continue;
      if (q.roots.length !== o.roots.length) {
        failures.push(`${label}: qaly roots [${q.roots.map((r) => r.value).join(", ")}], oracle [${o.roots.map((r) => r.value).join(", ")}]`);
        continue;
      }
      o.roots.forEach((want, i) => {
        const r = q.roots[i]!;
        if (!(Math.abs(r.value - want.value) <= 2.001 * o.tol(want.value))) failures.push(`${label} root ${i}: qaly ${r.value}, oracle ${want.value} (allowed ${2 * o.tol(want.value)})`);
        const below = want.below > 0 ? a : b;
        const above = want.above > 0 ? a : b;
        if (r.higherBelow !== below || r.higherAbove !== above || !r.converged) failures.push(`${label} root ${i}: qaly ${r.higherBelow} below, ${r.higherAbove} above, converged ${r.converged}; oracle ${below}, ${above}`);
      });
    }
  });
}

function checkScenarios(c: Case, project: ModelProject, run: ProjectRun, failures: string[], stats: Stats): void {
  if (c.scenarios.length === 0) {
    if (run.scenarios !== undefined) failures.push(`seed ${c.seed}: a scenario table without scenarios`);
    return;
  }
  const wtp = c.wtp[0]!;
  const table = run.scenarios;
  const names = ["Base case", ...c.scenarios.map((s) => s.name)];
  if (table === undefined || table.rows.map((r) => r.scenario).join("|") !== names.join("|")) {
    failures.push(`seed ${c.seed} scenarios: qaly rows [${table?.rows.map((r) => r.scenario).join(", ")}], oracle [${names.join(", ")}]`);
    return;
  }
  if (table.wtp !== wtp || table.comparator !== c.strategies[0]) failures.push(`seed ${c.seed} scenarios: wtp ${table.wtp}, comparator ${table.comparator}`);
  [undefined, ...c.scenarios].forEach((scenario, k) => {
    const label = `seed ${c.seed} scenario "${names[k]}"`;
    let out: Outcomes;
    if (scenario === undefined) out = evaluate(project.model, valuesOf(c));
    else {
      // The scenario applied by editing the file: its values written into the parameters, its settings into the model.
      const text = JSON.stringify(fileOf(c, scenario));
      const edited = compileModelFile(text, { fileName: `scenario-${c.seed}-${k}.json` });
      out = evaluate(edited.model, valuesOf(c, {}, scenario.parameters ?? {}));
      if (scenario.settings !== undefined) stats.scenarioSettings.add(Object.keys(scenario.settings).join("+"));
      if (scenario.parameters !== undefined) stats.scenarioParameters++;
      // The scenario's whole project (applyScenario) evaluates the same.
      const own = applyScenario(project, scenario.name);
      const ownOut = evaluate(own.model, (own.baseCase ?? own.parameters.base()) as Record<string, number>);
      for (const s of c.strategies) for (const o of ["cost", "qaly", "lifeYears"]) if (!near(ownOut[s]![o]!, out[s]![o]!, 0)) failures.push(`${label} applyScenario ${s}.${o}: qaly ${ownOut[s]![o]}, oracle ${out[s]![o]}`);
    }
    const row = table.rows[k]!;
    const want = results(out, c.strategies, wtp);
    const scale = nmbScale(out, wtp);
    failures.push(...compareResults(label, row.results as Record<string, unknown>, want, scale));
    const ok = acceptableOptimal(c.strategies.map((s) => want[s]!.nmb), scale);
    if (![...ok].some((i) => c.strategies[i] === row.optimal)) failures.push(`${label} optimal: qaly ${row.optimal}, oracle ${[...ok].map((i) => c.strategies[i]).join(" or ")}`);
  });
}

interface IcerOracleRow {
  strategy: string;
  cost: number;
  effect: number;
  status: "non-dominated" | "dominated" | "extendedly-dominated";
  comparator: string | null;
  incrementalCost: number | null;
  incrementalEffect: number | null;
  icer: number | null;
  dominatedBy?: string[];
}

/** docs/uncertainty.md "ICER table", the frontier built by the lowest ICER from the cheapest non-dominated strategy. */
function oracleIcerTable(rows: readonly { strategy: string; cost: number; effect: number }[]): IcerOracleRow[] {
  const sorted = [...rows].sort((a, b) => (a.cost !== b.cost ? a.cost - b.cost : a.effect !== b.effect ? b.effect - a.effect : a.strategy < b.strategy ? -1 : 1));
  const position = new Map(sorted.map((r, i) => [r.strategy, i]));
  // Strictly dominated: another costs no more and gives at least as much (an exact duplicate: by the first of its kind).
  const dominates = (t: (typeof rows)[number], s: (typeof rows)[number]): boolean =>
    t !== s && t.cost <= s.cost && t.effect >= s.effect && (t.cost < s.cost || t.effect > s.effect || position.get(t.strategy)! < position.get(s.strategy)!);
  const undominated = sorted.filter((s) => !sorted.some((t) => dominates(t, s)));
  // Frontier: from the cheapest, repeatedly the strategy with the lowest ICER (ties: the nearer, less effective one).
  const frontier = [undominated[0]!];
  for (;;) {
    const last = frontier[frontier.length - 1]!;
    let next: (typeof rows)[number] | undefined;
    let best = Infinity;
    for (const s of undominated) {
      if (s.effect <= last.effect) continue;
      const icer = (s.cost - last.cost) / (s.effect - last.effect);
      if (next === undefined || icer < best * (1 - 1e-12) || (Math.abs(icer - best) <= 1e-12 * Math.abs(best) && s.effect < next.effect)) {
        next = s;
        best = icer;
      }
    }
    if (next === undefined) break;
    frontier.push(next);
  }
  return sorted.map((s) => {
    const k = frontier.indexOf(s);
    const base = { strategy: s.strategy, cost: s.cost, effect: s.effect };
    if (k === 0) return { ...base, status: "non-dominated", comparator: null, incrementalCost: null, incrementalEffect: null, icer: null };
    if (k > 0) {
      const prev = frontier[k - 1]!;
      return { ...base, status: "non-dominated", comparator: prev.strategy, incrementalCost: s.cost - prev.cost, incrementalEffect: s.effect - prev.effect, icer: (s.cost - prev.cost) / (s.effect - prev.effect) };
    }
    const none = { comparator: null, incrementalCost: null, incrementalEffect: null, icer: null };
    if (!undominated.includes(s)) {
      // The cheapest strategy that dominates it among those strict dominance leaves.
      const cheapest = undominated.filter((t) => dominates(t, s)).sort((x, y) => position.get(x.strategy)! - position.get(y.strategy)!)[0]?.strategy ?? "?";
      return { ...base, status: "dominated", ...none, dominatedBy: [cheapest] };
    }
    const upper = frontier.findIndex((t) => t.effect > s.effect);
    return { ...base, status: "extendedly-dominated", ...none, dominatedBy: [frontier[upper - 1]!.strategy, frontier[upper]!.strategy] };
  });
}

function checkIcerTable(c: Case, project: ModelProject, run: ProjectRun, failures: string[], stats: Stats): void {
  const base = evaluate(project.model, valuesOf(c));
  const want = oracleIcerTable(c.strategies.map((s) => ({ strategy: s, cost: base[s]!.cost!, effect: base[s]!.qaly! })));
  const got = run.icerTable;
  const label = `seed ${c.seed} ICER table`;
  if (got.map((r) => r.strategy).join("|") !== want.map((r) => r.strategy).join("|")) {
    failures.push(`${label} order: qaly [${got.map((r) => r.strategy).join(", ")}], oracle [${want.map((r) => r.strategy).join(", ")}]`);
    return;
  }
  const scale = Math.max(...want.map((r) => Math.abs(r.cost)));
  want.forEach((w, i) => {
    const q = got[i]!;
    stats.icer[w.status]++;
    const by = (q.dominatedBy ?? []).join("|") === (w.dominatedBy ?? []).join("|");
    if (q.status !== w.status || q.comparator !== w.comparator || !by) {
      failures.push(`${label} ${w.strategy}: qaly ${q.status} vs ${q.comparator} by [${q.dominatedBy ?? ""}], oracle ${w.status} vs ${w.comparator} by [${w.dominatedBy ?? ""}]`);
    }
    if (!near(q.cost, w.cost, 0) || !near(q.effect, w.effect, 0)) failures.push(`${label} ${w.strategy}: qaly cost ${q.cost} effect ${q.effect}, oracle ${w.cost}, ${w.effect}`);
    for (const key of ["incrementalCost", "incrementalEffect", "icer"] as const) {
      const a = q[key];
      const b = w[key];
      if (a === null || b === null ? a !== b : !near(a, b, key === "incrementalCost" ? scale : 0)) failures.push(`${label} ${w.strategy}.${key}: qaly ${a}, oracle ${b}`);
    }
  });
}

function checkNetBenefit(c: Case, project: ModelProject, run: ProjectRun, failures: string[]): void {
  const base = evaluate(project.model, valuesOf(c));
  for (const wtp of c.wtp) {
    const nmb = c.strategies.map((s) => wtp * base[s]!.qaly! - base[s]!.cost!);
    const scale = nmbScale(base, wtp);
    const ok = acceptableOptimal(nmb, scale);
    c.strategies.forEach((s, i) => {
      const row = run.netBenefit.find((r) => r.wtp === wtp && r.strategy === s);
      if (row === undefined || !near(row.nmb, nmb[i]!, scale) || (row.optimal && !ok.has(i)) || (!row.optimal && ok.size === 1 && ok.has(i))) {
        failures.push(`seed ${c.seed} NMB ${s} at ${wtp}: qaly ${row?.nmb} optimal ${row?.optimal}, oracle ${nmb[i]} optimal ${ok.has(i)}`);
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The runs
// ---------------------------------------------------------------------------------------------

interface Stats {
  ranges: Set<string>;
  bars: number;
  others: number;
  thresholds: Record<"found" | "none" | "indifferent", number>;
  scenarioSettings: Set<string>;
  scenarioParameters: number;
  icer: Record<IcerOracleRow["status"], number>;
  /** Dominated strategies whose dominator differs between the two readings of "frontier strategy". */
}

/** Runs under a scenario (each a second `runProject`), from the first cases that have scenarios. */
const SCENARIO_RUNS = Number(process.env.ORACLE_SCENARIO_RUNS ?? 40);

const CASES = Array.from({ length: Number(process.env.ORACLE_CASES ?? 100) }, (_, i) => i + 1);

interface Ran {
  readonly c: Case;
  readonly project: ModelProject;
  readonly run: ProjectRun;
}

describe("deterministic analyses of model files against a naive oracle (random files)", () => {
  const ran: Ran[] = [];
  const setupFailures: string[] = [];
  const stats: Stats = { ranges: new Set(), bars: 0, others: 0, thresholds: { found: 0, none: 0, indifferent: 0 }, scenarioSettings: new Set(), scenarioParameters: 0, icer: { "non-dominated": 0, dominated: 0, "extendedly-dominated": 0 } };

  beforeAll(async () => {
    for (const seed of CASES) {
      const c = randomCase(seed);
      const text = JSON.stringify(c.file);
      try {
        const project = compileModelFile(text, { fileName: `deterministic-oracle-${seed}.json` });
        const run = await runProject(project, { detail: false });
        for (const warning of run.warnings) if (/skipped/.test(warning)) setupFailures.push(`seed ${seed}: ${warning}`);
        ran.push({ c, project, run });
      } catch (error) {
        setupFailures.push(`seed ${seed}: ${(error as Error).message}\n${text}`);
      }
    }
  }, 60_000 + 100 * CASES.length);

  it(`compiles and runs ${CASES.length} random files without skipping a parameter`, () => {
    expect(setupFailures.slice(0, 5)).toEqual([]);
    expect(ran).toHaveLength(CASES.length);
  });

  it("one-way analysis and tornado: ranges, every point's results, bars, swing, order, top and others", () => {
    const failures: string[] = [];
    for (const { c, project, run } of ran) checkOneWayAndTornado(c, project, run, failures, stats);
    expect(failures.slice(0, 10)).toEqual([]);
    // Not vacuous: every kind of range, and tornadoes cut by `top`.
    expect([...stats.ranges].sort()).toEqual(expect.arrayContaining(["high+low", "high+low+points", "values", "distribution:normal", "distribution:lognormal", "distribution:uniform", "distribution:triangular", "distribution:beta", "distribution:gamma"]));
    expect(stats.others).toBeGreaterThan(5);
  });

  it("threshold analyses at every WTP threshold: roots by bisection on the documented grid, or no threshold in range", () => {
    const failures: string[] = [];
    for (const { c, project, run } of ran) checkThresholds(c, project, run, failures, stats);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(stats.thresholds.found).toBeGreaterThan(10);
    expect(stats.thresholds.none).toBeGreaterThan(10);
  });

  it("scenario analysis: each scenario equals the model file edited by hand (parameters and settings)", () => {
    const failures: string[] = [];
    for (const { c, project, run } of ran) checkScenarios(c, project, run, failures, stats);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(stats.scenarioParameters).toBeGreaterThan(10);
    expect([...stats.scenarioSettings].sort()).toEqual(expect.arrayContaining(["cycleCorrection", "cycleLength", "cycles", "discountRate", "horizon"]));
  });

  it("a run under a scenario ({ scenario }) is the run of the file edited by hand: ICER and NMB tables, one-way without the fixed parameters, tornado, thresholds", async () => {
    const failures: string[] = [];
    let runs = 0;
    for (const { c, project } of ran) {
      if (c.scenarios.length === 0 || runs >= SCENARIO_RUNS) continue;
      const sc = c.scenarios[c.seed % c.scenarios.length]!;
      const own = scenarioCase(c, sc);
      if (own.dsa?.length === 0) continue; // every listed parameter fixed: nothing to vary
      const edited = compileModelFile(JSON.stringify(own.file), { fileName: `scenario-run-${c.seed}.json` });
      let run: ProjectRun;
      try {
        run = await runProject(project, { scenario: sc.name, detail: false });
      } catch (error) {
        failures.push(`seed ${c.seed} scenario run "${sc.name}": ${(error as Error).message}`);
        continue;
      }
      const label = (f: string) => f.replace(`seed ${c.seed}`, `seed ${c.seed} under "${sc.name}"`);
      const mine: string[] = [];
      checkIcerTable(own, edited, run, mine, stats);
      checkNetBenefit(own, edited, run, mine);
      checkOneWayAndTornado(own, edited, run, mine, stats);
      checkThresholds(own, edited, run, mine, stats);
      failures.push(...mine.map(label));
      runs++;
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(runs).toBe(SCENARIO_RUNS);
  });

  it("ICER table and NMB table of the base case: dominance, extended dominance, ICERs, optimal strategy", () => {
    const failures: string[] = [];
    for (const { c, project, run } of ran) {
      checkIcerTable(c, project, run, failures, stats);
      checkNetBenefit(c, project, run, failures);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(stats.icer.dominated).toBeGreaterThan(5);
    expect(stats.icer["extendedly-dominated"]).toBeGreaterThan(0);
  });
});
