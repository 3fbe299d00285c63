import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fail } from "../../core/errors.js";
import { fnv1a64 } from "../../analysis/run/model-hash.js";
import { planPsa, psaProvenance, psaSize, type PsaPlan } from "../../analysis/run/plan-psa.js";
import type { Model, ParameterValues } from "../../models/model.js";
import type { ColumnSampling } from "../../parameters/sample-parameters.js";
import type { ProjectSampler } from "../../project/project-psa-setup.js";
import { evaluateDrawRange } from "../../analysis/run/evaluate-draw-range.js";
import { QALY_VERSION } from "../../analysis/run/version.js";
import { projectPsaSetup } from "../../project/project-psa-setup.js";
import { checkRunBudget } from "../../project/run-budget.js";
import type { LoadedModel, ScenarioProject } from "../../node/load-model.js";
import { psaShardText, type PsaShardRun } from "../../node/psa-shard.js";
import { UsageError, type CliIo } from "../terminal/cli-io.js";
import { decimalNumber } from "../terminal/parse-command.js";
import { progressBar } from "../terminal/progress-bar.js";
import type { RunChoices } from "./run.js";

/** What `qaly run --draws` was given. */
export interface ShardRequest {
  readonly choices: RunChoices;
  readonly samples: number;
  readonly draws: string;
  readonly outFolder: string;
  readonly outPath: string;
  readonly quiet: boolean;
}

/**
 * Reads `--draws`: `A:B` (draws A to B, B exclusive) or `K/N` (part K, from 0, of N near-equal
 * parts: draws ⌊K·n/N⌋ to ⌊(K+1)·n/N⌋, so the N parts of a job array cover every draw once).
 */
export function parseDraws(text: string, samples: number): { from: number; to: number } {
  const whole = (part: string | undefined): number | undefined => {
    const value = part === undefined ? undefined : decimalNumber(part.trim());
    return value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  };
  const range = /^([^:/]+):([^:/]+)$/.exec(text);
  const part = /^([^:/]+)\/([^:/]+)$/.exec(text);
  if (range !== null) {
    const from = whole(range[1]);
    const to = whole(range[2]);
    if (from === undefined || to === undefined || to <= from || to > samples) throw new UsageError(`--draws ${text}: give A:B with 0 ≤ A < B ≤ ${samples} (the PSA's draws)`);
    return { from, to };
  }
  if (part !== null) {
    const k = whole(part[1]);
    const n = whole(part[2]);
    if (k === undefined || n === undefined || n < 1 || k >= n || n > samples) throw new UsageError(`--draws ${text}: give K/N with 0 ≤ K < N ≤ ${samples} (part K of N)`);
    return { from: Math.floor((k * samples) / n), to: Math.floor(((k + 1) * samples) / n) };
  }
  throw new UsageError(`--draws must be A:B (draws A to B, B exclusive) or K/N (part K of N, from 0) (received "${text}")`);
}

/**
 * `qaly run <model> --draws A:B --out DIR`: samples every draw of the PSA (columns come from
 * named streams, and Latin hypercube and rank correlation need whole columns), evaluates only
 * draws A to B and writes them as the shard `DIR/psa-shard-A-B.json`.
 */
export async function runShard(loaded: LoadedModel, chosen: ScenarioProject, request: ShardRequest, io: CliIo): Promise<number> {
  const { choices, samples, outFolder, outPath, quiet } = request;
  if (samples < 1) throw new UsageError("--draws needs a PSA: give --psa N with N ≥ 1");
  const { from, to } = parseDraws(request.draws, samples);
  const { project } = chosen;
  checkRunBudget(project, { psa: samples, dsa: false, ...(choices.limits === undefined ? {} : { limits: choices.limits }) });
  const setup = projectPsaSetup(project, chosen.scenario);
  const seed = choices.seed ?? project.psa.seed;
  const method = project.psa.method;
  const options = { samples, seed, ...(method === undefined ? {} : { method }) };
  psaSize(setup.model, setup.parameters, options);
  const started = performance.now();
  const plan = sampleRange(setup.model, setup.parameters, options, from, to);
  const sampled = performance.now();
  const { model } = setup;
  const values = new Float64Array(model.outcomes.length * model.strategies.length * (to - from));
  const bar = progressBar(io, "PSA shard", !quiet);
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once("SIGINT", cancel);
  try {
    for (let at = from; at < to; at += 256) {
      if (controller.signal.aborted) fail("cancelled", ["draws", at], `PSA shard cancelled after ${at - from} of ${to - from} draws`);
      const end = Math.min(to, at + 256);
      evaluateDrawRange(model, plan.draws, at, end, values, from);
      bar.update({ completed: end - from, total: to - from });
      // Let Ctrl-C through between chunks.
      if ((end - from) % 8192 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    bar.done();
    process.off("SIGINT", cancel);
  }
  const evaluated = performance.now();
  const run: PsaShardRun = {
    model: loaded.file,
    modelHash: plan.provenance.modelHash,
    fileHash: fnv1a64(readFileSync(loaded.file, "utf8")),
    samples,
    seed,
    method: plan.provenance.method ?? "random",
    scenario: choices.scenario ?? null,
    strategies: [...model.strategies],
    outcomes: [...model.outcomes],
    options: { ...choices },
  };
  const name = `psa-shard-${from}-${to}.json`;
  await writeFile(join(outPath, name), psaShardText({ qaly: QALY_VERSION, run, from, to, values }), "utf8");
  const ms = (value: number): string => `${value.toFixed(0)} ms`;
  io.stdout(`shard: draws ${from}–${to} of ${samples} (sampled all ${samples} draws in ${ms(sampled - started)}, evaluated ${to - from} in ${ms(evaluated - sampled)}): ${join(outFolder, name)}\n`);
  return 0;
}

/**
 * The draws a shard needs: every column of all n draws (a named stream is sequential; Latin
 * hypercube and rank correlation need whole columns), but fixed and derived values (row by row,
 * and for model files the costly part) only for draws `from` to `to`. Rows outside the range are
 * left at 0 and never evaluated. Other samplers sample everything.
 */
function sampleRange(model: Model<ParameterValues>, sampler: ProjectSampler, options: { readonly samples: number; readonly seed: string | number; readonly method?: "random" | "lhs" }, from: number, to: number): PsaPlan {
  const space = sampler as ProjectSampler & { columnSampling?: (n: number, o: object) => ColumnSampling; toJSON?: () => unknown };
  if (typeof space.columnSampling !== "function" || typeof space.toJSON !== "function") return planPsa(model as Model<never>, sampler, options);
  const method = options.method ?? "random";
  const plan = space.columnSampling(options.samples, { seed: options.seed, method });
  const buffer = new Float64Array(plan.names.length * plan.size);
  for (let k = 0; k < plan.columnTasks; k++) plan.sampleColumns(k, buffer);
  const reports = Array.from({ length: plan.correlationTasks }, (_, k) => plan.correlate(k, buffer)).flat();
  plan.completeRows(from, to, buffer);
  return { draws: plan.table(buffer, reports), provenance: psaProvenance(model as Model<never>, space.toJSON(), options.seed, method) };
}
