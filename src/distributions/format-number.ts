/**
 * Formats a parameter for `toString()`: integers as written, other numbers to 6 significant
 * digits, so a fitted Beta(α=94.99999999, β=5) still reads as a modeller would write it.
 */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** Formats a list of numbers as `[1, 2, 3]`. */
export function formatList(values: readonly number[]): string {
  return `[${values.map(formatNumber).join(", ")}]`;
}
