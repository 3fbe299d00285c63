import { IssueCollector, type PathSegment } from "../../core/errors.js";
import { didYouMean } from "../../core/closest-name.js";
import { ECONOMIC_PRESETS, NEUTRAL_PRESET, type DiscountRates, type SeverityLevel } from "./economic-presets.js";
import type { WtpRange } from "./wtp-grid.js";
import { ownEntry } from "../../core/own-entry.js";

/** Economic settings as written by a user: a preset, explicit values, or both (values override the preset). */
export interface EconomicSettingsInput {
  /** `"sweden"`, `"england"` or `"neutral"` (default `"neutral"`). */
  readonly preset?: string;
  /** Currency code of costs, e.g. `"SEK"`. */
  readonly currency?: string;
  /** Price year of the costs. */
  readonly priceYear?: number;
  /** Decision thresholds per unit of effect, each > 0. */
  readonly thresholds?: readonly number[];
  /** Grid of the CEAC and EVPI curves. */
  readonly grid?: WtpRange;
  /** Annual discount rates, each in [0, 1). */
  readonly discountRate?: Partial<DiscountRates>;
  /** BCP 47 locale of numbers, e.g. `"sv-SE"`. */
  readonly locale?: string;
  /** The condition's severity, one of the preset's levels (e.g. `"very high"` for TLV). */
  readonly severity?: string;
}

/** A stated severity level; with a QALY weight, the threshold range it is equivalent to. */
export interface StatedSeverity extends SeverityLevel {
  /** The thresholds' range times the QALY weight, e.g. GBP 34 000–51 000 for NICE's 1.7×. */
  readonly weightedRange?: readonly [number, number];
}

/** Economic settings as one value: every analysis, table and report reads its units and thresholds here. */
export interface EconomicSettings {
  /** The preset the values start from. */
  readonly preset: string;
  /** Whose conventions, e.g. `"TLV"`; empty for the neutral preset. */
  readonly payer: string;
  /** Currency of costs, e.g. `"SEK"`, or `"currency units"`. */
  readonly currency: string;
  /** Price year, when stated. */
  readonly priceYear?: number;
  /** Decision thresholds per unit of effect. */
  readonly thresholds: readonly number[];
  /** Grid of the CEAC and EVPI curves. */
  readonly grid: WtpRange;
  /** Annual discount rates of costs and effects. */
  readonly discountRate: DiscountRates;
  /** BCP 47 locale of numbers. */
  readonly locale: string;
  /** The stated severity level with the payer's reference, when a level was given. */
  readonly severity?: StatedSeverity;
  /** Where the preset's figures come from. */
  readonly source: string;
}

/**
 * Resolves economic settings: the preset's values, overridden by explicit ones, checked.
 *
 * A health economist states the decision context once (whose thresholds, which currency and
 * price year, which discount rates, how severe the condition is) and every output takes its units
 * and thresholds from it. With no preset the neutral one is used, which names no currency.
 *
 * @param input - a preset name and/or explicit values
 * @param path - where the settings are, for error messages (default `["economics"]`)
 * @returns the frozen settings
 * @throws QalyError `invalid_argument` naming the setting: an unknown preset or severity level, a
 *   threshold ≤ 0, a discount rate outside [0, 1), a non-integer price year, an invalid locale
 * @example
 * const sweden = economicSettings({ preset: "sweden", severity: "very high" });
 * sweden.severity // => { level: "very high", reference: 1000000 }
 * economicSettings({}).currency // => "currency units"
 */
export function economicSettings(input: EconomicSettingsInput, path: readonly PathSegment[] = ["economics"]): EconomicSettings {
  const issues = new IssueCollector();
  const name = input.preset ?? "neutral";
  const preset = ownEntry(ECONOMIC_PRESETS, name);
  if (preset === undefined) {
    const known = Object.keys(ECONOMIC_PRESETS);
    issues.add({ code: "invalid_argument", path: [...path, "preset"], message: `unknown economic preset '${name}'; ${didYouMean(name, known)}`, received: name, expected: known.join(", ") });
  }
  const base = preset ?? NEUTRAL_PRESET;
  const thresholds = input.thresholds ?? base.thresholds;
  if (thresholds.length === 0) issues.add({ code: "invalid_argument", path: [...path, "thresholds"], message: "at least one decision threshold is needed" });
  thresholds.forEach((t, i) => {
    if (!Number.isFinite(t) || t <= 0) issues.add({ code: "invalid_argument", path: [...path, "thresholds", i], message: `a decision threshold must be a finite amount > 0 per unit of effect (received ${t})`, received: t });
  });
  const discountRate = { cost: input.discountRate?.cost ?? base.discountRate.cost, effect: input.discountRate?.effect ?? base.discountRate.effect };
  for (const key of ["cost", "effect"] as const) {
    const rate = discountRate[key];
    if (!Number.isFinite(rate) || rate < 0 || rate >= 1) issues.add({ code: "invalid_argument", path: [...path, "discountRate", key], message: `an annual discount rate is a fraction in [0, 1), e.g. 0.03 (received ${rate})`, received: rate });
  }
  if (input.priceYear !== undefined && (!Number.isInteger(input.priceYear) || input.priceYear < 1900 || input.priceYear > 2200)) {
    issues.add({ code: "invalid_argument", path: [...path, "priceYear"], message: `a price year is a whole year such as 2024 (received ${input.priceYear})`, received: input.priceYear });
  }
  if (input.currency !== undefined && input.currency.trim() === "") issues.add({ code: "invalid_argument", path: [...path, "currency"], message: "the currency is empty; name it (e.g. SEK) or leave it out for 'currency units'" });
  const locale = input.locale ?? base.locale;
  if (!validLocale(locale)) issues.add({ code: "invalid_argument", path: [...path, "locale"], message: `'${locale}' is not a BCP 47 locale such as sv-SE or en-GB`, received: locale });
  let severity: StatedSeverity | undefined;
  if (input.severity !== undefined) {
    const levels = base.severityLevels.map((s) => s.level);
    severity = base.severityLevels.find((s) => s.level === input.severity);
    if (severity === undefined) {
      const hint = levels.length === 0 ? `the ${base.name} preset has no severity levels; choose a preset such as sweden or england` : didYouMean(input.severity, levels);
      issues.add({ code: "invalid_argument", path: [...path, "severity"], message: `unknown severity level '${input.severity}'; ${hint}`, received: input.severity, expected: levels.join(", ") });
    }
  }
  issues.throwIfAny();
  // A NICE QALY weight is the same as a threshold that much higher: report both.
  const weight = severity?.qalyWeight ?? 1;
  const weighted = input.thresholds === undefined && weight !== 1 ? thresholds.map((t) => t * weight) : [];
  if (severity?.qalyWeight !== undefined) severity = Object.freeze({ ...severity, weightedRange: Object.freeze([Math.min(...thresholds) * weight, Math.max(...thresholds) * weight] as const) });
  return Object.freeze({
    preset: base.name,
    payer: base.payer,
    currency: input.currency ?? base.currency,
    ...(input.priceYear === undefined ? {} : { priceYear: input.priceYear }),
    thresholds: Object.freeze([...thresholds, ...weighted]),
    grid: input.grid ?? base.grid,
    discountRate: Object.freeze(discountRate),
    locale,
    ...(severity === undefined ? {} : { severity }),
    source: base.source,
  });
}

function validLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}
