import { formatNumber, formatValue } from "../format/format-number.js";

/** Units shown in report tables and chart axes. */
export interface UnitOptions {
  /** Currency code of all costs, e.g. `"SEK"` (default `""`: no currency shown). */
  readonly currency?: string;
  /** Unit of effect, e.g. `"QALY"` (default `"QALY"`). */
  readonly effectUnit?: string;
}

/** Currency and effect unit with defaults applied. @internal */
export function unitsOf(options: UnitOptions): { readonly currency: string; readonly effectUnit: string } {
  return { currency: options.currency ?? "", effectUnit: options.effectUnit ?? "QALY" };
}

/** `"SEK per QALY"`, or `"per QALY"` without a currency. @internal */
export function perEffect(currency: string, effectUnit: string): string {
  return `${currency === "" ? "" : `${currency} `}per ${effectUnit}`;
}

/** A column header with its unit in parentheses, e.g. `Cost (SEK)`. @internal */
export function withUnit(header: string, unit: string): string {
  return unit === "" ? header : `${header} (${unit})`;
}

/** An amount of money: whole units from 100 up, else 3 significant digits (a CAD 4.72 drug). @internal */
export function moneyText(value: number): string {
  return Math.abs(value) >= 100 ? formatNumber(value) : formatValue(value, 3);
}

/** An effect: 3 decimals (a column of QALYs lines up), 3 significant digits below 0.01 QALY. @internal */
export function effectText(value: number): string {
  return value !== 0 && Math.abs(value) < 0.01 ? formatValue(value, 3) : formatNumber(value, 3);
}
