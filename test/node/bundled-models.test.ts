import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundledModel, bundledModelHint, bundledModels, bundledModelsFolder } from "../../src/node/bundled-models.js";

const models = fileURLToPath(new URL("../../models", import.meta.url));

describe("bundled models", () => {
  it("bundledModelsFolder() is the package's models/ folder, found from the module's own location", () => {
    expect(bundledModelsFolder()).toBe(models);
  });

  it("bundledModels() lists the model folders with their model file, not the data folder", () => {
    const listed = bundledModels();
    const names = listed.map((m) => m.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(["hiv-briggs-2006", "nsclc-gene-panel", "sick-sicker", "sumatriptan-evans-1997"]));
    expect(names).not.toContain("data");
    for (const name of ["hiv-briggs-2006", "nsclc-gene-panel", "sick-sicker", "sumatriptan-evans-1997"]) expect(listed.find((m) => m.name === name)?.file).toBe("model.yaml");
    expect(bundledModel("sick-sicker")?.folder).toBe(join(models, "sick-sicker"));
    expect(bundledModel("data")).toBeUndefined();
  });

  it("bundledModelHint(name) suggests the closest bundled model and lists them all", () => {
    const list = bundledModels().filter((m) => m.file !== undefined).map((m) => m.name).join(", ");
    expect(list).toMatch(/^aml-myeloid-panel, .*hiv-briggs-2006, .*sick-sicker/);
    expect(bundledModelHint("sick-sickr")).toBe(`did you mean the bundled model 'sick-sicker'? (bundled models: ${list})`);
    expect(bundledModelHint("markov")).toBe(`nor is it a bundled model (bundled models: ${list})`);
  });

  it("the TypeScript models import qaly by its package name only (never the repository's src/), so they run from the installed package", () => {
    // The package's own entry points (package.json "exports"), as an installed package resolves them.
    const exportsField = (JSON.parse(readFileSync(join(models, "..", "package.json"), "utf8")) as { exports: Record<string, unknown> }).exports;
    const entries = Object.keys(exportsField).filter((key) => !key.includes("*") && !key.endsWith(".json")).map((key) => (key === "." ? "qaly" : `qaly/${key.slice(2)}`));
    expect(entries).toContain("qaly/microsimulation");
    const files = readdirSync(models, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const specifiers = [...readFileSync(join(models, file), "utf8").matchAll(/^(?:import|export)\b[^;]*?from\s+"([^"]+)"/gms)].map((match) => match[1]!);
      for (const specifier of specifiers) {
        const allowed = entries.includes(specifier) || specifier.startsWith("node:") || specifier.startsWith("./") || specifier.startsWith("../data/");
        expect([file, specifier, allowed]).toEqual([file, specifier, true]);
      }
    }
  });
});
