// Inputs of the NSCLC gene-panel model (Sweden), every one of §4.1.4 of the project's evidence review
// ("Gene-panel diagnostics in cancer: evidence review and specifications", model A), with its
// distribution fitted by the review's §4 conventions:
//   beta from a 95 % CI: SE = (upper − lower)/3.92, then method of moments;
//   gamma for costs from mean and SE, SE = 25 % of the mean without one (50 % for placeholders);
//   lognormal on medians: meanlog = ln(median), sdlog = (ln upper − ln lower)/3.92, from a one-sided
//   bound (ln median − ln lower)/1.96, or 0.15 without a CI;
//   Dirichlet on the prevalences with n_eff = 500.
// Status: "sourced" for [S]/[S*] (the note says "verify" for [S*]), "assumption" for [A],
// "placeholder" for [P]. Costs are SEK at the price year given per item (not inflated; see README).
import { beta, defineParameters, dirichlet, gamma, lognormal, param, type Distribution, type ParameterValues } from "qaly";

/** z of a two-sided 95 % interval, rounded as the review prescribes ((upper − lower)/3.92). */
const Z2 = 3.92;

/** Beta from a mean and a 95 % CI (SE = (upper − lower)/3.92). */
function betaFromCi(mean: number, lower: number, upper: number): Distribution {
  return beta.fromMeanSe(mean, (upper - lower) / Z2);
}

/** Gamma for a cost with SE a fraction of the mean (0.25 for assumptions, 0.5 for placeholders). */
function gammaCost(mean: number, relativeSe: number): Distribution {
  return gamma.fromMeanSe(mean, relativeSe * mean);
}

/**
 * Lognormal on a median (months): sdlog from a two-sided CI, a lower bound only, or 0.15 without a
 * CI. Not `lognormal.fromCi`, which divides by 2 × 1.959964: the review prescribes 3.92 exactly.
 */
function lognormalMedian(median: number, ci?: { readonly lower: number; readonly upper?: number }): Distribution {
  let sdlog = 0.15;
  if (ci !== undefined) sdlog = ci.upper === undefined ? (Math.log(median) - Math.log(ci.lower)) / 1.96 : (Math.log(ci.upper) - Math.log(ci.lower)) / Z2;
  return lognormal({ meanlog: Math.log(median), sdlog });
}

const S = "sourced" as const;
const A = "assumption" as const;
const P = "placeholder" as const;
const days = "days";
const months = "months";
const perMonth = (year: number | string): string => `SEK per month (price year ${year})`;
const perTest = (year: number | string): string => `SEK per test (price year ${year})`;

const LUNGPATH = "LungPath registry, BMC Cancer 2022 Table 2 (3 226 patients)";
const ASSUMED_2024 = "2024, assumed";
/** The four targeted drugs without a public Swedish price in the sources searched (README, "Targeted-drug prices"). */
const NO_PACK_PRICE = "no public SEK pack price found";

/** The prevalences of the mutually exclusive true-status categories (non-squamous NSCLC), in tree order. */
export const PREVALENCE_BASE = {
  pEgfr: 0.1,
  pAlk: 0.03,
  pRos1: 0.015,
  pBraf: 0.015,
  pMet: 0.03,
  pRet: 0.017,
  pNtrk: 0.002,
  pKrasG12c: 0.13,
  pHer2: 0.02,
  pNone: 0.641,
} as const;

/** Effective sample size of the prevalence Dirichlet (review §4.1.4, [A]). */
export const PREVALENCE_N_EFF = 500;

/** The base-case medians (months): PSA draws are lognormal around them, so the base case uses the medians, not the lognormal means. */
export const MEDIAN_BASE = {
  mPfsEgfr: 18.9, mOsEgfr: 38.6,
  mPfsAlk: 34.8, mOsAlk: 81.1,
  mPfsRos1: 19.2, mOsRos1: 51.4,
  mPfsBraf: 10.8, mOsBraf: 17.3,
  mPfsMet: 12.4, mOsMet: 24.8,
  mPfsRet: 24.8, mOsRet: 49.6,
  mPfsNtrk: 7.6, mOsNtrk: 8.8,
  mPfsChemoIo: 9.0, mOsChemoIo: 22.0,
  mPfsMissed: 4.9, mOsMissed: 10.6,
} as const;

