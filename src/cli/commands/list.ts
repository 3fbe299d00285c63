import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { bundledModels, bundledModelsFolder } from "../../node/bundled-models.js";
import type { CliIo } from "../terminal/cli-io.js";
import { parseCommand, type CommandSpec } from "../terminal/parse-command.js";
import { textTable } from "../terminal/text-table.js";
import { jsonText } from "../../core/json-text.js";

const SPEC: CommandSpec = { name: "qaly list", positionals: [], options: { json: { type: "boolean" } } };

export const LIST_HELP = `Usage: qaly list [--json]

Lists the models bundled in the package's models/ folder: the ones with a model file or a
project module run with \`qaly run <name>\` from any folder; the others are TypeScript reference
models used by tests and examples.

Options:
  --json        print one JSON document
  -h, --help    show this help`;

/** `qaly list`: bundled models, whether each is runnable, and its README title. */
export function listCommand(argv: readonly string[], io: CliIo): number {
  const { values, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${LIST_HELP}\n`);
    return 0;
  }
  const root = bundledModelsFolder();
  const models = bundledModels().map(({ name, folder, file }) => {
    const readme = join(folder, "README.md");
    const heading = existsSync(readme) ? (readFileSync(readme, "utf8").split("\n").find((line) => line.startsWith("# ")) ?? "").slice(2).trim() : "";
    const reference = existsSync(join(folder, "model.ts"));
    return { name, path: relative(process.cwd(), folder) || folder, runnable: file !== undefined, reference, file: file ?? null, title: heading };
  }).filter((m) => m.runnable || m.reference);
  if (values.json === true) {
    io.stdout(jsonText({ folder: root ?? null, models }));
    return 0;
  }
  if (models.length === 0) {
    io.stdout("no bundled models found\n");
    return 0;
  }
  io.stdout(`${textTable(["model", "run with", "title"], models.map((m) => [m.name, m.runnable ? `qaly run ${m.name}` : "(TypeScript reference model)", m.title]))}\n`);
  return 0;
}
