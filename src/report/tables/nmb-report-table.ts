import type { CostEffectRow } from "../../analysis/cea/icer-table.js";
import type { ProbabilityCostEffectiveRow } from "../../analysis/acceptability/probability-cost-effective.js";
import { formatMoney, formatPercent } from "../format/format-number.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";
import { moneyText, unitsOf, type UnitOptions } from "./table-options.js";

/** Options of {@link nmbReportTable}. */
export interface NmbTableOptions extends UnitOptions {
  /** Probabilities of being cost-effective from a PSA (`probabilityCostEffective`), shown next to each NMB. */
  readonly probabilities?: readonly ProbabilityCostEffectiveRow[];
}

/**
 * Net monetary benefit (`wtp × effect − cost`) of every strategy at each threshold, with the
 * probability of being cost-effective when PSA results are given. The strategy with the highest
 * NMB at a threshold is the cost-effective choice (Stinnett & Mullahy 1998); it is marked `*`.
 *
 * @param rows - base-case cost and effect per strategy (`runBaseCase(...).summary`)
 * @param thresholds - willingness to pay per unit of effect
 * @param options - currency, effect unit and PSA probabilities
 * @returns the table
 * @example
 * const table = nmbReportTable([{ strategy: "A", cost: 1000, effect: 1 }, { strategy: "B", cost: 301000, effect: 1.5 }], [500000], { currency: "SEK" });
 * table.columns // => ["Strategy", "NMB at SEK 500 000 per QALY"]
 * table.rows.map((row) => row[1].text) // => ["499 000 *", "449 000"]
 */
export function nmbReportTable(rows: readonly CostEffectRow[], thresholds: readonly number[], options: NmbTableOptions = {}): ReportTable {
  const { currency, effectUnit } = unitsOf(options);
  const probabilities = options.probabilities;
  const columns = ["Strategy"];
  for (const wtp of thresholds) {
    columns.push(`NMB at ${formatMoney(wtp, currency)} per ${effectUnit}`);
    if (probabilities !== undefined) columns.push(`P(cost-effective) at ${formatMoney(wtp, currency)}`);
  }
  const best = thresholds.map((wtp) => Math.max(...rows.map((row) => wtp * row.effect - row.cost)));
  return {
    caption: "Net monetary benefit at the thresholds (base case; * highest)",
    columns,
    numeric: columns.map((_, k) => k > 0),
    rows: rows.map((row) => [
      textCell(row.strategy),
      ...thresholds.flatMap((wtp, t) => {
        const nmb = wtp * row.effect - row.cost;
        const cells = [numberCell(nmb, (v) => `${moneyText(v)}${v === best[t] ? " *" : ""}`)];
        if (probabilities !== undefined) {
          const found = probabilities.find((p) => p.wtp === wtp && p.strategy === row.strategy);
          cells.push(numberCell(found?.probability, (v) => formatPercent(v, 1)));
        }
        return cells;
      }),
    ]),
  };
}
