import type { TraceSeries } from "../report-input.js";
import { escapeXml } from "../format/escape-xml.js";
import { cartesianFrame } from "./chart-frame.js";
import type { ChartOptions } from "./chart-options.js";
import { seriesColour } from "./palette.js";
import { px } from "./svg-text.js";

/**
 * A Markov trace as a stacked area chart (SVG string): the proportion of the cohort in each state
 * at each trace row, stacked in state order, against time in years. The band heights always sum
 * to 1 when the trace conserves mass, so a gap or overflow shows a modelling error at once.
 *
 * @param trace - one strategy's trace (states, proportions per state, cycle length)
 * @param options - size and title
 * @returns an `<svg>` element as text
 * @example
 * const trace = { strategy: "SoC", cycleLength: 1, states: ["Well", "Dead"], proportions: [Float64Array.of(1, 0.8, 0.6), Float64Array.of(0, 0.2, 0.4)] };
 * markovTraceChart(trace).match(/<path class="state-area"/g).length // => 2
 */
export function markovTraceChart(trace: TraceSeries, options: ChartOptions = {}): string {
  const rows = trace.proportions[0]?.length ?? 0;
  const frame = cartesianFrame({
    kind: "markov-trace",
    options,
    title: options.title ?? `Markov trace: ${trace.strategy}`,
    xLabel: "Time (years)",
    yLabel: "Proportion of cohort",
    xDomain: [0, Math.max(1, rows - 1) * trace.cycleLength],
    yDomain: [0, 1],
    nice: false,
    yFormat: (v) => `${Math.round(v * 100)}%`,
    legend: trace.states.map((s, k) => ({ label: s, colour: seriesColour(k), mark: "box" as const })),
  });
  const lower = new Float64Array(rows);
  let body = "";
  trace.states.forEach((state, k) => {
    const values = trace.proportions[k]!;
    const upper = Float64Array.from(lower, (v, t) => v + values[t]!);
    let d = "";
    for (let t = 0; t < rows; t++) d += `${t === 0 ? "M" : "L"}${px(frame.x(t * trace.cycleLength))} ${px(frame.y(upper[t]!))}`;
    for (let t = rows - 1; t >= 0; t--) d += `L${px(frame.x(t * trace.cycleLength))} ${px(frame.y(lower[t]!))}`;
    body += `<path class="state-area" data-state="${escapeXml(state)}" d="${d}Z" fill="${seriesColour(k)}" fill-opacity="0.85" stroke="#ffffff" stroke-width="0.5"/>`;
    lower.set(upper);
  });
  return frame.render(body);
}
