// Helpers shared by benchmark areas (not an area itself: main.ts skips this file).
import { spawnSync } from "node:child_process";
import type { Model } from "../../src/index.js";

/** Draws of a model's base parameters with a deterministic ±5 % jitter on every one (no RNG needed for timing). */
export function perturbed(base: Record<string, number>, draws: number): Record<string, number>[] {
  return Array.from({ length: draws }, (_, i) => Object.fromEntries(Object.entries(base).map(([name, value], j) => [name, value * (1 + 0.05 * Math.sin(1 + i * 7.13 + j * 1.7))])));
}

/** CPU and wall milliseconds of evaluating every draw once (after one warm-up pass over the first draws). */
export function cpuAndWall<P>(model: Model<P, string>, draws: readonly P[]): [number, number] {
  const out = new Float64Array(model.strategies.length * model.outcomes.length);
  for (let i = 0; i < Math.min(draws.length, 200); i++) model.evaluateInto(draws[i]!, out, { draw: i });
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < draws.length; i++) model.evaluateInto(draws[i]!, out, { draw: i });
  const cpu = process.cpuUsage(cpu0);
  return [(cpu.user + cpu.system) / 1000, performance.now() - wall0];
}

/** CPU milliseconds (user + system) of a process.cpuUsage() difference. */
export function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** "lowest–highest" of some timings. */
export function range(values: readonly number[], digits: number): string {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

/** The median of some timings. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const FIRST_RUN = "QALY_BENCH_FIRST_RUN";
const FIRST_RUN_MARK = "first-run figures: ";

/** Whether this process was started by {@link firstRunsInFreshProcesses} to measure one first run and report it. */
export const isFirstRunChild = process.env[FIRST_RUN] === "1";

/** In such a child: hands the first run's CPU and wall milliseconds to the parent. */
export function reportFirstRun(cpu: number, wall: number): void {
  console.log(`${FIRST_RUN_MARK}${JSON.stringify({ cpu, wall })}`);
}

/**
 * Runs this benchmark area again in `count` fresh processes (the same entry and Node flags), each
 * measuring one first run and reporting it (isFirstRunChild, reportFirstRun); returns their CPU and
 * wall milliseconds. One first run per process is one sample of a figure that varies by ±15 % here
 * with the machine's load: a goal on the first run is judged on the median of several.
 */
export function firstRunsInFreshProcesses(count: number): { cpu: number[]; wall: number[] } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], { env: { ...process.env, [FIRST_RUN]: "1" }, encoding: "utf8" });
    const line = child.stdout.split("\n").find((text) => text.startsWith(FIRST_RUN_MARK));
    if (child.status !== 0 || line === undefined) throw new Error(`a first-run process failed (exit ${child.status}): ${child.stderr}`);
    const figures = JSON.parse(line.slice(FIRST_RUN_MARK.length)) as { cpu: number; wall: number };
    cpu.push(figures.cpu);
    wall.push(figures.wall);
  }
  return { cpu, wall };
}
