import { scaleLinear, type ScaleLinear } from "d3-scale";
import { tickFormatter } from "../format/format-number.js";
import type { ChartOptions } from "./chart-options.js";
import { fitTicks, titleX } from "./fit-ticks.js";
import { legendHeight, legendSvg, type LegendItem } from "./legend.js";
import { FONT_SIZE, fitText, px, svgRoot, svgText, textWidth } from "./svg-text.js";

/** What a horizontal bar chart needs to lay out. @internal */
export interface BarFrameSpec {
  readonly kind: string;
  readonly options: ChartOptions;
  readonly title: string;
  readonly xLabel: string;
  readonly xDomain: readonly [number, number];
  /** One label per bar row, top to bottom. */
  readonly categories: readonly string[];
  readonly legend?: readonly LegendItem[];
}

/** A laid-out horizontal bar chart. @internal */
export interface BarFrame {
  readonly x: ScaleLinear<number, number>;
  /** Top of row `i`. */
  rowTop(i: number): number;
  readonly rowHeight: number;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  render(body: string): string;
}

const ROW = 26;

/** Widest category label, px: the rest of the width is the bars'. @internal */
export const MAX_LABEL = 360;

/** Horizontal bars: a category per row with its label on the left, a linear x axis below. @internal */
export function barFrame(spec: BarFrameSpec): BarFrame {
  const width = spec.options.width ?? 720;
  const labels = spec.categories.map((c) => fitText(c, MAX_LABEL));
  const left = 16 + Math.max(40, ...labels.map((l) => textWidth(l)));
  const top = 34;
  const bottom = top + Math.max(1, spec.categories.length) * ROW;
  const [a, b] = spec.xDomain;
  const x = scaleLinear()
    .domain(a === b ? [a - 1, b + 1] : [Math.min(a, b), Math.max(a, b)])
    .nice(6);
  const rough = x.ticks(6);
  // Room for half of the last tick label beyond the axis end.
  const right = width - Math.max(24, textWidth(tickFormatter(rough.length > 1 ? rough[1]! - rough[0]! : 1)(rough[rough.length - 1] ?? 0)) / 2 + 6);
  x.range([left, right]);
  const { ticks, format } = fitTicks(x);
  const legend = spec.legend ?? [];
  const legendTop = bottom + 52;
  const height = legendTop + legendHeight(legend, right - left) + 4;
  const grid = `<g class="grid" stroke="#e3e3e3">${ticks.map((t) => `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${top}" y2="${px(bottom)}"/>`).join("")}</g>`;
  const axes =
    `<g class="axis axis-x" fill="#333"><line x1="${px(left)}" x2="${px(right)}" y1="${px(bottom)}" y2="${px(bottom)}" stroke="#333"/>` +
    ticks.map((t) => `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(bottom)}" y2="${px(bottom + 5)}" stroke="#333"/>` + svgText(x(t), bottom + 8 + FONT_SIZE, format(t), 'class="tick" text-anchor="middle"')).join("") +
    svgText(titleX((left + right) / 2, spec.xLabel, width), bottom + 40, spec.xLabel, 'class="axis-label" text-anchor="middle" font-weight="600"') +
    `</g><g class="axis axis-y" fill="#333">` +
    labels.map((l, i) => svgText(left - 8, top + i * ROW + ROW / 2 + FONT_SIZE / 3, l, 'class="category" text-anchor="end"')).join("") +
    `</g>`;
  return {
    x,
    rowTop: (i) => top + i * ROW,
    rowHeight: ROW,
    top,
    bottom,
    left,
    right,
    render: (body) => svgRoot(spec.kind, width, height, spec.title, grid + `<g class="marks">${body}</g>` + axes + legendSvg(legend, left, legendTop, right - left)),
  };
}
