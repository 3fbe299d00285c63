import type { BaseCaseResult } from "../../analysis/run/run-base-case.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatMoney } from "../format/format-number.js";
import { barFrame } from "./bar-frame.js";
import type { ChartOptions } from "./chart-options.js";
import { seriesColour } from "./palette.js";
import { px } from "./svg-text.js";

/** Options of {@link costBreakdownChart}. */
export interface CostBreakdownOptions extends ChartOptions {
  /** Outcomes to stack (default {@link costCategories} of the result). */
  readonly categories?: readonly string[];
}

/**
 * The cost-category outcomes of a base-case result: names `cost` followed by a capital letter,
 * digit or `_` (`costDrug`, `costTest`, `cost_hospital`), except undiscounted variants and a
 * microsimulation's Monte Carlo standard errors (`costMcse`), which are not costs.
 *
 * @param base - a result of `runBaseCase`
 * @returns the category outcome names, in model order
 * @example
 * const model = { title: "Demo", strategies: ["A"], outcomes: ["cost", "costDrug", "costCare", "costUndiscounted", "costMcse", "qaly"], evaluateInto(p, out) { out.set([3, 1, 2, 3, 0.1, 1]); } };
 * costCategories(runBaseCase(model, {})) // => ["costDrug", "costCare"]
 */
export function costCategories(base: BaseCaseResult): string[] {
  return base.outcomes.filter((o) => /^cost[A-Z0-9_]/.test(o) && !/undiscounted/i.test(o) && !/Mcse$/.test(o));
}

/**
 * Base-case costs per strategy broken down by category, as stacked horizontal bars (SVG string):
 * where the money goes (drug, testing, care …) and how the strategies differ.
 *
 * @param base - a result of `runBaseCase` whose model has cost-category outcomes
 * @param options - categories, size and currency
 * @returns an `<svg>` element as text
 * @example
 * const model = { title: "Demo", strategies: ["A", "B"], outcomes: ["cost", "costDrug", "costCare", "qaly"], evaluateInto(p, out) { out.set([3, 1, 2, 1, 5, 4, 1, 1.2]); } };
 * costBreakdownChart(runBaseCase(model, {}), { currency: "SEK" }).match(/<rect class="segment"/g).length // => 4
 */
export function costBreakdownChart(base: BaseCaseResult, options: CostBreakdownOptions = {}): string {
  const currency = options.currency ?? "";
  const categories = options.categories ?? costCategories(base);
  let lo = 0;
  let hi = 0;
  for (const strategy of base.strategies) {
    let pos = 0;
    let neg = 0;
    for (const c of categories) {
      const v = base.values[strategy]![c] ?? 0;
      if (v >= 0) pos += v;
      else neg += v;
    }
    hi = Math.max(hi, pos);
    lo = Math.min(lo, neg);
  }
  const frame = barFrame({
    kind: "cost-breakdown",
    options,
    title: options.title ?? "Base-case cost by category",
    xLabel: currency === "" ? "Cost" : `Cost (${currency})`,
    xDomain: [lo, hi],
    categories: base.strategies,
    legend: categories.map((c, k) => ({ label: c, colour: seriesColour(k), mark: "box" as const })),
  });
  let body = "";
  base.strategies.forEach((strategy, i) => {
    let pos = 0;
    let neg = 0;
    categories.forEach((category, k) => {
      const v = base.values[strategy]![category] ?? 0;
      const from = v >= 0 ? pos : neg + v;
      if (v >= 0) pos += v;
      else neg += v;
      const x0 = frame.x(from);
      const x1 = frame.x(from + Math.abs(v));
      body += `<rect class="segment" data-category="${escapeXml(category)}" x="${px(x0)}" y="${px(frame.rowTop(i) + 4)}" width="${px(Math.max(0, x1 - x0))}" height="${px(frame.rowHeight - 8)}" fill="${seriesColour(k)}"><title>${escapeXml(`${strategy}, ${category}: ${formatMoney(v, currency)}`)}</title></rect>`;
    });
  });
  return frame.render(body);
}
