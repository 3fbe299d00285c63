import { fail } from "../core/errors.js";
import type { ModelProject } from "../files/model-project.js";
import { COMPILED } from "../files/compile-model-file.js";
import { estimateFileWork, formatBytes, formatCount, RESOURCE_LIMITS, type ResourceLimits } from "../files/resource-budget.js";
import { ownEntry } from "../core/own-entry.js";

/** What {@link checkRunBudget} reads of a run's options. */
export interface RunBudgetOptions {
  /** PSA draws (0 or absent: no PSA). */
  readonly psa?: number;
  /** Whether the one-way, tornado, threshold and scenario analyses run (default true). */
  readonly dsa?: boolean;
  /** A scenario name. */
  readonly scenario?: string;
  /** Limits replacing the defaults ({@link RESOURCE_LIMITS}). */
  readonly limits?: Partial<ResourceLimits>;
}

// Evaluations a threshold search takes at most (bisection to full double precision and a margin).
const THRESHOLD_EVALUATIONS = 100;

/**
 * Checks, before any work starts, that a run fits its limits: the PSA's results and draws in
 * memory (draws × (strategies × outcomes + parameters) doubles), and the work of the PSA and the
 * deterministic analyses (evaluations × the cell updates of one evaluation, for a project compiled
 * from a model file). A `--psa 1e12` or 10⁹ DSA points is refused here with the inputs and the
 * limit named, instead of ending in an allocation abort or a hang.
 *
 * @param project - the project to run
 * @param options - PSA draws, whether DSA runs, scenario and limits
 * @throws QalyError `invalid_argument` at `["psa"]` for a PSA size that is not a whole number ≥ 0;
 *   `resource_limit` at `["psa"]` or `["dsa"]` for a run beyond the limits
 * @example
 * // checkRunBudget(project, { psa: 1e12 }) throws resource_limit: "a PSA of 1.0e12 draws × 4 strategies × …"
 */
export function checkRunBudget(project: ModelProject, options: RunBudgetOptions): void {
  const draws = options.psa ?? 0;
  if (!Number.isSafeInteger(draws) || draws < 0) fail("invalid_argument", ["psa"], `the number of PSA draws must be a whole number ≥ 0 (received ${draws})`, { received: draws, expected: "a whole number ≥ 0" });
  const limits = { ...RESOURCE_LIMITS, ...options.limits };
  const raise = "; lower it, or raise the limit (limits option of runProject, --max-work / --max-memory of the command line)";
  const strategies = project.model.strategies.length;
  const outcomes = project.model.outcomes.length;
  const parameters = project.parameters.names.length;
  const memory = 8 * draws * (strategies * outcomes + parameters);
  if (!(memory <= limits.memory)) {
    fail("resource_limit", ["psa"], `a PSA of ${formatCount(draws)} draws × (${strategies} strategies × ${outcomes} outcomes + ${parameters} parameters) needs about ${formatBytes(memory)} of memory, more than the limit of ${formatBytes(limits.memory)}${raise}`, { received: draws, expected: `a PSA within ${limits.memory} bytes` });
  }
  const compiled = COMPILED.get(project);
  if (compiled === undefined) return;
  const scenario = options.scenario ?? project.scenario;
  const settings = scenario === undefined ? undefined : ownEntry(compiled.file.scenarios ?? {}, scenario)?.settings;
  const estimate = estimateFileWork(compiled.file, settings);
  const psaWork = draws * estimate.perEvaluation;
  if (!(psaWork <= limits.work)) {
    fail("resource_limit", ["psa"], `a PSA of ${formatCount(draws)} draws needs about ${formatCount(psaWork)} cell updates (${estimate.largest}, per draw), more than the limit of ${formatCount(limits.work)}${raise}`, { received: draws, expected: `at most ${limits.work} cell updates` });
  }
  if (options.dsa === false) return;
  let evaluations = 2 * parameters + THRESHOLD_EVALUATIONS * (project.thresholds?.length ?? 0) + Object.keys(project.scenarios).length;
  for (const range of Object.values(project.dsa ?? {})) evaluations += typeof range === "string" ? 2 : "values" in range ? range.values.length : (range.points ?? 2);
  const dsaWork = evaluations * estimate.perEvaluation;
  if (!(dsaWork <= limits.work)) {
    fail("resource_limit", ["dsa"], `the deterministic analyses take about ${formatCount(evaluations)} evaluations × ${formatCount(estimate.perEvaluation)} cell updates (${estimate.largest}), more than the limit of ${formatCount(limits.work)} cell updates; use fewer DSA points, skip them (--no-dsa), or raise the limit`, { received: evaluations });
  }
}
