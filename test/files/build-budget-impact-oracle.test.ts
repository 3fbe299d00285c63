// Differential test of the budget-impact path of model files (docs/budget-impact.md): random model
// files with a `budgetImpact:` block (a funnel of 1–4 steps as plain expressions or
// `{ value, label, status }`, growth absent, a number or a parameter, inhabitants, the world without
// as one share, a parameter mix or a list per year, the world with as `with:` or as `uptake:` of new
// strategies, lists or one value for all years, scaled by a parameter, default or grouped cost
// categories, a count, one-way inputs and scenarios) over a small Markov cost model (2–3 states,
// constant probabilities, cycle length 1, 1/2, 1/4, 1/12, 0.4, 1.5 or 2, any within-cycle correction,
// starting costs, a one-off cost on dying, `costByYear` ≥ the
// horizon), against a deliberately naive re-implementation
// written here from the documentation only:
//   - Cost_s(k), per cost outcome: the trace built from the constant probabilities; a row's amount
//     Δ · w_t · Σ state value × occupancy (w_t from docs/conventions.md, test/helpers/oracle.ts) spread
//     over [tΔ − Δ/2, tΔ + Δ/2] clipped to [0, NΔ] in proportion to the overlap with each year; a
//     death cost over the years its cycle overlaps, likewise; starting costs in year 1; the total is the sum of the cost
//     outcomes (`cost`);
//   - N_1 = product of the funnel steps, N_c = N_1 (1 + growth)^(c − 1);
//   - share_s = uptake_s + (1 − Σ uptake) × without_s for `uptake:`;
//   - Budget(y) = Σ_{c=1..y} N_c × Σ_s share_s(c) × Cost_s(y − c + 1) in each world, net = with −
//     without, its running sum, per category, per inhabitant; counts N_y × Σ_s share_s(y) × count_s;
//   - one-way rows and scenarios: the cumulative net with the parameter(s) or world with changed;
//   - PSA: the same on every draw's parameters, mean and 2.5 / 97.5 % quantiles (R type 7) per year.
// Base case through compileModelFile + modelBudgetImpact (150 files); PSA, one-way and scenarios
// through runBudgetImpact with the model's runPsaSync (30 files, 5 draws each).
//
// Tolerance: 1e-10 relative to the magnitude of the world budgets compared (plus 1e-9 absolute). The
// oracle sums in another order (cohort by cohort, strategy by strategy, row by row) and spreads rows
// with its own arithmetic; the net is a difference of two world budgets, so it is compared relative to
// their size, not its own. Any wrong convention (a half row in the wrong year, a cohort offset by one
// year, growth applied once too often, uptake not taking the mix of the world without) is off by far
// more than that.
import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { modelBudgetImpact, type ModelBudgetImpactResult } from "../../src/analysis/bia/model-budget-impact.js";
import { runBudgetImpact } from "../../src/analysis/bia/run-budget-impact.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";
import { CORRECTION_NAMES, rowWeights, seededGenerator, type Gen } from "../helpers/oracle.js";

type P = Readonly<Record<string, number>>;

/** An expression: its text in the file and the oracle's own reading of it. */
interface Expr {
  readonly text: string | number;
  readonly f: (p: P) => number;
}
/** A per-year input: one expression for all years, or a list (year 1 first). */
interface PerYear {
  readonly file: string | number | (string | number)[];
  readonly f: (p: P, year: number) => number;
}
type World = Readonly<Record<string, PerYear>>;
interface WorldWith {
  /** What the file says: `with` or `uptake`. */
  readonly kind: "with" | "uptake";
  readonly shares: World;
}

const COST_OUTCOMES = ["costDrug", "costCare", "costTesting"] as const;

interface Case {
  readonly seed: number;
  readonly file: Record<string, unknown>;
  readonly strategies: readonly string[];
  /** Strategy variables of each strategy. */
  readonly sv: Readonly<Record<string, Readonly<Record<"pDie" | "cDrug" | "cTest" | "nTests", Expr>>>>;
  readonly three: boolean;
  readonly deathCost: boolean;
  readonly cycleLength: number;
  readonly cycles: number;
  readonly correction: string;
  readonly years: number;
  readonly funnel: readonly Expr[];
  readonly growth: Expr | undefined;
  readonly inhabitants: Expr | undefined;
  readonly without: World;
  readonly with: WorldWith;
  readonly categories: Readonly<Record<string, readonly string[]>>;
  readonly counts: boolean;
  readonly sensitivity: readonly { parameter: string; low: number; high: number }[];
  readonly scenarios: readonly { name: string; parameters?: Record<string, number>; with?: WorldWith }[];
}

