// The AML model as a runnable project (the TypeScript twin of model.yaml): model, parameters, base
// case, the one-way ranges of the review's §4.2.4, the Swedish WTP grid, PSA settings and the
// placeholder warnings. The command line and the report read this object.
import { SWEDISH_WTP_GRID, SWEDISH_WTP_THRESHOLDS } from "qaly";
import type { ModelProject } from "qaly/files";
import { AML_TITLE, amlMyeloidPanel, type Strategy } from "./model.js";
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
  wtp: { grid: SWEDISH_WTP_GRID, thresholds: SWEDISH_WTP_THRESHOLDS },
  psa: { samples: 5_000, seed: "aml-myeloid-panel-v1", method: "random" },
  warnings: [
    `Placeholder prices in use (no verified Swedish price): ${PLACEHOLDER_PARAMETERS.join(", ")}. Replace them with regional prices.`,
    "Most inputs are assumptions (review §4.2.3): the misclassification shares, transplant policy, relapse and cure inputs, the transplant effect and most prices.",
  ],
};
