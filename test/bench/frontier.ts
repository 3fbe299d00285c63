// What the analyses along the frontier add to a project run (issue 14, item 2): the one-way
// analysis and the project's threshold analyses (projectDsa) against the frontier tornadoes and
// the frontier pairs' threshold searches (projectFrontier), on the bundled NSCLC and Sick-Sicker models.
import { fileURLToPath } from "node:url";
import { loadModel } from "../../src/node/load-model.js";
import { runBaseCase } from "../../src/analysis/run/run-base-case.js";
import { icerTable } from "../../src/analysis/cea/icer-table.js";
import { projectDsa } from "../../src/project/run-project-dsa.js";
import { projectFrontier } from "../../src/project/run-project-frontier.js";
import type { Model, ParameterValues } from "../../src/models/model.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Wall and CPU milliseconds of one call. */
function measure<T>(run: () => T): { value: T; wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1000 };
}

export async function bench(): Promise<void> {
  for (const name of ["nsclc-gene-panel", "sick-sicker"]) {
    const { project } = await loadModel(`${root}models/${name}`);
    const model = project.model as Model<ParameterValues>;
    const source = { base: (extra?: Readonly<Record<string, number>>) => project.parameters.base(extra), describe: () => project.parameters.describe() };
    const { cost, effect } = project.outcomes;
    const thresholds = project.wtp.thresholds;
    const table = icerTable(runBaseCase(model, source.base(), { cost, effect }).summary);
    const settings = { wtp: thresholds[0]!, thresholds, cost, effect, strategy: model.strategies[model.strategies.length - 1]! };
    projectDsa(project, model, source, settings); // warm-up
    const dsa = measure(() => projectDsa(project, model, source, settings));
    const along = measure(() => projectFrontier(project, model, source, { ...(dsa.value.oneWay === undefined ? {} : { oneWay: dsa.value.oneWay }), table, thresholds, cost, effect, existing: dsa.value.thresholds }));
    const tornadoes = along.value.frontier.reduce((n, f) => n + f.tornadoes.length, 0);
    const searches = along.value.frontier.reduce((n, f) => n + f.thresholds.filter((t) => !dsa.value.thresholds.includes(t)).length, 0);
    console.log(
      `${name}: one-way + project thresholds ${dsa.wall.toFixed(0)} ms wall / ${dsa.cpu.toFixed(0)} ms CPU; ` +
        `along the frontier (${thresholds.length} thresholds, ${tornadoes} tornadoes, ${searches} new threshold searches kept) ${along.wall.toFixed(0)} ms wall / ${along.cpu.toFixed(0)} ms CPU`,
    );
  }
}
