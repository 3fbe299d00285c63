// Inputs of the mCRC testing example, every one an assumption: the project's evidence review (§4.2.7)
// outlines the model but gathers no values, and says its prevalences (RAS ≈ 40–50 %, BRAF V600E
// ≈ 8–10 %, dMMR ≈ 4–5 %) were not verified. Distributions by the review's §4 conventions: beta on
// probabilities, gamma on costs with SE = 25 % of the mean, lognormal on survival medians with sdlog
// 0.15, Dirichlet on the prevalences with n_eff = 500. The model-file twin is model.yaml.
import { beta, defineParameters, dirichlet, gamma, lognormal, param, type Distribution, type ParameterValues } from "qaly";

const A = "assumption" as const;
const probability = "probability";
const days = "days";
const months = "months";
const perMonth = "SEK per month";

/** Gamma on a cost with SE = 25 % of the mean. */
const gammaCost = (mean: number): Distribution => gamma.fromMeanSe(mean, 0.25 * mean);
/** Lognormal on a median (months) without a CI: meanlog = ln(median), sdlog 0.15. */
const lognormalMedian = (median: number): Distribution => lognormal({ meanlog: Math.log(median), sdlog: 0.15 });

/** The prevalences of the mutually exclusive true-status categories, in tree order. */
export const PREVALENCE_BASE = { pKras: 0.4, pNras: 0.04, pBraf: 0.08, pDmmr: 0.04, pWildType: 0.44 } as const;

/** The base-case medians (months): the PSA draws lognormal around them. */
export const MEDIAN_BASE = {
  mPfsAntiEgfr: 12, mOsAntiEgfr: 36,
  mPfsChemoBev: 10, mOsChemoBev: 27,
  mPfsRasAntiEgfr: 8, mOsRasAntiEgfr: 22,
  mPfsBraf: 7, mOsBraf: 16,
  mPfsBrafMissed: 6, mOsBrafMissed: 12,
  mPfsPembro: 16, mOsPembro: 48,
  mPfsDmmrMissed: 8, mOsDmmrMissed: 30,
} as const;

const m = MEDIAN_BASE;