const param = (name: string): Expr => ({ text: name, f: (p) => p[name]! });
const constant = (c: number): Expr => ({ text: c, f: () => c });

/** Hundredths summing to 100 over `k` parts (some may be 0). */
function hundredths(g: Gen, k: number, total = 100): number[] {
  const cuts = Array.from({ length: k - 1 }, () => g.int(0, total)).sort((a, b) => a - b);
  const edges = [0, ...cuts, total];
  return Array.from({ length: k }, (_, i) => edges[i + 1]! - edges[i]!);
}

/** A per-year input from a value per year: one number when all years agree (half the time), else a list. */
function perYearNumbers(g: Gen, values: readonly number[]): PerYear {
  if (values.every((v) => v === values[0]) && g.chance(0.5)) return { file: values[0]!, f: () => values[0]! };
  return { file: [...values], f: (_p, y) => values[y - 1]! };
}

/** The world with: explicit shares over some strategies (hundredths), or the uptake of the new ones. */
function worldWith(g: Gen, strategies: readonly string[], olds: number, years: number): WorldWith {
  if (g.chance(0.35)) {
    const listed = g.shuffle(strategies).slice(0, g.int(1, strategies.length));
    const byYear = Array.from({ length: years }, () => hundredths(g, listed.length).map((h) => h / 100));
    return { kind: "with", shares: Object.fromEntries(listed.map((s, i) => [s, perYearNumbers(g, byYear.map((row) => row[i]!))])) };
  }
  // Uptake of the new strategies (sometimes of an old one too): totals per year ≤ 1, split.
  const fresh = strategies.slice(olds);
  const taking = g.chance(0.15) ? [...fresh, strategies[0]!] : fresh;
  const totals = Array.from({ length: years }, () => g.int(0, 100));
  const byYear = totals.map((t) => hundredths(g, taking.length, t).map((h) => h / 100));
  const scaled = g.chance(0.4);
  return {
    kind: "uptake",
    shares: Object.fromEntries(
      taking.map((s, i) => {
        const values = byYear.map((row) => row[i]!);
        if (!scaled) return [s, perYearNumbers(g, values)];
        // uScale is a beta parameter in (0, 1): the uptake stays ≤ 1 in every draw.
        if (values.every((v) => v === values[0]) && g.chance(0.5)) return [s, { file: `uScale * ${values[0]}`, f: (p: P) => p.uScale! * values[0]! }];
        return [s, { file: values.map((v) => `uScale * ${v}`), f: (p: P, y: number) => p.uScale! * values[y - 1]! }];
      }),
    ),
  };
}

