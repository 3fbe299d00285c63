// Reads the R-generated reference fits and the datasets beside them (test/fixtures/survival/fit/).
import { readFileSync } from "node:fs";
import type { FlexsurvDistribution } from "../../../src/survival/index.js";

export interface ReferenceFit {
  dataset: "lung" | "ovarian";
  dist: FlexsurvDistribution;
  covariates: string[];
  method: string;
  names: string[];
  estimates: number[];
  covariance: number[][];
  logLikelihood: number;
  aic: number;
  bic: number;
}

export interface ReferenceKaplanMeier {
  time: number[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  survival: number[];
  stdErr: number[];
  lower: number[];
  upper: number[];
  median: number;
}

const folder = new URL("../../fixtures/survival/fit/", import.meta.url);

export const reference = JSON.parse(readFileSync(new URL("fit-reference.json", folder), "utf8")) as { fits: ReferenceFit[]; lungKaplanMeier: ReferenceKaplanMeier };

/** A numeric CSV written by R's write.csv (quoted header, no missing values in the columns used). */
export function readDataset(name: "lung" | "ovarian" | "gbsg"): Record<string, number[]> {
  const [header, ...lines] = readFileSync(new URL(`${name}.csv`, folder), "utf8").trim().split("\n");
  const columns = header!.split(",").map((cell) => cell.replace(/"/g, ""));
  const out: Record<string, number[]> = Object.fromEntries(columns.map((c) => [c, []]));
  for (const line of lines) line.split(",").forEach((cell, i) => out[columns[i]!]!.push(Number(cell)));
  return out;
}

/** Reads a file next to the fitted-curve fixtures (a model file's readFile). */
export const readFitFixture = (path: string): string => readFileSync(new URL(path, folder), "utf8");

/**
 * A small partitioned-survival model file (times in days, 5-year horizon) whose OS curve is `os`:
 * the host for `{ kind: fitted }` curves in model-file and report tests.
 */
export const fittedPsmModel = (os: string): string => `metadata: { title: Fitted at build time, currency: SEK }
parameters:
  hr: { value: 0.8, distribution: { kind: lognormal, estimate: 0.8, lower: 0.6, upper: 1.05 } }
strategies:
  Standard: { variables: { h: 1 } }
  New: { variables: { h: hr } }
model:
  type: partitioned-survival
  outcomes: { cost: cost, lifeYears: effect }
  timeUnit: days
  cycleLength: 1/12
  horizon: 5
  curves:
    PFS: { kind: exponential, rate: 0.004 }
    OS: ${os}
  values:
    lifeYears: { PF: 1, PD: 1 }
    cost: { PF: 0 }
`;
