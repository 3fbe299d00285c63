/**
 * One cohort step on the sparse transition matrix: next = currentᵀ · P, rows with no mass skipped.
 * `rowStart`/`rowEnd` index each from-state's entries in `col` (to-state) and `val` (probability).
 * Small enough for the engine to inline into both the general and the homogeneous loop.
 */
export function moveCohort(current: Float64Array, next: Float64Array, rowStart: Int32Array, rowEnd: Int32Array, col: Int32Array, val: Float64Array, expanded: number): void {
  for (let e = 0; e < expanded; e++) next[e] = 0;
  for (let e = 0; e < expanded; e++) {
    const mass = current[e]!;
    if (mass === 0) continue;
    const end = rowEnd[e]!;
    for (let index = rowStart[e]!; index < end; index++) next[col[index]!]! += mass * val[index]!;
  }
}
