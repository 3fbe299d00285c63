// Differential test of the partitioned-survival model-file path: random model files (3 or 4 states;
// every curve kind of docs/survival.md with a closed form, wrapped in hazard ratios, acceleration
// factors, joins, mixtures and cure fractions; curve numbers as parameters with PSA distributions,
// derived parameters or expressions over them and over strategy variables; state and entry values
// that read cycle, time, age, the peers' time names and model variables; starting and capped values;
// every cycle correction and discount timing; cycle lengths below a year; every time unit; clamp,
// floor and error crossing policies with the tolerance; a per-cycle background-mortality floor from a
// life-table CSV) against a deliberately naive re-implementation of docs/partitioned-survival.md,
// docs/conventions.md, docs/survival.md and docs/model-files.md written here: each curve is its
// documented formula in plain JavaScript (never qaly's survival code or math helpers, the normal tail
// included); occupancy, weights, coefficients and discounting are written out row by row. Base case
// and PSA draws alike. It found that a table curve could not name its interpolation in a model file
// and that crossing: error named another row than the docs said (both mended with it).
//
// Tolerance: 1e-10 relative, or 1e-13 of the total's scale (the sum of its terms' sizes with
// occupancy 1: a state between two nearly equal curves holds a rounding-size occupancy, which a large
// value turns into ~1e-12 where the oracle has 0); clampedCycles exactly. qaly steps S row to row
// (within 1e-14·(1 + H) of e^{−H}, docs/partitioned-survival.md "Speed"), uses @stdlib's normal and
// incomplete gamma functions where the oracle has its own series, and sums in another order, so the
// last digits differ; a wrong convention (a weight, a discount time, a time unit, an entry count, a
// clamped row) is off by far more than that.
import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";
import { QalyError } from "../../src/core/errors.js";
import { CORRECTION_NAMES, CYCLE_TIMED, lifeTableCase, populationIncrements, rowWeights, seededGenerator, type Background, type Gen } from "../helpers/oracle.js";


/** Four significant digits: readable file text that is exactly the oracle's number. */
const sig = (x: number): number => Number(x.toPrecision(4));

/**
 * What an expression sees: parameters, strategy variables, model variables and the time
 * (docs/conventions.md): state values of row t read cycle t, time tΔ, DARTH's cycle t; entry values
 * of cycle k read the transitions' time, cycle k, time (k − 1)Δ, DARTH's cycle k − 1.
 */
interface Point {
  readonly p: Readonly<Record<string, number>>;
  readonly s: Readonly<Record<string, number>>;
  v: Record<string, number>;
  readonly cycle: number;
  readonly time: number;
  readonly age: number;
  readonly darthCycle: number;
}

interface Expr {
  readonly text: string | number;
  readonly f: (x: Point) => number;
}

/** A curve: its file definition and the oracle's S(t), t in the curves' time unit. */
interface Curve {
  readonly def: Record<string, unknown>;
  readonly S: (t: number, x: Point) => number;
}

/** erfc by the positive-term series of erf below 1.5 and the continued fraction above (~3e-14 relative). */
function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === Infinity) return 0;
  if (x < 1.5) {
    // erf(x) = 2/√π · e^{−x²} · Σ (2x²)^n · x / (2n + 1)!!
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), from the tail.
  let f = x;
  for (let n = 100; n >= 1; n--) f = x + n / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
/** Upper tail of the standard normal, 1 − Φ(z). */
const normalTail = (z: number): number => 0.5 * erfc(z / Math.SQRT2);

/** Curve units per year (docs/survival.md: a month is 1/12 year, a week 7/365.25, a day 1/365.25). */
const UNITS: Readonly<Record<string, number>> = { years: 1, months: 12, weeks: 365.25 / 7, days: 365.25 };

/** The file's parameters, built as the curves and values ask for them. */
class Parameters {
  readonly file: Record<string, unknown> = {};
  private count = 0;
  constructor(private readonly g: Gen) {}

  private add(prefix: string, value: number, distribution: Record<string, unknown>): string {
    const name = `${prefix}${this.count++}`;
    // Some parameters give only the distribution: the base case is then its mean.
    this.file[name] = this.g.chance(0.8) ? { value, distribution } : { distribution };
    return name;
  }

  /**
   * A positive number near `mean`: a literal, a gamma or lognormal parameter, exp of a normal one, a
   * multiple of one, or a derived parameter (recomputed per draw) that is such a multiple.
   */
  positive(prefix: string, mean: number): Expr {
    const m = sig(mean);
    switch (this.g.int(0, 5)) {
      case 0:
        return { text: m, f: () => m };
      case 1: {
        const name = this.add(prefix, m, { kind: "gamma", mean: m, se: sig(m * 0.1) });
        return { text: name, f: (x) => x.p[name]! };
      }
      case 2: {
        const l = sig(Math.log(m));
        const name = this.add(`log${prefix}`, l, { kind: "normal", mean: l, sd: 0.05 });
        return { text: `exp(${name})`, f: (x) => Math.exp(x.p[name]!) };
      }
      case 3: {
        const k = this.g.pick([2, 0.5, 10]);
        const base = sig(m / k);
        const name = this.add(prefix, base, { kind: "gamma", mean: base, se: sig(base * 0.1) });
        return { text: `${k} * ${name}`, f: (x) => k * x.p[name]! };
      }
      case 4: {
        const name = this.add(prefix, m, { kind: "lognormal", meanlog: `log(${m})`, sdlog: 0.1 });
        return { text: name, f: (x) => x.p[name]! };
      }
      default: {
        const base = sig(m / 3);
        const name = this.add(prefix, base, { kind: "gamma", mean: base, se: sig(base * 0.1) });
        const derived = `${name}x3`;
        this.file[derived] = `3 * ${name}`;
        // The oracle derives it itself, from the drawn parameter.
        return { text: derived, f: (x) => 3 * x.p[name]! };
      }
    }
  }

  /** A real number near `mean` (normal parameter, sd `sd`) or a literal. */
  real(prefix: string, mean: number, sd: number): Expr {
    const m = sig(mean);
    if (this.g.chance(0.25)) return { text: m, f: () => m };
    const name = this.add(prefix, m, { kind: "normal", mean: m, sd: sig(sd) });
    return { text: name, f: (x) => x.p[name]! };
  }

