// Text from a model file or an imported CSV is untrusted: an escape sequence in a label or a
// strategy name could retitle, recolour or clear the terminal it reaches, directly (the command's
// output) or later (`cat results/parameters.csv`). Tabs and line feeds are ordinary text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A control character as the visible text `\x1b`. */
function visibleControl(character: string): string {
  return `\\x${character.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

/**
 * Text with every control character other than tab and line feed (ESC, BEL, CR, DEL, the C1
 * controls such as CSI) shown as a `\x1b`-style escape instead of the raw character.
 *
 * @param text - untrusted text about to be written
 * @param keep - whether to keep the control character at `offset` raw (the terminal keeps a
 *   carriage return that redraws the progress bar's line)
 * @returns the text with control characters made visible
 * @example
 * showControlCharacters("Drug \u001b]0;pwned\u0007A\tB") // => "Drug \\x1b]0;pwned\\x07A\tB"
 */
export function showControlCharacters(text: string, keep?: (character: string, offset: number) => boolean): string {
  return text.replace(CONTROL, (character: string, offset: number) => (keep?.(character, offset) === true ? character : visibleControl(character)));
}
