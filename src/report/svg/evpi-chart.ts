import type { EvpiCurve } from "../../analysis/voi/evpi.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatMoney } from "../format/format-number.js";
import { cartesianFrame, extentOf, linePath } from "./chart-frame.js";
import type { ChartOptions } from "./chart-options.js";
import { px } from "./svg-text.js";
import { seriesColour } from "./palette.js";

/** Options of {@link evpiChart}. */
export interface EvpiChartOptions extends ChartOptions {
  /** Plot the population EVPI instead of per person (needs a curve computed with a population). */
  readonly population?: boolean;
  /** Thresholds marked with vertical lines. */
  readonly thresholds?: readonly number[];
  /** EVPPI curves drawn under the EVPI per person, each with its label (on the same WTP grid or any other). */
  readonly partial?: readonly {
    /** The group's name in the legend. */
    readonly label: string;
    /** Willingness-to-pay values of the curve. */
    readonly wtp: ArrayLike<number>;
    /** EVPPI per person at each value. */
    readonly perPerson: ArrayLike<number>;
  }[];
}

/**
 * The expected value of perfect information against willingness to pay as an SVG string, per
 * person or for the decision population (Claxton 1999; Briggs, Claxton & Sculpher 2006, ch. 7).
 * EVPI peaks where the decision is most uncertain, typically near an ICER.
 *
 * @param curve - from `evpi(psa, wtp)`
 * @param options - per person or population, thresholds, size, currency and effect unit
 * @returns an `<svg>` element as text
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * evpiChart(evpi(psa, [0, 20_000, 40_000, 60_000]), { currency: "SEK" }).includes("EVPI per person (SEK)") // => true
 * evpiChart(evpi(psa, [0, 40_000]), { partial: [{ label: "Effect", wtp: [0, 40_000], perPerson: [0, 1000] }] }).includes('class="evppi"') // => true
 */
export function evpiChart(curve: EvpiCurve, options: EvpiChartOptions = {}): string {
  const currency = options.currency ?? "";
  const effectUnit = options.effectUnit ?? "QALY";
  const population = options.population === true && curve.population !== null;
  const values = population ? curve.population! : curve.perPerson;
  const unit = currency === "" ? "" : ` (${currency})`;
  // EVPPI groups are per person: drawn only on the per-person chart.
  const partial = population ? [] : (options.partial ?? []);
  const legend = partial.length === 0 ? undefined : [{ label: "EVPI (all parameters)", colour: "#0072B2", mark: "line" as const }, ...partial.map((p, i) => ({ label: `EVPPI: ${p.label}`, colour: seriesColour(i + 1), mark: "line" as const }))];
  const frame = cartesianFrame({
    kind: "evpi",
    options,
    title: options.title ?? (population ? "Population expected value of perfect information" : "Expected value of perfect information"),
    xLabel: `Willingness to pay (${currency === "" ? "" : `${currency} `}per ${effectUnit})`,
    yLabel: population ? `Population EVPI${unit}` : `EVPI per person${unit}`,
    xDomain: [curve.wtp[0] ?? 0, curve.wtp[curve.wtp.length - 1] ?? 1],
    yDomain: [0, Math.max(extentOf(values, ...partial.map((p) => p.perPerson))[1], 0)],
    ...(legend === undefined ? {} : { legend }),
  });
  let body = "";
  for (const t of options.thresholds ?? []) {
    const [d0, d1] = frame.x.domain() as [number, number];
    if (t < d0 || t > d1) continue;
    body += `<line class="threshold" x1="${px(frame.x(t))}" x2="${px(frame.x(t))}" y1="${px(frame.top)}" y2="${px(frame.bottom)}" stroke="#777" stroke-dasharray="3 3"><title>${escapeXml(formatMoney(t, currency))}</title></line>`;
  }
  const xs = Array.from(curve.wtp, (w) => frame.x(w));
  const ys = Array.from(values, (v) => frame.y(v));
  body += `<path class="evpi" d="${linePath(xs, ys)}" fill="none" stroke="#0072B2" stroke-width="2.2"/>`;
  partial.forEach((p, i) => {
    const px2 = Array.from(p.wtp, (w) => frame.x(w));
    const py = Array.from(p.perPerson, (v) => frame.y(v));
    body += `<path class="evppi" data-group="${escapeXml(p.label)}" d="${linePath(px2, py)}" fill="none" stroke="${seriesColour(i + 1)}" stroke-width="1.8" stroke-dasharray="6 3"/>`;
  });
  return frame.render(body);
}