  /** A proportion in (0, 1) near `mean` (beta parameter) or a literal. */
  unit(prefix: string, mean: number): Expr {
    const m = sig(mean);
    if (this.g.chance(0.25)) return { text: m, f: () => m };
    const name = this.add(prefix, m, { kind: "beta", mean: m, se: sig(m * 0.1) });
    return { text: name, f: (x) => x.p[name]! };
  }

  /** A per-year or one-off cost (gamma parameter). */
  cost(lo: number, hi: number): string {
    const m = this.g.round(lo, hi, 0);
    return this.add("c", m, { kind: "gamma", mean: m, se: sig(m * 0.2) });
  }
}

/** Which strategy variables a curve may read: hr (hazard ratio) and af (acceleration factor). */
const HR: Expr = { text: "hr", f: (x) => x.s.hr! };
const AF: Expr = { text: "af", f: (x) => x.s.af! };



/** S(0) = 1 for every curve; the formulas below are for t > 0. */
const leaf = (def: Record<string, unknown>, S: (t: number, x: Point) => number): Curve => ({ def, S: (t, x) => (t <= 0 ? 1 : S(t, x)) });

/**
 * A parametric curve of docs/survival.md with a closed form. `T` is a typical event time in the
 * curves' unit; `horizon` the model's horizon in that unit (a linear table must reach past it).
 */
function family(g: Gen, P: Parameters, T: number, horizon: number): Curve {
  switch (g.int(0, 11)) {
    case 0: {
      const rate = P.positive("rate", 1 / T);
      return leaf({ kind: "exponential", rate: rate.text }, (t, x) => Math.exp(-rate.f(x) * t));
    }
    case 1: {
      // An exponential written over the strategy's hazard ratio or a median: still { kind, rate }.
      const median = P.positive("median", T * Math.LN2);
      const withHr = g.chance(0.5);
      const text = `${withHr ? "hr * " : ""}log(2) / (${median.text})`;
      return leaf({ kind: "exponential", rate: text }, (t, x) => Math.exp(-((withHr ? x.s.hr! : 1) * Math.log(2)) / median.f(x) * t));
    }
    case 2: {
      const shape = P.positive("shape", g.round(0.6, 2.2, 2));
      const scale = P.positive("scale", T);
      return leaf({ kind: "weibull", shape: shape.text, scale: scale.text }, (t, x) => Math.exp(-((t / scale.f(x)) ** shape.f(x))));
    }
    case 3: {
      const a = g.round(0.6, 2.2, 2);
      const shape = P.positive("shape", a);
      const scale = P.positive("lambda", T ** -a);
      return leaf({ kind: "weibull-ph", shape: shape.text, scale: scale.text }, (t, x) => Math.exp(-scale.f(x) * t ** shape.f(x)));
    }
    case 4: {
      // Negative shapes give a cure fraction e^{rate/shape}.
      const b = (g.chance(0.3) ? -1 : 1) * g.round(0.1, 0.8, 2) / T;
      const shape = P.real("gshape", b, Math.abs(b) * 0.1);
      const rate = P.positive("grate", 0.5 / T);
      return leaf({ kind: "gompertz", shape: shape.text, rate: rate.text }, (t, x) => Math.exp(-(rate.f(x) / shape.f(x)) * Math.expm1(shape.f(x) * t)));
    }
    case 5: {
      const shape = P.positive("shape", g.round(0.8, 3, 2));
      const scale = P.positive("scale", T);
      return leaf({ kind: "log-logistic", shape: shape.text, scale: scale.text }, (t, x) => 1 / (1 + (t / scale.f(x)) ** shape.f(x)));
    }
    case 6: {
      const meanlog = P.real("meanlog", Math.log(T), 0.1);
      const sdlog = P.positive("sdlog", g.round(0.4, 1.5, 2));
      return leaf({ kind: "lognormal", meanlog: meanlog.text, sdlog: sdlog.text }, (t, x) => normalTail((Math.log(t) - meanlog.f(x)) / sdlog.f(x)));
    }
    case 7: {
      // Integer shapes only: Q(k, x) = e^{−x} Σ_{j<k} x^j / j!.
      const k = g.int(1, 4);
      const rate = P.positive("rate", k / T);
      return leaf({ kind: "gamma", shape: k, rate: rate.text }, (t, x) => {
        const y = rate.f(x) * t;
        let term = 1;
        let sum = 1;
        for (let j = 1; j < k; j++) sum += term *= y / j;
        return Math.exp(-y) * sum;
      });
    }
    case 8: {
      // Q = 1 is the Weibull; Q = −1 gives S = P(1, e^{−w}) = 1 − exp(−e^{−w}).
      const Q = g.pick([1, -1]);
      const mu = P.real("mu", Math.log(T), 0.1);
      const sigma = P.positive("sigma", g.round(0.5, 1.5, 2));
      return leaf({ kind: "generalised-gamma", mu: mu.text, sigma: sigma.text, Q }, (t, x) => {
        const w = (Math.log(t) - mu.f(x)) / sigma.f(x);
        return Q === 1 ? Math.exp(-Math.exp(w)) : -Math.expm1(-Math.exp(-w));
      });
    }
    case 9: {
      // ppexp(q, rate, t = c(0, cuts)).
      const cuts = g.chance(0.5) ? [sig(T * g.round(0.2, 1))] : [sig(T * g.round(0.1, 0.5)), sig(T * g.round(0.6, 1.5))];
      const rates = [...cuts, 0].map(() => P.positive("rate", g.round(0.3, 2) / T));
      return leaf({ kind: "piecewise-exponential", cuts, rates: rates.map((r) => r.text) }, (t, x) => {
        const bounds = [0, ...cuts, Infinity];
        let H = 0;
        for (let j = 0; j < rates.length; j++) H += rates[j]!.f(x) * Math.max(0, Math.min(t, bounds[j + 1]!) - bounds[j]!);
        return Math.exp(-H);
      });
    }
    case 10: {
      // A digitised curve from time 0. Log-linear (the default) continues the last interval's hazard;
      // a linear table reaches past the horizon (its tail is not documented).
      const linear = g.chance(0.3);
      const knots = g.int(2, 4);
      const last = linear ? sig(horizon * g.round(1.05, 2)) + 1 : sig(T * g.round(0.5, 2));
      const time = [0, ...Array.from({ length: knots }, (_, i) => sig((last * (i + 1)) / knots))];
      let s = 1;
      const survival = time.map((_, i) => (i === 0 ? 1 : (s = sig(s * g.round(0.3, 0.95)))));
      const interpolation = linear ? "linear" : g.pick(["log-linear", undefined]);
      const def = { kind: "table", time, survival, ...(interpolation === undefined ? {} : { interpolation }) };
      return leaf(def, (t) => {
        let i = 0;
        while (i < time.length - 2 && t > time[i + 1]!) i++;
        const u = (t - time[i]!) / (time[i + 1]! - time[i]!);
        return linear ? survival[i]! + u * (survival[i + 1]! - survival[i]!) : Math.exp(Math.log(survival[i]!) + u * (Math.log(survival[i + 1]!) - Math.log(survival[i]!)));
      });
    }
    default: {
      // A Royston–Parmar spline with boundary knots only: s = γ0 + γ1·log t (the Weibull on the
      // hazard scale, the log-logistic on the odds scale, the lognormal on the normal scale).
      const scale = g.pick(["hazard", "odds", "normal"]);
      const g1 = g.round(0.8, 2, 2);
      const gamma1 = P.positive("gammaOne", g1);
      const gamma0 = P.real("gammaZero", -g1 * Math.log(T), 0.05);
      const knots = [sig(Math.log(T / 10)), sig(Math.log(T * 3))];
      return leaf({ kind: "royston-parmar", gamma: [gamma0.text, gamma1.text], knots, scale }, (t, x) => {
        const s = gamma0.f(x) + gamma1.f(x) * Math.log(t);
        return scale === "hazard" ? Math.exp(-Math.exp(s)) : scale === "odds" ? 1 / (1 + Math.exp(s)) : normalTail(s);
      });
    }
  }
}

