import { describe, expect, it } from "vitest";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { loadPsaTask, taskUrl } from "../../src/node/psa-task.js";

const dataUrl = (source: string): string => "data:text/javascript," + encodeURIComponent(source);

describe("PSA task modules", () => {
  it("taskUrl(task) passes URLs through and turns paths (relative to the working directory) into file: URLs", () => {
    const url = new URL("file:///tmp/task.js");
    expect(taskUrl({ module: url })).toBe("file:///tmp/task.js");
    expect(taskUrl({ module: "file:///tmp/task.js" })).toBe("file:///tmp/task.js");
    expect(taskUrl({ module: "/tmp/task.js" })).toBe("file:///tmp/task.js");
    expect(taskUrl({ module: "models/task.ts" })).toBe(pathToFileURL(resolve("models/task.ts")).href);
    expect(() => taskUrl({ module: "" })).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["task", "module"] }));
  });

  it("loadPsaTask(url, name, args) calls a (possibly async) factory with the arguments", async () => {
    const url = dataUrl("export const build = async (k) => ({ model: { title: 'T', strategies: ['A'], outcomes: ['cost'], evaluateInto() {}, k }, parameters: { sample() {} } });");
    const setup = await loadPsaTask(url, "build", [42]);
    expect((setup.model as unknown as { k: number }).k).toBe(42);
  });

  it("loadPsaTask rejects a factory that returns no model or no parameters, naming task.model or task.parameters", async () => {
    await expect(loadPsaTask(dataUrl("export default () => ({ parameters: { sample() {} } });"), "default", [])).rejects.toMatchObject({ code: "invalid_argument", path: ["task", "model"] });
    await expect(loadPsaTask(dataUrl("export default () => ({ model: { strategies: ['A'], outcomes: ['c'], evaluateInto() {} }, parameters: 3 });"), "default", [])).rejects.toMatchObject({ code: "invalid_argument", path: ["task", "parameters"] });
    await expect(loadPsaTask(dataUrl("export const other = () => 1;"), "default", [])).rejects.toThrow(/no factory function "default" \(functions exported: other\)/);
  });
});
