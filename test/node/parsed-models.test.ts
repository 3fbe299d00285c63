// The bundled models parsed at build time (src/node/parsed-models.ts, written by scripts/bundle-cli.mjs):
// an entry is used only for a bundled model's file holding exactly its text, and a model compiled
// from it is the model compiled from the text (same base case, same located issues).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { bundledModelsFolder } from "../../src/node/bundled-models.js";
import { parsedBundledModel } from "../../src/node/parsed-models.js";
import { parseModelText } from "../../src/files/parse-model-text.js";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { runBaseCase } from "../../src/analysis/run/run-base-case.js";

const models = bundledModelsFolder()!;
const file = join(models, "sick-sicker", "model.yaml");
const text = readFileSync(file, "utf8");
const data = parseModelText(text, "model.yaml", "yaml").data;

/** A cache folder holding one entry for sick-sicker. */
function cacheWith(entry: unknown): URL {
  const folder = mkdtempSync(join(tmpdir(), "qaly-parsed-"));
  writeFileSync(join(folder, "sick-sicker.json"), JSON.stringify(entry));
  return pathToFileURL(`${folder}/`);
}

describe("parsedBundledModel", () => {
  it("gives the entry's data for the bundled model's file holding exactly its text, undefined otherwise", () => {
    const cache = cacheWith({ file: "model.yaml", text, data });
    expect(parsedBundledModel(file, text, cache)).toEqual(data);
    expect(parsedBundledModel(file, `${text}\n`, cache)).toBeUndefined();
    expect(parsedBundledModel(join(models, "sick-sicker", "model.yml"), text, cache)).toBeUndefined();
    expect(parsedBundledModel(join(tmpdir(), "sick-sicker", "model.yaml"), text, cache)).toBeUndefined();
    expect(parsedBundledModel(join(models, "model.yaml"), text, cache)).toBeUndefined();
    expect(parsedBundledModel(file, text, pathToFileURL(join(tmpdir(), "qaly-no-such-cache/")))).toBeUndefined();
  });

  it("a model compiled from the parsed data is the model compiled from the text (base case bit for bit)", () => {
    const options = { fileName: "models/sick-sicker/model.yaml", readFile: () => "" };
    const parsed = JSON.parse(JSON.stringify(data)) as unknown;
    const a = compileModelFile(text, options);
    const b = compileModelFile(text, { ...options, parsedData: parsed });
    const baseA = runBaseCase(a.model, a.parameters, a.outcomes);
    const baseB = runBaseCase(b.model, b.parameters, b.outcomes);
    expect(baseB.values).toEqual(baseA.values);
    expect(b.parameters.describe()).toEqual(a.parameters.describe());
  });

  it("issues of a file compiled from parsed data are located in the text as without it", () => {
    const broken = text.replace("S2: { S2: complement, D: pS2D }", "S2: { S2: complement, D: pS2DD }");
    const options = { fileName: "model.yaml" };
    const direct = checkModelFile(broken, options);
    const viaData = checkModelFile(broken, { ...options, parsedData: parseModelText(broken, "model.yaml", "yaml").data });
    expect(direct.ok).toBe(false);
    expect(viaData).toEqual(direct);
  });
});
