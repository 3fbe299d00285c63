import { showControlCharacters } from "../../core/control-characters.js";

/**
 * Text made safe to print on a terminal: control characters (ESC, BEL, C1 controls such as CSI,
 * DEL…) are shown as `\x1b`-style escapes instead of being sent raw (names in a model file are
 * untrusted text: an escape sequence in a strategy name could retitle, recolour or clear the
 * terminal). Everything the command prints passes here. Line feeds and tabs stay; a carriage
 * return stays only first or last in the text, where the progress bar puts it to redraw its line.
 *
 * @param text - what a command is about to print
 * @returns the same text with control characters made visible
 * @example
 * terminalSafe("Drug \u001b]0;pwned\u0007A\n") // => "Drug \\x1b]0;pwned\\x07A\n"
 */
export function terminalSafe(text: string): string {
  const last = text.length - 1;
  return showControlCharacters(text, (character, offset) => character === "\r" && (offset === 0 || offset === last));
}
