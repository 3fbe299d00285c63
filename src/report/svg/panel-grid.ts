import { scaleLinear, type ScaleLinear } from "d3-scale";
import { escapeXml } from "../format/escape-xml.js";
import { fitTicks } from "./fit-ticks.js";
import { legendHeight, legendSvg, type LegendItem } from "./legend.js";
import type { ChartOptions } from "./chart-options.js";
import { FONT_SIZE, px, svgRoot, svgText, textWidth, truncate } from "./svg-text.js";

/** One panel of a small-multiples chart: its title and its marks drawn with the panel's scales. @internal */
export interface PanelSpec {
  readonly label: string;
  readonly draw: (x: ScaleLinear<number, number>, y: ScaleLinear<number, number>) => string;
}

/** A grid of panels sharing x and y domains, one legend and axis titles. @internal */
export interface PanelGridSpec {
  readonly kind: string;
  readonly options: ChartOptions & { readonly columns?: number };
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDomain: readonly [number, number];
  readonly yTicks: readonly number[];
  readonly yFormat: (value: number) => string;
  readonly panels: readonly PanelSpec[];
  readonly legend: readonly LegendItem[];
  /** A line of small print under the legend (e.g. where the time axis is cut). */
  readonly note?: string;
}

const GUTTER = 16;
const PANEL_TITLE = 18;
const TICK_SPACE = 22;

/**
 * Lays out panels in rows of `columns` (default 3, or 2 below 600 px), each with its own x ticks
 * and grid, y tick labels on the first column only (the y scale is shared). @internal
 */
export function panelGrid(spec: PanelGridSpec): string {
  const width = spec.options.width ?? 720;
  const columns = Math.max(1, Math.min(spec.panels.length, spec.options.columns ?? (width < 600 ? 2 : 3)));
  const plotHeight = spec.options.height ?? 120;
  const left = 30 + Math.max(10, ...spec.yTicks.map((t) => textWidth(spec.yFormat(t))));
  const right = width - 14;
  const panelWidth = (right - left - (columns - 1) * GUTTER) / columns;
  const rowHeight = PANEL_TITLE + plotHeight + TICK_SPACE + 8;
  const top = 34;
  const rows = Math.ceil(spec.panels.length / columns);
  let body = "";
  spec.panels.forEach((panel, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    const x0 = left + col * (panelWidth + GUTTER);
    const y0 = top + row * rowHeight + PANEL_TITLE;
    const x = scaleLinear().domain([spec.xDomain[0], spec.xDomain[1]]).range([x0, x0 + panelWidth]);
    const y = scaleLinear().domain([spec.yTicks[0]!, spec.yTicks[spec.yTicks.length - 1]!]).range([y0 + plotHeight, y0]);
    const { ticks, format } = fitTicks(x);
    const bottom = y0 + plotHeight;
    body += `<g class="panel" data-panel="${escapeXml(panel.label)}">`;
    body += svgText(x0 + panelWidth / 2, y0 - 6, truncate(panel.label, Math.max(8, Math.floor(panelWidth / (FONT_SIZE * 0.58)))), 'class="panel-title" text-anchor="middle" font-weight="600"');
    body += `<g class="grid" stroke="#e3e3e3" stroke-width="1">${ticks.map((t) => `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(y0)}" y2="${px(bottom)}"/>`).join("")}${spec.yTicks.map((t) => `<line x1="${px(x0)}" x2="${px(x0 + panelWidth)}" y1="${px(y(t))}" y2="${px(y(t))}"/>`).join("")}</g>`;
    body += `<g class="marks">${panel.draw(x, y)}</g>`;
    body += `<g class="axis axis-x" fill="#333"><line x1="${px(x0)}" x2="${px(x0 + panelWidth)}" y1="${px(bottom)}" y2="${px(bottom)}" stroke="#333"/>`;
    body += ticks.map((t) => `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(bottom)}" y2="${px(bottom + 4)}" stroke="#333"/>` + svgText(x(t), bottom + 6 + FONT_SIZE, format(t), 'class="tick" text-anchor="middle"')).join("");
    body += `</g><g class="axis axis-y" fill="#333"><line x1="${px(x0)}" x2="${px(x0)}" y1="${px(y0)}" y2="${px(bottom)}" stroke="#333"/>`;
    if (col === 0) body += spec.yTicks.map((t) => svgText(x0 - 6, y(t) + FONT_SIZE / 3, spec.yFormat(t), 'class="tick" text-anchor="end"')).join("");
    body += `</g></g>`;
  });
  const gridBottom = top + rows * rowHeight;
  body += svgText((left + right) / 2, gridBottom + 8, spec.xLabel, 'class="axis-label" text-anchor="middle" font-weight="600"');
  body += svgText(0, 0, spec.yLabel, `class="axis-label" text-anchor="middle" font-weight="600" transform="translate(${px(14)} ${px((top + gridBottom) / 2)}) rotate(-90)"`);
  const legendTop = gridBottom + 18;
  body += legendSvg(spec.legend, left, legendTop, right - left);
  let height = legendTop + legendHeight(spec.legend, right - left) + 4;
  if (spec.note !== undefined) {
    body += svgText(left, height + FONT_SIZE, spec.note, 'class="note" fill="#555" font-size="11"');
    height += FONT_SIZE + 8;
  }
  return svgRoot(spec.kind, width, height, spec.title, body);
}

/**
 * Indices of the points worth drawing when `xs` (px, increasing) is dense: the first, every point
 * at least `step` px (default 2: curves stay smooth) to the right of the last kept one, and the
 * last. Keeps a 372-cycle curve in a 200 px panel to about 100 points. @internal
 */
export function thinIndices(xs: readonly number[], step = 2): number[] {
  const kept: number[] = [];
  let last = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    if (i === xs.length - 1 || xs[i]! - last >= step) {
      kept.push(i);
      last = xs[i]!;
    }
  }
  return kept;
}
