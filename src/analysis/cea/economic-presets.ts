import type { WtpRange } from "./wtp-grid.js";

/** One severity level of a preset and what the payer does at that level. */
export interface SeverityLevel {
  /** The level as written in a model file, e.g. `"very high"` (TLV) or `"1.7x"` (NICE). */
  readonly level: string;
  /**
   * The reference cost per QALY at this level in the preset's currency, when the payer's practice
   * states one (TLV: about SEK 1 000 000 at very high severity); `undefined` when no figure is
   * published for the level.
   */
  readonly reference?: number;
  /** The QALY weight applied at this level (NICE's severity modifier), when the payer uses one. */
  readonly qalyWeight?: number;
}

/** Annual discount rates of costs and of effects (fractions, e.g. 0.03). */
export interface DiscountRates {
  /** Annual discount rate of costs. */
  readonly cost: number;
  /** Annual discount rate of effects. */
  readonly effect: number;
}

/** A named set of economic conventions: currency, thresholds, discounting, severity levels. */
export interface EconomicPreset {
  /** Preset name, e.g. `"sweden"`. */
  readonly name: string;
  /** Whose conventions, e.g. `"TLV (Sweden)"`; empty for the neutral preset. */
  readonly payer: string;
  /** Currency code of costs, or `"currency units"` when none is named. */
  readonly currency: string;
  /** Decision thresholds per QALY reported in tables, > 0. */
  readonly thresholds: readonly number[];
  /** Grid of the CEAC and EVPI curves. */
  readonly grid: WtpRange;
  /** Annual discount rates of costs and effects. */
  readonly discountRate: DiscountRates;
  /** BCP 47 locale of numbers a reader of this payer expects, e.g. `"sv-SE"`. */
  readonly locale: string;
  /** Severity levels, mildest first (empty when the preset has none). */
  readonly severityLevels: readonly SeverityLevel[];
  /** Where the figures come from, and that they are practice rather than law where so. */
  readonly source: string;
}

/**
 * Sweden (TLV). There is no official threshold: TLV weighs cost per QALY against severity. The
 * figures usually cited for TLV practice are about SEK 500 000 per QALY at moderate and about
 * SEK 1 000 000 at very high severity (Läkartidningen 2018, debate article citing TLV; the project's
 * evidence review §3.2); no figure is published for low or high severity, so those levels carry none.
 * Discounting 3 % for costs and effects (TLVAR 2003:2, amended 2017).
 *
 * @example SWEDEN_PRESET.severityLevels.map((s) => s.reference ?? null) // => [null, 500000, null, 1000000]
 */
export const SWEDEN_PRESET: EconomicPreset = Object.freeze({
  name: "sweden",
  payer: "TLV",
  currency: "SEK",
  thresholds: Object.freeze([500_000, 1_000_000]),
  grid: Object.freeze({ from: 0, to: 2_000_000, step: 10_000 }),
  discountRate: Object.freeze({ cost: 0.03, effect: 0.03 }),
  locale: "sv-SE",
  severityLevels: Object.freeze([
    Object.freeze({ level: "low" }),
    Object.freeze({ level: "moderate", reference: 500_000 }),
    Object.freeze({ level: "high" }),
    Object.freeze({ level: "very high", reference: 1_000_000 }),
  ]),
  source:
    "TLV practice, not law: about SEK 500 000/QALY at moderate and SEK 1 000 000/QALY at very high severity (Läkartidningen 2018, citing TLV); " +
    "no published figure for low or high severity; discounting 3 %/3 % (TLVAR 2003:2)",
});

/**
 * England (NICE). GBP 20 000–30 000 per QALY; the severity modifier weights QALYs 1.2× or 1.7×
 * (NICE health technology evaluations manual PMG36, 2022, §6.2: 1.2 for a proportional QALY
 * shortfall of 0.85 to < 0.95 or an absolute shortfall of 12 to < 18 QALYs; 1.7 from 0.95 or 18).
 * Discounting 3.5 % for costs and effects (PMG36 §4.5).
 *
 * @example ENGLAND_PRESET.severityLevels.map((s) => s.qalyWeight) // => [1, 1.2, 1.7]
 */
export const ENGLAND_PRESET: EconomicPreset = Object.freeze({
  name: "england",
  payer: "NICE",
  currency: "GBP",
  thresholds: Object.freeze([20_000, 30_000]),
  grid: Object.freeze({ from: 0, to: 60_000, step: 500 }),
  discountRate: Object.freeze({ cost: 0.035, effect: 0.035 }),
  locale: "en-GB",
  severityLevels: Object.freeze([
    Object.freeze({ level: "none", qalyWeight: 1 }),
    Object.freeze({ level: "1.2x", qalyWeight: 1.2 }),
    Object.freeze({ level: "1.7x", qalyWeight: 1.7 }),
  ]),
  source: "NICE manual PMG36 (2022): GBP 20 000–30 000/QALY, severity modifier 1.2×/1.7× (§6.2), discounting 3.5 % (§4.5)",
});

/**
 * The neutral default: no currency named ("currency units"), qaly's long-standing reporting grid
 * (thresholds 500 000 and 1 000 000, curves to 2 000 000) and 3 % discounting, no severity levels.
 * Models that state no economic settings get it, and the command line says so.
 *
 * @example NEUTRAL_PRESET.currency // => "currency units"
 */
export const NEUTRAL_PRESET: EconomicPreset = Object.freeze({
  name: "neutral",
  payer: "",
  currency: "currency units",
  thresholds: Object.freeze([500_000, 1_000_000]),
  grid: Object.freeze({ from: 0, to: 2_000_000, step: 10_000 }),
  discountRate: Object.freeze({ cost: 0.03, effect: 0.03 }),
  locale: "en",
  severityLevels: Object.freeze([]),
  source: "qaly's neutral default (no payer's conventions)",
});

/**
 * The presets by name: `sweden`, `england`, `neutral`.
 *
 * @example Object.keys(ECONOMIC_PRESETS) // => ["sweden", "england", "neutral"]
 */
export const ECONOMIC_PRESETS: Readonly<Record<string, EconomicPreset>> = Object.freeze({
  sweden: SWEDEN_PRESET,
  england: ENGLAND_PRESET,
  neutral: NEUTRAL_PRESET,
});
