import type { TraceSeries } from "../report-input.js";
import { escapeXml } from "../format/escape-xml.js";
import type { ChartOptions } from "./chart-options.js";
import { seriesColour } from "./palette.js";
import { panelGrid, thinIndices } from "./panel-grid.js";
import { px } from "./svg-text.js";

/** Options of {@link markovTracePanelsChart}. */
export interface TracePanelsOptions extends ChartOptions {
  /** Panels per row (default 3; 2 below 600 px width). */
  readonly columns?: number;
}

/**
 * Cohort traces of many strategies as small multiples (SVG string): one stacked-area panel per
 * strategy, all on the same axes, states in the same colours in every panel (the union of the
 * strategies' states, in order of first appearance). Points closer than a pixel are drawn once.
 *
 * @param traces - one trace per strategy, e.g. `ReportInput.traces`
 * @param options - width, panel height, columns, title
 * @returns an `<svg>` element as text
 * @example
 * const trace = (strategy) => ({ strategy, cycleLength: 1, states: ["Well", "Dead"], proportions: [Float64Array.of(1, 0.8, 0.6), Float64Array.of(0, 0.2, 0.4)] });
 * const svg = markovTracePanelsChart([trace("A"), trace("B"), trace("C")]);
 * svg.match(/<path class="state-area"/g).length // => 6
 */
export function markovTracePanelsChart(traces: readonly TraceSeries[], options: TracePanelsOptions = {}): string {
  const states: string[] = [];
  for (const trace of traces) for (const s of trace.states) if (!states.includes(s)) states.push(s);
  const last = Math.max(1e-9, ...traces.map((t) => Math.max(0, (t.proportions[0]?.length ?? 1) - 1) * t.cycleLength));
  return panelGrid({
    kind: "markov-trace-panels",
    options,
    title: options.title ?? "Markov traces per strategy",
    xLabel: "Time (years)",
    yLabel: "Proportion of cohort",
    xDomain: [0, last],
    yTicks: [0, 0.5, 1],
    yFormat: (v) => `${Math.round(v * 100)}%`,
    legend: states.map((s, k) => ({ label: s, colour: seriesColour(k), mark: "box" as const })),
    panels: traces.map((trace) => ({
      label: trace.strategy,
      draw: (x, y) => {
        const rows = trace.proportions[0]?.length ?? 0;
        const xs = Array.from({ length: rows }, (_, t) => x(t * trace.cycleLength));
        const keep = thinIndices(xs);
        const lower = new Float64Array(rows);
        let body = "";
        trace.states.forEach((state, k) => {
          const values = trace.proportions[k]!;
          const upper = Float64Array.from(lower, (v, t) => v + values[t]!);
          let d = "";
          for (const i of keep) d += `${d === "" ? "M" : "L"}${px(xs[i]!)} ${px(y(upper[i]!))}`;
          for (let j = keep.length - 1; j >= 0; j--) d += `L${px(xs[keep[j]!]!)} ${px(y(lower[keep[j]!]!))}`;
          body += `<path class="state-area" data-state="${escapeXml(state)}" d="${d}Z" fill="${seriesColour(states.indexOf(state))}" fill-opacity="0.85"/>`;
          lower.set(upper);
        });
        return body;
      },
    })),
  });
}
