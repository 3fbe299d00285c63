import type { CePlane, CePlaneSeries } from "../../analysis/psa/ce-plane.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatMoney } from "../format/format-number.js";
import { cartesianFrame, extentOf } from "./chart-frame.js";
import type { ChartOptions } from "./chart-options.js";
import type { LegendItem } from "./legend.js";
import { seriesColour } from "./palette.js";
import { px, svgText, textWidth } from "./svg-text.js";

/** Options of {@link cePlaneChart}. */
export interface CePlaneChartOptions extends ChartOptions {
  /** Willingness-to-pay lines to draw (currency per unit of effect), e.g. `[500_000, 1_000_000]`. */
  readonly wtp?: readonly number[];
  /** Every strategy in model order, so colours match the other charts (default: comparator, then the series). */
  readonly strategies?: readonly string[];
  /** Draw the 95% ellipse of each cloud (default true). */
  readonly ellipse?: boolean;
}

/** χ² quantile with 2 degrees of freedom at 0.95 (−2 ln 0.05): the 95% region of a bivariate normal. */
const CHI2_2_95 = -2 * Math.log(0.05);

/**
 * The cost-effectiveness plane as an SVG string: each PSA draw's incremental effect (x) and cost
 * (y) against the comparator, the mean of each cloud, its 95% ellipse (bivariate normal
 * approximation of the draws) and lines of constant willingness to pay through the origin
 * (Black 1990; Briggs, Claxton & Sculpher 2006, ch. 8). Draws are placed on whole pixels and
 * draws that fall on the same pixel are drawn once, which keeps a 5 000-draw plane small.
 *
 * @param plane - from `cePlane(psa)`
 * @param options - WTP lines, colours, size, currency and effect unit
 * @returns an `<svg>` element as text
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [100, 200, 150], B: [400, 300, 500] }, qaly: { A: [1, 1, 1], B: [1.5, 1.25, 1.4] } } });
 * const svg = cePlaneChart(cePlane(psa), { currency: "SEK", wtp: [1000] });
 * svg.match(/<circle cx/g).length // => 3
 * svg.includes("Incremental cost (SEK)") // => true
 */
