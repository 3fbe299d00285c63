import { fail } from "../../core/errors.js";
import type { KaplanMeier } from "../../survival/fit/kaplan-meier.js";
import type { SurvivalCurve } from "../../survival/survival-curve.js";
import { escapeXml } from "../format/escape-xml.js";
import { cartesianFrame, extentOf, linePath } from "./chart-frame.js";
import type { ChartOptions } from "./chart-options.js";
import type { LegendItem } from "./legend.js";
import { OKABE_ITO } from "./palette.js";
import { px } from "./svg-text.js";

/** Options of {@link survivalFitChart} and {@link hazardChart}. */
export interface SurvivalFitChartOptions extends ChartOptions {
  /** Right end of the time axis, e.g. the model horizon (default: the last Kaplan–Meier time, or 1). */
  readonly horizon?: number;
  /** Label of the time axis (default `"Time"`; say the unit: `"Time (months)"`). */
  readonly timeLabel?: string;
  /** Draw the Kaplan–Meier 95% interval (default true). */
  readonly confidenceInterval?: boolean;
}

/** A fitted curve to draw, with its legend label (e.g. `"Weibull (AIC 2311.7)"`). */
export interface NamedSurvivalCurve {
  /** Legend label. */
  readonly name: string;
  /** The curve. */
  readonly curve: SurvivalCurve;
}

const POINTS = 240;
// The Kaplan–Meier curve is black, so fitted curves take the other seven colours, dashed from the eighth on.
const COLOURS = OKABE_ITO.filter((colour) => colour !== "#000000");
const colourOf = (k: number): string => COLOURS[k % COLOURS.length]!;
const dashOf = (k: number): string => (k >= COLOURS.length ? ' stroke-dasharray="7 4"' : "");
const legendOf = (curves: readonly NamedSurvivalCurve[]): LegendItem[] => curves.map((c, k) => ({ label: c.name, colour: colourOf(k), mark: k >= COLOURS.length ? "dash" : "line" }));

function horizonOf(km: KaplanMeier | undefined, options: SurvivalFitChartOptions): number {
  const horizon = options.horizon ?? (km !== undefined && km.time.length > 0 ? km.time[km.time.length - 1]! : 1);
  if (!(horizon > 0 && Number.isFinite(horizon))) fail("invalid_argument", ["horizon"], `the horizon must be a finite number > 0 (received ${String(horizon)})`, { received: horizon });
  return horizon;
}

/** A right-continuous step path through (times, values) starting at (0, 1). */
function stepPath(xOf: (t: number) => number, yOf: (s: number) => number, times: ArrayLike<number>, values: ArrayLike<number>, until: number): string {
  let d = `M${px(xOf(0))} ${px(yOf(1))}`;
  let previous = 1;
  for (let j = 0; j < times.length && times[j]! <= until; j++) {
    const v = values[j]!;
    if (!Number.isFinite(v)) break;
    d += `L${px(xOf(times[j]!))} ${px(yOf(previous))}L${px(xOf(times[j]!))} ${px(yOf(v))}`;
    previous = v;
  }
  const end = Math.min(until, times.length > 0 ? times[times.length - 1]! : 0);
  return d + `L${px(xOf(end))} ${px(yOf(previous))}`;
}

/**
 * A Kaplan–Meier curve with fitted parametric curves over it and their extrapolation to the model
 * horizon, as an SVG string: the visual check of fit NICE DSU TSD 14 asks for next to AIC and BIC.
 * The Kaplan–Meier steps (with their 95% interval, dashed) end at the last follow-up time; a
 * dotted vertical line marks it when the horizon lies beyond, so the extrapolated part is plain.
 *
 * @param km - the Kaplan–Meier estimate (`kaplanMeier(data)`)
 * @param curves - the fitted curves with legend labels (`fit.curve()`)
 * @param options - horizon, time-axis label, interval, size and title
 * @returns an `<svg>` element as text
 * @throws QalyError `invalid_argument` at `["horizon"]`
 * @example
 * const data = { time: [2, 3, 4, 6, 7, 9, 10, 12, 15, 20], event: [1, 1, 1, 1, 0, 1, 1, 0, 1, 0] };
 * const svg = survivalFitChart(kaplanMeier(data), [{ name: "Weibull", curve: fitSurvival(data, "weibull").curve() }], { horizon: 60, timeLabel: "Time (months)" });
 * svg.match(/<path class="fitted"/g).length // => 1
 * svg.includes('class="extrapolation"') // => true
 */