/** Every input with its distribution, label, unit and status. */
export const parameters = defineParameters({
  // Test performance, failure, turnaround (days), re-biopsy.
  sensPcr: param(beta({ alpha: 95, beta: 5 }), { label: "Single-gene PCR sensitivity (KRAS, NRAS, BRAF V600E)", unit: probability, status: A }),
  failPcr: param(beta({ alpha: 3, beta: 97 }), { label: "Single-gene PCR sample failure", unit: probability, status: A }),
  sensPanel: param(beta({ alpha: 97, beta: 3 }), { label: "DNA panel sensitivity (KRAS, NRAS, BRAF V600E)", unit: probability, status: A }),
  failPanel: param(beta({ alpha: 6, beta: 94 }), { label: "DNA panel sample failure", unit: probability, status: A }),
  sensIhc: param(beta({ alpha: 95, beta: 5 }), { label: "MMR immunohistochemistry sensitivity for dMMR", unit: probability, status: A }),
  failIhc: param(beta({ alpha: 2, beta: 98 }), { label: "MMR immunohistochemistry failure", unit: probability, status: A }),
  tatPcr: param(5, { label: "Turnaround per single-gene PCR", unit: days, status: A }),
  tatPanel: param(10, { label: "Turnaround of the DNA panel", unit: days, status: A }),
  tatIhc: param(3, { label: "Turnaround of MMR immunohistochemistry", unit: days, status: A }),
  orderingDelay: param(2, { label: "Days between a negative single-gene result and the next test", unit: days, status: A }),
  pRebiopsy: param(beta({ alpha: 10, beta: 20 }), { label: "P(re-biopsy | sample failure)", unit: probability, status: A }),
  tatRebiopsy: param(14, { label: "Extra delay per re-biopsy", unit: days, status: A }),
  uRebiopsy: param(0, { label: "One-off QALY loss per re-biopsy", unit: "QALY", status: A }),
  pTreat: param(1, { label: "P(first-line therapy as the result indicates | alteration detected)", unit: probability, status: A, note: "1: in mCRC the result steers the first-line choice; uptake is part of the arms" }),
  pLeft: param(beta({ alpha: 70, beta: 30 }), { label: "P(left-sided primary | treated as RAS wild type)", unit: probability, status: A, note: "anti-EGFR therapy only for left-sided RAS wild type (§4.2.7)" }),

  // Survival medians (months), exponential curves.
  mPfsAntiEgfr: param(lognormalMedian(m.mPfsAntiEgfr), { label: "Median PFS, anti-EGFR + doublet (RAS wild type, left-sided)", unit: months, status: A }),
  mOsAntiEgfr: param(lognormalMedian(m.mOsAntiEgfr), { label: "Median OS, anti-EGFR + doublet (RAS wild type, left-sided)", unit: months, status: A }),
  mPfsChemoBev: param(lognormalMedian(m.mPfsChemoBev), { label: "Median PFS, doublet ± bevacizumab", unit: months, status: A }),
  mOsChemoBev: param(lognormalMedian(m.mOsChemoBev), { label: "Median OS, doublet ± bevacizumab", unit: months, status: A }),
  mPfsRasAntiEgfr: param(lognormalMedian(m.mPfsRasAntiEgfr), { label: "Median PFS, RAS mutant given anti-EGFR (RAS missed, left-sided)", unit: months, status: A, note: "no benefit from anti-EGFR in RAS mutant tumours, some harm assumed" }),
  mOsRasAntiEgfr: param(lognormalMedian(m.mOsRasAntiEgfr), { label: "Median OS, RAS mutant given anti-EGFR (RAS missed, left-sided)", unit: months, status: A }),
  mPfsBraf: param(lognormalMedian(m.mPfsBraf), { label: "Median PFS, BRAF V600E: doublet + bevacizumab, then encorafenib + cetuximab", unit: months, status: A }),
  mOsBraf: param(lognormalMedian(m.mOsBraf), { label: "Median OS, BRAF V600E: doublet + bevacizumab, then encorafenib + cetuximab", unit: months, status: A }),
  mPfsBrafMissed: param(lognormalMedian(m.mPfsBrafMissed), { label: "Median PFS, BRAF V600E not found (no targeted second line)", unit: months, status: A }),
  mOsBrafMissed: param(lognormalMedian(m.mOsBrafMissed), { label: "Median OS, BRAF V600E not found (no targeted second line)", unit: months, status: A }),
  mPfsPembro: param(lognormalMedian(m.mPfsPembro), { label: "Median PFS, pembrolizumab (dMMR/MSI-H)", unit: months, status: A }),
  mOsPembro: param(lognormalMedian(m.mOsPembro), { label: "Median OS, pembrolizumab (dMMR/MSI-H)", unit: months, status: A }),
  mPfsDmmrMissed: param(lognormalMedian(m.mPfsDmmrMissed), { label: "Median PFS, dMMR not found (chemotherapy)", unit: months, status: A }),
  mOsDmmrMissed: param(lognormalMedian(m.mOsDmmrMissed), { label: "Median OS, dMMR not found (chemotherapy)", unit: months, status: A }),

  // Utilities.
  uPf: param(beta.fromMeanSe(0.75, 0.03), { label: "Utility, progression-free", unit: "QALY per year", status: A }),
  uPd: param(beta.fromMeanSe(0.65, 0.03), { label: "Utility, progressed", unit: "QALY per year", status: A }),

  // Costs (SEK, 2024, assumed).
  cPcr: param(gammaCost(3_000), { label: "Single-gene PCR test (KRAS, NRAS or BRAF V600E)", unit: "SEK per test", status: A }),
  cMmrIhc: param(gammaCost(2_000), { label: "MMR immunohistochemistry (MLH1, MSH2, MSH6, PMS2)", unit: "SEK per test", status: A }),
  cPanel: param(gammaCost(8_000), { label: "DNA panel (RAS/BRAF)", unit: "SEK per test", status: A }),
  cRebiopsy: param(gammaCost(15_000), { label: "Re-biopsy", unit: "SEK per re-biopsy", status: A }),
  cDoublet: param(gammaCost(6_000), { label: "Doublet chemotherapy (FOLFOX/FOLFIRI) per month while progression-free", unit: perMonth, status: A }),
  cBevacizumab: param(gammaCost(12_000), { label: "Bevacizumab per month while progression-free", unit: perMonth, status: A }),
  cAntiEgfr: param(gammaCost(35_000), { label: "Cetuximab or panitumumab per month while progression-free", unit: perMonth, status: A }),
  cPembrolizumab: param(gammaCost(70_000), { label: "Pembrolizumab per month while progression-free", unit: perMonth, status: A }),
  pembrolizumabMaxMonths: param(24, { label: "Maximum pembrolizumab duration", unit: months, status: A }),
  cEncoCetux: param(gammaCost(250_000), { label: "Encorafenib + cetuximab, second-line course (one-off at progression)", unit: "SEK per course", status: A }),
  cMonitoringPf: param(gammaCost(5_000), { label: "Monitoring and visits per month, progression-free", unit: perMonth, status: A }),
  cProgressed: param(gammaCost(15_000), { label: "Post-progression care incl. later lines, per month", unit: perMonth, status: A }),
  cEndOfLife: param(gammaCost(30_000), { label: "End-of-life care, one-off at death", unit: "SEK", status: A }),
}).group("prevalence", dirichlet({ alpha: Object.values(PREVALENCE_BASE).map((p) => 500 * p) }), Object.keys(PREVALENCE_BASE) as (keyof typeof PREVALENCE_BASE)[], {
  label: "Prevalence of the true-status category (mCRC, mutually exclusive)",
  unit: "proportion",
  source:
    "review §4.2.7, not verified there: RAS ≈ 40–50 % (here KRAS 0.40 + NRAS 0.04), BRAF V600E ≈ 8–10 % (0.08), " +
    "dMMR ≈ 4–5 % (0.04); wild type = remainder 0.44",
  status: A,
  note: "Dirichlet with n_eff = 500 (α = 500 · p); dMMR tumours with a RAS or BRAF mutation are counted as dMMR",
});

/** One set of parameter values (a base case or a PSA draw). */
export type McrcParameters = ParameterValues<typeof parameters>;

/** The deterministic base case: declared values and means, with the survival medians (not the lognormal means). */
export const baseCase: McrcParameters = { ...parameters.base(), ...MEDIAN_BASE };