/** A curve: a family, or (depth > 0) a construction of docs/survival.md "Building curves" on others. */
function curve(g: Gen, P: Parameters, T: number, horizon: number, depth: number): Curve {
  if (depth <= 0 || g.chance(0.55)) return family(g, P, T, horizon);
  switch (g.int(0, 4)) {
    case 0: {
      const inner = curve(g, P, T, horizon, depth - 1);
      const hr = g.chance(0.6) ? HR : P.positive("hrc", g.round(0.5, 1.6, 2));
      return { def: { kind: "hazard-ratio", hazardRatio: hr.text, curve: inner.def }, S: (t, x) => inner.S(t, x) ** hr.f(x) };
    }
    case 1: {
      const inner = curve(g, P, T, horizon, depth - 1);
      const af = g.chance(0.6) ? AF : P.positive("afc", g.round(0.6, 1.6, 2));
      return { def: { kind: "acceleration-factor", accelerationFactor: af.text, curve: inner.def }, S: (t, x) => inner.S(t / af.f(x), x) };
    }
    case 2: {
      const first = curve(g, P, T, horizon, depth - 1);
      const second = curve(g, P, T, horizon, depth - 1);
      const atTime = sig(T * g.round(0.1, 1.2));
      const flag = g.pick([true, false, undefined]);
      const restart = flag === true;
      return {
        def: { kind: "joined", first: first.def, second: second.def, atTime, ...(flag === undefined ? {} : { restartClock: flag }) },
        S: (t, x) => (t <= atTime ? first.S(t, x) : restart ? first.S(atTime, x) * second.S(t - atTime, x) : (first.S(atTime, x) * second.S(t, x)) / second.S(atTime, x)),
      };
    }
    case 3: {
      const a = curve(g, P, T, horizon, depth - 1);
      const b = curve(g, P, T, horizon, depth - 1);
      const w = P.unit("w", g.round(0.2, 0.8, 2));
      return { def: { kind: "mixture", curves: [a.def, b.def], weights: [w.text, `1 - ${w.text}`] }, S: (t, x) => w.f(x) * a.S(t, x) + (1 - w.f(x)) * b.S(t, x) };
    }
    default: {
      const inner = curve(g, P, T, horizon, depth - 1);
      const pi = P.unit("cure", g.round(0.05, 0.4, 2));
      return { def: { kind: "mixture-cure", curve: inner.def, cureFraction: pi.text }, S: (t, x) => pi.f(x) + (1 - pi.f(x)) * inner.S(t, x) };
    }
  }
}

/** Names value expressions may read. */
interface Names {
  readonly costs: readonly string[];
  readonly utilities: readonly string[];
  /** Model variables defined so far (values in [0, 1]). */
  readonly variables: readonly string[];
  /** Whether the expression may read the time and the model's variables (starting and capped values may not). */
  readonly time: boolean;
}

/** The time names of docs/conventions.md a partitioned-survival expression may read, peers' included. */
const TIME: Readonly<Record<string, (x: Point) => number>> = {
  cycle: (x) => x.cycle,
  time: (x) => x.time,
  age: (x) => x.age,
  model_time: (x) => x.cycle,
  darth_cycle: (x) => x.darthCycle,
};

/** A condition on the time: a comparison of a time name with a constant. */
function condition(g: Gen): Expr {
  const name = g.pick(Object.keys(TIME));
  const read = TIME[name]!;
  // Ages and times off every cycle grid, so no comparison is a tie that rounding could decide.
  const c = name === "age" ? g.int(40, 80) + 0.37 : name === "time" ? g.round(0, 6, 1) + 0.013 : g.int(0, 8);
  const [op, f] = g.pick([
    ["<=", (a: number, b: number) => a <= b],
    [">", (a: number, b: number) => a > b],
    ["<", (a: number, b: number) => a < b],
    ...(name === "cycle" || name === "model_time" || name === "darth_cycle" ? ([["==", (a: number, b: number) => a === b]] as const) : []),
  ] as const);
  return { text: `${name} ${op} ${c}`, f: (x) => (f(read(x), c) ? 1 : 0) };
}