export function survivalFitChart(km: KaplanMeier, curves: readonly NamedSurvivalCurve[], options: SurvivalFitChartOptions = {}): string {
  const horizon = horizonOf(km, options);
  const lastObserved = km.time.length > 0 ? km.time[km.time.length - 1]! : 0;
  const legend: LegendItem[] = [{ label: "Kaplan–Meier", colour: "#000000", mark: "line" }, ...legendOf(curves)];
  const frame = cartesianFrame({
    kind: "survival-fit",
    options,
    title: options.title ?? "Kaplan–Meier and fitted survival curves",
    xLabel: options.timeLabel ?? "Time",
    yLabel: "Proportion event-free",
    xDomain: [0, horizon],
    yDomain: [0, 1],
    yFormat: (v) => `${Math.round(v * 100)}%`,
    legend,
  });
  const xOf = (t: number): number => frame.x(t);
  const yOf = (s: number): number => frame.y(s);
  let body = "";
  if (options.confidenceInterval !== false) {
    for (const bound of [km.lower, km.upper]) body += `<path class="km-interval" d="${stepPath(xOf, yOf, km.time, bound, horizon)}" fill="none" stroke="#000000" stroke-width="1" stroke-dasharray="3 3" opacity="0.6"/>`;
  }
  const times = Array.from({ length: POINTS + 1 }, (_, i) => (horizon * i) / POINTS);
  curves.forEach((c, k) => {
    body += `<path class="fitted" data-curve="${escapeXml(c.name)}" d="${linePath(times.map(xOf), times.map((t) => yOf(c.curve.survival(t))))}" fill="none" stroke="${colourOf(k)}" stroke-width="2"${dashOf(k)}/>`;
  });
  body += `<path class="km" d="${stepPath(xOf, yOf, km.time, km.survival, horizon)}" fill="none" stroke="#000000" stroke-width="1.6"/>`;
  if (horizon > lastObserved && lastObserved > 0) body += `<line class="extrapolation" x1="${px(xOf(lastObserved))}" x2="${px(xOf(lastObserved))}" y1="${px(frame.top)}" y2="${px(frame.bottom)}" stroke="#555555" stroke-dasharray="2 4"/>`;
  return frame.render(body);
}

/**
 * The hazard functions of fitted survival curves over time, as an SVG string: where the families
 * that fit the data equally well part ways is in their hazards, which decide the extrapolation
 * (NICE DSU TSD 14, TSD 21). Non-finite hazards (a Weibull with shape < 1 at t = 0) are skipped.
 *
 * @param curves - the curves with legend labels
 * @param options - horizon (default 1: pass one), time-axis label, size and title
 * @returns an `<svg>` element as text
 * @throws QalyError `invalid_argument` at `["horizon"]`
 * @example
 * const svg = hazardChart([{ name: "Weibull", curve: weibullSurvival({ shape: 1.3, scale: 20 }) }], { horizon: 60 });
 * svg.match(/<path class="hazard"/g).length // => 1
 */
export function hazardChart(curves: readonly NamedSurvivalCurve[], options: SurvivalFitChartOptions = {}): string {
  const horizon = horizonOf(undefined, options);
  const times = Array.from({ length: POINTS + 1 }, (_, i) => (horizon * i) / POINTS);
  const values = curves.map((c) => Float64Array.from(times, (t) => c.curve.hazard(t)));
  const [, top] = extentOf(...values);
  const frame = cartesianFrame({
    kind: "hazard",
    options,
    title: options.title ?? "Hazard of the fitted curves",
    xLabel: options.timeLabel ?? "Time",
    yLabel: "Hazard (events per unit of time)",
    xDomain: [0, horizon],
    yDomain: [0, top > 0 ? top : 1],
    legend: legendOf(curves),
  });
  const xs = times.map((t) => frame.x(t));
  let body = "";
  curves.forEach((c, k) => {
    body += `<path class="hazard" data-curve="${escapeXml(c.name)}" d="${linePath(xs, Array.from(values[k]!, (v) => frame.y(v)))}" fill="none" stroke="${colourOf(k)}" stroke-width="2"${dashOf(k)}/>`;
  });
  return frame.render(body);
}