function randomCase(seed: number): Case {
  const g = seededGenerator(seed);
  const S = g.int(2, 4);
  const strategies = Array.from({ length: S }, (_, i) => `S${i}`);
  const olds = g.int(1, S - 1);
  const parameters: Record<string, unknown> = {};
  const beta = (name: string, lo: number, hi: number): void => {
    const mean = g.round(lo, hi, 3);
    parameters[name] = { value: mean, distribution: { kind: "beta", mean, se: Number((mean * 0.1).toFixed(4)) } };
  };
  const gamma = (name: string, lo: number, hi: number): void => {
    const mean = g.round(lo, hi, 0);
    parameters[name] = { value: mean, distribution: { kind: "gamma", mean, se: Number((mean * 0.2).toFixed(1)) } };
  };
  // The cost model's inputs.
  const three = g.chance(0.6);
  beta("pProg", 0.05, 0.3);
  beta("pPD", 0.1, 0.5);
  beta("pRe", 0.05, 0.3);
  gamma("cCareW", 100, 5000);
  gamma("cCareP", 1000, 20000);
  gamma("cDeath", 1000, 30000);
  const sv: Record<string, Record<"pDie" | "cDrug" | "cTest" | "nTests", Expr>> = {};
  for (const s of strategies) {
    beta(`pD${s}`, 0.02, 0.3);
    gamma(`cDrug${s}`, 0, 60000);
    gamma(`cTest${s}`, 500, 15000);
    const nTests: Expr = g.chance(0.5) ? { text: "1 + pRe", f: (p) => 1 + p.pRe! } : constant(g.int(0, 2));
    sv[s] = { pDie: param(`pD${s}`), cDrug: param(`cDrug${s}`), cTest: param(`cTest${s}`), nTests };
  }
  // The funnel's inputs.
  const pop = g.int(10_000, 2_000_000);
  parameters.pop = { value: pop, distribution: { kind: "normal", mean: pop, sd: Math.round(pop * 0.05) } };
  beta("inc", 0.0005, 0.01);
  beta("elig", 0.3, 0.95);
  beta("tested", 0.5, 0.99);
  beta("mix", 0.1, 0.9);
  beta("uScale", 0.3, 0.95);
  const growthMean = g.round(-0.05, 0.1, 3);
  parameters.growthRate = { value: growthMean, distribution: { kind: "normal", mean: growthMean, sd: 0.01 } };

  const years = g.int(1, 5);
  const cycleLength = g.pick([1, 1, 0.5, 0.25, 1 / 12, 0.4, 1.5, 2]);
  const minCycles = Math.ceil(years / cycleLength);
  const cycles = g.int(minCycles, minCycles + Math.round(3 / cycleLength));
  const costByYear = g.int(years, Math.ceil(cycles * cycleLength - 1e-9));
  const correction = g.pick(CORRECTION_NAMES);
  const deathCost = g.chance(0.6);

  // Funnel: a count, then shares.
  const funnel: Expr[] = [];
  const funnelFile: Record<string, unknown> = {};
  const first = g.int(0, 2);
  const count: Expr = first === 0 ? param("pop") : first === 1 ? constant(g.int(20, 3000)) : { text: "pop * inc", f: (p) => p.pop! * p.inc! };
  funnel.push(count);
  funnelFile.population = count.text;
  const shares: [string, Expr][] = [
    ["incidence", param("inc")],
    ["eligible", param("elig")],
    ["fixed", constant(g.round(0.3, 1, 2))],
    ["tested", param("tested")],
  ];
  for (const [name, e] of shares) {
    if (!g.chance(0.5) || (name === "incidence" && first !== 0)) continue;
    funnel.push(e);
    funnelFile[name] = g.chance(0.5) ? e.text : { value: e.text, label: `Step ${name}`, ...(g.chance(0.5) ? { status: g.pick(["sourced", "assumption", "placeholder"]), source: "oracle" } : {}) };
  }
  const growth: Expr | undefined = g.pick([undefined, constant(g.round(-0.05, 0.1, 3)), param("growthRate"), { text: "growthRate / 2", f: (p: P) => p.growthRate! / 2 }]);
  const inhabitants: Expr | undefined = g.pick([undefined, param("pop"), constant(g.int(100_000, 3_000_000))]);

  // The world without: the old strategies only.
  let without: World;
  if (olds === 1) without = { S0: perYearNumbers(g, new Array<number>(years).fill(1)) };
  else if (olds === 2 && g.chance(0.5)) without = { S0: { file: "mix", f: (p) => p.mix! }, S1: { file: "1 - mix", f: (p) => 1 - p.mix! } };
  else {
    const byYear = Array.from({ length: years }, () => hundredths(g, olds).map((h) => h / 100));
    without = Object.fromEntries(strategies.slice(0, olds).map((s, i) => [s, perYearNumbers(g, byYear.map((row) => row[i]!))]));
  }
  const withWorld = worldWith(g, strategies, olds, years);

  // Categories: each cost outcome on its own (default), or labels grouping some of them.
  let categories: Record<string, string[]> = Object.fromEntries(COST_OUTCOMES.map((o) => [o, [o]]));
  let categoriesFile: Record<string, string[]> | undefined;
  if (g.chance(0.5)) {
    const labels = ["testing", "drugs and care", "other"].slice(0, g.int(1, 3));
    categories = Object.fromEntries(labels.map((l) => [l, []]));
    for (const o of COST_OUTCOMES) {
      if (g.chance(0.15)) continue;
      categories[g.pick(labels)]!.push(o);
    }
    for (const l of labels) if (categories[l]!.length === 0) categories[l]!.push(g.pick(COST_OUTCOMES));
    categoriesFile = categories;
  }
  const counts = g.chance(0.5);

  // One-way inputs (numbers that keep every probability in [0, 1]) and scenarios.
  const costNames = Object.keys(parameters).filter((n) => /^c/.test(n));
  const candidates = ["pop", "inc", "elig", "pProg", ...strategies.map((s) => `pD${s}`), ...costNames];
  const sensitivity = g.shuffle(candidates).slice(0, g.int(0, 2)).map((parameter) => {
    const base = (parameters[parameter] as { value: number }).value;
    return { parameter, low: Number((base * 0.5).toFixed(6)), high: Number((base * 1.5).toFixed(6)) };
  });
  const scenarios: Case["scenarios"][number][] = [];
  for (let i = 0, n = g.int(0, 2); i < n; i++) {
    const kind = g.int(0, 2);
    const changed = kind !== 1 ? Object.fromEntries(g.shuffle(candidates).slice(0, g.int(1, 2)).map((name) => [name, Number(((parameters[name] as { value: number }).value * g.round(0.5, 1.5, 2)).toFixed(6))])) : undefined;
    const world = kind !== 0 ? worldWith(g, strategies, olds, years) : undefined;
    scenarios.push({ name: `Scenario ${i}`, ...(changed === undefined ? {} : { parameters: changed }), ...(world === undefined ? {} : { with: world }) });
  }

  const sharesFile = (world: World) => Object.fromEntries(Object.entries(world).map(([s, v]) => [s, v.file]));
  const file = {
    metadata: { title: `budget-impact oracle case ${seed}`, currency: "SEK" },
    parameters,
    strategies: Object.fromEntries(strategies.map((s) => [s, { variables: Object.fromEntries(Object.entries(sv[s]!).map(([k, e]) => [k, e.text])) }])),
    model: {
      type: "markov",
      states: three ? ["W", "P", "D"] : ["W", "D"],
      outcomes: { costDrug: "cost", costCare: "cost", costTesting: "cost", qaly: "effect", tests: "effect" },
      start: three ? { W: 0.75, P: 0.25 } : { W: 1 },
      cycleLength,
      cycles,
      discountRate: { cost: g.pick([0, 0.03, 0.05]), effect: 0.03 },
      cycleCorrection: correction,
      costByYear,
      transitions: three ? { W: { P: "pProg", D: "pDie", W: "complement" }, P: { D: "pPD", P: "complement" }, D: { D: 1 } } : { W: { D: "pDie", W: "complement" }, D: { D: 1 } },
      values: { costDrug: { W: "cDrug" }, costCare: three ? { W: "cCareW", P: "cCareP" } : { W: "cCareW" }, qaly: three ? { W: 0.8, P: 0.5 } : { W: 0.8 } },
      startingValues: { costTesting: "cTest", tests: "nTests" },
      ...(deathCost ? { transitionValues: { costCare: three ? { W: { D: "cDeath" }, P: { D: "cDeath" } } : { W: { D: "cDeath" } } } } : {}),
    },
    budgetImpact: {
      years,
      ...(inhabitants === undefined ? {} : { inhabitants: inhabitants.text }),
      funnel: funnelFile,
      ...(growth === undefined ? {} : { growth: growth.text }),
      without: sharesFile(without),
      [withWorld.kind]: sharesFile(withWorld.shares),
      ...(categoriesFile === undefined ? {} : { categories: categoriesFile }),
      ...(counts ? { counts: ["tests"] } : {}),
      ...(sensitivity.length === 0 ? {} : { sensitivity: Object.fromEntries(sensitivity.map(({ parameter, low, high }) => [parameter, { low, high }])) }),
      ...(scenarios.length === 0
        ? {}
        : { scenarios: Object.fromEntries(scenarios.map((s) => [s.name, { ...(s.parameters === undefined ? {} : { parameters: s.parameters }), ...(s.with === undefined ? {} : { [s.with.kind]: sharesFile(s.with.shares) }) }])) }),
    },
  };
  return { seed, file, strategies, sv, three, deathCost, cycleLength, cycles, correction, years, funnel, growth, inhabitants, without, with: withWorld, categories, counts, sensitivity, scenarios };
}