/** A utility-like expression, in [0, 1] whatever the draws. */
function utility(g: Gen, n: Names, depth: number): Expr {
  const pickLeaf = depth <= 0 || g.chance(0.4);
  switch (g.int(0, pickLeaf ? 2 : 6)) {
    case 0: {
      const name = g.pick(n.utilities);
      return { text: name, f: (x) => x.p[name]! };
    }
    case 1: {
      const c = g.round(0, 1, 2);
      return { text: String(c), f: () => c };
    }
    case 2: {
      if (n.variables.length === 0) return utility(g, n, 0);
      const name = g.pick(n.variables);
      return { text: name, f: (x) => x.v[name]! };
    }
    case 3: {
      if (!n.time) return utility(g, n, depth - 1);
      const inner = utility(g, n, depth - 1);
      const k = g.round(0.01, 0.2, 2);
      return { text: `(${inner.text}) * exp(-${k} * time)`, f: (x) => inner.f(x) * Math.exp(-k * x.time) };
    }
    case 4: {
      if (!n.time) return utility(g, n, depth - 1);
      const test = condition(g);
      const a = utility(g, n, depth - 1);
      const b = utility(g, n, depth - 1);
      return { text: `(${test.text}) ? (${a.text}) : (${b.text})`, f: (x) => (test.f(x) === 1 ? a.f(x) : b.f(x)) };
    }
    case 5: {
      if (!n.time) return utility(g, n, depth - 1);
      const inner = utility(g, n, depth - 1);
      return { text: `min(1, (${inner.text}) * exp(0.01 * (age - 60)))`, f: (x) => Math.min(1, inner.f(x) * Math.exp(0.01 * (x.age - 60))) };
    }
    default: {
      const a = utility(g, n, depth - 1);
      const b = utility(g, n, depth - 1);
      return g.chance(0.5) ? { text: `min(${a.text}, ${b.text})`, f: (x) => Math.min(a.f(x), b.f(x)) } : { text: `(${a.text}) * (${b.text})`, f: (x) => a.f(x) * b.f(x) };
    }
  }
}

/** A cost-like expression: any finite number. */
function value(g: Gen, n: Names, depth: number): Expr {
  const pickLeaf = depth <= 0 || g.chance(0.35);
  switch (g.int(0, pickLeaf ? 3 : 7)) {
    case 0: {
      const name = g.pick(n.costs);
      return { text: name, f: (x) => x.p[name]! };
    }
    case 1: {
      const c = g.round(-50, 2000, 1);
      return { text: `(${c})`, f: () => c };
    }
    case 2:
      return { text: "cx", f: (x) => x.s.cx! };
    case 3: {
      const u = utility(g, n, 1);
      return { text: `1000 * (${u.text})`, f: (x) => 1000 * u.f(x) };
    }
    case 4: {
      if (!n.time) return value(g, n, depth - 1);
      const inner = value(g, n, depth - 1);
      const k = g.round(0.01, 0.1, 2);
      return { text: `(${inner.text}) * (1 + ${k} * cycle)`, f: (x) => inner.f(x) * (1 + k * x.cycle) };
    }
    case 5: {
      if (!n.time) return value(g, n, depth - 1);
      const test = condition(g);
      const a = value(g, n, depth - 1);
      const b = value(g, n, depth - 1);
      return { text: `(${test.text}) ? (${a.text}) : (${b.text})`, f: (x) => (test.f(x) === 1 ? a.f(x) : b.f(x)) };
    }
    case 6: {
      if (!n.time) return value(g, n, depth - 1);
      const inner = value(g, n, depth - 1);
      const k = g.round(0.01, 0.2, 2);
      return { text: `(${inner.text}) * exp(-${k} * time)`, f: (x) => inner.f(x) * Math.exp(-k * x.time) };
    }
    default: {
      const a = value(g, n, depth - 1);
      const b = value(g, n, depth - 1);
      return { text: `(${a.text}) + (${b.text})`, f: (x) => a.f(x) + b.f(x) };
    }
  }
}

type Correction = string | { readonly weights: number[] };

interface Cap {
  readonly outcome: string;
  readonly states: readonly string[];
  readonly perYear: Expr;
  readonly maxDuration: Expr;
}


interface Case {
  readonly seed: number;
  readonly file: Record<string, unknown>;
  readonly background: Background | undefined;
  readonly states: readonly string[];
  readonly endpoints: readonly Curve[];
  readonly endpointNames: readonly string[];
  readonly unit: number;
  readonly strategies: Readonly<Record<string, Readonly<Record<string, Expr>>>>;
  readonly variables: readonly (readonly [string, Expr])[];
  readonly outcomes: Readonly<Record<string, "cost" | "effect">>;
  readonly values: Readonly<Record<string, Readonly<Record<string, Expr>>>>;
  readonly entryValues: Readonly<Record<string, Readonly<Record<string, Expr>>>>;
  readonly startingValues: Readonly<Record<string, Expr>>;
  readonly caps: readonly Cap[];
  readonly cycles: number;
  readonly cycleLength: number;
  readonly startAge: number;
  readonly rates: { readonly cost: number; readonly effect: number };
  readonly correction: Correction;
  readonly timing: string;
  readonly crossing: "clamp" | "floor" | "error";
  readonly tolerance: number;
}


