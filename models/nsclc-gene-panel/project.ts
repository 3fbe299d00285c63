// The NSCLC gene-panel model as a runnable project: model, parameters, base case, scenarios of the
// review (§4.1), one-way ranges, the broad panel's price threshold, the Swedish WTP grid, PSA
// settings and the placeholder warning. The command line and the report read this object.
import { economicSettings, SWEDISH_WTP_GRID, SWEDISH_WTP_THRESHOLDS, type Dsa } from "qaly";
import type { ModelProject } from "qaly/files";
import type { Strategy } from "./categories.js";
import { buildNsclcModel, NSCLC_TITLE, nsclcGenePanel } from "./model.js";
import { baseCase, parameters, PLACEHOLDER_PARAMETERS, PREVALENCE_BASE, type NsclcParameters } from "./parameters.js";

type P = NsclcParameters;

/** Mfumbilwa 2023 Table 1 real-world medians (months); the platinum doublet stands in for the MISSED arm. */
const REAL_WORLD_MEDIANS = {
  mPfsEgfr: 14.4, mOsEgfr: 16.2,
  mPfsAlk: 40.6, mOsAlk: 44.0,
  mPfsRos1: 13.3, mOsRos1: 14.8,
  mPfsBraf: 8.5, mOsBraf: 10.9,
  mPfsNtrk: 7.6, mOsNtrk: 8.8,
  mPfsMissed: 5.4, mOsMissed: 6.8,
} as const;

/** Dutch real-world prevalence mix (Mfumbilwa 2023 Table 1); the other categories keep their base values, NONE takes the rest. */
const DUTCH_MIX = { pEgfr: 0.081, pAlk: 0.02, pRos1: 0.019, pBraf: 0.021, pNtrk: 0.002 } as const;
const dutchNone = 1 - Object.entries({ ...PREVALENCE_BASE, ...DUTCH_MIX }).reduce((sum, [name, value]) => (name === "pNone" ? sum : sum + value), 0);

/** The named scenarios of the review (§4.1.1, §4.1.4), in report order. */
export const NSCLC_SCENARIOS: Readonly<Record<string, Dsa.Scenario<P, Strategy>>> = {
  "NGS-EXTERNAL: send-out CGP replaces the in-house broad panel": { parameters: { cNgs: baseCase.cNgsExternal, tatNgs: baseCase.tatNgsExternal } },
  "Real-world survival (Mfumbilwa 2023)": { parameters: REAL_WORLD_MEDIANS },
  "Matched-therapy uptake 0.38 (Swedish historic EGFR-TKI uptake)": { parameters: { pTreat: 0.38 } },
  "Dutch prevalence mix (Mfumbilwa 2023)": { parameters: { ...DUTCH_MIX, pNone: dutchNone } },
  "Discount rate 0 %": { model: buildNsclcModel({ discountRate: 0 }) },
  "Discount rate 5 %": { model: buildNsclcModel({ discountRate: 0.05 }) },
  "Osimertinib price −30 %": { parameters: { cOsimertinib: 0.7 * baseCase.cOsimertinib } },
  "Re-biopsy disutility 0.01 QALY": { parameters: { uRebiopsy: 0.01 } },
  "Specificity 0.995 per gene": { parameters: { specificity: 0.995 } },
  "Perfect tests (sensitivity 1, no failures)": {
    parameters: {
      sensNgs: 1, failNgs: 0, sensHot: 1, sensHotMet: 1, sensHotAlk: 1, sensHotRos1: 1, failHot: 0,
      sensSgtEgfr: 1, failSgtEgfr: 0, sensSgtAlk: 1, failSgtAlk: 0, sensSgtRos1: 1, failSgtRos1: 0, sensSgtBraf: 1, failSgtBraf: 0,
    },
  },
};

/**
 * One-way ranges: the 2.5 % and 97.5 % quantiles of every parameter with a distribution (NONE's
 * prevalence excepted: the tree takes it as the complement of the others), and for the fixed TLV
 * list prices a 30 % discount to the list price.
 */
function dsaRanges(): { readonly [name: string]: Dsa.OneWayRange } {
  const ranges: Record<string, Dsa.OneWayRange> = {};
  for (const row of parameters.describe()) {
    if ((row.kind === "distribution" || row.kind === "group") && row.name !== "pNone") ranges[row.name] = "distribution";
  }
  for (const name of ["cOsimertinib", "cAlectinib", "cCrizotinib"] as const) ranges[name] = { low: 0.7 * baseCase[name], high: baseCase[name] };
  ranges.specificity = { low: 0.99, high: 1 };
  ranges.uRebiopsy = { low: 0, high: 0.02 };
  return ranges;
}

/** The bundled NSCLC gene-panel project (Sweden). */
export const project: ModelProject<P, Strategy> = {
  name: "nsclc-gene-panel",
  metadata: {
    title: NSCLC_TITLE,
    question:
      "Is broad DNA+RNA NGS panel testing of adults with newly diagnosed advanced non-squamous NSCLC worth its cost in Sweden, " +
      "compared with sequential single-gene tests and a hotspot DNA panel with ALK/ROS1 IHC?",
    currency: "SEK",
    priceYear: 2024,
    country: "Sweden",
    perspective: "regional healthcare payer",
    version: "0.1.0",
    description:
      "Decision-tree front end (sample failure, re-biopsy, per-gene detection, matched therapy) with a partitioned survival back end per " +
      "treatment arm (exponential PFS/OS from published medians, Swedish background-mortality floor), monthly cycles to age 100, " +
      "3 % discounting of costs and QALYs (TLV). Specification: the project's evidence review, §4.1. TLV list prices are at their " +
      "source years (2014–2019) and not inflated; assumed and placeholder prices are current (2024). See models/nsclc-gene-panel/README.md.",
  },
  model: nsclcGenePanel,
  parameters,
  baseCase,
  outcomes: { cost: "cost", effect: "qaly" },
  scenarios: NSCLC_SCENARIOS,
  dsa: dsaRanges(),
  thresholds: [{ parameter: "cNgs", range: [0, 60_000], strategies: ["NGS-BROAD", "HOTSPOT"] }],
  wtp: { grid: SWEDISH_WTP_GRID, thresholds: SWEDISH_WTP_THRESHOLDS },
  // TLV conventions; advanced NSCLC is judged "very high" severity (Tagrisso 2017, Alecensa 2018).
  economics: economicSettings({ preset: "sweden", currency: "SEK", priceYear: 2024, severity: "very high" }),
  psa: { samples: 5_000, seed: "nsclc-gene-panel-v1", method: "random" },
  warnings: [
    `Placeholder prices in use (no verified Swedish price; they dominate the ICER): ${PLACEHOLDER_PARAMETERS.join(", ")}. Replace them with regional or contract prices.`,
    "Values to verify against full text before release ([S*]): osimertinib 80 mg pack price (cOsimertinib), BRAF 1L median PFS (mPfsBraf), MET 1L median PFS (mPfsMet).",
  ],
};
