import type { ThresholdResult } from "../../analysis/dsa/threshold.js";
import { formatMoney, formatNumber } from "./format-number.js";

/** What {@link thresholdStatement} needs to speak in the model's terms. @internal */
export interface ThresholdWording {
  /** Currency code, e.g. `"SEK"`. */
  readonly currency: string;
  /** Unit of effect, e.g. `"QALY"`. */
  readonly effectUnit: string;
  /** The parameter's label, e.g. "Broad NGS panel per test (in-house)"; default its name. */
  readonly label?: string;
  /** The parameter's unit, e.g. "SEK per test (price year 2024, assumed)"; the part before a parenthesis is shown. */
  readonly unit?: string;
}

/**
 * A threshold analysis as a sentence a decision-maker can act on: which strategy is cost-effective
 * versus which, at what willingness to pay, up to or from what value of the parameter, and where the
 * parameter is today, e.g. "At SEK 1 000 000 per QALY, NGS-BROAD is cost-effective versus HOTSPOT if
 * Broad NGS panel per test [cNgs] is at most 18 262 SEK per test (base case 12 000 SEK per test)".
 * Measures other than NMB keep the analysis' own message. @internal
 */
export function thresholdStatement(t: ThresholdResult, wording: ThresholdWording): string {
  if (t.measure !== "nmb") return t.message;
  const unitText = (wording.unit ?? "").split(" (")[0]!.trim();
  // Four significant digits below 1 000, whole numbers with separators above: a price or a probability as a reader writes it.
  const value = (x: number): string => `${Math.abs(x) >= 1000 ? formatNumber(x) : String(Number(x.toPrecision(4)))}${unitText === "" ? "" : ` ${unitText}`}`;
  const name = wording.label === undefined || wording.label === t.parameter ? t.parameter : `${wording.label} [${t.parameter}]`;
  const at = `At ${formatMoney(t.wtp, wording.currency)} per ${wording.effectUnit}`;
  const today = `base case ${value(t.baseValue)}`;
  const [a, b] = t.strategies;
  if (t.status === "indifferent") return `${at}, ${a} and ${b} have equal net monetary benefit for every ${name} from ${value(t.range[0])} to ${value(t.range[1])}.`;
  if (t.status === "none") {
    const other = t.higher === a ? b : a;
    // A price (its unit is in the model's currency) gets the sentence a payer asks for: no price makes it cost-effective.
    const isPrice = wording.currency !== "" && unitText.startsWith(wording.currency);
    const verdict = isPrice ? `no price in this range makes ${other} cost-effective` : "no value in this range changes the decision";
    return `${at}, ${t.higher} is cost-effective versus ${other} for every ${name} from ${value(t.range[0])} to ${value(t.range[1])} (${today}): ${verdict}.`;
  }
  if (t.roots.length === 1) {
    const root = t.roots[0]!;
    if (root.higherBelow === root.higherAbove) return `${at}, ${a} and ${b} have equal net monetary benefit only at ${name} = ${value(root.value)}, where neither overtakes the other (${today}).`;
    return `${at}, ${root.higherBelow} is cost-effective versus ${root.higherAbove} if ${name} is at most ${value(root.value)} (${today}); above it, ${root.higherAbove} is.`;
  }
  return `${at}, ${a} and ${b} have equal net monetary benefit at ${name} = ${t.roots.map((r) => value(r.value)).join(", ")} (${today}); the better of the two changes at each.`;
}

/** A parameter row's label and unit for {@link thresholdStatement}, leaving out what the row does not have. @internal */
export function optionalWording(row: { readonly label?: string | null; readonly unit?: string | null } | undefined): Pick<ThresholdWording, "label" | "unit"> {
  return { ...(row?.label == null || row.label === "" ? {} : { label: row.label }), ...(row?.unit == null || row.unit === "" ? {} : { unit: row.unit }) };
}
