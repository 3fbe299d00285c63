import { fail } from "../../core/errors.js";
import type { OneWayResult } from "../../analysis/dsa/one-way.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatMoney } from "../format/format-number.js";
import { cartesianFrame, extentOf, linePath } from "./chart-frame.js";
import type { ChartOptions } from "./chart-options.js";
import { seriesColour } from "./palette.js";
import { px } from "./svg-text.js";

/** Options of {@link oneWayChart}. */
export interface OneWayChartOptions extends ChartOptions {
  /** Axis label of the parameter (default its name). */
  readonly label?: string;
}

/**
 * A one-way sensitivity plot as an SVG string: the net monetary benefit of every strategy (at the
 * analysis' WTP) as one parameter moves over its range, with the base-case value marked. Where
 * lines cross, the preferred strategy changes (a threshold).
 *
 * @param result - from `oneWay(...)`
 * @param parameter - the parameter to plot (one of `result.parameters`)
 * @param options - axis label, size, currency and effect unit
 * @returns an `<svg>` element as text
 * @throws QalyError `unknown_parameter` when the parameter was not varied
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"], evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1.1]); } };
 * const dsa = oneWay(model, { cDrug: 20000 }, { parameters: { cDrug: { low: 10000, high: 90000, points: 5 } } });
 * oneWayChart(dsa, "cDrug").match(/<path class="line"/g).length // => 2
 */
export function oneWayChart(result: OneWayResult, parameter: string, options: OneWayChartOptions = {}): string {
  const entry = result.parameters.find((p) => p.parameter === parameter);
  if (entry === undefined) {
    fail("unknown_parameter", ["parameter"], `"${parameter}" was not varied in this one-way analysis (varied: ${result.parameters.map((p) => p.parameter).join(", ")})`, { received: parameter });
  }
  const currency = options.currency ?? "";
  const effectUnit = options.effectUnit ?? "QALY";
  const xs = entry.points.map((p) => p.value);
  const series = result.strategies.map((s) => entry.points.map((p) => p.results[s]!.nmb));
  const frame = cartesianFrame({
    kind: "one-way",
    options,
    title: options.title ?? `One-way sensitivity: ${options.label ?? parameter}`,
    xLabel: options.label ?? parameter,
    yLabel: `NMB at ${formatMoney(result.wtp, currency)}/${effectUnit}${currency === "" ? "" : ` (${currency})`}`,
    xDomain: [Math.min(entry.low, entry.baseValue), Math.max(entry.high, entry.baseValue)],
    yDomain: extentOf(...series),
    legend: result.strategies.map((s, k) => ({ label: s, colour: seriesColour(k), mark: "line" as const })),
  });
  let body = `<line class="base" x1="${px(frame.x(entry.baseValue))}" x2="${px(frame.x(entry.baseValue))}" y1="${px(frame.top)}" y2="${px(frame.bottom)}" stroke="#555" stroke-dasharray="4 3"/>`;
  const px0 = xs.map((v) => frame.x(v));
  result.strategies.forEach((strategy, k) => {
    const ys = series[k]!.map((v) => frame.y(v));
    body += `<path class="line" data-strategy="${escapeXml(strategy)}" d="${linePath(px0, ys)}" fill="none" stroke="${seriesColour(k)}" stroke-width="2"/>`;
    body += ys.map((y, i) => `<circle class="point" cx="${px(px0[i]!)}" cy="${px(y)}" r="2.5" fill="${seriesColour(k)}"/>`).join("");
  });
  return frame.render(body);
}
