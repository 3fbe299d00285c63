import type { SurvivalSeries } from "../report-input.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatValue } from "../format/format-number.js";
import type { ChartOptions } from "./chart-options.js";
import type { LegendItem } from "./legend.js";
import { seriesColour } from "./palette.js";
import { panelGrid, thinIndices } from "./panel-grid.js";
import { bandNames, shade } from "./survival-chart.js";
import { px } from "./svg-text.js";

/** Options of {@link survivalPanelsChart}. */
export interface SurvivalPanelsOptions extends ChartOptions {
  /** Panels per row (default 3; 2 below 600 px width). */
  readonly columns?: number;
  /**
   * End of the time axis in years (default: the first time at which every curve of every arm is
   * at or below 1%, rounded up to whole years, at most the last time), so that long horizons with
   * an empty tail do not squeeze the curves into the first few pixels.
   */
  readonly until?: number;
}

/** Share below which the tail of every curve is cut from the default time axis. */
const TAIL = 0.01;

/**
 * Survival curves of many arms as small multiples (SVG string): one panel per arm with its
 * curves (e.g. PFS and OS) and the partitioned states shaded (below the lowest curve: the first
 * state, between consecutive curves: the next ones; Woods et al. 2017, NICE DSU TSD 19), all
 * panels on the same axes so arms compare at a glance. Curve colours are the same in every panel;
 * points closer than a pixel are drawn once, so ten arms of 372 monthly cycles stay small.
 *
 * @param series - the arms' curves (years), e.g. `ReportInput.survival`
 * @param options - width, panel height, columns, end of the time axis, title
 * @returns an `<svg>` element as text
 * @example
 * const arm = (name, k) => ({ arm: name, times: Float64Array.of(0, 1, 2), curves: [{ name: "PFS", values: Float64Array.of(1, 0.5 / k, 0.2 / k) }, { name: "OS", values: Float64Array.of(1, 0.8, 0.5) }], states: ["PF", "PD", "Dead"] });
 * const svg = survivalPanelsChart([arm("EGFR", 1), arm("ALK", 2), arm("Chemo", 3)]);
 * svg.match(/<g class="panel"/g).length // => 3
 * svg.match(/<path class="curve"/g).length // => 6
 */
export function survivalPanelsChart(series: readonly SurvivalSeries[], options: SurvivalPanelsOptions = {}): string {
  const names: string[] = [];
  for (const arm of series) for (const c of arm.curves) if (!names.includes(c.name)) names.push(c.name);
  const colourOf = (name: string): string => seriesColour(names.indexOf(name));
  const last = Math.max(0, ...series.map((arm) => arm.times[arm.times.length - 1] ?? 0));
  const until = Math.min(last, options.until ?? tailEnd(series, last));
  const first = series[0];
  const ordered = first === undefined ? [] : byArea(first);
  const legend: LegendItem[] = [
    ...names.map((name) => ({ label: name, colour: colourOf(name), mark: "line" as const })),
    ...(first === undefined ? [] : bandNames(first, ordered).map((label, k) => ({ label, colour: shade(colourOf(ordered[k]!.name)), mark: "box" as const }))),
  ];
  return panelGrid({
    kind: "survival-panels",
    options,
    title: options.title ?? "Survival curves per arm",
    xLabel: "Time (years)",
    yLabel: "Proportion surviving",
    xDomain: [0, until > 0 ? until : 1],
    yTicks: [0, 0.5, 1],
    yFormat: (v) => `${Math.round(v * 100)}%`,
    legend,
    ...(until < last ? { note: `Time axis cut at ${formatValue(until)} years, when at most ${Math.round(TAIL * 100)}% of every arm is alive (model horizon ${formatValue(last)} years).` } : {}),
    panels: series.map((arm) => ({
      label: arm.arm,
      draw: (x, y) => {
        const end = arm.times.findIndex((t) => t > until + 1e-9);
        const count = end === -1 ? arm.times.length : Math.max(1, end);
        const xs = Array.from(arm.times.subarray(0, count), (t) => x(t));
        const keep = thinIndices(xs);
        let body = "";
        let previous: Float64Array | null = null;
        for (const curve of byArea(arm)) {
          let d = "";
          for (const i of keep) d += `${d === "" ? "M" : "L"}${px(xs[i]!)} ${px(y(curve.values[i]!))}`;
          for (let j = keep.length - 1; j >= 0; j--) d += `L${px(xs[keep[j]!]!)} ${px(y(previous === null ? 0 : previous[keep[j]!]!))}`;
          body += `<path class="state-band" d="${d}Z" fill="${shade(colourOf(curve.name))}" fill-opacity="0.55"/>`;
          previous = curve.values;
        }
        for (const curve of arm.curves) {
          let d = "";
          for (const i of keep) d += `${d === "" ? "M" : "L"}${px(xs[i]!)} ${px(y(curve.values[i]!))}`;
          body += `<path class="curve" data-curve="${escapeXml(curve.name)}" d="${d}" fill="none" stroke="${colourOf(curve.name)}" stroke-width="1.8"/>`;
        }
        return body;
      },
    })),
  });
}

/** The arm's curves ordered by area under them, lowest first (the order the states stack in). */
function byArea(arm: SurvivalSeries): SurvivalSeries["curves"][number][] {
  const area = (values: Float64Array): number => values.reduce((sum, v) => sum + v, 0);
  return [...arm.curves].sort((a, b) => area(a.values) - area(b.values));
}

/** First time at which every curve of every arm is at or below {@link TAIL}, rounded up to whole years. */
function tailEnd(series: readonly SurvivalSeries[], last: number): number {
  let end = 0;
  for (const arm of series) {
    for (const curve of arm.curves) {
      const i = curve.values.findIndex((v) => v <= TAIL);
      end = Math.max(end, i === -1 ? last : arm.times[i]!);
    }
  }
  return Math.min(last, Math.ceil(end - 1e-9));
}
