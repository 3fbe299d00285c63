/**
 * The Okabe–Ito palette, safe for the common forms of colour-vision deficiency (Okabe & Ito 2008,
 * "Color Universal Design"), in the order qaly assigns it to strategies and states: blue, orange,
 * bluish green, vermillion, reddish purple, sky blue, yellow, black. Yellow comes late because
 * it has little contrast on white.
 *
 * @example OKABE_ITO[0] // => "#0072B2"
 */
export const OKABE_ITO: readonly string[] = Object.freeze(["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]);

/**
 * The colour of the i-th series (strategy, state, category), cycling through {@link OKABE_ITO}.
 *
 * @param index - position of the series, ≥ 0
 * @returns a hex colour
 * @example seriesColour(9) // => "#E69F00"
 */
export function seriesColour(index: number): string {
  const n = OKABE_ITO.length;
  return OKABE_ITO[((Math.trunc(index) % n) + n) % n]!;
}
