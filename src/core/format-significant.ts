/**
 * Formats a number to 6 significant digits without trailing zeros, as a modeller would write a
 * parameter (`Beta(α=94.99999999, β=5)` reads `Beta(α=95, β=5)`); integers and non-finite values as written.
 */
export function formatSignificant(value: number): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** Formats a list of numbers as `[1, 2, 3]` with {@link formatSignificant}. */
export function formatList(values: readonly number[]): string {
  return `[${values.map(formatSignificant).join(", ")}]`;
}