function randomCase(seed: number): Case {
  const g = seededGenerator(seed);
  const P = new Parameters(g);
  // Schedule first: a linear table must reach past the horizon.
  const lengths: readonly (number | string)[] = [1, 1, 0.5, 0.25, 1 / 12, "1/12", 7 / 365.25, 0.1];
  const lengthText = g.pick(lengths);
  const cycleLength = typeof lengthText === "number" ? lengthText : 1 / 12;
  const cycles = g.int(1, cycleLength >= 0.5 ? 30 : cycleLength >= 0.25 ? 60 : 120);
  const unitName = g.pick(["years", "years", "months", "weeks", "days"]);
  const unit = UNITS[unitName]!;
  const horizon = cycles * cycleLength * unit;
  const T = unit * g.round(0.5, 8, 2);

  // Strategies: hr and af act on curves, cx is a cost, dur a treatment duration (years).
  const strategyCount = g.int(1, 3);
  const strategies: Record<string, Record<string, Expr>> = {};
  const strategyFile: Record<string, unknown> = {};
  for (let i = 0; i < strategyCount; i++) {
    const hr: Expr = i === 0 ? { text: 1, f: () => 1 } : P.positive("hr", g.round(0.4, 1.5, 2));
    const af: Expr = i === 0 ? { text: 1, f: () => 1 } : P.positive("af", g.round(0.7, 1.8, 2));
    const cost = P.cost(100, 20000);
    const cx: Expr = i === 0 ? { text: 0, f: () => 0 } : g.chance(0.5) ? { text: cost, f: (x) => x.p[cost]! } : { text: `${cost} + 1000`, f: (x) => x.p[cost]! + 1000 };
    const d = g.round(0.2, 3, 2);
    const dur: Expr = { text: d, f: () => d };
    strategies[`S${i}`] = { hr, af, cx, dur };
    strategyFile[`S${i}`] = { variables: { hr: hr.text, af: af.text, cx: cx.text, dur: dur.text } };
  }

  // States and endpoints: endpoint k bounds states 0 … k. An earlier endpoint is its own curve (the
  // curves may cross), the later one with a hazard ratio above 1 (they never do), or the later one
  // with a cure fraction of 1e-11 (they cross by at most 1e-11: counted, or thrown under "error",
  // only with a tolerance below that).
  const four = g.chance(0.25);
  const states = four ? ["PF", "PD1", "PD2", "Dead"] : g.chance(0.8) ? ["PF", "PD", "Dead"] : ["Stable", "Progressed", "Dead"];
  const endpointNames = four ? ["PFS", "PFS2", "OS"] : ["PFS", "OS"];
  const endpoints: Curve[] = [];
  endpoints[endpointNames.length - 1] = curve(g, P, T * 1.5, horizon, 2);
  for (let k = endpointNames.length - 2; k >= 0; k--) {
    const later = endpoints[k + 1]!;
    const kind = g.next();
    if (kind < 0.45) endpoints[k] = curve(g, P, T, horizon, 2);
    else if (kind < 0.9) {
      const h = P.positive("hrp", g.round(1.2, 3, 2));
      endpoints[k] = { def: { kind: "hazard-ratio", hazardRatio: h.text, curve: later.def }, S: (t, x) => later.S(t, x) ** h.f(x) };
    } else endpoints[k] = { def: { kind: "mixture-cure", curve: later.def, cureFraction: 1e-11 }, S: (t, x) => 1e-11 + (1 - 1e-11) * later.S(t, x) };
  }

  // Outcomes: some cost outcomes (qaly adds `cost` as their sum unless one is named so), qaly, maybe life-years.
  const costOutcomes = ["cost", "costCare", "costDrug"].filter(() => g.chance(0.6));
  if (costOutcomes.length === 0) costOutcomes.push("costCare");
  const outcomes: Record<string, "cost" | "effect"> = Object.fromEntries([...costOutcomes.map((o) => [o, "cost"]), ["qaly", "effect"], ...(g.chance(0.5) ? [["lifeYears", "effect"]] : [])]);
  const costs = [P.cost(100, 30000), P.cost(100, 30000), P.cost(1000, 50000)];
  const utilities = [0.85, 0.6, 0.4].map((m) => {
    const u = P.unit("u", m);
    if (typeof u.text === "string") return u.text;
    // Literal utilities still go through a parameter name, so the leaves are names.
    const name = `uFixed${String(m).replace(".", "")}`;
    P.file[name] = u.text;
    return name;
  });

  // Model variables (utility-like, may read time), for the values only.
  const variables: [string, Expr][] = [];
  // Model variables may read the time, so only time-dependent expressions may read them.
  const names = (time: boolean): Names => ({ costs, utilities, variables: time ? variables.map(([v]) => v) : [], time });
  for (let i = 0, count = g.int(0, 2); i < count; i++) variables.push([`v${i}`, utility(g, names(true), 2)]);

  const living = states.slice(0, -1);
  const values: Record<string, Record<string, Expr>> = {};
  for (const o of costOutcomes) {
    values[o] = {};
    for (const state of states) if (g.chance(state === "Dead" ? 0.15 : 0.6)) values[o]![state] = value(g, names(true), 3);
  }
  values.qaly = Object.fromEntries(living.filter(() => g.chance(0.9)).map((state) => [state, utility(g, names(true), 3)]));
  if ("lifeYears" in outcomes) values.lifeYears = Object.fromEntries(living.map((state) => [state, { text: 1, f: () => 1 }]));
  // Entry values (deaths, progressions), which may read the time of their cycle.
  const entryValues: Record<string, Record<string, Expr>> = {};
  for (const state of states.slice(1)) {
    if (!g.chance(0.4)) continue;
    const o = g.chance(0.8) ? g.pick(costOutcomes) : "qaly";
    const v = o === "qaly" ? { text: `-0.1 * ${utilities[0]!}`, f: (x: Point) => -0.1 * x.p[utilities[0]!]! } : value(g, names(true), 2);
    (entryValues[o] ??= {})[state] = v;
  }
  const startingValues: Record<string, Expr> = {};
  if (g.chance(0.3)) startingValues[g.pick(costOutcomes)] = value(g, names(false), 2);
  // Treatment-duration caps: a whole number of cycles, a strategy's duration, or past the horizon.
  const caps: Cap[] = [];
  for (let i = 0, count = g.int(0, 2); i < count; i++) {
    const capStates = g.chance(0.6) ? [living[0]!] : living.filter(() => g.chance(0.6));
    if (capStates.length === 0) capStates.push(living[0]!);
    const c = g.pick(costs);
    const perYear: Expr = g.chance(0.5) ? { text: c, f: (x) => x.p[c]! } : { text: "cx", f: (x) => x.s.cx! };
    const maxDuration: Expr = (() => {
      switch (g.int(0, 2)) {
        case 0: {
          const k = g.int(1, cycles + 2);
          const d = k * cycleLength;
          return { text: d, f: () => d };
        }
        case 1:
          return { text: "dur", f: (x) => x.s.dur! };
        default: {
          const d = g.round(0.05, cycles * cycleLength * 1.3, 2);
          return { text: d, f: () => d };
        }
      }
    })();
    caps.push({ outcome: g.pick(costOutcomes), states: capStates, perYear, maxDuration });
  }

  const startAge = g.int(40, 75);
  const table = g.chance(0.2) ? lifeTableCase(g) : undefined;
  const life = table === undefined ? undefined : { ...table, spec: { ...table.spec, ...(g.chance(0.5) ? { method: "cycle" } : {}) } };
  // Discount rates: both, one (the other at its default, 3 %) or none.
  const given = g.pick(["both", "both", "both", "both", "both", "both", "cost", "effect", "none"] as const);
  const rates = { cost: given === "both" || given === "cost" ? g.pick([0, 0.03, 0.05, g.round(0, 0.08, 3)]) : 0.03, effect: given === "both" || given === "effect" ? g.pick([0, 0.03, 0.015, g.round(0, 0.08, 3)]) : 0.03 };
  const correction: Correction = g.chance(0.1) ? { weights: Array.from({ length: cycles + 1 }, () => g.round(0, 1.5, 2)) } : g.chance(0.1) ? "trapezoid" : g.pick(CORRECTION_NAMES);
  const correctionGiven = !(correction === "trapezoid" && g.chance(0.5));
  let timing = "row";
  if (typeof correction === "string" && correction in CYCLE_TIMED && g.chance(0.6)) timing = g.pick(["cycle-start", "cycle-end", "cycle-middle", "row"]);
  const crossingText = g.pick(["clamp", "floor", "error", undefined, undefined] as const);
  const crossing = crossingText ?? "clamp";
  const tolerance = g.pick([1e-12, 1e-12, 1e-9]);
  const useHorizon = (typeof lengthText === "number" && [1, 0.5, 0.25].includes(lengthText)) || (cycleLength === 1 / 12 && cycles % 12 === 0);

  const text = (m: Readonly<Record<string, Readonly<Record<string, Expr>>>>) => Object.fromEntries(Object.entries(m).map(([o, row]) => [o, Object.fromEntries(Object.entries(row).map(([s, e]) => [s, e.text]))]));
  const file = {
    metadata: { title: `PSM oracle case ${seed}` },
    parameters: P.file,
    strategies: strategyFile,
    model: {
      type: "partitioned-survival",
      ...(states[1] === "PD" && !four ? {} : { states }),
      ...(four ? { endpoints: endpointNames } : {}),
      outcomes,
      ...(unitName === "years" && g.chance(0.5) ? {} : { timeUnit: unitName }),
      ...(lengthText === 1 && g.chance(0.3) ? {} : { cycleLength: lengthText }),
      ...(useHorizon && g.chance(0.5) ? { horizon: cycleLength === 1 / 12 ? cycles / 12 : cycles * cycleLength } : { cycles }),
      startAge,
      ...(life === undefined ? {} : { backgroundMortality: life.spec }),
      ...(given === "none" ? {} : { discountRate: given === "both" ? rates : given === "cost" ? { cost: rates.cost } : { effect: rates.effect } }),
      ...(correctionGiven ? { cycleCorrection: correction } : {}),
      ...(timing === "row" && g.chance(0.5) ? {} : { discountTiming: timing }),
      ...(crossingText === undefined ? {} : { crossing: crossingText }),
      ...(tolerance === 1e-12 && g.chance(0.7) ? {} : { tolerance }),
      ...(variables.length === 0 ? {} : { variables: Object.fromEntries(variables.map(([v, e]) => [v, e.text])) }),
      curves: Object.fromEntries(endpointNames.map((name, k) => [name, endpoints[k]!.def])),
      values: text(values),
      ...(Object.keys(entryValues).length === 0 ? {} : { entryValues: text(entryValues) }),
      ...(Object.keys(startingValues).length === 0 ? {} : { startingValues: Object.fromEntries(Object.entries(startingValues).map(([o, e]) => [o, e.text])) }),
      ...(caps.length === 0 ? {} : { cappedValues: Object.fromEntries(caps.map((c, i) => [`cap${i}`, { outcome: c.outcome, states: c.states.length === 1 && g.chance(0.5) ? c.states[0] : c.states, perYear: c.perYear.text, maxDuration: c.maxDuration.text }])) }),
    },
  };
  return { seed, file, background: life?.background, states, endpoints, endpointNames, unit, strategies, variables, outcomes, values, entryValues, startingValues, caps, cycles, cycleLength, startAge, rates, correction, timing, crossing, tolerance };
}


