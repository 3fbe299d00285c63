// Inputs of the AML model (Sweden), every one of §4.2.3 of the project's evidence review
// ("Gene-panel diagnostics in cancer: evidence review and specifications", model B), with the
// distribution the review gives: explicit Beta(a, b) as written, "Beta(SE x)" by mean and SE,
// "Gamma(SE y %)" by mean and SE = y % of the mean, LogNormal(ln m, s) on the hazard ratio and the
// R/R median, Dirichlet on the observed counts of the true ELN risk groups.
// Status: "sourced" for [S], "assumption" for [A] (including [A] calibrated and the alloSCT cost,
// [S] → [A]), "placeholder" for [P]. The model-file twin is model.yaml (same order, same fits).
import { beta, defineParameters, dirichlet, gamma, lognormal, param, type Distribution, type ParameterValues } from "qaly";

const S = "sourced" as const;
const A = "assumption" as const;
const P = "placeholder" as const;
const probability = "probability";
const utility = "QALY per year";
const perPatient = "SEK per patient (price year 2024, assumed)";
const perMonth = "SEK per month (price year 2024, assumed)";
const ELN_POLICY = "policy per ELN / Swedish AML care programme (values not extracted)";
const CR_CALIBRATED = "calibrated; overall 60–80 % CR1 (Blood 2011;117:2113)";

/** Gamma on a cost with SE a fraction of the mean (0.25 for assumptions and placeholders, 0.5 for R/R costs, 0.15 for alloSCT). */
const gammaCost = (mean: number, relativeSe: number): Distribution => gamma.fromMeanSe(mean, relativeSe * mean);

/** Base values of the two lognormal inputs: the PSA draws around them, so the base case uses them, not the lognormal means. */
export const LOGNORMAL_BASE = { hrSct: 0.45, medOsRr: 6 } as const;

