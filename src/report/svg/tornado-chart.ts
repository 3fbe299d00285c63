import type { TornadoResult } from "../../analysis/dsa/tornado.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatMoney, formatValue } from "../format/format-number.js";
import { barFrame, MAX_LABEL } from "./bar-frame.js";
import type { ChartOptions } from "./chart-options.js";
import { fitText, px, textWidth } from "./svg-text.js";

/** Options of {@link tornadoChart}. */
export interface TornadoChartOptions extends ChartOptions {
  /** Labels of parameters by name (default: the names). */
  readonly labels?: Readonly<Record<string, string>>;
}

const MEASURE_TEXT: Readonly<Record<string, string>> = {
  nmb: "Net monetary benefit",
  incrementalNmb: "Incremental net monetary benefit",
  icer: "ICER",
  incrementalCost: "Incremental cost",
  incrementalEffect: "Incremental effect",
};

/**
 * A tornado diagram as an SVG string: one bar per parameter from the measure at the parameter's
 * low value to the measure at its high value, around the base-case line, largest swing on top
 * (Briggs, Claxton & Sculpher 2006, §4.1.1). Each label shows the range analysed.
 *
 * @param result - from `tornado(oneWay(...), ...)`
 * @param options - parameter labels, size, currency and effect unit
 * @returns an `<svg>` element as text
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"], evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain]); } };
 * const dsa = oneWay(model, { cDrug: 20000, qGain: 0.1 }, { parameters: { cDrug: { low: 10000, high: 40000 }, qGain: { low: 0.05, high: 0.2 } } });
 * const svg = tornadoChart(tornado(dsa, { strategy: "New", wtp: 500000 }), { currency: "SEK" });
 * svg.match(/<rect class="bar-(low|high)"/g).length // => 4
 */
export function tornadoChart(result: TornadoResult, options: TornadoChartOptions = {}): string {
  const currency = options.currency ?? "";
  const effectUnit = options.effectUnit ?? "QALY";
  const measure = MEASURE_TEXT[result.measure] ?? result.measure;
  const isIncremental = result.measure.startsWith("incremental") || result.measure === "icer";
  const unit = result.measure === "incrementalEffect" ? effectUnit : result.measure === "icer" ? `${currency} per ${effectUnit}`.trim() : result.measure === "nmb" || result.measure === "incrementalNmb" || result.measure.toLowerCase().includes("cost") ? currency : "";
  // The range always shows; a label too long for the margin is shortened, keeping a short qualifier
  // after its last ": " (a group's component: "Prevalence of the true-status c…: pMet"), and a
  // shortened label that cannot be told from another bar's shows its parameter's name.
  const ranges = result.bars.map((bar) => ` (${formatValue(bar.lowValue)} – ${formatValue(bar.highValue)})`);
  const fullLabels = result.bars.map((bar) => options.labels?.[bar.parameter] ?? bar.parameter);
  const cuts = fullLabels.map((label, i) => shorten(label, MAX_LABEL - textWidth(ranges[i]!)));
  // Bar j's label reads as bar i's shortened one when it has the same visible beginning and end.
  const hides = (i: number, j: number): boolean => cuts[i]!.cut && fullLabels[j]!.startsWith(cuts[i]!.head) && fullLabels[j]!.endsWith(cuts[i]!.tail);
  const categories = result.bars.map((bar, i) => {
    const clash = result.bars.some((_, j) => j !== i && fullLabels[j] !== fullLabels[i] && (cuts[j]!.text === cuts[i]!.text || hides(i, j) || hides(j, i)));
    if (!clash) return `${cuts[i]!.text}${ranges[i]}`;
    const name = ` [${bar.parameter}]`;
    return `${fitText(fullLabels[i]!, MAX_LABEL - textWidth(ranges[i]!) - textWidth(name))}${name}${ranges[i]}`;
  });
  let lo = result.base;
  let hi = result.base;
  for (const bar of result.bars) {
    lo = Math.min(lo, bar.low, bar.high);
    hi = Math.max(hi, bar.low, bar.high);
  }
  const frame = barFrame({
    kind: "tornado",
    options,
    title: options.title ?? `Tornado: ${result.strategy}${isIncremental ? ` vs ${result.comparator}` : ""}`,
    xLabel: `${measure}${result.measure.toLowerCase().includes("nmb") ? ` at ${formatMoney(result.wtp, currency)} per ${effectUnit}` : ""}${unit === "" ? "" : ` (${unit})`}`,
    xDomain: [lo, hi],
    categories,
    legend: [
      { label: "Parameter at its low value", colour: "#0072B2", mark: "box" },
      { label: "Parameter at its high value", colour: "#E69F00", mark: "box" },
    ],
  });
  const { x } = frame;
  let body = "";
  result.bars.forEach((bar, i) => {
    const top = frame.rowTop(i) + 4;
    const h = frame.rowHeight - 8;
    for (const [cls, value, colour] of [["bar-low", bar.low, "#0072B2"], ["bar-high", bar.high, "#E69F00"]] as const) {
      const a = Math.min(x(result.base), x(value));
      const w = Math.abs(x(value) - x(result.base));
      body += `<rect class="${cls}" data-parameter="${escapeXml(bar.parameter)}" x="${px(a)}" y="${px(top)}" width="${px(Math.max(w, 0.5))}" height="${px(h)}" fill="${colour}" fill-opacity="${cls === "bar-low" ? 0.9 : 0.75}"/>`;
    }
  });
  body += `<line class="base" x1="${px(x(result.base))}" x2="${px(x(result.base))}" y1="${px(frame.top - 4)}" y2="${px(frame.bottom)}" stroke="#000" stroke-width="1.5"/>`;
  return frame.render(body);
}

/** A label fitted to `max` px: whole, or its beginning (`head`) cut with an ellipsis, followed by a qualifier after its last ": " (`tail`) when that takes at most half the room. */
function shorten(label: string, max: number): { readonly text: string; readonly cut: boolean; readonly head: string; readonly tail: string } {
  if (textWidth(label) <= max) return { text: label, cut: false, head: label, tail: "" };
  const colon = label.lastIndexOf(": ");
  const tail = colon > 0 && textWidth(label.slice(colon)) <= max / 2 ? label.slice(colon) : "";
  const fitted = fitText(label.slice(0, label.length - tail.length), max - textWidth(tail));
  return { text: `${fitted}${tail}`, cut: true, head: fitted.slice(0, -1), tail };
}
