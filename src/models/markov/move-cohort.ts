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

/**
 * The general loop's cohort step on the states that hold mass: `next` must be all zero on entry,
 * `active[0 … count)` lists (ascending) the states of `current` that may hold mass. Writes
 * next = currentᵀ · P, clears `current` where it held mass (so it is all zero for the following
 * step) and lists next's states ascending in `nextActive`; returns their count. Visiting rows in
 * ascending order, as {@link moveCohort} does, gives bit-identical sums; the cost follows the
 * occupied states, not the expanded ones (long tunnels hold mass in few positions at a time).
 */
export function moveCohortSparse(current: Float64Array, next: Float64Array, rowStart: Int32Array, rowEnd: Int32Array, col: Int32Array, val: Float64Array, active: Int32Array, count: number, nextActive: Int32Array, joined: Int32Array, stamp: number): number {
  let added = 0;
  for (let k = 0; k < count; k++) {
    const e = active[k]!;
    const mass = current[e]!;
    if (mass === 0) continue;
    current[e] = 0;
    const end = rowEnd[e]!;
    for (let index = rowStart[e]!; index < end; index++) {
      const to = col[index]!;
      next[to]! += mass * val[index]!;
      if (joined[to] !== stamp) {
        joined[to] = stamp;
        nextActive[added++] = to;
      }
    }
  }
  sortActive(nextActive, added);
  return added;
}

/**
 * Sorts `list[0 … count)` ascending by insertion: a list of occupied states is nearly ascending
 * already (tunnels move one position per step), so this is about one comparison per entry.
 */
export function sortActive(list: Int32Array, count: number): void {
  for (let k = 1; k < count; k++) {
    const e = list[k]!;
    let j = k - 1;
    while (j >= 0 && list[j]! > e) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = e;
  }
}

/** The next stamp of the workspace's `joined` marks (cleared when the counter would overflow). */
export function nextStepStamp(work: { stepStamp: number; readonly joined: Int32Array }): number {
  if (work.stepStamp === 0x7fffffff) {
    work.joined.fill(0);
    work.stepStamp = 0;
  }
  return ++work.stepStamp;
}
