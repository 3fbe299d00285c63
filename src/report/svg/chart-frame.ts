import { scaleLinear, type ScaleLinear } from "d3-scale";
import { tickFormatter } from "../format/format-number.js";
import { fitTicks, titleX } from "./fit-ticks.js";
import { legendHeight, legendSvg, type LegendItem } from "./legend.js";
import { FONT_SIZE, px, svgRoot, svgText, textWidth } from "./svg-text.js";
import type { ChartOptions } from "./chart-options.js";

/** What a cartesian chart needs to lay out its frame. @internal */
export interface FrameSpec {
  readonly kind: string;
  readonly options: ChartOptions;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly legend?: readonly LegendItem[];
  readonly xFormat?: (value: number) => string;
  readonly yFormat?: (value: number) => string;
  /** Round the domains out to nice tick values (default true). */
  readonly nice?: boolean;
}

/** A laid-out cartesian chart: scales, plot box and the finished SVG around a body. @internal */
export interface Frame {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** The whole chart with `body` drawn between the grid and the axes. */
  render(body: string): string;
}

const TITLE_SPACE = 34;

/** Lays out a chart with linear x and y axes, grid lines, axis titles and a bottom legend. @internal */
export function cartesianFrame(spec: FrameSpec): Frame {
  const width = spec.options.width ?? 720;
  const plotHeight = spec.options.height ?? 320;
  const domain = (d: readonly [number, number]): [number, number] => {
    const [a, b] = [Math.min(d[0], d[1]), Math.max(d[0], d[1])];
    if (!Number.isFinite(a) || !Number.isFinite(b)) return [0, 1];
    if (a === b) return a === 0 ? [-1, 1] : [a - Math.abs(a) * 0.1, a + Math.abs(a) * 0.1];
    return [a, b];
  };
  const x = scaleLinear().domain(domain(spec.xDomain));
  const y = scaleLinear().domain(domain(spec.yDomain));
  if (spec.nice !== false) {
    x.nice(6);
    y.nice(6);
  }
  const yTicks = y.ticks(6);
  const yFormat = spec.yFormat ?? tickFormatter(stepOf(yTicks));
  const roughX = x.ticks(6);
  const roughFormat = spec.xFormat ?? tickFormatter(stepOf(roughX));
  const left = 30 + Math.max(...yTicks.map((t) => textWidth(yFormat(t))), 10);
  // Room for half of the last x tick label beyond the axis end.
  const right = width - Math.max(24, textWidth(roughFormat(roughX[roughX.length - 1] ?? 0)) / 2 + 6);
  const top = TITLE_SPACE;
  const bottom = top + plotHeight;
  x.range([left, right]);
  y.range([bottom, top]);
  const { ticks: xTicks, format: xFormat } = fitTicks(x, spec.xFormat);
  const legend = spec.legend ?? [];
  const legendTop = bottom + 52;
  const height = legendTop + legendHeight(legend, right - left) + 4;
  const grid =
    `<g class="grid" stroke="#e3e3e3" stroke-width="1">` +
    xTicks.map((t) => `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(top)}" y2="${px(bottom)}"/>`).join("") +
    yTicks.map((t) => `<line x1="${px(left)}" x2="${px(right)}" y1="${px(y(t))}" y2="${px(y(t))}"/>`).join("") +
    `</g>`;
  const axes =
    `<g class="axis axis-x" fill="#333">` +
    `<line x1="${px(left)}" x2="${px(right)}" y1="${px(bottom)}" y2="${px(bottom)}" stroke="#333"/>` +
    xTicks.map((t) => `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(bottom)}" y2="${px(bottom + 5)}" stroke="#333"/>` + svgText(x(t), bottom + 8 + FONT_SIZE, xFormat(t), 'class="tick" text-anchor="middle"')).join("") +
    svgText(titleX((left + right) / 2, spec.xLabel, width), bottom + 40, spec.xLabel, 'class="axis-label" text-anchor="middle" font-weight="600"') +
    `</g><g class="axis axis-y" fill="#333">` +
    `<line x1="${px(left)}" x2="${px(left)}" y1="${px(top)}" y2="${px(bottom)}" stroke="#333"/>` +
    yTicks.map((t) => `<line x1="${px(left - 5)}" x2="${px(left)}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="#333"/>` + svgText(left - 8, y(t) + FONT_SIZE / 3, yFormat(t), 'class="tick" text-anchor="end"')).join("") +
    svgText(0, 0, spec.yLabel, `class="axis-label" text-anchor="middle" font-weight="600" transform="translate(${px(14)} ${px((top + bottom) / 2)}) rotate(-90)"`) +
    `</g>`;
  return {
    x,
    y,
    left,
    right,
    top,
    bottom,
    render: (body) => svgRoot(spec.kind, width, height, spec.title, grid + `<g class="marks">${body}</g>` + axes + legendSvg(legend, left, legendTop, right - left)),
  };
}

function stepOf(ticks: readonly number[]): number {
  return ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
}

/** `[min, max]` of values, ignoring non-finite ones (`[0, 0]` when there are none). @internal */
export function extentOf(...series: readonly ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of series) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo > hi ? [0, 0] : [lo, hi];
}

/** A path `d` through points, skipping non-finite ones. @internal */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  let d = "";
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const a = xs[i]!;
    const b = ys[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${px(a)} ${px(b)}`;
    pen = true;
  }
  return d;
}
