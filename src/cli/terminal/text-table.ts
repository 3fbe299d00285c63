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

/** A whole amount with thousands separators (`1 234 567`); empty for `null`; a non-zero amount below 0.5 in two significant digits (`0.042`), never `0`. */
export function money(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 0.5) return String(Number(value.toPrecision(2)));
  const rounded = Math.round(value);
  return (rounded < 0 ? "-" : "") + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** A number with `digits` decimals; empty for `null`; a non-zero value that would print as zero in two significant digits (`0.00042`). */
export function fixed(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return "";
  const text = value.toFixed(digits);
  return value !== 0 && Number(text) === 0 ? String(Number(value.toPrecision(2))) : text;
}

/** A probability as a percentage with one decimal; `<0.1%` and `>99.9%` rather than a rounded 0.0 % or 100.0 % that is not exact. */
export function percent(value: number): string {
  const text = (100 * value).toFixed(1);
  if (value > 0 && text === "0.0") return "<0.1%";
  if (value < 1 && text === "100.0") return ">99.9%";
  return `${text}%`;
}

/** A parameter value: whole amounts with separators from 1 000 up, else four significant digits. */
export function value(x: number | null | undefined): string {
  if (x === null || x === undefined) return "";
  return Math.abs(x) >= 1000 ? money(x) : String(Number(x.toPrecision(4)));
}
