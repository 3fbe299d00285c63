// Helpers shared by benchmark areas (not an area itself: main.ts skips this file).
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