// ---------------------------------------------------------------------------------------------
// The oracle, from docs/budget-impact.md (and docs/conventions.md for the within-cycle weights).

/** Undiscounted cost per patient by year since start (year 1 first), per cost outcome, of one strategy. */
function costByYear(c: Case, strategy: string, p: P): Record<string, number[]> {
  const v = Object.fromEntries(Object.entries(c.sv[strategy]!).map(([k, e]) => [k, e.f(p)])) as Record<string, number>;
  const Δ = c.cycleLength;
  const N = c.cycles;
  const Y = c.years;
  const out: Record<string, number[]> = Object.fromEntries(COST_OUTCOMES.map((o) => [o, new Array<number>(Y).fill(0)]));
  const spread = (o: string, lo: number, hi: number, amount: number): void => {
    for (let y = 0; y < Y; y++) {
      const overlap = Math.min(hi, y + 1) - Math.max(lo, y);
      if (overlap > 0) out[o]![y]! += (amount * overlap) / (hi - lo);
    }
  };
  // Starting costs: year 1.
  out.costTesting![0]! += v.cTest!;
  let W = c.three ? 0.75 : 1;
  let Pr = c.three ? 0.25 : 0;
  const w = rowWeights(c.correction, N);
  for (let t = 0; t <= N; t++) {
    const lo = Math.max(0, t * Δ - Δ / 2);
    const hi = Math.min(N * Δ, t * Δ + Δ / 2);
    spread("costDrug", lo, hi, Δ * w[t]! * W * v.cDrug!);
    spread("costCare", lo, hi, Δ * w[t]! * (W * p.cCareW! + (c.three ? Pr * p.cCareP! : 0)));
    if (t === N) break;
    // Cycle t + 1: [tΔ, (t + 1)Δ]; its one-off costs fall in the years it overlaps, in proportion.
    const dying = W * v.pDie! + (c.three ? Pr * p.pPD! : 0);
    if (c.deathCost) spread("costCare", t * Δ, (t + 1) * Δ, dying * p.cDeath!);
    const progressing = c.three ? W * p.pProg! : 0;
    const nextW = W - W * v.pDie! - progressing;
    const nextP = c.three ? Pr - Pr * p.pPD! + progressing : 0;
    W = nextW;
    Pr = nextP;
  }
  return out;
}

