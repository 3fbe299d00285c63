/**
 * When within the horizon a counted value is discounted.
 *
 * - `"row"` (default): each trace row t is discounted at its own time `tΔ`, so row 0 is undiscounted
 *   (Alarid-Escudero et al. 2023). With `"none-end"` counting this is "discounting from year 1"
 *   (Briggs et al. 2006; heemod `first = TRUE`).
 * - `"cycle-start"`: cycle k (1 … N) is discounted at `(k − 1)Δ`: the first cycle is undiscounted
 *   (heemod's default `first = FALSE`).
 * - `"cycle-end"`: cycle k is discounted at `kΔ`.
 * - `"cycle-middle"`: cycle k is discounted at `(k − ½)Δ`.
 *
 * The `cycle-*` timings apply to the per-cycle corrections (`"none-beginning"`, `"none-end"`,
 * `"half-cycle"`) only, because the integration rules weight rows, not cycles.
 */
export type DiscountTiming = "row" | "cycle-start" | "cycle-end" | "cycle-middle";
