/** A plain-text table for the terminal: columns padded to width, numbers right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly boolean[] = []): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (rightAligned[c] === true ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A whole amount with thousands separators (`1 234 567`); empty for `null`. */
export function money(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value);
  return (rounded < 0 ? "-" : "") + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** A number with `digits` decimals; empty for `null`. */
export function fixed(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? "" : value.toFixed(digits);
}

/** A probability as a percentage with one decimal. */
export function percent(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

/** A parameter value: whole amounts with separators from 1 000 up, else four significant digits. */
export function value(x: number | null | undefined): string {
  if (x === null || x === undefined) return "";
  return Math.abs(x) >= 1000 ? money(x) : String(Number(x.toPrecision(4)));
}
