/**
 * Thousands separator of every formatted number: a plain space, as in Swedish (and SI) reports,
 * e.g. `500 000`. A plain space keeps Markdown and terminal output readable; HTML tables keep
 * numbers on one line with no-break spaces (`tableToHtml`). CSV files carry raw numbers instead.
 *
 * @example THOUSANDS_SEPARATOR // => " "
 */
export const THOUSANDS_SEPARATOR = " ";

/**
 * Formats a number with a fixed number of decimals, a space between thousands and a decimal
 * point; `–` for `null`/`undefined` and the words for non-finite values.
 *
 * @param value - the number
 * @param decimals - decimals shown, 0–10 (default 0)
 * @returns the text, e.g. `"1 234 567.9"`
 * @example formatNumber(1234567.89, 1) // => "1 234 567.9"
 * @example formatNumber(-500000) // => "-500 000"
 */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined) return "–";
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  const fixed = Math.abs(value).toFixed(Math.max(0, Math.min(10, Math.trunc(decimals))));
  const [whole, fraction] = fixed.split(".") as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, THOUSANDS_SEPARATOR);
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/**
 * Formats an amount of money as `<currency> <amount>`, rounded to whole units; a currency written
 * in words (lower-case letters, e.g. the neutral "currency units") follows the amount.
 *
 * @param value - amount in the model's currency
 * @param currency - ISO code, e.g. `"SEK"` (omitted when empty), or words such as `"currency units"`
 * @param decimals - decimals shown (default 0)
 * @returns the text
 * @example formatMoney(500000, "SEK") // => "SEK 500 000"
 * @example formatMoney(500000, "currency units") // => "500 000 currency units"
 */
export function formatMoney(value: number | null | undefined, currency: string, decimals = 0): string {
  const amount = formatNumber(value, decimals);
  if (currency === "" || value === null || value === undefined) return amount;
  return /[a-z]/.test(currency) ? `${amount} ${currency}` : `${currency} ${amount}`;
}

/**
 * Formats a probability (0–1) as a percentage.
 *
 * @param probability - a share in [0, 1]
 * @param decimals - decimals of the percentage (default 0)
 * @returns the text, e.g. `"62%"`
 * @example formatPercent(0.6234) // => "62%"
 */
export function formatPercent(probability: number | null | undefined, decimals = 0): string {
  if (probability === null || probability === undefined) return "–";
  return `${formatNumber(probability * 100, decimals)}%`;
}

/**
 * Formats a number for a table where magnitudes vary (parameter values): whole numbers from
 * 1 000 up, otherwise `significant` significant digits, never in exponent notation.
 *
 * @param value - the number
 * @param significant - significant digits for values below 1 000 (default 3)
 * @returns the text
 * @example formatValue(0.0123456) // => "0.0123"
 * @example formatValue(15000.4) // => "15 000"
 */
export function formatValue(value: number | null | undefined, significant = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return formatNumber(value);
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  if (magnitude >= 3) return formatNumber(value, 0);
  return formatNumber(value, Math.min(10, Math.max(0, significant - 1 - magnitude))).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/**
 * A tick-label formatter for evenly spaced ticks: just enough decimals for the step.
 *
 * @param step - the distance between ticks (> 0)
 * @returns a function formatting one tick value
 * @example tickFormatter(0.25)(0.5) // => "0.50"
 * @example tickFormatter(250000)(1500000) // => "1 500 000"
 */
export function tickFormatter(step: number): (value: number) => string {
  const decimals = step > 0 && Number.isFinite(step) ? Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9))) : 0;
  // 0.25 needs two decimals although its magnitude is 10⁻¹.
  const exact = (d: number): boolean => Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6;
  let shown = decimals;
  while (shown < 10 && !exact(shown)) shown++;
  return (value: number) => formatNumber(Math.abs(value) < step * 1e-9 ? 0 : value, shown);
}
