import type { BudgetImpactResult } from "../../analysis/bia/budget-impact.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatMoney } from "../format/format-number.js";
import { barFrame } from "./bar-frame.js";
import type { ChartOptions } from "./chart-options.js";
import { px, svgText } from "./svg-text.js";

/**
 * A budget impact chart (SVG string): per year, the total cost to the budget without and with the
 * new technology as a pair of bars, with the net budget impact written beside them (Sullivan et
 * al. 2014, ISPOR BIA Good Practice II).
 *
 * @param result - from `budgetImpact(...)`
 * @param options - size, title and currency
 * @returns an `<svg>` element as text
 * @example
 * const bia = budgetImpact({ years: 2, population: 100, costPerPatient: { Old: [1000, 500], New: [3000, 500] }, marketShares: { reference: { Old: 1 }, new: { Old: [0.5, 0], New: [0.5, 1] } } });
 * budgetImpactChart(bia, { currency: "SEK" }).match(/<rect class="bar-(reference|new)"/g).length // => 4
 */
export function budgetImpactChart(result: BudgetImpactResult, options: ChartOptions = {}): string {
  const currency = options.currency ?? "";
  const totals = [...result.reference.total, ...result.new.total];
  const frame = barFrame({
    kind: "budget-impact",
    options,
    title: options.title ?? "Budget impact per year",
    xLabel: currency === "" ? "Total cost" : `Total cost (${currency})`,
    // Headroom on the right for the net-impact labels.
    xDomain: [Math.min(0, ...totals), Math.max(0, ...totals) * 1.3],
    categories: result.years.map((year) => `Year ${year}`),
    legend: [
      { label: "Without the new technology", colour: "#0072B2", mark: "box" },
      { label: "With the new technology", colour: "#E69F00", mark: "box" },
    ],
  });
  const { x } = frame;
  let body = "";
  result.years.forEach((year, t) => {
    const top = frame.rowTop(t) + 3;
    const h = (frame.rowHeight - 6) / 2;
    const bars = [["bar-reference", result.reference.total[t]!, "#0072B2"], ["bar-new", result.new.total[t]!, "#E69F00"]] as const;
    bars.forEach(([cls, value, colour], k) => {
      const a = Math.min(x(0), x(value));
      body += `<rect class="${cls}" x="${px(a)}" y="${px(top + k * h)}" width="${px(Math.abs(x(value) - x(0)))}" height="${px(h - 1)}" fill="${colour}"><title>${escapeXml(`Year ${year}: ${formatMoney(value, currency)}`)}</title></rect>`;
    });
    const end = Math.max(x(result.reference.total[t]!), x(result.new.total[t]!));
    const net = result.netImpact[t]!;
    const label = `net ${net >= 0 ? "+" : ""}${formatMoney(net, currency)}`;
    body += svgText(end + 6, top + h + 4, label, 'class="net" font-size="11" fill="#333"');
  });
  return frame.render(body);
}
