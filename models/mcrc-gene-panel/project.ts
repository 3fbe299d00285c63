// The mCRC testing example as a runnable project (the TypeScript twin of model.yaml): model,
// parameters, base case, one-way ranges, the panel's price threshold, the Swedish WTP grid, PSA
// settings and the warning that every input is an assumption.
import { economicSettings, SWEDISH_WTP_GRID, SWEDISH_WTP_THRESHOLDS } from "qaly";
import type { ModelProject } from "qaly/files";
import { MCRC_TITLE, mcrcGenePanel, type Strategy } from "./model.js";
import { baseCase, parameters, type McrcParameters } from "./parameters.js";

/** The bundled mCRC testing project (Sweden, illustrative). */
export const project: ModelProject<McrcParameters, Strategy> = {
  name: "mcrc-gene-panel",
  metadata: {
    title: MCRC_TITLE,
    question:
      "In newly diagnosed metastatic colorectal cancer in Sweden, is one DNA panel (RAS/BRAF) with MMR " +
      "immunohistochemistry worth its cost compared with sequential KRAS, NRAS, BRAF V600E and MMR tests?",
    currency: "SEK",
    priceYear: 2024,
    country: "Sweden",
    perspective: "regional healthcare payer",
    version: "0.1.0",
    description:
      "Testing pathway (true status KRAS / NRAS / BRAF V600E / dMMR / wild type; sample failure, re-biopsy and one " +
      "retest; first-line treatment by result) with a partitioned survival back end per treatment arm (exponential " +
      "PFS and OS from assumed medians), monthly cycles over 15 years, 3 % discounting of costs and QALYs (TLV). " +
      "Illustrative: every input is an assumption (the review's §4.2.7 gives no sourced values). See " +
      "models/mcrc-gene-panel/README.md.",
  },
  model: mcrcGenePanel,
  parameters,
  baseCase,
  outcomes: { cost: "cost", effect: "qaly" },
  scenarios: {},
  dsa: { cPanel: { low: 4_000, high: 16_000 }, pLeft: "distribution", sensPcr: "distribution", failPanel: "distribution" },
  thresholds: [{ parameter: "cPanel", range: [0, 100_000], strategies: ["SEQUENTIAL", "DNA-PANEL"] }],
  wtp: { grid: SWEDISH_WTP_GRID, thresholds: SWEDISH_WTP_THRESHOLDS },
  economics: economicSettings({ preset: "sweden", currency: "SEK", priceYear: 2024 }),
  psa: { samples: 1_000, seed: "mcrc-gene-panel-v1" },
  warnings: ["Illustrative example: every input is an assumption (review §4.2.7 gives no sourced values); do not use the results for decisions."],
};