interface OracleWorld {
  total: number[];
  byCategory: Record<string, number[]>;
  counts: number[];
  patients: Record<string, number[]>;
}
interface OracleResult {
  patients: number[];
  funnel: number[];
  inhabitants: number | undefined;
  shares: { without: Record<string, number[]>; with: Record<string, number[]> };
  costPerPatient: Record<string, Record<string, number[]>>;
  without: OracleWorld;
  with: OracleWorld;
  net: { total: number[]; cumulative: number[]; byCategory: Record<string, number[]>; cumulativeByCategory: Record<string, number[]>; counts: number[]; perInhabitant: number[] | undefined };
}

/** The shares of a world per strategy and year; uptake as share_s = uptake_s + (1 − Σ uptake) × without_s. */
function worldShares(c: Case, world: WorldWith | { kind: "without" }, p: P): Record<string, number[]> {
  const at = (w: World, s: string, y: number): number => w[s]?.f(p, y) ?? 0;
  return Object.fromEntries(
    c.strategies.map((s) => [
      s,
      Array.from({ length: c.years }, (_, i) => {
        const y = i + 1;
        if (world.kind === "without") return at(c.without, s, y);
        if (world.kind === "with") return at(world.shares, s, y);
        let taken = 0;
        for (const t of c.strategies) taken += at(world.shares, t, y);
        return at(world.shares, s, y) + (1 - taken) * at(c.without, s, y);
      }),
    ]),
  );
}

