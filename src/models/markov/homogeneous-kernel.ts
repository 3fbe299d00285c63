import { codeGenerationRefused, generatedFunction } from "../../core/generated-function.js";

/**
 * The cycle loop of a time-homogeneous model, unrolled for one sparsity pattern: moves the cohort
 * `cycles` times and accumulates the trace weighted by three coefficient vectors.
 */
export type HomogeneousKernel = (
  val: Float64Array,
  current: Float64Array,
  costCoefficients: Float64Array,
  effectCoefficients: Float64Array,
  undiscountedCoefficients: Float64Array,
  costWeighted: Float64Array,
  effectWeighted: Float64Array,
  undiscounted: Float64Array,
  cycles: number,
) => void;

/** Above this many stored probabilities the generic sparse loop is used instead of generated code. */
export const MAX_UNROLLED_ENTRIES = 4096;

/**
 * Generates a kernel specialised to a sparse transition structure (which expanded state flows into
 * which). The generated source is built from integers only, never from user-supplied text: state
 * masses and probabilities become local variables and structural zeros disappear, which makes the
 * loop several times faster than a generic indexed one in V8. States whose values are all zero
 * (`valued[e] === 0`) are not accumulated; with `sameCoefficients` (equal cost and effect discount
 * rates) the effect-weighted trace is the cost-weighted one. Returns undefined when code
 * generation is unavailable (e.g. a Content-Security-Policy without 'unsafe-eval') or the structure
 * is too large; the caller then uses the generic loop.
 */
export function homogeneousKernel(expanded: number, rowStart: Int32Array, rowEnd: Int32Array, col: Int32Array, valued: Uint8Array, sameCoefficients: boolean): HomogeneousKernel | undefined {
  if (codeGenerationRefused()) return undefined;
  const inflow: string[][] = Array.from({ length: expanded }, () => []);
  const lines: string[] = ['"use strict";'];
  let entries = 0;
  for (let e = 0; e < expanded; e++) {
    lines.push(`let m${e} = current[${e}], a${e} = 0, b${e} = 0, u${e} = 0;`);
    if (valued[e] === 0) lines.push(`void a${e}, b${e}, u${e};`);
    for (let index = rowStart[e]!; index < rowEnd[e]!; index++) {
      lines.push(`const p${index} = val[${index}];`);
      inflow[col[index]!]!.push(`m${e} * p${index}`);
      entries++;
    }
  }
  if (entries > MAX_UNROLLED_ENTRIES) return undefined;
  lines.push("for (let t = 0; ; t++) {");
  lines.push(sameCoefficients ? "const cc = costCoefficients[t], cu = undiscountedCoefficients[t];" : "const cc = costCoefficients[t], ce = effectCoefficients[t], cu = undiscountedCoefficients[t];");
  // States without any value need no accumulation; equal cost and effect rates share one sum.
  for (let e = 0; e < expanded; e++) {
    if (valued[e] === 0) continue;
    lines.push(sameCoefficients ? `a${e} += cc * m${e}; u${e} += cu * m${e};` : `a${e} += cc * m${e}; b${e} += ce * m${e}; u${e} += cu * m${e};`);
  }
  lines.push("if (t === cycles) break;");
  for (let e = 0; e < expanded; e++) lines.push(`const n${e} = ${inflow[e]!.length === 0 ? "0" : inflow[e]!.join(" + ")};`);
  for (let e = 0; e < expanded; e++) lines.push(`m${e} = n${e};`);
  lines.push("}");
  for (let e = 0; e < expanded; e++) lines.push(`current[${e}] = m${e}; costWeighted[${e}] = a${e}; effectWeighted[${e}] = ${sameCoefficients ? "a" : "b"}${e}; undiscounted[${e}] = u${e};`);
  return generatedFunction<HomogeneousKernel>(["val", "current", "costCoefficients", "effectCoefficients", "undiscountedCoefficients", "costWeighted", "effectWeighted", "undiscounted", "cycles"], lines.join("\n"));
}