const discount = (rate: number, years: number): number => (1 + rate) ** -years;

/** Row coefficients c_0 … c_n of an n-cycle model (docs/conventions.md, "Discounting"). */
function coefficients(c: Case, rate: number, n: number): number[] {
  const Δ = c.cycleLength;
  const w = rowWeights(c.correction, n);
  if (c.timing === "row") return w.map((wt, t) => Δ * wt * discount(rate, t * Δ));
  const canonical = CYCLE_TIMED[c.correction as string]!;
  const [a, b] = canonical === "none-beginning" ? [1, 0] : canonical === "none-end" ? [0, 1] : [0.5, 0.5];
  const out = new Array<number>(n + 1).fill(0);
  for (let k = 1; k <= n; k++) {
    const τ = c.timing === "cycle-start" ? (k - 1) * Δ : c.timing === "cycle-end" ? k * Δ : (k - 0.5) * Δ;
    out[k - 1]! += Δ * a * discount(rate, τ);
    out[k]! += Δ * b * discount(rate, τ);
  }
  return out;
}

/** The event time of cycle k's entries (docs/conventions.md, one-off transition values). */
function eventTime(c: Case, k: number): number {
  const Δ = c.cycleLength;
  return c.timing === "cycle-start" ? (k - 1) * Δ : c.timing === "cycle-middle" ? (k - 0.5) * Δ : k * Δ;
}

/** The cap in cycles: ⌈maxDuration/Δ⌉, exact on a cycle boundary up to 1e-9. */
function capCycles(maxDuration: number, Δ: number): number {
  const x = maxDuration / Δ;
  return Math.abs(x - Math.round(x)) <= 1e-9 ? Math.round(x) : Math.ceil(x);
}

/** Under crossing: error, the first crossed row and the endpoints that cross there, and every crossing. */
interface Crossed {
  readonly cycle: number;
  readonly endpoints: readonly string[];
  readonly all: readonly (readonly [string, number])[];
}
/** Totals, and per total the sum of its terms' sizes with occupancy 1 (the scale of its rounding). */
type Outcome = { readonly totals: Record<string, number>; readonly scales: Record<string, number> } | { readonly crossed: Crossed };