export function cePlaneChart(plane: CePlane, options: CePlaneChartOptions = {}): string {
  const currency = options.currency ?? "";
  const effectUnit = options.effectUnit ?? "QALY";
  const order = options.strategies ?? [plane.comparator, ...plane.series.map((s) => s.strategy)];
  const colourOf = (strategy: string): string => seriesColour(Math.max(0, order.indexOf(strategy)));
  const ellipses = plane.series.map((s) => (options.ellipse === false ? null : ellipsePoints(s)));
  const [x0, x1] = extentOf([0], ...plane.series.map((s) => s.incrementalEffect), ...ellipses.filter((e) => e !== null).map((e) => e!.x));
  const [y0, y1] = extentOf([0], ...plane.series.map((s) => s.incrementalCost), ...ellipses.filter((e) => e !== null).map((e) => e!.y));
  const wtp = options.wtp ?? [];
  const legend: LegendItem[] = [
    ...plane.series.map((s) => ({ label: `${s.strategy} vs ${plane.comparator}`, colour: colourOf(s.strategy), mark: "dot" as const })),
    ...(wtp.length > 0 ? [{ label: "Willingness to pay", colour: "#555555", mark: "dash" as const }] : []),
  ];
  const frame = cartesianFrame({
    kind: "ce-plane",
    options,
    title: options.title ?? `Cost-effectiveness plane vs ${plane.comparator}`,
    xLabel: `Incremental effect (${effectUnit})`,
    yLabel: currency === "" ? "Incremental cost" : `Incremental cost (${currency})`,
    xDomain: [x0, x1],
    yDomain: [y0, y1],
    legend,
  });
  const { x, y } = frame;
  let body = `<g class="zero" stroke="#333" stroke-width="1">`;
  body += `<line x1="${px(frame.left)}" x2="${px(frame.right)}" y1="${px(y(0))}" y2="${px(y(0))}"/><line x1="${px(x(0))}" x2="${px(x(0))}" y1="${px(frame.top)}" y2="${px(frame.bottom)}"/></g>`;
  plane.series.forEach((series, k) => {
    const colour = escapeXml(colourOf(series.strategy));
    body += `<g class="draws" data-strategy="${escapeXml(series.strategy)}" fill="${colour}" fill-opacity="0.35">`;
    const seen = new Set<number>();
    for (let i = 0; i < series.incrementalEffect.length; i++) {
      const cx = Math.round(x(series.incrementalEffect[i]!));
      const cy = Math.round(y(series.incrementalCost[i]!));
      const key = cx * 65536 + cy;
      if (seen.has(key)) continue;
      seen.add(key);
      body += `<circle cx="${cx}" cy="${cy}" r="1.8"/>`;
    }
    body += `</g>`;
    const e = ellipses[k];
    if (e !== null && e !== undefined) {
      let d = "";
      for (let j = 0; j < e.x.length; j++) d += `${j === 0 ? "M" : "L"}${px(x(e.x[j]!))} ${px(y(e.y[j]!))}`;
      body += `<path class="ellipse" d="${d}Z" fill="none" stroke="${colour}" stroke-width="1.5" stroke-dasharray="4 2"/>`;
    }
  });
  const [dx0, dx1] = x.domain() as [number, number];
  const [dy0, dy1] = y.domain() as [number, number];
  // Labels already placed (left, top, right, bottom): lines ending close together stack their labels.
  const placed: [number, number, number, number][] = [];
  for (const w of wtp) {
    const segment = clipRay(w, dx0, dx1, dy0, dy1);
    if (segment === null) continue;
    const [a, b] = segment;
    body += `<line class="wtp-line" x1="${px(x(a[0]))}" y1="${px(y(a[1]))}" x2="${px(x(b[0]))}" y2="${px(y(b[1]))}" stroke="#555555" stroke-width="1.2" stroke-dasharray="6 4"/>`;
    // At the top edge the label goes below the line's end (and further down if taken), elsewhere above it (and further up).
    const text = `${formatMoney(w, currency)}/${effectUnit}`;
    const atTop = b[1] >= dy1 - (dy1 - dy0) * 1e-6;
    const right = x(b[0]) - 4;
    const left = right - textWidth(text, 11);
    let baseline = y(b[1]) + (atTop ? 14 : -6);
    const clash = (): boolean => placed.some(([l, t, r, bo]) => left < r && right > l && baseline - 11 < bo && baseline + 3 > t);
    for (let tries = 0; tries < placed.length && clash(); tries++) baseline += atTop ? 13 : -13;
    placed.push([left, baseline - 11, right, baseline + 3]);
    body += svgText(right, baseline, text, 'class="wtp-label" text-anchor="end" fill="#555555" font-size="11"');
  }
  for (const series of plane.series) {
    body += `<circle class="mean" data-strategy="${escapeXml(series.strategy)}" cx="${px(x(series.meanIncrementalEffect))}" cy="${px(y(series.meanIncrementalCost))}" r="5.5" fill="${escapeXml(colourOf(series.strategy))}" stroke="#000" stroke-width="1.5"/>`;
  }
  return frame.render(body);
}

/** The part of the line cost = wtp × effect inside the box, or null. */
function clipRay(wtp: number, x0: number, x1: number, y0: number, y1: number): [[number, number], [number, number]] | null {
  // Solve for the effect range where the cost stays within [y0, y1].
  let lo = x0;
  let hi = x1;
  if (wtp > 0) {
    lo = Math.max(lo, y0 / wtp);
    hi = Math.min(hi, y1 / wtp);
  } else if (!(y0 <= 0 && 0 <= y1)) return null;
  if (!(lo < hi)) return null;
  return [
    [lo, wtp * lo],
    [hi, wtp * hi],
  ];
}

/** 64 points of the 95% ellipse of a cloud (normal approximation), or null when degenerate. */
function ellipsePoints(series: CePlaneSeries): { x: Float64Array; y: Float64Array } | null {
  const n = series.incrementalEffect.length;
  if (n < 3) return null;
  const mx = series.meanIncrementalEffect;
  const my = series.meanIncrementalCost;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = series.incrementalEffect[i]! - mx;
    const dy = series.incrementalCost[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  sxx /= n - 1;
  syy /= n - 1;
  sxy /= n - 1;
  if (!(sxx > 0) || !(syy > 0)) return null;
  const half = (sxx + syy) / 2;
  const root = Math.sqrt(((sxx - syy) / 2) ** 2 + sxy ** 2);
  const l1 = Math.max(0, half + root);
  const l2 = Math.max(0, half - root);
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const a = Math.sqrt(CHI2_2_95 * l1);
  const b = Math.sqrt(CHI2_2_95 * l2);
  const points = 64;
  const xs = new Float64Array(points);
  const ys = new Float64Array(points);
  for (let j = 0; j < points; j++) {
    const phi = (2 * Math.PI * j) / points;
    const u = a * Math.cos(phi);
    const v = b * Math.sin(phi);
    xs[j] = mx + u * Math.cos(theta) - v * Math.sin(theta);
    ys[j] = my + u * Math.sin(theta) + v * Math.cos(theta);
  }
  return { x: xs, y: ys };
}
