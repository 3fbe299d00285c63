/**
 * Approximate width of a text in px at font size `size` (no DOM to measure with); `bold` for bold
 * text. Used for chart labels (svg/) and for the printed width of tables. @internal
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) em += CHAR_WIDTH.get(c) ?? 0.64;
  // Bold DejaVu Sans is about 10% wider than regular.
  return em * size * (bold ? 1.1 : 1);
}

// Advance widths (em) of DejaVu Sans, the widest common fallback of the charts' font stack (Linux's
// system-ui), measured in Chromium and rounded up within each group: a label that fits in it fits
// in Segoe UI, Roboto, Helvetica or Arial, which are narrower.
const CHAR_WIDTH: ReadonlyMap<string, number> = new Map(
  (
    [
      ["ijlIJ'", 0.3],
      [" .,:;/\\|-·f", 0.36],
      ["()[]tr!", 0.41],
      ['"?*_`–zs', 0.53],
      ["c", 0.55],
      ["aeokvxyLFSETYP$0123456789bdghnpqu{}", 0.64],
      ["ABCKRVXZΔ", 0.7],
      ["DGHNOQU&", 0.79],
      ["wM#+<=>^~→±×−≥≤", 0.86],
      ["mW%@…", 1],
    ] as const
  ).flatMap(([chars, width]) => [...chars].map((c) => [c, width] as const)),
);