function oracle(c: Case, p: P, withWorld: WorldWith = c.with): OracleResult {
  const Y = c.years;
  const funnel = c.funnel.map((e) => e.f(p));
  const N1 = funnel.reduce((a, b) => a * b, 1);
  const growth = c.growth?.f(p) ?? 0;
  const patients = Array.from({ length: Y }, (_, i) => N1 * (1 + growth) ** i);
  const costs = Object.fromEntries(c.strategies.map((s) => [s, costByYear(c, s, p)]));
  const costPerPatient: Record<string, Record<string, number[]>> = {};
  for (const s of c.strategies) {
    const own: Record<string, number[]> = { total: Array.from({ length: Y }, (_, k) => COST_OUTCOMES.reduce((sum, o) => sum + costs[s]![o]![k]!, 0)) };
    for (const [label, outcomes] of Object.entries(c.categories)) own[label] = Array.from({ length: Y }, (_, k) => outcomes.reduce((sum, o) => sum + costs[s]![o]![k]!, 0));
    costPerPatient[s] = own;
  }
  const spend = (shares: Record<string, number[]>): OracleWorld => {
    // Budget(y) = Σ_{c=1..y} N_c Σ_s share_s(c) Cost_s(y − c + 1).
    const series = (name: string): number[] =>
      Array.from({ length: Y }, (_, i) => {
        const y = i + 1;
        let sum = 0;
        for (let cohort = 1; cohort <= y; cohort++) for (const s of c.strategies) sum += patients[cohort - 1]! * shares[s]![cohort - 1]! * costPerPatient[s]![name]![y - cohort]!;
        return sum;
      });
    return {
      total: series("total"),
      byCategory: Object.fromEntries(Object.keys(c.categories).map((l) => [l, series(l)])),
      counts: Array.from({ length: Y }, (_, i) => c.strategies.reduce((sum, s) => sum + patients[i]! * shares[s]![i]! * c.sv[s]!.nTests.f(p), 0)),
      patients: Object.fromEntries(c.strategies.map((s) => [s, shares[s]!.map((share, i) => patients[i]! * share)])),
    };
  };
  const shares = { without: worldShares(c, { kind: "without" }, p), with: worldShares(c, withWorld, p) };
  const without = spend(shares.without);
  const w = spend(shares.with);
  const minus = (a: number[], b: number[]): number[] => a.map((v, i) => v - b[i]!);
  const running = (a: number[]): number[] => a.map((_, i) => a.slice(0, i + 1).reduce((x, y) => x + y, 0));
  const total = minus(w.total, without.total);
  const byCategory = Object.fromEntries(Object.keys(c.categories).map((l) => [l, minus(w.byCategory[l]!, without.byCategory[l]!)]));
  const inhabitants = c.inhabitants?.f(p);
  return {
    patients,
    funnel,
    inhabitants,
    shares,
    costPerPatient,
    without,
    with: w,
    net: {
      total,
      cumulative: running(total),
      byCategory,
      cumulativeByCategory: Object.fromEntries(Object.entries(byCategory).map(([l, v]) => [l, running(v)])),
      counts: minus(w.counts, without.counts),
      perInhabitant: inhabitants === undefined ? undefined : total.map((v) => v / inhabitants),
    },
  };
}

// ---------------------------------------------------------------------------------------------

const close = (got: number | undefined, want: number, scale: number): boolean => got !== undefined && Number.isFinite(got) && Math.abs(got - want) <= 1e-10 * Math.max(scale, Math.abs(want)) + 1e-9;
const magnitude = (...series: (readonly number[] | undefined)[]): number => Math.max(0, ...series.flatMap((s) => (s ?? []).map(Math.abs)));

/** Compares two series year by year, pushing a line naming the seed for each mismatch. */
function compareSeries(out: string[], label: string, got: readonly number[] | undefined, want: readonly number[], scale: number): void {
  if (got === undefined || got.length !== want.length) {
    out.push(`${label}: qaly ${JSON.stringify(got)}, oracle ${JSON.stringify(want)}`);
    return;
  }
  want.forEach((v, i) => {
    if (!close(got[i], v, scale)) out.push(`${label}[year ${i + 1}]: qaly ${got[i]}, oracle ${v}`);
  });
}

