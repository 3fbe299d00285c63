/**
 * Quantile of sorted values by linear interpolation between order statistics (Hyndman & Fan
 * type 7, R's default), the one quantile definition of the uncertainty analyses. @internal
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
