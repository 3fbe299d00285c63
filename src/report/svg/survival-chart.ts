import type { SurvivalSeries } from "../report-input.js";
import { escapeXml } from "../format/escape-xml.js";
import { cartesianFrame, linePath } from "./chart-frame.js";
import type { ChartOptions } from "./chart-options.js";
import type { LegendItem } from "./legend.js";
import { seriesColour } from "./palette.js";
import { px } from "./svg-text.js";

/**
 * Survival curves of one arm as an SVG string, with the partitioned-survival states shaded: the
 * area under the lowest curve (e.g. PFS: progression-free) and each band between consecutive
 * curves (e.g. between PFS and OS: progressed disease); above the highest curve is death
 * (Woods et al. 2017, NICE DSU TSD 19). Curves are ordered by their area, lowest first.
 *
 * @param series - one arm's curves at common times (years)
 * @param options - size and title
 * @returns an `<svg>` element as text
 * @example
 * const arm = { arm: "SoC", times: Float64Array.of(0, 1, 2), curves: [{ name: "OS", values: Float64Array.of(1, 0.8, 0.5) }, { name: "PFS", values: Float64Array.of(1, 0.5, 0.2) }] };
 * const svg = survivalChart(arm);
 * svg.match(/<path class="curve"/g).length // => 2
 * svg.match(/<path class="state-band"/g).length // => 2
 */
export function survivalChart(series: SurvivalSeries, options: ChartOptions = {}): string {
  const times = series.times;
  const area = (values: Float64Array): number => values.reduce((sum, v) => sum + v, 0);
  const ordered = [...series.curves].sort((a, b) => area(a.values) - area(b.values));
  const colourOf = new Map(series.curves.map((c, k) => [c.name, seriesColour(k)]));
  const names = bandNames(series, ordered);
  const legend: LegendItem[] = [
    ...series.curves.map((c) => ({ label: c.name, colour: colourOf.get(c.name)!, mark: "line" as const })),
    ...ordered.map((c, k) => ({ label: names[k]!, colour: shade(colourOf.get(c.name)!), mark: "box" as const })),
  ];
  const frame = cartesianFrame({
    kind: "survival",
    options,
    title: options.title ?? `Survival: ${series.arm}`,
    xLabel: "Time (years)",
    yLabel: "Proportion surviving",
    xDomain: [0, times[times.length - 1] ?? 1],
    yDomain: [0, 1],
    nice: false,
    yFormat: (v) => `${Math.round(v * 100)}%`,
    legend,
  });
  const xs = Array.from(times, (t) => frame.x(t));
  let body = "";
  let previous: Float64Array | null = null;
  ordered.forEach((curve) => {
    let d = "";
    for (let i = 0; i < xs.length; i++) d += `${i === 0 ? "M" : "L"}${px(xs[i]!)} ${px(frame.y(curve.values[i]!))}`;
    for (let i = xs.length - 1; i >= 0; i--) d += `L${px(xs[i]!)} ${px(frame.y(previous === null ? 0 : previous[i]!))}`;
    body += `<path class="state-band" d="${d}Z" fill="${shade(colourOf.get(curve.name)!)}" fill-opacity="0.55"/>`;
    previous = curve.values;
  });
  for (const curve of series.curves) {
    body += `<path class="curve" data-curve="${escapeXml(curve.name)}" d="${linePath(xs, Array.from(curve.values, (v) => frame.y(v)))}" fill="none" stroke="${colourOf.get(curve.name)!}" stroke-width="2.2"/>`;
  }
  return frame.render(body);
}

/**
 * Legend names of the shaded bands, lowest first: the series' state names when it has them (one
 * more than the curves), else "Below PFS", "Between PFS and OS". @internal
 */
export function bandNames(series: SurvivalSeries, ordered: readonly SurvivalSeries["curves"][number][]): string[] {
  const states = series.states;
  if (states !== undefined && states.length === ordered.length + 1) return ordered.map((_, k) => states[k]!);
  return ordered.map((c, k) => (k === 0 ? `Below ${c.name}` : `Between ${ordered[k - 1]!.name} and ${c.name}`));
}

/** A light tint of a hex colour (mixed with 60% white). @internal */
export function shade(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number): string => Math.round(c + (255 - c) * 0.6).toString(16).padStart(2, "0");
  return `#${mix((n >> 16) & 255)}${mix((n >> 8) & 255)}${mix(n & 255)}`;
}
