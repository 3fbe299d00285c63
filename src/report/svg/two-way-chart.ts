import type { TwoWayResult } from "../../analysis/dsa/two-way.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatMoney, formatValue } from "../format/format-number.js";
import type { ChartOptions } from "./chart-options.js";
import { legendHeight, legendSvg } from "./legend.js";
import { seriesColour } from "./palette.js";
import { FONT_SIZE, px, svgRoot, svgText } from "./svg-text.js";

/** Options of {@link twoWayChart}. */
export interface TwoWayChartOptions extends ChartOptions {
  /** Axis labels by parameter name (default: the names). */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A two-way sensitivity heat map as an SVG string: one cell per pair of values, coloured by the
 * strategy with the highest net monetary benefit at the analysis' WTP, so the regions where each
 * strategy is preferred show at a glance (Briggs, Claxton & Sculpher 2006, §4.1.1). The cell's
 * tooltip gives both values, the strategy and its NMB.
 *
 * @param result - from `twoWay(...)`
 * @param options - axis labels, size, currency and effect unit
 * @returns an `<svg>` element as text
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"], evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain]); } };
 * const grid = twoWay(model, { cDrug: 20000, qGain: 0.1 }, { wtp: 500000, x: { name: "cDrug", values: [10000, 60000] }, y: { name: "qGain", values: [0.05, 0.2] } });
 * twoWayChart(grid).match(/<rect class="cell"/g).length // => 4
 */
export function twoWayChart(result: TwoWayResult, options: TwoWayChartOptions = {}): string {
  const currency = options.currency ?? "";
  const effectUnit = options.effectUnit ?? "QALY";
  const width = options.width ?? 720;
  const nx = result.x.values.length;
  const ny = result.y.values.length;
  const left = 86;
  const right = width - 24;
  const top = 34;
  const bottom = top + (options.height ?? 320);
  const cw = (right - left) / Math.max(1, nx);
  const ch = (bottom - top) / Math.max(1, ny);
  const colourOf = new Map(result.strategies.map((s, k) => [s, seriesColour(k)]));
  let body = "";
  for (const cell of result.cells) {
    // Row 0 of y at the bottom, as on a y axis.
    const x = left + cell.xIndex * cw;
    const y = bottom - (cell.yIndex + 1) * ch;
    const tip = `${result.x.name} = ${formatValue(cell.x)}, ${result.y.name} = ${formatValue(cell.y)}: ${cell.optimal} (NMB ${formatMoney(cell.results[cell.optimal]!.nmb, currency)})`;
    body += `<rect class="cell" data-strategy="${escapeXml(cell.optimal)}" x="${px(x)}" y="${px(y)}" width="${px(cw + 0.3)}" height="${px(ch + 0.3)}" fill="${colourOf.get(cell.optimal) ?? "#999"}"><title>${escapeXml(tip)}</title></rect>`;
  }
  const every = (n: number, room: number): number => Math.max(1, Math.ceil(n / Math.max(1, Math.floor(room))));
  const xStep = every(nx, (right - left) / 60);
  const yStep = every(ny, (bottom - top) / 20);
  let axes = `<g class="axis axis-x" fill="#333">`;
  result.x.values.forEach((v, i) => {
    if (i % xStep === 0) axes += svgText(left + (i + 0.5) * cw, bottom + 8 + FONT_SIZE, formatValue(v), 'class="tick" text-anchor="middle"');
  });
  axes += svgText((left + right) / 2, bottom + 40, options.labels?.[result.x.name] ?? result.x.name, 'class="axis-label" text-anchor="middle" font-weight="600"') + `</g><g class="axis axis-y" fill="#333">`;
  result.y.values.forEach((v, i) => {
    if (i % yStep === 0) axes += svgText(left - 6, bottom - (i + 0.5) * ch + FONT_SIZE / 3, formatValue(v), 'class="tick" text-anchor="end"');
  });
  axes += svgText(0, 0, options.labels?.[result.y.name] ?? result.y.name, `class="axis-label" text-anchor="middle" font-weight="600" transform="translate(14 ${px((top + bottom) / 2)}) rotate(-90)"`) + `</g>`;
  const present = result.strategies.filter((s) => result.cells.some((c) => c.optimal === s));
  const legend = present.map((s) => ({ label: `${s} preferred`, colour: colourOf.get(s)!, mark: "box" as const }));
  const legendTop = bottom + 52;
  const height = legendTop + legendHeight(legend, right - left) + 4;
  const title = options.title ?? `Two-way sensitivity: preferred strategy at ${formatMoney(result.wtp, currency)} per ${effectUnit}`;
  return svgRoot("two-way", width, height, title, `<g class="marks">${body}</g>` + axes + legendSvg(legend, left, legendTop, right - left));
}