/** The oracle's outcomes of one strategy, or the first crossed row under crossing: error. */
function oracle(c: Case, strategy: string, p: Readonly<Record<string, number>>): Outcome {
  const at0: Point = { p, s: {}, v: {}, cycle: 0, time: 0, age: c.startAge, darthCycle: 0 };
  const s = Object.fromEntries(Object.entries(c.strategies[strategy]!).map(([k, e]) => [k, e.f(at0)]));
  const fixed: Point = { ...at0, s };
  const N = c.cycles;
  const Δ = c.cycleLength;
  const K = c.endpoints.length;
  // S_k at every row, in the curves' unit.
  const fitted = c.endpoints.map((e) => Array.from({ length: N + 1 }, (_, t) => e.S(t * Δ * c.unit, fixed)));
  const S = c.background === undefined ? fitted : fitted.map((row) => floorByPopulation(row, populationIncrements(c.background!, c.startAge, c.cycles, c.cycleLength)));
  // Clamp: Ŝ_{K−1} = min(S_{K−1}, 1), Ŝ_k = min(S_k, Ŝ_{k+1}); a row is crossed where S_k > Ŝ_{k+1} + tolerance.
  const clamped = S.map((row) => row.slice());
  let crossedRows = 0;
  const crossings: [string, number][] = [];
  for (let t = 0; t <= N; t++) {
    clamped[K - 1]![t] = Math.min(S[K - 1]![t]!, 1);
    let crossed = false;
    for (let k = K - 2; k >= 0; k--) {
      if (S[k]![t]! > clamped[k + 1]![t]! + c.tolerance) {
        crossed = true;
        crossings.push([c.endpointNames[k]!, t]);
      }
      clamped[k]![t] = Math.min(S[k]![t]!, clamped[k + 1]![t]!);
    }
    if (crossed) crossedRows++;
  }
  if (c.crossing === "error" && crossings.length > 0) {
    // Endpoints are checked as they are clamped, from the last backwards: the error names the last
    // endpoint that crosses the one after it, at its first crossed row (docs/partitioned-survival.md).
    const last = Math.max(...crossings.map(([e]) => c.endpointNames.indexOf(e)));
    const cycle = Math.min(...crossings.filter(([e]) => e === c.endpointNames[last]).map(([, t]) => t));
    return { crossed: { cycle, endpoints: [c.endpointNames[last]!], all: crossings } };
  }
  // Floor: every endpoint as fitted (capped at 1), each state between two endpoints floored at 0.
  const Ŝ = c.crossing === "floor" ? S.map((row) => row.map((v) => Math.min(v, 1))) : clamped;
  const occupancy = c.states.map((_, i) =>
    Array.from({ length: N + 1 }, (_, t) => (i === 0 ? Ŝ[0]![t]! : i === K ? 1 - Ŝ[K - 1]![t]! : Ŝ[i]![t]! - Math.min(Ŝ[i - 1]![t]!, Ŝ[i]![t]!))),
  );
  const at = (cycle: number, row: number): Point => {
    const x: Point = { p, s, v: {}, cycle, time: row * Δ, age: c.startAge + row * Δ, darthCycle: row };
    for (const [name, e] of c.variables) x.v[name] = e.f(x);
    return x;
  };
  // State values of row t; entry values of cycle k (the transitions' time: the cycle's start).
  const point = (t: number): Point => at(t, t);
  const entryPoint = (k: number): Point => at(k, k - 1);
  const rateOf = (o: string): number => (c.outcomes[o] === "cost" ? c.rates.cost : c.rates.effect);
  const w = rowWeights(c.correction, N);
  const totals: Record<string, number> = {};
  const scales: Record<string, number> = {};
  for (const o of Object.keys(c.outcomes)) {
    let total = 0;
    let raw = 0;
    let scale = 0;
    const cd = coefficients(c, rateOf(o), N);
    // State values, per person-year.
    for (let t = 0; t <= N; t++) {
      const x = point(t);
      c.states.forEach((state, i) => {
        const e = c.values[o]?.[state];
        if (e === undefined) return;
        const v = e.f(x) * occupancy[i]![t]!;
        total += cd[t]! * v;
        raw += Δ * w[t]! * v;
        scale += Math.abs(e.f(x)) * (Math.abs(cd[t]!) + Math.abs(Δ * w[t]!));
      });
    }
    // Entry values: entries into state i in cycle k are Ŝ_{i−1}(k − 1) − Ŝ_{i−1}(k).
    c.states.forEach((state, i) => {
      const e = c.entryValues[o]?.[state];
      if (e === undefined || i === 0) return;
      for (let k = 1; k <= N; k++) {
        const v = e.f(entryPoint(k));
        const entries = Ŝ[i - 1]![k - 1]! - Ŝ[i - 1]![k]!;
        total += v * entries * discount(rateOf(o), eventTime(c, k));
        raw += v * entries;
        scale += 2 * Math.abs(v);
      }
    });
    // Starting values: at time 0, undiscounted, no correction, no Δ.
    const start = c.startingValues[o];
    if (start !== undefined) {
      total += start.f(fixed);
      raw += start.f(fixed);
    }
    // Caps: the row coefficients of a K_c-cycle model (a cap past the horizon is the horizon).
    for (const cap of c.caps) {
      if (cap.outcome !== o) continue;
      const n = Math.min(capCycles(cap.maxDuration.f(fixed), Δ), N);
      const ck = coefficients(c, rateOf(o), n);
      const wk = rowWeights(c.correction, n);
      const perYear = cap.perYear.f(fixed);
      for (let t = 0; t <= n; t++) {
        let m = 0;
        for (const state of cap.states) m += occupancy[c.states.indexOf(state)]![t]!;
        total += perYear * ck[t]! * m;
        raw += perYear * Δ * wk[t]! * m;
        scale += Math.abs(perYear) * (Math.abs(ck[t]!) + Math.abs(Δ * wk[t]!));
      }
    }
    totals[o] = total;
    totals[`${o}Undiscounted`] = raw;
    scales[o] = scale + (start === undefined ? 0 : Math.abs(start.f(fixed)));
  }
  if (!("cost" in c.outcomes)) {
    const cost = Object.keys(c.outcomes).filter((o) => c.outcomes[o] === "cost");
    totals.cost = cost.reduce((sum, o) => sum + totals[o]!, 0);
    totals.costUndiscounted = cost.reduce((sum, o) => sum + totals[`${o}Undiscounted`]!, 0);
  }
  totals.clampedCycles = crossedRows;
  // The cost sum's scale is its outcomes'; clampedCycles is compared exactly.
  scales.cost ??= Object.keys(c.outcomes).filter((o) => c.outcomes[o] === "cost").reduce((sum, o) => sum + scales[o]!, 0);
  return { totals, scales };
}


/** A curve's rows floored per cycle (docs/partitioned-survival.md, method "cycle"): ΔH_k → max(ΔH_k, ΔH_pop,k). */
function floorByPopulation(row: readonly number[], population: readonly number[]): number[] {
  const out = [row[0]!];
  for (let k = 0; k < population.length; k++) {
    const ΔH = row[k + 1] === 0 ? Infinity : Math.log(row[k]!) - Math.log(row[k + 1]!);
    out.push(out[k]! * Math.exp(-Math.max(ΔH, population[k]!)));
  }
  return out;
}

/**
 * Within 1e-10 relative, or 1e-13 of the total's scale (its terms' sizes with occupancy 1): a state
 * between two nearly equal curves has an occupancy of rounding size (qaly steps S within 1e-14·(1 + H)),
 * which a large value turns into a total of ~1e-12 where the oracle has 0.
 */