/** Every yearly figure of qaly's base-case result against the oracle's. */
function mismatches(c: Case, r: ModelBudgetImpactResult, o: OracleResult, label: string): string[] {
  const out: string[] = [];
  const at = `seed ${c.seed} ${label}`;
  compareSeries(out, `${at} patients`, r.patients, o.patients, 0);
  compareSeries(out, `${at} funnel`, r.funnel.map((s) => s.value), o.funnel, 0);
  if (o.inhabitants === undefined ? r.inhabitants !== undefined : !close(r.inhabitants, o.inhabitants, 0)) out.push(`${at} inhabitants: qaly ${r.inhabitants}, oracle ${o.inhabitants}`);
  for (const world of ["without", "with"] as const) {
    // A strategy absent from qaly's shares is read as share 0.
    for (const s of c.strategies) compareSeries(out, `${at} shares.${world}.${s}`, r.shares[world][s] ?? new Array<number>(c.years).fill(0), o.shares[world][s]!, 1);
  }
  for (const s of c.strategies) {
    for (const [name, want] of Object.entries(o.costPerPatient[s]!)) compareSeries(out, `${at} costPerPatient.${s}.${name}`, r.costPerPatient[s]?.[name], want, magnitude(o.costPerPatient[s]!.total));
  }
  const scale = magnitude(o.without.total, o.with.total);
  const countScale = magnitude(o.without.counts, o.with.counts);
  for (const world of ["without", "with"] as const) {
    compareSeries(out, `${at} ${world}.total`, r[world].total, o[world].total, scale);
    for (const [l, want] of Object.entries(o[world].byCategory)) compareSeries(out, `${at} ${world}.byCategory.${l}`, r[world].byCategory[l], want, scale);
    if (c.counts) compareSeries(out, `${at} ${world}.counts.tests`, r[world].counts["tests"], o[world].counts, countScale);
    for (const s of c.strategies) compareSeries(out, `${at} ${world}.patients.${s}`, r[world].patients[s] ?? new Array<number>(c.years).fill(0), o[world].patients[s]!, magnitude(o.patients));
  }
  compareSeries(out, `${at} net.total`, r.net.total, o.net.total, scale);
  compareSeries(out, `${at} net.cumulative`, r.net.cumulative, o.net.cumulative, scale * c.years);
  for (const [l, want] of Object.entries(o.net.byCategory)) compareSeries(out, `${at} net.byCategory.${l}`, r.net.byCategory[l], want, scale);
  for (const [l, want] of Object.entries(o.net.cumulativeByCategory)) compareSeries(out, `${at} net.cumulativeByCategory.${l}`, r.net.cumulativeByCategory[l], want, scale * c.years);
  if (c.counts) compareSeries(out, `${at} net.counts.tests`, r.net.counts["tests"], o.net.counts, countScale);
  if (o.net.perInhabitant === undefined) {
    if (r.net.perInhabitant !== undefined) out.push(`${at} net.perInhabitant: qaly ${JSON.stringify(r.net.perInhabitant)}, oracle none`);
  } else compareSeries(out, `${at} net.perInhabitant`, r.net.perInhabitant, o.net.perInhabitant, scale / o.inhabitants!);
  return out;
}

/** R type 7 quantile, written out. */
function quantile(values: readonly number[], q: number): number {
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < x.length ? x[lo]! + (h - lo) * (x[lo + 1]! - x[lo]!) : x[lo]!;
}

const compile = (c: Case) => compileModelFile(JSON.stringify(c.file), { fileName: `bia-oracle-${c.seed}.json` });

// BIA_ORACLE_CASES=3000 runs more seeds.
const CASES = Array.from({ length: Number(process.env.BIA_ORACLE_CASES ?? 150) }, (_, i) => i + 1);
const DRAWS = 5;

