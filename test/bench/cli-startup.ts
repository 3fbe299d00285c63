// CLI start-up: CPU time of the compiled `qaly` command (dist/cli/main.js, what `npx qaly` runs
// after install) for `--help`, `validate` and a tiny `run`, each in a fresh process. Target
// (issue 20 item 5): `qaly --help` and `qaly validate` ≤ 0.3 s CPU. Almost all of it is loading
// modules, so the modules each command imports are what the figures measure; Node's own start-up
// and the import of the largest dependencies alone are printed as the floor. `npm run build` bundles
// the command line (scripts/bundle-cli.mjs); `validate` from tsc's separate files is printed beside
// it. dist/ is rebuilt (tsc and the bundles) when it is missing or older than src/.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "dist/cli/main.js");
const GOAL_S = 0.3;
// Printed by the child itself when it exits, so the figure is the CPU of that process alone
// (user + system), start-up included, with nothing of the parent's.
const REPORT_CPU = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nQALY_CPU "+(u.user+u.system)+"\\n")})`;

/** Newest modification time of a TypeScript file under `folder`. */
function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs `node <args>` in a fresh process `times` times; the least CPU (seconds) and its wall time. */
function leastCpu(times: number, args: readonly string[]): { cpu: number; wall: number; status: number | null } {
  let best = { cpu: Infinity, wall: Infinity, status: null as number | null };
  for (let k = 0; k < times; k++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, ["--import", REPORT_CPU, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const wall = (performance.now() - start) / 1000;
    const match = /QALY_CPU (\d+)/.exec(child.stderr);
    if (match === null) throw new Error(`node ${args.join(" ")} printed no CPU time: ${child.stderr}`);
    const cpu = Number(match[1]) / 1e6;
    if (cpu < best.cpu) best = { cpu, wall, status: child.status };
  }
  return best;
}

export async function bench(): Promise<void> {
  // `npm run build` is tsc, then the single-file bundle of mathjs's parser (scripts/bundle-mathjs-parse.mjs);
  // a plain `tsc` (e.g. by `npm run api:update`) leaves the re-export of mathjs/number instead.
  const parser = join(ROOT, "dist/files/mathjs-parse.js");
  const unbundled = (file: string): boolean => !existsSync(file) || !readFileSync(file, "utf8").includes("bundled by scripts/");
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < newestSource(join(ROOT, "src")) || unbundled(parser) || unbundled(CLI)) {
    console.log("dist/ is missing, older than src/ or built without the bundles: building it (npm run build)");
    try {
      execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: ROOT, stdio: "pipe" });
    } catch {
      console.log("  (tsc reported type errors, probably someone's edit in progress; the emitted files are measured anyway)");
    }
    for (const script of ["bundle-mathjs-parse.mjs", "bundle-psa-task.mjs", "bundle-cli.mjs"]) execFileSync(process.execPath, [join(ROOT, "scripts", script)], { cwd: ROOT, stdio: "pipe" });
  }
  const line = (label: string, args: readonly string[], goal: boolean): void => {
    const { cpu, wall, status } = leastCpu(3, args);
    const target = goal ? `  [target ≤ ${GOAL_S} s CPU: ${cpu <= GOAL_S ? "met" : "not met"}]` : "";
    console.log(`  ${label.padEnd(44)} ${cpu.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall${status === 0 ? "" : ` (exit ${status})`}${target}`);
  };
  console.log("compiled CLI, fresh process each, least CPU of 3 runs (user + system)");
  line("node -e 0 (Node's own start-up)", ["-e", "0"], false);
  line("qaly --help", [CLI, "--help"], true);
  line("qaly validate sick-sicker", [CLI, "validate", "sick-sicker", "--quiet"], true);
  line("qaly run sick-sicker --psa 100 --no-dsa", [CLI, "run", "sick-sicker", "--psa", "100", "--no-dsa"], false);
  // The same command from tsc's separate files (what the package ran before the bundle).
  const separate = `const { validateCommand } = await import("./dist/cli/commands/validate.js"); const { processIo } = await import("./dist/cli/terminal/cli-io.js"); process.exitCode = await validateCommand(["sick-sicker", "--quiet"], processIo());`;
  line("qaly validate sick-sicker, separate files", ["--input-type=module", "-e", separate], false);
  console.log("floor for commands that read a model file: importing these alone");
  for (const name of ["mathjs/number", "./dist/files/mathjs-parse.js", "zod", "yaml"]) line(`import("${name}")`, ["--input-type=module", "-e", `await import(${JSON.stringify(name)})`], false);
}
