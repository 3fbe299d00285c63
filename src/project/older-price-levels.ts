import type { ParameterRow } from "../parameters/describe-parameters.js";

/**
 * The sentence that lists the prices kept at an older price level than the model's price year,
 * read from each parameter's unit ("SEK per month (price year 2017)"); `undefined` when every
 * stated price year matches, or the model states none. A reader then knows which costs were not
 * inflated to the header's price year.
 *
 * @param rows - the parameter table (`ParameterSpace.describe()`)
 * @param priceYear - the model's price year (metadata or economic settings)
 * @returns one sentence, or `undefined`
 * @example
 * const rows = defineParameters({ cDrug: param(100, { unit: "SEK per month (price year 2017)" }), cVisit: param(5, { unit: "SEK (price year 2024)" }) }).describe();
 * olderPriceLevels(rows, 2024) // => "Prices at older price levels than the model's 2024 (not inflated): cDrug (2017)"
 * olderPriceLevels(rows, 2017) // => undefined
 */
export function olderPriceLevels(rows: readonly ParameterRow[], priceYear: number | undefined): string | undefined {
  if (priceYear === undefined) return undefined;
  const older = rows.flatMap((row) => {
    const year = /price year (\d{4})/i.exec(row.unit)?.[1];
    return year !== undefined && Number(year) < priceYear ? [`${row.name} (${year})`] : [];
  });
  return older.length === 0 ? undefined : `Prices at older price levels than the model's ${priceYear} (not inflated): ${older.join(", ")}`;
}