/** Every input of the model with its distribution, label, unit, source and status. */
export const parameters = defineParameters({
  // Structural: read when the model is built (model.ts), not per draw.
  startAge: param(60, { label: "Start age", unit: "years", source: "review §4.2.1 (the Swedish median of 72 covers all AML; intensively treated patients are younger)", status: A, note: "structural: fixed when the model is built (backEnd.startAge)" }),

  // Misclassification by conventional testing (CONV); the NGS panel assigns the true risk.
  missAdv: param(beta({ alpha: 14, beta: 26 }), {
    label: "Share of true-adverse labelled intermediate by CONV",
    unit: probability,
    source: "informed by ALFA-1200 (Blood Adv 2020;4:1942: one-third of ELN-2017 intermediate carry sAML-like mutations other than ASXL1) and Beat AML (ELN-2022 re-assigned 26 % of ELN-2017 intermediate)",
    status: A,
    note: "mutation-only adverse: RUNX1, ASXL1, TP53, sAML-like genes",
  }),
  missFav: param(beta({ alpha: 5, beta: 95 }), { label: "Share of true-favourable labelled intermediate by CONV", unit: probability, source: "—", status: A, note: "e.g. CEBPA bZIP not tested" }),

  // alloSCT in CR1 by ASSIGNED risk.
  pSctFav: param(beta({ alpha: 5, beta: 95 }), { label: "P(alloSCT in CR1 | assigned favourable)", unit: probability, source: ELN_POLICY, status: A }),
  pSctInt: param(beta({ alpha: 50, beta: 50 }), { label: "P(alloSCT in CR1 | assigned intermediate)", unit: probability, source: ELN_POLICY, status: A }),
  pSctAdv: param(beta({ alpha: 70, beta: 30 }), { label: "P(alloSCT in CR1 | assigned adverse)", unit: probability, source: ELN_POLICY, status: A }),

  // Induction response and relapse by TRUE risk.
  pCrFav: param(beta({ alpha: 90, beta: 10 }), { label: "CR after induction, true favourable", unit: probability, source: CR_CALIBRATED, status: A, note: "calibrated" }),
  pCrInt: param(beta({ alpha: 80, beta: 20 }), { label: "CR after induction, true intermediate", unit: probability, source: CR_CALIBRATED, status: A, note: "calibrated" }),
  pCrAdv: param(beta({ alpha: 60, beta: 40 }), { label: "CR after induction, true adverse", unit: probability, source: CR_CALIBRATED, status: A, note: "calibrated" }),
  rel3Fav: param(beta({ alpha: 28, beta: 72 }), { label: "3-year cumulative relapse after chemotherapy consolidation, true favourable", unit: probability, source: "calibrated to 5-year OS 57 % (Boddu et al., Cancer 2019)", status: A, note: "calibrated" }),
  rel3Int: param(beta({ alpha: 50, beta: 50 }), { label: "3-year cumulative relapse after chemotherapy consolidation, true intermediate", unit: probability, source: "calibrated to 5-year OS 37 % (Boddu et al., Cancer 2019)", status: A, note: "calibrated" }),
  rel3Adv: param(beta({ alpha: 73, beta: 27 }), { label: "3-year cumulative relapse after chemotherapy consolidation, true adverse", unit: probability, source: "calibrated to 5-year OS 18 % (Boddu et al., Cancer 2019)", status: A, note: "calibrated" }),

  // Transplant effect and harms, relapsed/refractory survival, cure.
  hrSct: param(lognormal({ meanlog: Math.log(LOGNORMAL_BASE.hrSct), sdlog: 0.15 }), { label: "Relapse hazard ratio, alloSCT vs chemotherapy consolidation", unit: "hazard ratio", source: "—", status: A }),
  nrm1: param(beta({ alpha: 15, beta: 85 }), { label: "1-year non-relapse mortality after alloSCT", unit: probability, source: "—", status: A }),
  medOsRr: param(lognormal({ meanlog: Math.log(LOGNORMAL_BASE.medOsRr), sdlog: 0.2 }), { label: "Median OS, relapsed/refractory", unit: "months", source: "—", status: A, note: "exponential survival; salvage transplant not modelled" }),
  cureMonths: param(60, { label: "Months in CR1 after which the relapse hazard is 0", unit: "months", source: "—", status: A, note: "structural: at most 60 (the back end's tunnels hold 61 monthly positions)" }),

  // Utilities (per year).
  uCons: param(beta.fromMeanSe(0.46, 0.033), { label: "Utility, first 6 months of chemotherapy consolidation", unit: utility, source: "UK TTO 'consolidation' 0.46 (0.40–0.53), HQLO 2018 doi 10.1186/s12955-018-0897-8", status: S }),
  uCr: param(beta.fromMeanSe(0.83, 0.03), { label: "Utility, CR1 off treatment", unit: utility, source: "lower bound of 'no relapse' 0.83–0.90 (systematic review, YHEC/ISPOR poster)", status: S, note: "value from a sourced range; SE 0.03 an assumption" }),
  uSct1: param(beta.fromMeanSe(0.66, 0.03), { label: "Utility, first 12 months after alloSCT", unit: utility, source: "'in transplant' 0.61–0.71 (systematic review)", status: S, note: "mid-range of a sourced range; SE 0.03 an assumption" }),
  uSctLt: param(beta.fromMeanSe(0.79, 0.03), { label: "Utility, more than 12 months after alloSCT", unit: utility, source: "'without GvHD' 0.79–0.864 (systematic review)", status: S, note: "lower bound of a sourced range; SE 0.03 an assumption" }),
  uRr: param(beta.fromMeanSe(0.355, 0.05), { label: "Utility, relapsed/refractory", unit: utility, source: "Stein et al. HQLO 2018;16:193 (US DCE, relapse)", status: S, note: "US value set; SE 0.05 an assumption" }),

  // Costs (SEK).
  cNgs: param(gammaCost(10_000, 0.25), { label: "Myeloid NGS panel per patient", unit: "SEK (price year 2024, assumed)", source: "no Swedish price found", status: A }),
  cConv: param(gammaCost(4_000, 0.25), { label: "NPM1 + FLT3-ITD (± CEBPA) targeted analysis per patient", unit: "SEK (price year 2024, assumed)", source: "—", status: A }),
  cInd: param(gammaCost(400_000, 0.25), { label: "Induction chemotherapy (common to both strategies)", unit: perPatient, source: "—", status: P }),
  cCons: param(gammaCost(300_000, 0.25), { label: "Chemotherapy consolidation (about 3 courses)", unit: perPatient, source: "—", status: P }),
  cSct: param(gammaCost(1_900_000, 0.15), {
    label: "alloSCT including the first year",
    unit: "SEK per patient (price year 2024)",
    source: "Karolinska mean first-year cost EUR 141 493, 2003–2007 (Bone Marrow Transplant 2012;47:706): about SEK 1.3 M at 9.3 SEK/EUR, SEK 1.62 M at the 2023 rate; base adds inflation to 2024",
    status: A,
    note: "the cost is sourced; its conversion and inflation to 2024 are assumptions",
  }),
  cRr0: param(gammaCost(400_000, 0.5), { label: "Relapsed/refractory: one-off salvage treatment", unit: perPatient, source: "—", status: P }),
  cRrMonth: param(gammaCost(30_000, 0.5), { label: "Relapsed/refractory: care per month", unit: perMonth, source: "—", status: P }),
  cFu: param(gammaCost(3_000, 0.25), { label: "Follow-up per month in CR1 off treatment (first 60 months)", unit: perMonth, source: "—", status: A }),
}).group("trueRisk", dirichlet({ alpha: [192, 331, 192], names: ["pFav", "pInt", "pAdv"] }), ["pFav", "pInt", "pAdv"], {
  label: "True ELN risk: favourable / intermediate / adverse",
  unit: "proportion",
  source: "Boddu PC et al., Validation of the 2017 ELN classification, Cancer 2019 (n = 715, < 60 years, intensive induction): 27 % / 46 % / 27 %",
  status: S,
  note: "Dirichlet(192, 331, 192) from the observed shares × 715 (review §4.2.3)",
});

/** One set of parameter values of the model (a base case or a PSA draw). */
export type AmlParameters = ParameterValues<typeof parameters>;

/** The deterministic base case: declared values and means, with the hazard ratio and R/R median at their base values (not the lognormal means). */
export const baseCase: AmlParameters = parameters.base(LOGNORMAL_BASE);

/** Names of the parameters whose status is "placeholder" (unverified Swedish prices): the project warns while they are in use. */
export const PLACEHOLDER_PARAMETERS: readonly string[] = Object.freeze(parameters.describe().filter((row) => row.status === "placeholder").map((row) => row.name));
