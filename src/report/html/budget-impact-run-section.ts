import { escapeXml } from "../format/escape-xml.js";
import { formatMoney } from "../format/format-number.js";
import { tableToHtml } from "../format/report-table.js";
import { budgetImpactRunTables } from "../tables/budget-impact-run-tables.js";
import type { ReportContext } from "./report-context.js";

/** The model-driven budget-impact section (`budgetImpactRun` of the input): a sentence, then its tables. @internal */
export function budgetImpactRunSection(context: ReportContext): string {
  const run = context.input.budgetImpactRun;
  if (run === undefined) return "";
  const { base, uncertainty } = run;
  const last = base.years.length - 1;
  const testing = Object.entries(base.net.cumulativeByCategory).map(([label, values]) => `${label} ${formatMoney(values[last], context.currency)}`).join(", ");
  const interval = uncertainty === undefined ? "" : ` (95% interval of the PSA draws ${formatMoney(uncertainty.cumulative.lower[last], context.currency)} to ${formatMoney(uncertainty.cumulative.upper[last], context.currency)})`;
  const sentence = `Over ${base.years.length} years the net budget impact is ${formatMoney(base.net.cumulative[last], context.currency)}${interval}${testing === "" ? "" : `: ${testing}`}. Costs per patient come from the model by year since start, undiscounted, from the same parameters as the cost-effectiveness analysis.`;
  const tables = budgetImpactRunTables(run, context.currency, context.input.parameters ?? []).map(tableToHtml).join("");
  return `<section class="major"><h2>Budget impact</h2><p>${escapeXml(sentence)}</p>${tables}</section>`;
}
