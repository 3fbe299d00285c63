import { escapeXml } from "../format/escape-xml.js";
import { formatMoney } from "../format/format-number.js";
import { cartesianFrame, linePath } from "./chart-frame.js";
import type { ChartOptions } from "./chart-options.js";
import { px } from "./svg-text.js";

/** Options of {@link runningMeanChart}. */
export interface RunningMeanChartOptions extends ChartOptions {
  /** What the values are, for the y axis, e.g. "Incremental NMB of NGS vs CONV (SEK)". */
  readonly label?: string;
}

/**
 * The running mean of a PSA output over the draws, with a band of ± 1.96 Monte Carlo standard
 * errors, as an SVG string: the convergence plot reviewers ask for (TECH-VER, Büyükkaramikli et al.
 * 2019). A flat line inside a narrow band that excludes 0 means the draws suffice for the decision.
 * At most 400 points are drawn, evenly spaced over the draws.
 *
 * @param values - one value per draw, e.g. the incremental net monetary benefit
 * @param options - axis label, size, currency
 * @returns an `<svg>` element as text
 * @example
 * runningMeanChart(Float64Array.from({ length: 500 }, (_, i) => (i % 7) - 2)).includes('class="running-mean"') // => true
 */
export function runningMeanChart(values: ArrayLike<number>, options: RunningMeanChartOptions = {}): string {
  const n = values.length;
  const points = Math.min(400, n);
  const draws: number[] = [];
  const means: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  let sum = 0;
  let sumSquares = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sum += v;
    sumSquares += v * v;
    // Evenly spaced draws, always including the last one.
    if (i + 1 >= Math.round(((next + 1) * n) / points)) {
      const k = i + 1;
      const mean = sum / k;
      const variance = k > 1 ? Math.max(0, (sumSquares - k * mean * mean) / (k - 1)) : 0;
      const se = Math.sqrt(variance / k);
      draws.push(k);
      means.push(mean);
      lows.push(mean - 1.96 * se);
      highs.push(mean + 1.96 * se);
      next++;
    }
  }
  // The first few draws have wide bands: the y range follows the band from the tenth point on.
  const from = Math.min(10, Math.max(0, draws.length - 1));
  const lo = Math.min(0, ...lows.slice(from), ...means);
  const hi = Math.max(0, ...highs.slice(from), ...means);
  const frame = cartesianFrame({
    kind: "running-mean",
    options,
    title: options.title ?? "PSA convergence: running mean",
    xLabel: "PSA draws",
    yLabel: options.label ?? "Running mean",
    xDomain: [0, Math.max(1, n)],
    yDomain: [lo, hi === lo ? lo + 1 : hi],
  });
  const clampY = (v: number): number => frame.y(Math.min(hi, Math.max(lo, v)));
  const xs = draws.map((d) => frame.x(d));
  const band = `${linePath(xs, highs.map(clampY))} L${[...xs].reverse().map((x, i) => `${px(x)},${px(clampY(lows[lows.length - 1 - i]!))}`).join(" L")} Z`;
  let body = `<path class="band" d="${band}" fill="#0072B2" fill-opacity="0.15" stroke="none"/>`;
  body += `<line class="zero" x1="${px(frame.left)}" x2="${px(frame.right)}" y1="${px(frame.y(0))}" y2="${px(frame.y(0))}" stroke="#777" stroke-dasharray="3 3"><title>${escapeXml(formatMoney(0, options.currency ?? ""))}</title></line>`;
  body += `<path class="running-mean" d="${linePath(xs, means.map((m) => frame.y(m)))}" fill="none" stroke="#0072B2" stroke-width="2"/>`;
  return frame.render(body);
}
