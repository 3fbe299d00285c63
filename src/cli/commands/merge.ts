import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { fail } from "../../core/errors.js";
import { fnv1a64 } from "../../analysis/run/model-hash.js";
import { finishPsa, planPsa, psaSize } from "../../analysis/run/plan-psa.js";
import type { PsaRunner } from "../../project/run-project.js";
import { loadModel, withScenario } from "../../node/load-model.js";
import { checkOutputFile, checkOutputFolder } from "../../node/check-output-path.js";
import { mergePsaShards, parsePsaShard, type PsaShardRun } from "../../node/psa-shard.js";
import type { CliIo } from "../terminal/cli-io.js";
import { parseCommand, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { reportRun, runChosen, type RunChoices } from "./run.js";

const SPEC: CommandSpec = {
  name: "qaly merge",
  positionals: [],
  variadic: true,
  options: {
    out: { type: "string", short: "o" },
    report: { type: "string" },
    xlsx: { type: "string" },
    model: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
  },
};

export const MERGE_HELP = `Usage: qaly merge <shard...> [options]

Joins the PSA shards written by \`qaly run <model> --draws A:B --out DIR\` into the results of one
run: the base case, ICER table, DSA and report are computed again, the PSA's outcomes are read from
the shards, and the result is bit-identical to \`qaly run\` with all the draws. The shards must come
from one run (same model file, hashes, seed, draws and options) and cover every draw exactly once.

Options:
  -o, --out DIR      write CSV and JSON results into DIR
  --report FILE      write the HTML report to FILE
  --xlsx FILE        write the Excel workbook to FILE (as qaly run --xlsx)
  --model PATH       the model, when it is no longer at the path the shards recorded (its hashes
                     must still match)
  --json             print one JSON document instead of the summary
  -q, --quiet        no progress and no warnings on stderr
  -h, --help         show this help`;

/** `qaly merge`: joins PSA shards and reports the run as `qaly run` would. */
export async function mergeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${MERGE_HELP}\n`);
    return 0;
  }
  if (positionals.length === 0) fail("invalid_argument", ["shards"], "give the shard files to merge (e.g. out/shards/psa-shard-*.json)");
  const outFolder = stringOption(values, "out");
  const reportFile = stringOption(values, "report");
  const outPath = outFolder === undefined ? undefined : checkOutputFolder(outFolder, ["out"]);
  const reportPath = reportFile === undefined ? undefined : checkOutputFile(reportFile, ["report"]);
  const xlsxFile = stringOption(values, "xlsx");
  const xlsxPath = xlsxFile === undefined ? undefined : checkOutputFile(xlsxFile, ["xlsx"]);
  const quiet = values.quiet === true;
  const json = values.json === true;

  const shards = await Promise.all(positionals.map(async (file) => ({ name: basename(file), shard: parsePsaShard(await readShard(file), basename(file)) })));
  const { run, values: outcomes } = mergePsaShards(shards);
  const modelPath = stringOption(values, "model") ?? run.model;
  const choices = run.options as unknown as RunChoices;
  const loaded = await loadModel(modelPath, choices.limits === undefined ? {} : { limits: choices.limits });
  const fileHash = fnv1a64(readFileSync(loaded.file, "utf8"));
  if (fileHash !== run.fileHash) fail("shard_mismatch", ["model"], `${loaded.file} is not the model file the shards were evaluated from (its text hashes to ${fileHash}, the shards' to ${run.fileHash})`);
  const chosen = withScenario(loaded, choices.scenario);
  const merged = await runChosen(loaded, chosen, choices, run.samples, io, { quiet, psaRunner: shardRunner(run, outcomes) });
  return reportRun(merged.run, merged.checks, io, { json, quiet, outFolder, outPath, reportFile, reportPath, xlsxFile, xlsxPath });
}

/** A PSA runner that samples the draws (for the parameter columns and the provenance) and takes the outcomes from the shards. */
function shardRunner(run: PsaShardRun, outcomes: Float64Array): PsaRunner {
  return async (model, sampler, options) => {
    psaSize(model, sampler, options);
    const plan = planPsa(model, sampler, options);
    const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((name, k) => name === b[k]);
    if (plan.provenance.modelHash !== run.modelHash || !same(model.strategies, run.strategies) || !same(model.outcomes, run.outcomes) || options.seed !== run.seed || options.samples !== run.samples) {
      fail("shard_mismatch", ["model"], `the model now builds another PSA (model hash ${plan.provenance.modelHash}, seed ${String(options.seed)}, ${options.samples} draws) than the shards hold (model hash ${run.modelHash}, seed ${String(run.seed)}, ${run.samples} draws)`);
    }
    return finishPsa(model, plan, outcomes);
  };
}

async function readShard(file: string): Promise<string> {
  const info = statSync(file, { throwIfNoEntry: false });
  if (info === undefined || !info.isFile()) fail("file_not_found", ["shards", file], `no such shard file: ${file}`, { received: file });
  return readFile(file, "utf8");
}
