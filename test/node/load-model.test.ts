import { describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { QalyError } from "../../src/core/errors.js";
import { dataReader, loadModel, psaTask, withScenario } from "../../src/node/load-model.js";
import { evaluateModel } from "../../src/index.js";

const fixture = (path: string): string => fileURLToPath(new URL(`../cli/fixtures/${path}`, import.meta.url));
const models = fileURLToPath(new URL("../../models/", import.meta.url));

async function issueOf(promise: Promise<unknown>): Promise<QalyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QalyError);
  return error as QalyError;
}

describe("loadModel", () => {
  it("loadModel(folder) finds project.ts and imports its `project` export", async () => {
    const loaded = await loadModel(fixture("sick-sicker"));
    expect(loaded.kind).toBe("module");
    expect(loaded.file.endsWith("project.ts")).toBe(true);
    expect(loaded.project.model.strategies).toEqual(["Standard of care", "Strategy A", "Strategy B", "Strategy AB"]);
  });

  it("loadModel(folder) compiles model.yaml and reads its data table next to the file", async () => {
    const loaded = await loadModel(fixture("toy-tree"));
    expect(loaded.kind).toBe("model-file");
    expect(loaded.project.model.strategies).toEqual(["Standard care", "New drug"]);
    expect(loaded.project.warnings.join(" ")).toContain("cNew");
  });

  it("loadModel(file) loads a model file given directly", async () => {
    const loaded = await loadModel(`${models}sick-sicker/model.yaml`);
    expect(loaded.project.metadata.currency).toBe("USD");
  });

  it("loadModel(path) of a missing path fails with file_not_found", async () => {
    const error = await issueOf(loadModel(fixture("no-such-model")));
    expect(error.code).toBe("file_not_found");
    expect(error.path).toEqual(["file", fixture("no-such-model")]);
  });

  it("loadModel(folder) of a folder without a model file fails with file_not_found naming the files looked for", async () => {
    const error = await issueOf(loadModel(fixture("empty-folder")));
    expect(error.code).toBe("file_not_found");
    expect(error.message).toContain("model.yaml");
  });

  it("loadModel(folder) of a module without `project` fails with invalid_model", async () => {
    const error = await issueOf(loadModel(fixture("no-project")));
    expect(error.code).toBe("invalid_model");
    expect(error.message).toContain("must export `project`");
  });

  it("loadModel(file) of a model file with a missing data table fails with file_not_found at the table", async () => {
    const error = await issueOf(loadModel(fixture("broken/missing-data.yaml")));
    expect(error.issues.map((issue) => [issue.code, issue.path])).toContainEqual(["file_not_found", ["tables", "careCost", "file"]]);
    expect(error.issues[0]!.message).toContain("no-such-costs.csv");
  });

  it("loadModel(name) of a bundled model's folder name loads it from the package's models/ folder", async () => {
    const loaded = await loadModel("sick-sicker");
    expect(loaded.file).toBe(`${models}sick-sicker/model.yaml`);
    expect(loaded.project.metadata.currency).toBe("USD");
  });

  it("loadModel(name) prefers an existing path of that name in the working directory over the bundled model", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qaly-name-"));
    const previous = process.cwd();
    try {
      mkdirSync(join(dir, "sick-sicker"));
      cpSync(fixture("toy-tree"), join(dir, "sick-sicker"), { recursive: true });
      process.chdir(dir);
      const loaded = await loadModel("sick-sicker");
      expect(loaded.project.model.strategies).toEqual(["Standard care", "New drug"]);
    } finally {
      process.chdir(previous);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loadModel(name) of an unknown name fails with file_not_found, the closest bundled model and the list of them", async () => {
    const error = await issueOf(loadModel("sick-sickr"));
    expect(error.code).toBe("file_not_found");
    expect(error.path).toEqual(["file", "sick-sickr"]);
    expect(error.message).toContain("did you mean the bundled model 'sick-sicker'?");
    expect(error.message).toMatch(/bundled models: aml-myeloid-panel, bia-skane-nsclc, hiv-briggs-2006, .*nsclc-gene-panel, .*sick-sicker, .*sumatriptan-evans-1997/);
    // A path with a folder in it is a path: no bundled-model hint.
    expect((await issueOf(loadModel("models/sick-sickr"))).message).not.toContain("bundled");
  });

  it("loadModel(folder) of a bundled model copied out of models/ runs unchanged: qaly:<name> data come from the package", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qaly-copy-"));
    try {
      cpSync(`${models}nsclc-gene-panel`, join(dir, "nsclc-gene-panel"), { recursive: true });
      const copied = await loadModel(join(dir, "nsclc-gene-panel"));
      const original = await loadModel(`${models}nsclc-gene-panel`);
      expect(copied.kind).toBe("model-file");
      const base = original.project.baseCase!;
      expect(evaluateModel(copied.project.model, base)).toEqual(evaluateModel(original.project.model, base));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("dataReader(folder) reads paths relative to the folder and qaly:<name> from models/data", () => {
    const read = dataReader(fixture("toy-tree"));
    expect(read("care-costs.csv")).toContain("response");
    expect(read("qaly:sweden-life-table-hmd-2018-2020").split("\n")[0]).toBe("year,sex,age,mx,qx,lx,ex");
    expect(() => read("missing.csv")).toThrow(/no such file .*missing\.csv/);
  });

  it("loadModel(file) of a file with another extension fails with invalid_argument", async () => {
    const error = await issueOf(loadModel(fixture("toy-tree/care-costs.csv")));
    expect(error.code).toBe("invalid_argument");
  });
});

describe("withScenario", () => {
  it("withScenario(model file, name) rebuilds the project; a module keeps the name for runProject", async () => {
    const file = withScenario(await loadModel(fixture("toy-tree")), "Half price");
    expect(file.scenario).toBeUndefined();
    expect(file.project.parameters.base().cNew).toBe(10_000);
    const module = withScenario(await loadModel(fixture("sick-sicker")), "Cheaper treatment B");
    expect(module.scenario).toBe("Cheaper treatment B");
  });
});

describe("psaTask", () => {
  it("psaTask(path, scenario) returns the model and a sampler with the scenario's overrides fixed", async () => {
    const setup = await psaTask(fixture("sick-sicker"), "Cheaper treatment B");
    expect(setup.model.strategies).toHaveLength(4);
    expect(Array.from(setup.parameters.sample(3, { seed: 1 }).column("cTrtB"))).toEqual([6500, 6500, 6500]);
  });
});
