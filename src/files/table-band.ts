/** One key of a band-keyed data table: the interval of x it covers. */
export interface TableBand {
  /** The key as written (`AGE60-64`, `85+`, `[60,65)`). */
  readonly label: string;
  /** Lower bound (`-Infinity` for `(-inf, 5)`). */
  readonly lower: number;
  /** Upper bound (`Infinity` for `85+`). */
  readonly upper: number;
  /** Whether x = lower is in the band. */
  readonly lowerClosed: boolean;
  /** Whether x = upper is in the band. */
  readonly upperClosed: boolean;
}

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const INTERVAL = new RegExp(String.raw`^([[(])\s*(${NUMBER}|-inf)\s*,\s*(${NUMBER}|\+?inf)\s*([\])])$`, "i");
const RANGE = /^(\d+)\s*[-–]\s*(\d+)$/;
const OPEN = /^(\d+)\s*\+$/;
const SINGLE = /^\d+$/;
const AT_LEAST = /^(?:>=|≥)\s*(\d+(?:\.\d+)?)$/;
const BELOW = /^<\s*(\d+(?:\.\d+)?)$/;

/**
 * Reads a band key: `[60,65)` (interval notation, `inf` allowed), `60-64` (whole years: 60 ≤ x < 65,
 * as age groups are tabulated), `85+` or `>=85` (x ≥ 85), `<5` (x < 5) or `60` (60 ≤ x < 61); a
 * leading word such as `AGE`, `Y` or `age ` is ignored (`AGE60-64`, `Y85+`), and Eurostat's
 * `Y_GE85` and `Y_LT5` read as `>=85` and `<5`.
 *
 * @param text - the key cell
 * @returns the band, or a sentence saying why the text is not one (internal: tested in test/files/data-table-keys.test.ts)
 */
export function tableBand(text: string): TableBand | string {
  const label = text.trim();
  const prefix = /^[A-Za-z_]+[\s_]*(?=[\d[(<>≥])/.exec(label)?.[0] ?? "";
  const eurostat = /(?:^|_)(GE|LT)_?$/i.exec(prefix.trim())?.[1]?.toUpperCase();
  const body = (eurostat === "GE" ? ">=" : eurostat === "LT" ? "<" : "") + label.slice(prefix.length);
  const interval = INTERVAL.exec(body);
  if (interval !== null) {
    const lower = /inf/i.test(interval[2]!) ? -Infinity : Number(interval[2]);
    const upper = /inf/i.test(interval[3]!) ? Infinity : Number(interval[3]);
    const lowerClosed = interval[1] === "[" && Number.isFinite(lower);
    const upperClosed = interval[4] === "]" && Number.isFinite(upper);
    if (!(lower < upper) && !(lower === upper && lowerClosed && upperClosed)) return `band '${label}' is empty (its lower bound is not below its upper bound)`;
    return { label, lower, upper, lowerClosed, upperClosed };
  }
  const range = RANGE.exec(body);
  if (range !== null) {
    const lower = Number(range[1]);
    const last = Number(range[2]);
    if (last < lower) return `band '${label}' ends before it starts`;
    return { label, lower, upper: last + 1, lowerClosed: true, upperClosed: false };
  }
  const open = OPEN.exec(body);
  if (open !== null) return { label, lower: Number(open[1]), upper: Infinity, lowerClosed: true, upperClosed: false };
  const atLeast = AT_LEAST.exec(body);
  if (atLeast !== null) return { label, lower: Number(atLeast[1]), upper: Infinity, lowerClosed: true, upperClosed: false };
  const below = BELOW.exec(body);
  if (below !== null) return { label, lower: -Infinity, upper: Number(below[1]), lowerClosed: false, upperClosed: false };
  if (SINGLE.test(body)) return { label, lower: Number(body), upper: Number(body) + 1, lowerClosed: true, upperClosed: false };
  return `'${label}' is not a band: write 60-64 (whole years, 60 ≤ x < 65), 85+, <5, 60 or an interval such as [60,65) or (0.5,1]`;
}

/**
 * Where sorted bands fail to tile the line: the first overlap or gap between neighbours.
 *
 * @param bands - bands sorted by lower bound (closed lower bound first)
 * @returns `{ index, kind }` for the band (index into `bands`) that overlaps or leaves a gap after its predecessor, or undefined
 */
export function bandProblem(bands: readonly TableBand[]): { readonly index: number; readonly kind: "overlap" | "gap" } | undefined {
  for (let i = 1; i < bands.length; i++) {
    const previous = bands[i - 1]!;
    const band = bands[i]!;
    if (band.lower < previous.upper || (band.lower === previous.upper && band.lowerClosed && previous.upperClosed)) return { index: i, kind: "overlap" };
    if (band.lower > previous.upper || (!band.lowerClosed && !previous.upperClosed)) return { index: i, kind: "gap" };
  }
  return undefined;
}

/**
 * Whether x lies in a band.
 */
export function inBand(band: TableBand, x: number): boolean {
  return (band.lowerClosed ? x >= band.lower : x > band.lower) && (band.upperClosed ? x <= band.upper : x < band.upper);
}
