// checkedPsaTask: a worker of `qaly run` builds the model file the calling thread has validated from
// that validation's definition, but only while the file holds exactly the text that was validated;
// otherwise it compiles the file as psaTask does. Data tables keep the model-folder policy.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runPsaSync } from "../../src/analysis/run/index.js";
import { QalyError } from "../../src/core/errors.js";
import { checkedModelText, checkedPsaTask, loadModel, psaTask, type CheckedModelText } from "../../src/node/load-model.js";

const TOY = fileURLToPath(new URL("../cli/fixtures/toy-tree", import.meta.url));
const SICK_SICKER = fileURLToPath(new URL("../../models/sick-sicker/model.yaml", import.meta.url));

/** A copy of the toy tree (model.yaml and its data table) in a folder of its own. */
function toyCopy(): string {
  const folder = join(mkdtempSync(join(tmpdir(), "qaly-checked-")), "toy");
  cpSync(TOY, folder, { recursive: true });
  return join(folder, "model.yaml");
}

/** What a worker receives: the calling thread's check, cloned as workerData is. */
async function checkOf(path: string): Promise<CheckedModelText> {
  const checked = checkedModelText(await loadModel(path));
  expect(checked).not.toBeNull();
  return structuredClone(checked!);
}

describe("checkedPsaTask", () => {
  it("builds the model of psaTask from the calling thread's check: the PSA buffer and draws are identical bit for bit (Sick-Sicker, base case and a scenario)", async () => {
    const checked = await checkOf(SICK_SICKER);
    for (const scenario of [null, "Cheaper treatment B"]) {
      const own = await psaTask(SICK_SICKER, scenario, null);
      const given = await checkedPsaTask(SICK_SICKER, scenario, null, checked);
      const options = { samples: 300, seed: 7 };
      const a = runPsaSync(own.model, own.parameters, options);
      const b = runPsaSync(given.model, given.parameters, options);
      expect(Buffer.from(b.buffer.buffer).equals(Buffer.from(a.buffer.buffer)), String(scenario)).toBe(true);
      expect(b.provenance).toEqual(a.provenance);
    }
  });

  it("takes the definition, not a second parse, while the file holds the checked text (a value changed in the definition shows in the draws)", async () => {
    const file = toyCopy();
    const checked = await checkOf(file);
    const parameters = { ...checked.file.parameters, cNew: { value: 5000 } };
    const setup = await checkedPsaTask(file, null, null, { ...checked, file: { ...checked.file, parameters } as CheckedModelText["file"] });
    expect(Array.from(setup.parameters.sample(2, { seed: 1 }).column("cNew"))).toEqual([5000, 5000]);
  });

  it("compiles the file itself when it no longer holds the checked text: a valid edit is built, an invalid one is reported", async () => {
    const file = toyCopy();
    const checked = await checkOf(file);
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("cNew: { value: 20000", "cNew: { value: 30000"));
    expect(Array.from((await checkedPsaTask(file, null, null, checked)).parameters.sample(2, { seed: 1 }).column("cNew"))).toEqual([30000, 30000]);
    writeFileSync(file, text.replace("probability: pRespondSoc", "probability: pRespondSocc"));
    const error = await checkedPsaTask(file, null, null, checked).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QalyError);
    expect((error as QalyError).code).toBe("unknown_parameter");
  });

  it("reads data tables under the model-folder policy: a table outside the folder in the given definition is file_not_allowed, located in the file", async () => {
    const file = toyCopy();
    writeFileSync(join(file, "../../outside.csv"), "response,cost\n0,1\n1,2\n");
    const checked = await checkOf(file);
    const tables = { careCost: { ...checked.file.tables!["careCost"]!, file: "../outside.csv" } };
    const error = await checkedPsaTask(file, null, null, { ...checked, file: { ...checked.file, tables } as CheckedModelText["file"] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QalyError);
    expect((error as QalyError).code).toBe("file_not_allowed");
    expect((error as QalyError).message).toMatch(/model\.yaml:11:\d+/);
  });

  it("checkedModelText is null for a project module, and checkedPsaTask with null compiles the file as psaTask does", async () => {
    const module = await loadModel(fileURLToPath(new URL("../cli/fixtures/sick-sicker", import.meta.url)));
    expect(module.kind).toBe("module");
    expect(checkedModelText(module)).toBeNull();
    const file = toyCopy();
    expect((await checkedPsaTask(file, "Half price", null, null)).model.strategies).toEqual((await psaTask(file, "Half price", null)).model.strategies);
  });
});
