// What the oracle tests share (test/files/build-*-oracle.test.ts, test/pathways/testing-pathway-oracle.test.ts):
// a seeded generator of random cases, and the within-cycle weights written out from
// docs/conventions.md, never taken from qaly's src/math.

/** A small seeded generator (mulberry32): a test's random cases are a pure function of the seed. */
export function seededGenerator(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number): boolean => next() < p;
  /** A number with few decimals, so a file's text is exactly the oracle's value. */
  const round = (lo: number, hi: number, digits = 3): number => Number((lo + next() * (hi - lo)).toFixed(digits));
  /** A random order of the items. */
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { next, int, pick, chance, round, shuffle };
}

/** The generator's type. */
export type Gen = ReturnType<typeof seededGenerator>;

/** Peers' names of the within-cycle corrections and the qaly correction each gives (docs/conventions.md). */
export const CORRECTION_ALIASES: Readonly<Record<string, string>> = { beginning: "none-beginning", end: "none-end", "life-table": "half-cycle", "riemann-left": "none-beginning", "riemann-right": "none-end", trapz: "trapezoid", "darth-half-cycle": "half-cycle", "darth-none": "every-row" };

/** Every correction a model may name: qaly's, then the peers'. */
export const CORRECTION_NAMES: readonly string[] = ["none-beginning", "none-end", "half-cycle", "trapezoid", "simpson", "darth-simpson", "every-row", ...Object.keys(CORRECTION_ALIASES)];

/** The corrections that allow the cycle timings of discounting, by any name, and the qaly correction each is. */
export const CYCLE_TIMED: Readonly<Record<string, "none-beginning" | "none-end" | "half-cycle">> = { "none-beginning": "none-beginning", "none-end": "none-end", "half-cycle": "half-cycle", beginning: "none-beginning", end: "none-end", "life-table": "half-cycle", "riemann-left": "none-beginning", "riemann-right": "none-end", "darth-half-cycle": "half-cycle" };

/** Within-cycle weights w_0 … w_n as docs/conventions.md states them (user weights: their first n + 1). */
export function rowWeights(correction: string | { readonly weights: readonly number[] }, n: number): number[] {
  if (typeof correction === "object") return correction.weights.slice(0, n + 1);
  const name = CORRECTION_ALIASES[correction] ?? correction;
  const w = new Array<number>(n + 1).fill(1);
  switch (name) {
    case "none-beginning":
      w[n] = 0;
      return w;
    case "none-end":
      w[0] = 0;
      return w;
    case "half-cycle":
    case "trapezoid":
      w[0] = 0.5;
      w[n] = 0.5;
      return w;
    case "every-row":
      return w;
    case "darth-simpson":
      return w.map((_, t) => (t === 0 || t === n ? 1 / 3 : t % 2 === 1 ? 2 / 3 : 4 / 3));
    case "simpson": {
      if (n === 1) return [0.5, 0.5];
      const out = new Array<number>(n + 1).fill(0);
      // Composite Simpson 1/3 on the first even number of intervals; for odd n the last three by 3/8.
      const even = n % 2 === 0 ? n : n - 3;
      for (let i = 0; i < even; i += 2) {
        out[i]! += 1 / 3;
        out[i + 1]! += 4 / 3;
        out[i + 2]! += 1 / 3;
      }
      if (n % 2 === 1) {
        out[n - 3]! += 3 / 8;
        out[n - 2]! += 9 / 8;
        out[n - 1]! += 9 / 8;
        out[n]! += 3 / 8;
      }
      return out;
    }
    default:
      throw new Error(`oracle: unknown correction ${name}`);
  }
}

/** The oracle's own conversions, as docs/conventions.md writes them (not qaly's expm1/log1p forms). */
export const rateToProbability = (rate: number, years = 1): number => 1 - Math.exp(-rate * years);

/** 1 − (1 − p)^hr: a hazard ratio applied on the rate scale (docs/conventions.md). */
export const applyHazardRatio = (p: number, hr: number): number => 1 - (1 - p) ** hr;

/** A synthetic general-population life table: hazards per year of age from `firstAge`, the last open-ended. */
export interface Background {
  /** The table as model files read it (year, sex, age, mx, qx). */
  readonly csv: string;
  readonly firstAge: number;
  /** Hazards per year of age, per sex (from mx, or −log(1 − qx)). */
  readonly rates: Readonly<Record<string, readonly number[]>>;
  readonly sexMix: Readonly<Record<string, number>>;
}

const fourDigits = (x: number): number => Number(x.toPrecision(4));

/**
 * A life table as docs/survival.md "Life tables" reads one, written as the CSV of model-files.md
 * (year, sex, age, mx, qx): Gompertz-like hazards high enough that a floor binds in some cycles;
 * `spec` is the model file's `backgroundMortality` without the keys each model type adds.
 */
export function lifeTableCase(g: Gen): { readonly background: Background; readonly spec: Record<string, unknown> } {
  const measure = g.pick(["mx", "qx"] as const);
  const firstAge = 30;
  const ages = Array.from({ length: 71 }, (_, i) => firstAge + i);
  const lines = ["year,sex,age,mx,qx"];
  const rates: Record<string, number[]> = {};
  for (const sex of ["female", "male"]) {
    const a = g.round(0.002, 0.04, 4);
    const b = g.round(0.05, 0.12, 3);
    rates[sex] = [];
    for (const age of ages) {
      const mx = fourDigits(Math.min(2, a * Math.exp(b * (age - 40))));
      const qx = fourDigits(Math.min(0.9, 1.1 * mx));
      lines.push(`2020,${sex},${age},${mx},${qx}`);
      // A probability q over one year of age is the constant hazard −log(1 − q).
      rates[sex]!.push(measure === "mx" ? mx : -Math.log1p(-qx));
    }
    // Another year the file holds, which `year` leaves out.
    lines.push(`2019,${sex},${firstAge},1,0.5`);
  }
  const female = g.pick([0.5, 0.45, 0.3, 1]);
  const sexMix = { female, male: 1 - female };
  return { background: { csv: lines.join("\n") + "\n", firstAge, rates, sexMix }, spec: { file: "life-table.csv", year: 2020, measure, sexMix } };
}

/**
 * The population's cumulative-hazard increments ΔH_pop,k of cycles k = 0 … cycles − 1 for a cohort
 * entering at `startAge`: S_pop = Σ_s w_s S_s (the sexes mixed as the survivors are), each S_s from
 * hazards constant within each year of age (docs/markov-cohort.md, docs/partitioned-survival.md).
 */
export function populationIncrements(b: Background, startAge: number, cycles: number, cycleLength: number): number[] {
  const H = (rates: readonly number[], τ: number): number => {
    let h = 0;
    const to = startAge + τ;
    for (let i = 0; i < rates.length; i++) {
      const lo = b.firstAge + i;
      const hi = i === rates.length - 1 ? Infinity : lo + 1;
      h += rates[i]! * Math.max(0, Math.min(to, hi) - Math.max(startAge, lo));
    }
    return h;
  };
  const S = (τ: number): number => Object.entries(b.sexMix).reduce((sum, [sex, w]) => sum + w * Math.exp(-H(b.rates[sex]!, τ)), 0);
  return Array.from({ length: cycles }, (_, k) => Math.log(S(k * cycleLength)) - Math.log(S((k + 1) * cycleLength)));
}