const m = MEDIAN_BASE;

/** Every input of the model with its distribution, label, unit, source and status. */
export const parameters = defineParameters({
  // Population and settings. Structural: read when the model is built (model.ts), not per draw.
  startAge: param(69, { label: "Start age", unit: "years", source: "RCC lung cancer care programme, epidemiology (median age at diagnosis)", status: S, note: "structural: fixed when the model is built" }),
  pFemale: param(0.528, { label: "Proportion female", unit: "proportion", source: "RCC lung cancer care programme", status: S, note: "structural: sets the life table's sex mix when the model is built" }),
  discountRate: param(0.03, { label: "Discount rate, costs and QALYs", unit: "per year", source: "TLVAR 2003:2 (ISPOR summary)", status: S, note: "structural: 0 % and 5 % are rebuilt-model scenarios" }),

  // Test performance, failure, re-biopsy, time.
  sensNgs: param(beta({ alpha: 95, beta: 5 }), { label: "Broad panel sensitivity, each category", unit: "probability", source: "informed by NGS-vs-SGT sensitivity 86–100 % (review of 43 studies); Appl Cancer Res 2020 Table 3", status: A }),
  failNgs: param(beta({ alpha: 10, beta: 90 }), { label: "Broad panel sample failure", unit: "probability", source: "informed by RNA fusion-assay success 80 % (Lindquist 2017) and LungPath invalid rates", status: A }),
  sensHot: param(beta({ alpha: 95, beta: 5 }), { label: "Hotspot DNA panel sensitivity (EGFR, BRAF, KRAS, HER2)", unit: "probability", source: "as the broad panel", status: A }),
  sensHotMet: param(beta({ alpha: 30, beta: 10 }), { label: "Hotspot panel sensitivity for MET exon 14", unit: "probability", source: "MET ex14 detection depends on technique (2020 study of 2 369 patients)", status: A }),
  sensHotAlk: param(beta({ alpha: 95, beta: 5 }), { label: "ALK IHC sensitivity (hotspot strategy)", unit: "probability", source: "—", status: A }),
  sensHotRos1: param(beta({ alpha: 90, beta: 10 }), { label: "ROS1 IHC + FISH sensitivity (hotspot strategy)", unit: "probability", source: "—", status: A }),
  failHot: param(beta({ alpha: 8, beta: 92 }), { label: "Hotspot strategy sample failure", unit: "probability", source: "—", status: A }),
  sensSgtEgfr: param(beta({ alpha: 90, beta: 10 }), { label: "EGFR PCR sensitivity", unit: "probability", source: "—", status: A }),
  failSgtEgfr: param(beta({ alpha: 55, beta: 3171 }), { label: "EGFR PCR failure", unit: "probability", source: `${LUNGPATH}: 1.70 %`, status: S, note: "Beta sized by the registry's 3 226 patients (approximation: per-biomarker denominators differ)" }),
  sensSgtAlk: param(beta({ alpha: 95, beta: 5 }), { label: "ALK IHC sensitivity", unit: "probability", source: "—", status: A }),
  failSgtAlk: param(beta({ alpha: 84, beta: 3142 }), { label: "ALK IHC failure", unit: "probability", source: `${LUNGPATH}: 2.60 %`, status: S }),
  sensSgtRos1: param(beta({ alpha: 90, beta: 10 }), { label: "ROS1 IHC → FISH sensitivity", unit: "probability", source: "—", status: A }),
  failSgtRos1: param(beta({ alpha: 106, beta: 3120 }), { label: "ROS1 IHC failure", unit: "probability", source: `${LUNGPATH}: 3.30 %`, status: S }),
  sensSgtBraf: param(beta({ alpha: 95, beta: 5 }), { label: "BRAF PCR sensitivity", unit: "probability", source: "—", status: A }),
  failSgtBraf: param(beta({ alpha: 3, beta: 97 }), { label: "BRAF PCR failure", unit: "probability", source: "—", status: A }),
  specificity: param(1, { label: "Specificity per gene (false positives)", unit: "probability", source: "informed by 100 % specificity of NGS vs PCR/IHC, Appl Cancer Res 2020 Table 3", status: A, note: "1 in the base case; scenario 0.995: a false positive acted on enters the MISSED arm plus the targeted drug (README, False positives)" }),
  pRebiopsy: param(beta({ alpha: 10, beta: 20 }), { label: "P(re-biopsy | sample failure)", unit: "probability", source: "BMC Cancer 2022 Table 2 (expert panel)", status: S, note: "value sourced; distribution Beta(10, 20) an assumption" }),
  tatNgs: param(gamma.fromMeanSe(9, 2), { label: "Time to results, broad panel", unit: days, source: "Spanish single-centre study 2022", status: S }),
  tatSgt: param(gamma.fromMeanSe(16.7, 3), { label: "Time to results, sequential single-gene tests", unit: days, source: "Spanish single-centre study 2022", status: S }),
  tatHot: param(gamma.fromMeanSe(10, 2), { label: "Time to results, hotspot panel + IHC", unit: days, source: "—", status: A }),
  tatRebiopsy: param(gamma.fromMeanSe(14, 4), { label: "Extra delay per re-biopsy", unit: days, source: "—", status: A }),
  tatNgsExternal: param(gamma.fromMeanSe(14, 0.25 * 14), { label: "Time to results, external CGP (NGS-EXTERNAL scenario)", unit: days, source: "review: 'longer TAT' without a number; 14 days assumed", status: A }),
  pTreat: param(beta({ alpha: 90, beta: 10 }), { label: "P(matched first-line therapy | driver detected)", unit: "probability", source: "assumption; scenario 0.38 = Swedish historic EGFR-TKI uptake (Anticancer Res 2015)", status: A }),

  // Survival medians (months), exponential curves; lognormal on the medians for the PSA.
  mPfsEgfr: param(lognormalMedian(m.mPfsEgfr), { label: "Median PFS, osimertinib (EGFR)", unit: months, source: "FLAURA, Soria 2018 NEJM (HR vs 1st-gen 0.46, 0.37–0.57)", status: S, note: "no CI on the median in the review: sdlog 0.15" }),
  mOsEgfr: param(lognormalMedian(m.mOsEgfr, { lower: 34.5, upper: 41.8 }), { label: "Median OS, osimertinib (EGFR)", unit: months, source: "FLAURA, Ramalingam 2020 NEJM 382:41–50", status: S }),
  mPfsAlk: param(lognormalMedian(m.mPfsAlk), { label: "Median PFS, alectinib (ALK)", unit: months, source: "ALEX, Mok 2020 Ann Oncol 31:1056 (HR 0.43, 0.32–0.58)", status: S, note: "no CI on the median: sdlog 0.15" }),
  mOsAlk: param(lognormalMedian(m.mOsAlk, { lower: 62.3 }), { label: "Median OS, alectinib (ALK)", unit: months, source: "ALEX final OS, Peters 2025 Ann Oncol (62.3–NE)", status: S, note: "one-sided CI: sdlog = (ln 81.1 − ln 62.3)/1.96" }),
  mPfsRos1: param(lognormalMedian(m.mPfsRos1), { label: "Median PFS, crizotinib (ROS1)", unit: months, source: "PROFILE 1001 (BMC Med 2021 s12916-021-02082-6)", status: S, note: "no CI: sdlog 0.15" }),
  mOsRos1: param(lognormalMedian(m.mOsRos1), { label: "Median OS, crizotinib (ROS1)", unit: months, source: "PROFILE 1001 (BMC Med 2021 s12916-021-02082-6)", status: S, note: "no CI: sdlog 0.15" }),
  mPfsBraf: param(lognormalMedian(m.mPfsBraf), { label: "Median PFS, dabrafenib + trametinib (BRAF V600E)", unit: months, source: "BRF113928 cohort C (ASCO update)", status: S, note: "[S*] verify the PFS value; no CI: sdlog 0.15" }),
  mOsBraf: param(lognormalMedian(m.mOsBraf, { lower: 12.3, upper: 40.2 }), { label: "Median OS, dabrafenib + trametinib (BRAF V600E)", unit: months, source: "BRF113928 cohort C (ASCO update)", status: S }),
  mPfsMet: param(lognormalMedian(m.mPfsMet), { label: "Median PFS, capmatinib/tepotinib (MET ex14)", unit: months, source: "GEOMETRY mono-1, first line (recalled)", status: S, note: "[S*] verify; no CI: sdlog 0.15" }),
  mOsMet: param(lognormalMedian(m.mOsMet), { label: "Median OS, capmatinib/tepotinib (MET ex14)", unit: months, source: "assumption: 2 × median PFS", status: A, note: "no CI: sdlog 0.15, drawn independently of PFS (PF = min(PFS, OS))" }),
  mPfsRet: param(lognormalMedian(m.mPfsRet, { lower: 16.9 }), { label: "Median PFS, selpercatinib (RET)", unit: months, source: "LIBRETTO-431, Zhou 2023 NEJM 389:1839 (16.9–NE)", status: S, note: "one-sided CI: sdlog = (ln 24.8 − ln 16.9)/1.96" }),
  mOsRet: param(lognormalMedian(m.mOsRet), { label: "Median OS, selpercatinib (RET)", unit: months, source: "assumption: 2 × median PFS (OS immature)", status: A, note: "no CI: sdlog 0.15" }),
  mPfsNtrk: param(lognormalMedian(m.mPfsNtrk), { label: "Median PFS, larotrectinib (NTRK)", unit: months, source: "Mfumbilwa 2023 Table 1 (Dutch real-world-calibrated)", status: S, note: "no CI: sdlog 0.15" }),
  mOsNtrk: param(lognormalMedian(m.mOsNtrk), { label: "Median OS, larotrectinib (NTRK)", unit: months, source: "Mfumbilwa 2023 Table 1 (Dutch real-world-calibrated)", status: S, note: "no CI: sdlog 0.15" }),
  mPfsChemoIo: param(lognormalMedian(m.mPfsChemoIo, { lower: 8.1, upper: 9.9 }), { label: "Median PFS, pembrolizumab + pemetrexed–platinum", unit: months, source: "KEYNOTE-189 updated, Gadgeel 2020 JCO 38:1505", status: S }),
  mOsChemoIo: param(lognormalMedian(m.mOsChemoIo, { lower: 19.5, upper: 25.2 }), { label: "Median OS, pembrolizumab + pemetrexed–platinum", unit: months, source: "KEYNOTE-189 updated, Gadgeel 2020 JCO 38:1505", status: S }),
  mPfsMissed: param(lognormalMedian(m.mPfsMissed, { lower: 4.7, upper: 5.5 }), { label: "Median PFS, driver-positive on non-targeted therapy (proxy)", unit: months, source: "KEYNOTE-189 control arm, Garassino 2023 JCO 41:1992", status: S, note: "applicability as a proxy is an assumption" }),
  mOsMissed: param(lognormalMedian(m.mOsMissed, { lower: 8.7, upper: 13.6 }), { label: "Median OS, driver-positive on non-targeted therapy (proxy)", unit: months, source: "KEYNOTE-189 control arm, Garassino 2023 JCO 41:1992", status: S, note: "applicability as a proxy is an assumption" }),

  // Utilities (EQ-5D-3L, UK tariff).
  uPf: param(betaFromCi(0.71, 0.67, 0.76), { label: "Utility, progression-free", unit: "QALY per year", source: "Chouaid 2013 via Paracha 2018 HQLO Table 3 (95 % CI 0.67–0.76)", status: S, note: "UK tariff (no Swedish-tariff values)" }),
  uPd: param(betaFromCi(0.67, 0.59, 0.75), { label: "Utility, progressed", unit: "QALY per year", source: "Chouaid 2013 via Paracha 2018 HQLO Table 3 (95 % CI 0.59–0.75)", status: S, note: "UK tariff (no Swedish-tariff values)" }),
  uRebiopsy: param(0, { label: "One-off QALY loss per re-biopsy", unit: "QALY", source: "—", status: A, note: "0 in the base case; scenario 0.01" }),

  // Costs (SEK).
  cNgs: param(gammaCost(12_000, 0.25), { label: "Broad NGS panel per test (in-house)", unit: perTest(ASSUMED_2024), source: "no Swedish price found; external CGP ≈ 20 000 as upper scenario", status: A }),
  cNgsExternal: param(gammaCost(20_000, 0.25), { label: "External CGP per test (NGS-EXTERNAL scenario)", unit: perTest(2019), source: "Läkemedelsvärlden 2019 (NT-rådet/TLV, F1CDx)", status: S }),
  cHot: param(gammaCost(9_000, 0.25), { label: "Hotspot DNA panel + ALK IHC + ROS1 IHC per test", unit: perTest(ASSUMED_2024), source: "6 000 + 1 500 + 1 500", status: A }),
  cSgtEgfr: param(gammaCost(3_000, 0.25), { label: "EGFR PCR test", unit: perTest(ASSUMED_2024), source: "triangulated against Pasmans micro-costing and €929 per mutation test (NL, PMC7058671 Table 2)", status: A }),
  cSgtAlk: param(gammaCost(1_500, 0.25), { label: "ALK IHC test", unit: perTest(ASSUMED_2024), source: "as EGFR PCR", status: A }),
  cSgtRos1: param(gammaCost(1_500, 0.25), { label: "ROS1 IHC test", unit: perTest(ASSUMED_2024), source: "as EGFR PCR", status: A }),
  cSgtBraf: param(gammaCost(3_000, 0.25), { label: "BRAF PCR test", unit: perTest(ASSUMED_2024), source: "as EGFR PCR", status: A }),
  cFish: param(gammaCost(5_000, 0.25), { label: "ROS1 FISH confirmation", unit: perTest(ASSUMED_2024), source: "CAD 596.60 per FISH (Costa 2016) for triangulation", status: A }),
  cRebiopsy: param(gammaCost(20_000, 0.5), { label: "Re-biopsy (bronchoscopy / CT-guided)", unit: `SEK per re-biopsy (price year ${ASSUMED_2024})`, source: "no verified Swedish price", status: P }),
  cOsimertinib: param(58_603, { label: "Osimertinib per month", unit: perMonth(2017), source: "TLV underlag Tagrisso 2017: 57 760.49 SEK AUP per 30 tablets", status: S, note: "[S*] 80 mg pack assumed the 40 mg price — verify; list price (scenario −30 %)" }),
  cAlectinib: param(51_805, { label: "Alectinib per month", unit: perMonth(2017), source: "TLV decision Alecensa 2017-11-24: 47 655.97 SEK AUP per 224 capsules (28 days)", status: S }),
  cCrizotinib: param(44_322, { label: "Crizotinib per month", unit: perMonth(2014), source: "TLV decision Xalkori 2014-02-27: 43 685.00 SEK AUP per 60 capsules", status: S }),
  // The four targeted drugs of the BRAF, MET, RET and NTRK arms: one placeholder each (README, "Targeted-drug
  // prices"): no public SEK pack price was found; the TLV decision facts found are in each source.
  cDabrafenibTrametinib: param(gammaCost(60_000, 0.5), { label: "Dabrafenib + trametinib (BRAF) per month", unit: perMonth(ASSUMED_2024), source: `${NO_PACK_PRICE}; Tafinlar in the benefits since 2014-02-28, Mekinist since 2016-06-17 with a side agreement (TLV)`, status: P, note: "SmPC: dabrafenib 150 mg twice daily + trametinib 2 mg once daily" }),
  cCapmatinibTepotinib: param(gammaCost(60_000, 0.5), { label: "Capmatinib / tepotinib (MET ex14) per month", unit: perMonth(ASSUMED_2024), source: `${NO_PACK_PRICE}; Tepmetko limited subsidy from 2023-05-01 (after chemotherapy/immunotherapy) with a side agreement; no TLV decision found for Tabrecta`, status: P, note: "SmPC: capmatinib 400 mg twice daily; tepotinib 450 mg once daily" }),
  cSelpercatinib: param(gammaCost(60_000, 0.5), { label: "Selpercatinib (RET) per month", unit: perMonth(ASSUMED_2024), source: `${NO_PACK_PRICE}; Retsevmo limited subsidy for RET-fusion NSCLC (FASS; TLV 2024-03-22 added MTC)`, status: P, note: "SmPC: 160 mg twice daily from 50 kg" }),
  cLarotrectinib: param(gammaCost(60_000, 0.5), { label: "Larotrectinib (NTRK) per month", unit: perMonth(ASSUMED_2024), source: `${NO_PACK_PRICE}; Vitrakvi limited subsidy (< 18 years) from 2020-11-01, general from 2022-04 (TLV), with a side agreement`, status: P, note: "SmPC: 100 mg twice daily" }),
  cPembrolizumab: param(gammaCost(72_000, 0.5), { label: "Pembrolizumab per month while progression-free", unit: perMonth(ASSUMED_2024), source: "no verified SEK hospital price", status: P }),
  pembrolizumabMaxMonths: param(24, { label: "Maximum pembrolizumab duration", unit: months, source: "KEYNOTE-189 protocol: 35 three-weekly cycles ≈ 24 months", status: S }),
  cChemo: param(gammaCost(5_000, 0.5), { label: "Platinum–pemetrexed incl. maintenance per month while progression-free", unit: perMonth(ASSUMED_2024), source: "—", status: P }),
  cMonitoringPf: param(gammaCost(5_000, 0.25), { label: "Monitoring and visits per month, progression-free", unit: perMonth(ASSUMED_2024), source: "informed by NL unit costs (PMC7058671 Table 2)", status: A }),
  cProgressed: param(gammaCost(20_000, 0.5), { label: "Post-progression care incl. later lines, per month", unit: perMonth(ASSUMED_2024), source: "informed by NL best supportive care €1 775 per cycle", status: A }),
  cEndOfLife: param(gammaCost(25_000, 0.25), { label: "End-of-life care, one-off at death", unit: `SEK (price year ${ASSUMED_2024})`, source: "NL end-of-life €2 196 ≈ SEK 25 000", status: A }),
}).group(
  "prevalence",
  dirichlet({ alpha: Object.values(PREVALENCE_BASE).map((p) => PREVALENCE_N_EFF * p), names: Object.keys(PREVALENCE_BASE) }),
  Object.keys(PREVALENCE_BASE) as (keyof typeof PREVALENCE_BASE)[],
  {
    label: "Prevalence of the true-status category (non-squamous NSCLC)",
    unit: "proportion",
    source:
      "EGFR 0.100 Swedish cohort (Anticancer Res 2015) [S]; ALK 0.030 [A] (DK 1.4 %, ES 3.4 %, Skåne 5/135); ROS1 0.015 [A] (ES 1.0 %, Skåne 2/135); " +
      "BRAF 0.015 [S] (1–2 %); MET 0.030 [S]; RET 0.017 (Cancers 2023 Table 1) [S]; NTRK 0.002 (Mfumbilwa 2023 Table 1) [S]; " +
      "KRAS G12C 0.130 [A] (KRAS any 30–40 %, IJMS 2021); HER2 0.020 [S] (2–3 %); none 0.641 = remainder",
    status: A,
    note: `Dirichlet with n_eff = ${PREVALENCE_N_EFF} [A] (α = 500 · p); the values are sourced except ALK, ROS1 and KRAS G12C`,
  },
);

/** One set of parameter values of the model (a base case or a PSA draw). */
export type NsclcParameters = ParameterValues<typeof parameters>;

/** The deterministic base case: declared values and means, with the survival medians (not the lognormal means). */
export const baseCase: NsclcParameters = parameters.base(MEDIAN_BASE);

/** Names of the parameters whose status is "placeholder" (unverified Swedish prices): the project warns while they are in use. */
export const PLACEHOLDER_PARAMETERS: readonly string[] = Object.freeze(parameters.describe().filter((row) => row.status === "placeholder").map((row) => row.name));
