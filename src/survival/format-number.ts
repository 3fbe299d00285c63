/** Six significant digits, without trailing zeros: what a reader of a report wants to see. */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}
