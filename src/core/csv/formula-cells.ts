// CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
// carriage return as a formula, so a strategy named `=HYPERLINK(…)` would become a link when a
// reviewer opens the results. qaly writes such text with a leading `'`, which spreadsheets read as
// "this is text". To read its own CSV back exactly, one `'` is also added in front of text that
// already starts with quotes before such a character, and the reader removes exactly one: the
// mapping is one-to-one, so every text survives a write and a read.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !DECIMAL.test(text);
}

/**
 * A text cell made safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (after any `'`) gets a leading `'`, so Excel, LibreOffice and Google Sheets show
 * it as text instead of running it as a formula (the OWASP rule against CSV injection). Text that is
 * a plain decimal number, such as `"-0.5"`, is a number and stays as it is.
 *
 * @param text - a text cell
 * @returns the text, with `'` in front when it could start a formula
 * @example
 * neutraliseFormula("=HYPERLINK(\"http://x\")") // => "'=HYPERLINK(\"http://x\")"
 * neutraliseFormula("-0.5") // => "-0.5"
 * neutraliseFormula("New drug") // => "New drug"
 */
export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * The text of a cell written by {@link neutraliseFormula}: one leading `'` removed where the writer
 * added it (a spreadsheet shows such a cell without the quote too). Other cells are unchanged.
 *
 * @param cell - a cell as read from a CSV text
 * @returns the text that was written
 * @example
 * restoreFormula("'=HYPERLINK(\"http://x\")") // => "=HYPERLINK(\"http://x\")"
 * restoreFormula("'quoted") // => "'quoted"
 */
export function restoreFormula(cell: string): string {
  return cell.charCodeAt(0) === 39 && looksLikeFormula(cell.slice(1)) ? cell.slice(1) : cell;
}
