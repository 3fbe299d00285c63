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
