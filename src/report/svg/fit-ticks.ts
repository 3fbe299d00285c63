import type { ScaleLinear } from "d3-scale";
import { tickFormatter } from "../format/format-number.js";
import { textWidth } from "./svg-text.js";

/**
 * Ticks of a horizontal axis whose labels do not overlap: starts from about six ticks and asks
 * for fewer while the widest label would collide with its neighbours. The scale's range must be
 * set. @internal
 */
export function fitTicks(scale: ScaleLinear<number, number>, format?: (value: number) => string): { ticks: number[]; format: (value: number) => string } {
  const [r0, r1] = scale.range() as [number, number];
  const length = Math.abs(r1 - r0);
  for (let count = 6; ; count--) {
    const ticks = scale.ticks(count);
    const f = format ?? tickFormatter(ticks.length > 1 ? ticks[1]! - ticks[0]! : 1);
    const widest = Math.max(0, ...ticks.map((t) => textWidth(f(t))));
    if (count <= 2 || ticks.length <= 2 || (ticks.length - 1) * (widest + 12) <= length) return { ticks, format: f };
  }
}

/** The x of a centred axis title, kept inside the chart. @internal */
export function titleX(centre: number, text: string, width: number): number {
  // Axis titles are bold.
  const half = textWidth(text, undefined, true) / 2 + 6;
  return Math.min(Math.max(centre, half), width - half);
}
