import type { Ceac } from "../../analysis/acceptability/ceac.js";
import type { Ceaf } from "../../analysis/acceptability/ceaf.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatMoney } from "../format/format-number.js";
import { cartesianFrame, linePath } from "./chart-frame.js";
import type { ChartOptions } from "./chart-options.js";
import type { LegendItem } from "./legend.js";
import { seriesColour } from "./palette.js";
import { px } from "./svg-text.js";

/** Options of {@link ceacChart}. */
export interface CeacChartOptions extends ChartOptions {
  /** The acceptability frontier to highlight (from `ceaf` or `decisionCurves`). */
  readonly ceaf?: Ceaf;
  /** Thresholds marked with vertical lines, currency per unit of effect. */
  readonly thresholds?: readonly number[];
}

/**
 * The cost-effectiveness acceptability curves as an SVG string: for each strategy the probability
 * of having the highest net monetary benefit against willingness to pay, with the acceptability
 * frontier (the strategy with the highest expected NMB) drawn as a wide grey band underneath
 * (Fenwick, Claxton & Sculpher 2001; Barton, Briggs & Fenwick 2008).
 *
 * @param curve - from `ceac(psa, wtp)`
 * @param options - the frontier, thresholds, size, currency and effect unit
 * @returns an `<svg>` element as text
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * const svg = ceacChart(ceac(psa, [0, 50_000, 100_000]), { ceaf: ceaf(psa, [0, 50_000, 100_000]) });
 * svg.match(/<path class="ceac"/g).length // => 2
 * svg.includes('class="ceaf"') // => true
 */
export function ceacChart(curve: Ceac, options: CeacChartOptions = {}): string {
  const currency = options.currency ?? "";
  const effectUnit = options.effectUnit ?? "QALY";
  const legend: LegendItem[] = [
    ...curve.strategies.map((strategy, s) => ({ label: strategy, colour: seriesColour(s), mark: "line" as const })),
    ...(options.ceaf === undefined ? [] : [{ label: "Frontier (highest expected NMB)", colour: "#bbbbbb", mark: "box" as const }]),
  ];
  const wtp = curve.wtp;
  const frame = cartesianFrame({
    kind: "ceac",
    options,
    title: options.title ?? "Cost-effectiveness acceptability curves",
    xLabel: `Willingness to pay (${currency === "" ? "" : `${currency} `}per ${effectUnit})`,
    yLabel: "Probability cost-effective",
    xDomain: [wtp[0] ?? 0, wtp[wtp.length - 1] ?? 1],
    yDomain: [0, 1],
    yFormat: (v) => `${Math.round(v * 100)}%`,
    legend,
  });
  const xs = Array.from(wtp, (w) => frame.x(w));
  let body = "";
  for (const t of options.thresholds ?? []) {
    const [d0, d1] = frame.x.domain() as [number, number];
    if (t < d0 || t > d1) continue;
    body += `<line class="threshold" x1="${px(frame.x(t))}" x2="${px(frame.x(t))}" y1="${px(frame.top)}" y2="${px(frame.bottom)}" stroke="#777" stroke-dasharray="3 3"><title>${escapeXml(formatMoney(t, currency))}</title></line>`;
  }
  if (options.ceaf !== undefined) {
    const ys = Array.from(options.ceaf.probability, (p) => frame.y(p));
    body += `<path class="ceaf" d="${linePath(Array.from(options.ceaf.wtp, (w) => frame.x(w)), ys)}" fill="none" stroke="#bbbbbb" stroke-opacity="0.8" stroke-width="9" stroke-linejoin="round" stroke-linecap="round"/>`;
  }
  curve.strategies.forEach((strategy, s) => {
    const ys = Array.from(curve.probability[strategy]!, (p) => frame.y(p));
    body += `<path class="ceac" data-strategy="${escapeXml(strategy)}" d="${linePath(xs, ys)}" fill="none" stroke="${seriesColour(s)}" stroke-width="2.2"${s % 2 === 1 ? ' stroke-dasharray="7 2"' : ""}/>`;
  });
  return frame.render(body);
}
