import { numberCell, tableToHtml, textCell, type ReportTable } from "../format/report-table.js";
import { formatMoney, formatNumber } from "../format/format-number.js";
import type { ReportContext } from "./report-context.js";

/** Rows shown; the rest are counted in a note. */
const SHOWN = 15;

/** The EVPPI ranking of every parameter, with standard errors, at the report's thresholds. @internal */
export function evppiRankingSection(context: ReportContext): string {
  const { input, currency, effectUnit, labels } = context;
  const ranking = input.evppiRanking;
  if (ranking === undefined || ranking.rows.length === 0 || context.degenerate) return "";
  const wtp = Array.from(ranking.wtp);
  const shown = ranking.rows.slice(0, SHOWN);
  const withSe = (v: number, se: number | undefined) => (se === undefined ? formatNumber(v) : `${formatNumber(v)} (± ${formatNumber(se)})`);
  const table: ReportTable = {
    caption: `EVPPI per person${currency === "" ? "" : ` (${currency})`} of each parameter learnt alone, largest first at ${formatMoney(ranking.rankedAt, currency)} per ${effectUnit} (standard error in brackets)`,
    // The label a reader knows the parameter by, and its name in the model file.
    columns: ["Rank", "Parameter", "Name", ...wtp.map((w) => `at ${formatMoney(w, currency)} per ${effectUnit}`)],
    numeric: [true, false, false, ...wtp.map(() => true)],
    rows: shown.map((row, i) => [
      numberCell(i + 1, (v) => String(v)),
      textCell(labels[row.parameter] ?? row.parameter),
      textCell(row.parameter),
      ...wtp.map((_, g) => numberCell(row.perPerson[g]!, (v) => withSe(v, row.standardError?.[g]))),
    ]),
  };
  const rest = ranking.rows.length - shown.length;
  const more = rest > 0 ? ` ${rest} more parameter${rest === 1 ? "" : "s"} rank below these.` : "";
  return `<section><h2>EVPPI ranking</h2><p class="note">Which single uncertainty is most worth resolving: each parameter's EVPPI by regression on the PSA draws (penalised splines, Strong, Oakley &amp; Brennan 2014); the standard error reflects the regression, not the number of draws.${more}</p>${tableToHtml(table)}</section>`;
}