describe("budget impact of model files against a naive oracle (random files)", () => {
  it(`compileModelFile + modelBudgetImpact match the oracle's every yearly figure for ${CASES.length} random files`, () => {
    const failures: string[] = [];
    for (const seed of CASES) {
      const c = randomCase(seed);
      let project;
      try {
        project = compile(c);
      } catch (error) {
        failures.push(`seed ${seed}: does not compile: ${(error as Error).message}\n${JSON.stringify(c.file)}`);
        continue;
      }
      const base = (project.baseCase ?? project.parameters.base()) as P;
      const r = modelBudgetImpact(project.model, project.budgetImpact!, base);
      failures.push(...mismatches(c, r, oracle(c, base), "base case"));
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("runBudgetImpact: PSA mean and 95 % intervals per year, one-way rows and scenarios match the oracle (30 files, 5 draws)", () => {
    const failures: string[] = [];
    for (const seed of CASES.slice(0, 30)) {
      const c = randomCase(seed);
      const project = compile(c);
      const draws = project.parameters.sample(DRAWS, { seed: `bia-oracle-${seed}` });
      const psa = runPsaSync(project.model, draws);
      const run = runBudgetImpact(project.model, project.budgetImpact!, (o) => project.parameters.base(o) as P, psa);
      const at = `seed ${seed}`;
      // PSA: the oracle on each draw's parameters, summarised.
      const perDraw = Array.from({ length: DRAWS }, (_, i) => oracle(c, Object.fromEntries(draws.names.map((n) => [n, draws.column(n)[i]!]))));
      const u = run.uncertainty;
      if (u === undefined || u.draws !== DRAWS) failures.push(`${at} uncertainty: ${JSON.stringify(u?.draws)} draws`);
      else {
        const scale = magnitude(...perDraw.flatMap((o) => [o.with.total, o.without.total]));
        const summary = (out: string, got: { mean: readonly number[]; lower: readonly number[]; upper: readonly number[] } | undefined, pick: (o: OracleResult) => number[], s: number): void => {
          const column = (y: number) => perDraw.map((o) => pick(o)[y]!);
          const years = Array.from({ length: c.years }, (_, y) => y);
          compareSeries(failures, `${at} psa ${out}.mean`, got?.mean, years.map((y) => column(y).reduce((a, b) => a + b, 0) / DRAWS), s);
          compareSeries(failures, `${at} psa ${out}.lower`, got?.lower, years.map((y) => quantile(column(y), 0.025)), s);
          compareSeries(failures, `${at} psa ${out}.upper`, got?.upper, years.map((y) => quantile(column(y), 0.975)), s);
        };
        summary("net", u.net, (o) => o.net.total, scale);
        summary("cumulative", u.cumulative, (o) => o.net.cumulative, scale * c.years);
        for (const l of Object.keys(c.categories)) summary(`byCategory.${l}`, u.byCategory[l], (o) => o.net.byCategory[l]!, scale);
      }
      // Base case, one-way rows and scenarios: cumulative net over the horizon.
      const base = project.parameters.base() as P;
      const o = oracle(c, base);
      const scale = magnitude(o.with.total, o.without.total) * c.years;
      failures.push(...mismatches(c, run.base, o, "runBudgetImpact base"));
      if (!close(run.sensitivity.base, o.net.cumulative.at(-1)!, scale)) failures.push(`${at} sensitivity.base: qaly ${run.sensitivity.base}, oracle ${o.net.cumulative.at(-1)}`);
      for (const { parameter, low, high } of c.sensitivity) {
        const row = run.sensitivity.oneWay.find((r) => r.parameter === parameter);
        const atLow = oracle(c, { ...base, [parameter]: low });
        const atHigh = oracle(c, { ...base, [parameter]: high });
        const s = magnitude(atLow.with.total, atLow.without.total, atHigh.with.total, atHigh.without.total) * c.years;
        if (row === undefined || row.low !== low || row.high !== high) failures.push(`${at} one-way ${parameter}: qaly ${JSON.stringify(row)}, oracle low ${low} high ${high}`);
        else {
          if (!close(row.atLow, atLow.net.cumulative.at(-1)!, s)) failures.push(`${at} one-way ${parameter} atLow: qaly ${row.atLow}, oracle ${atLow.net.cumulative.at(-1)}`);
          if (!close(row.atHigh, atHigh.net.cumulative.at(-1)!, s)) failures.push(`${at} one-way ${parameter} atHigh: qaly ${row.atHigh}, oracle ${atHigh.net.cumulative.at(-1)}`);
        }
      }
      if (run.sensitivity.oneWay.length !== c.sensitivity.length) failures.push(`${at} one-way rows: qaly ${run.sensitivity.oneWay.length}, oracle ${c.sensitivity.length}`);
      for (const scenario of c.scenarios) {
        const row = run.sensitivity.scenarios.find((r) => r.name === scenario.name);
        const want = oracle(c, { ...base, ...scenario.parameters }, scenario.with ?? c.with);
        const s = magnitude(want.with.total, want.without.total);
        if (row === undefined) failures.push(`${at} scenario ${scenario.name}: missing`);
        else {
          compareSeries(failures, `${at} scenario ${scenario.name} net`, row.net, want.net.total, s);
          if (!close(row.cumulative, want.net.cumulative.at(-1)!, s * c.years)) failures.push(`${at} scenario ${scenario.name} cumulative: qaly ${row.cumulative}, oracle ${want.net.cumulative.at(-1)}`);
        }
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("the generator reaches what it claims to (so a pass is not vacuous)", () => {
    const cases = CASES.map(randomCase);
    const count = (f: (c: Case) => boolean) => cases.filter(f).length;
    expect(count((c) => c.with.kind === "uptake")).toBeGreaterThan(40);
    expect(count((c) => c.with.kind === "with")).toBeGreaterThan(30);
    expect(count((c) => c.growth !== undefined && c.years > 1)).toBeGreaterThan(40);
    expect(count((c) => c.cycleLength < 1)).toBeGreaterThan(30);
    expect(count((c) => c.cycleLength > 1)).toBeGreaterThan(15);
    expect(count((c) => c.deathCost)).toBeGreaterThan(40);
    expect(count((c) => c.funnel.length >= 3)).toBeGreaterThan(20);
    expect(count((c) => c.strategies.length === 4)).toBeGreaterThan(20);
    expect(count((c) => c.years >= 4)).toBeGreaterThan(30);
    expect(count((c) => c.scenarios.some((s) => s.with !== undefined))).toBeGreaterThan(20);
  });
});
