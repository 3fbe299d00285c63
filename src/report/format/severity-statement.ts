import type { EconomicSettings } from "../../analysis/cea/economic-settings.js";
import { formatMoney } from "./format-number.js";

/**
 * The sentence that tells a reader how the payer judges the condition's severity and which cost
 * per QALY that points to, from the economic settings; `undefined` when no severity is stated.
 * TLV's figures are stated as practice, not law; NICE's modifier as the QALY weight and the
 * threshold range it is equivalent to.
 *
 * @param settings - resolved economic settings
 * @param effectUnit - unit of effect (default `"QALY"`)
 * @returns one sentence, or `undefined`
 * @example
 * const sweden = economicSettings({ preset: "sweden", severity: "very high" });
 * severityStatement(sweden) // => "TLV judges this severity very high; reference about SEK 1 000 000 per QALY (TLV practice, not law)."
 * const england = economicSettings({ preset: "england", severity: "1.7x" });
 * severityStatement(england) // => "NICE's severity modifier weights QALYs 1.7×: equivalent to GBP 34 000–51 000 per QALY (NICE manual PMG36, 2022)."
 */
export function severityStatement(settings: EconomicSettings, effectUnit = "QALY"): string | undefined {
  const severity = settings.severity;
  if (severity === undefined) return undefined;
  const money = (value: number): string => formatMoney(value, settings.currency);
  if (severity.qalyWeight !== undefined && severity.weightedRange !== undefined) {
    const [from, to] = severity.weightedRange;
    const range = from === to ? money(from) : `${money(from)}–${formatMoney(to, "")}`;
    if (severity.qalyWeight === 1) return `${settings.payer}'s severity modifier does not apply: ${range} per ${effectUnit}.`;
    return `${settings.payer}'s severity modifier weights ${effectUnit}s ${severity.qalyWeight}×: equivalent to ${range} per ${effectUnit} (NICE manual PMG36, 2022).`;
  }
  if (severity.reference !== undefined) return `${settings.payer} judges this severity ${severity.level}; reference about ${money(severity.reference)} per ${effectUnit} (${settings.payer} practice, not law).`;
  return `${settings.payer} judges this severity ${severity.level}; ${settings.payer} publishes no reference cost per ${effectUnit} for this level.`;
}
