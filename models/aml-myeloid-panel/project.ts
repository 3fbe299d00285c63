// The AML model as a runnable project (the TypeScript twin of model.yaml): model, parameters, base
// case, the one-way ranges of the review's §4.2.4, subgroups, calibration targets, EVPPI groups, the
// Swedish WTP grid, PSA settings and the placeholder warnings. The command line and the report read this object.
import { reclassification, economicSettings, SWEDISH_WTP_GRID, SWEDISH_WTP_THRESHOLDS } from "qaly";
import type { ModelProject } from "qaly/files";
import { AML_TITLE, amlMyeloidPanel, amlPathway, type Strategy } from "./model.js";
import { baseCase, parameters, PLACEHOLDER_PARAMETERS, type AmlParameters } from "./parameters.js";

type P = AmlParameters;

/** The bundled AML project (Sweden). */
export const project: ModelProject<P, Strategy> = {
  name: "aml-myeloid-panel",
  metadata: {
    title: AML_TITLE,
    question:
      "In adults with newly diagnosed AML fit for intensive induction in Sweden, is a myeloid NGS panel for ELN genetic risk " +
      "stratification worth its cost compared with conventional targeted testing (NPM1, FLT3-ITD, ± CEBPA) beside karyotyping?",
    currency: "SEK",
    priceYear: 2024,
    country: "Sweden",
    perspective: "regional healthcare payer",
    version: "0.1.0",
    description:
      "Decision tree (true ELN risk → assigned risk → induction response → alloSCT or chemotherapy consolidation in CR1) with a " +
      "monthly Markov back end (tunnel states for the first 12 months after alloSCT and the 6 months of chemotherapy " +
      "consolidation; relapse by true risk, alloSCT relapse hazard ratio, cure after 60 months in CR1; Swedish background " +
      "mortality), lifetime horizon (age 60 to 100), 3 % discounting of costs and QALYs (TLV). Specification: the project's " +
      "evidence review, §4.2. Most inputs are assumptions and four prices are placeholders: see models/aml-myeloid-panel/README.md.",
  },
  model: amlMyeloidPanel,
  parameters,
  baseCase,
  outcomes: { cost: "cost", effect: "qaly" },
  scenarios: {},
  // The 2.5 % and 97.5 % quantiles of the parameters the review's §4.2.4 names, and the others that move ΔQALY or Δcost.
  dsa: {
    missAdv: "distribution", missFav: "distribution", pSctFav: "distribution", pSctInt: "distribution", pSctAdv: "distribution",
    hrSct: "distribution", nrm1: "distribution", cSct: "distribution", cNgs: "distribution", cConv: "distribution",
    uSctLt: "distribution", uCr: "distribution", rel3Adv: "distribution", pCrAdv: "distribution",
  },
  // Subgroups (as model.yaml, same operations in the same order): the population of the Canadian
  // model, re-weighted by the chance of an intermediate CONV label and with that label made certain;
  // and the true risk groups, the calibration's populations.
  subgroups: {
    "Labelled intermediate by CONV": {
      description: "patients whom conventional testing labels intermediate risk (the population of the Canadian model)",
      condition: (p) => {
        const labelled = p.pFav * p.missFav + (1 - p.pFav - p.pAdv) + p.pAdv * p.missAdv;
        return { ...p, pFav: (p.pFav * p.missFav) / labelled, pAdv: (p.pAdv * p.missAdv) / labelled, pInt: (1 - p.pFav - p.pAdv) / labelled, missFav: 1, missAdv: 1 };
      },
    },
    "True favourable": { description: "true ELN favourable risk", condition: (p) => ({ ...p, pFav: 1, pInt: 0, pAdv: 0 }) },
    "True intermediate": { description: "true ELN intermediate risk", condition: (p) => ({ ...p, pFav: 0, pInt: 1, pAdv: 0 }) },
    "True adverse": { description: "true ELN adverse risk", condition: (p) => ({ ...p, pFav: 0, pInt: 0, pAdv: 1 }) },
  },
  // 5-year overall survival by true risk with the NGS panel's assignment against Boddu et al. 2019 (review §4.2.6).
  calibration: (
    [
      ["5-year OS, favourable", "True favourable", 0.57],
      ["5-year OS, intermediate", "True intermediate", 0.37],
      ["5-year OS, adverse", "True adverse", 0.18],
    ] as const
  ).map(([name, subgroup, target]) => ({ name, subgroup, strategy: "NGS" as const, outcome: "alive5y", target, tolerance: 0.05, source: "Boddu PC et al., Cancer 2019 (ELN-2017 validation, n = 715)" })),
  // The risk-group re-assignment matrix (review §4.2.4): CONV's call against the panel's.
  reclassification: [{ from: "conv", to: "ngs", table: (p) => reclassification(amlPathway, "conv", "ngs", p) }],
  // EVPPI (review §4.2.4): the re-assignment and transplant-effect parameters, each group learnt together.
  evppi: { "Re-assignment (missAdv, missFav)": ["missAdv", "missFav"], "Transplant effect (hrSct, nrm1)": ["hrSct", "nrm1"], "Transplant policy (pSctInt, pSctAdv)": ["pSctInt", "pSctAdv"] },
  wtp: { grid: SWEDISH_WTP_GRID, thresholds: SWEDISH_WTP_THRESHOLDS },
  economics: economicSettings({ preset: "sweden", currency: "SEK", priceYear: 2024 }),
  psa: { samples: 5_000, seed: "aml-myeloid-panel-v1", method: "random" },
  warnings: [
    `Placeholder prices in use (no verified Swedish price): ${PLACEHOLDER_PARAMETERS.join(", ")}. Replace them with regional prices.`,
    "Most inputs are assumptions (review §4.2.3): the misclassification shares, transplant policy, relapse and cure inputs, the transplant effect and most prices.",
  ],
};