const close = (a: number, b: number, scale: number): boolean => Math.abs(a - b) <= 1e-10 * Math.max(Math.abs(a), Math.abs(b)) + 1e-13 * scale + 1e-300;

/**
 * What is wrong with qaly's error against the oracle's crossing: docs/partitioned-survival.md names
 * the draw, strategy, endpoint and cycle (`draw[41].strategies.New.curves.PFS.cycle[7]`) of the last
 * endpoint that crosses, at its first crossed row.
 */
function crossingError(error: unknown, draw: number | undefined, expected: { readonly strategy: string } & Crossed): string | undefined {
  if (!(error instanceof QalyError)) return `not a QalyError: ${String(error)}`;
  const issue = error.issues.find((i) => i.code === "curves_cross");
  if (issue === undefined) return `no curves_cross issue: ${error.message}`;
  const path = draw === undefined ? issue.path : issue.path.slice(2);
  const at = expected.endpoints.includes(path[3] as string) && path[5] === expected.cycle;
  const ok = (draw === undefined || (issue.path[0] === "draw" && issue.path[1] === draw)) && path[0] === "strategies" && path[1] === expected.strategy && path[2] === "curves" && path[4] === "cycle" && at;
  return ok ? undefined : `curves_cross at ${issue.path.join(".")}, oracle: ${draw === undefined ? "" : `draw ${draw} `}${expected.strategy} ${expected.endpoints.join("/")} cycle ${expected.cycle}`;
}

/** The case's mismatches between qaly's totals and the oracle's, as readable lines. */
function mismatches(c: Case, result: Record<string, Record<string, number>>, p: Readonly<Record<string, number>>, label: string): string[] {
  const out: string[] = [];
  for (const strategy of Object.keys(c.strategies)) {
    const expected = oracle(c, strategy, p);
    if ("crossed" in expected) {
      out.push(`seed ${c.seed} ${label} ${strategy}: oracle has curves crossing at cycle ${expected.crossed.cycle}, qaly did not throw`);
      continue;
    }
    for (const [name, want] of Object.entries(expected.totals)) {
      const got = result[strategy]?.[name];
      const ok = name === "clampedCycles" ? got === want : got !== undefined && close(got, want, expected.scales[name.replace(/Undiscounted$/, "")]!);
      if (!ok) out.push(`seed ${c.seed} ${label} ${strategy}.${name}: qaly ${got}, oracle ${want}`);
    }
  }
  return out;
}

/** The first strategy whose curves cross under crossing: error, with the row, or undefined. */
function firstCrossing(c: Case, p: Readonly<Record<string, number>>): ({ readonly strategy: string } & Crossed) | undefined {
  if (c.crossing !== "error") return undefined;
  for (const strategy of Object.keys(c.strategies)) {
    const out = oracle(c, strategy, p);
    if ("crossed" in out) return { strategy, ...out.crossed };
  }
  return undefined;
}

const CASES = Array.from({ length: 200 }, (_, i) => i + 1);
/** Compiled once: the PSA test reuses the base case's projects (compiling is most of the run time). */
const projects = new Map<number, ReturnType<typeof compileModelFile>>();
const project = (c: Case): ReturnType<typeof compileModelFile> => {
  let out = projects.get(c.seed);
  const readFile = (path: string): string => {
    if (path === "life-table.csv" && c.background !== undefined) return c.background.csv;
    throw new Error(`no file ${path}`);
  };
  if (out === undefined) projects.set(c.seed, (out = compileModelFile(JSON.stringify(c.file), { fileName: `psm-oracle-${c.seed}.json`, readFile })));
  return out;
};

// About 3 s of CPU alone, mostly compiling; the timeout leaves room for a loaded shared machine.
const TIMEOUT = { timeout: 30_000 };

describe("partitioned-survival model files against a naive oracle (random files)", () => {
  it("compileModelFile + evaluateModel matches the oracle's base case for 200 random files", TIMEOUT, () => {
    const failures: string[] = [];
    for (const seed of CASES) {
      const c = randomCase(seed);
      let compiled;
      try {
        compiled = project(c);
      } catch (error) {
        failures.push(`seed ${seed}: does not compile: ${(error as Error).message}\n${JSON.stringify(c.file)}`);
        continue;
      }
      const p = (compiled.baseCase ?? compiled.parameters.base()) as Record<string, number>;
      const crossing = firstCrossing(c, p);
      let result: Record<string, Record<string, number>>;
      try {
        result = evaluateModel(compiled.model, p) as Record<string, Record<string, number>>;
      } catch (error) {
        const wrong = crossing === undefined ? `qaly throws ${(error as Error).message}` : crossingError(error, undefined, crossing);
        if (wrong !== undefined) failures.push(`seed ${seed} base case: ${wrong}`);
        continue;
      }
      if (crossing !== undefined) failures.push(`seed ${seed} base case: oracle has ${crossing.strategy}'s curves crossing at cycle ${crossing.cycle}, qaly did not throw`);
      else failures.push(...mismatches(c, result, p, "base case"));
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("runPsaSync matches the oracle draw by draw (40 random files, 3 draws each)", TIMEOUT, () => {
    const failures: string[] = [];
    for (const seed of CASES.slice(0, 40)) {
      const c = randomCase(seed);
      const compiled = project(c);
      const draws = compiled.parameters.sample(3, { seed: `psm-oracle-${seed}` });
      const rows = [0, 1, 2].map((i) => Object.fromEntries(draws.names.map((name) => [name, draws.column(name)[i]!])));
      // Draws run in order, so the first draw with a crossing throws.
      const crossings = rows.map((p) => firstCrossing(c, p));
      const draw = crossings.findIndex((x) => x !== undefined);
      let psa;
      try {
        psa = runPsaSync(compiled.model, draws);
      } catch (error) {
        const wrong = draw < 0 ? `qaly throws ${(error as Error).message}` : crossingError(error, draw, crossings[draw]!);
        if (wrong !== undefined) failures.push(`seed ${seed} PSA: ${wrong}`);
        continue;
      }
      if (draw >= 0) {
        failures.push(`seed ${seed} PSA: oracle has curves crossing in draw ${draw}, qaly did not throw`);
        continue;
      }
      rows.forEach((p, i) => {
        const result: Record<string, Record<string, number>> = {};
        for (const strategy of compiled.model.strategies) result[strategy] = Object.fromEntries(compiled.model.outcomes.map((o) => [o, psa.values(o, strategy)[i]!]));
        failures.push(...mismatches(c, result, p, `draw ${i}`));
      });
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});

