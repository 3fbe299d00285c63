import { formatCsv } from "../../core/csv/format-csv.js";
import { escapeXml } from "./escape-xml.js";
import { textWidth } from "./text-width.js";

/** One cell of a {@link ReportTable}: the raw value (written to CSV) and its formatted text (Markdown, HTML). */
export interface ReportCell {
  /** The raw value: a number at full precision, text, or `null` for an empty cell. */
  readonly value: number | string | null;
  /** The text shown in Markdown and HTML. */
  readonly text: string;
}

/** A table ready to render as Markdown, CSV or HTML: column headers and rows of cells. */
export interface ReportTable {
  /** Caption (HTML `<caption>`, Markdown bold line; not written to CSV). */
  readonly caption?: string;
  /** Column headers. */
  readonly columns: readonly string[];
  /** Which columns hold numbers (right-aligned). */
  readonly numeric: readonly boolean[];
  /** Rows, each with one cell per column. */
  readonly rows: readonly (readonly ReportCell[])[];
  /**
   * Columns whose long tokens (references such as DOIs and URLs, long parameter lists) may break
   * inside in HTML: after their punctuation, else every few characters. Ordinary words still break
   * only between words, in these columns as in the others.
   */
  readonly breakAnywhere?: readonly boolean[];
  /** CSS class per row for HTML (e.g. `"dominated"`), or `""`. */
  readonly rowClasses?: readonly string[];
}

/** A text cell. @internal */
export function textCell(text: string | null | undefined): ReportCell {
  return { value: text ?? null, text: text ?? "" };
}

/** A number cell shown with `format`. @internal */
export function numberCell(value: number | null | undefined, format: (v: number) => string): ReportCell {
  return value === null || value === undefined ? { value: null, text: "–" } : { value, text: format(value) };
}

/**
 * Renders a table as GitHub-flavoured Markdown: pipes in cells are escaped, numeric columns are
 * right-aligned.
 *
 * @param table - a table from one of the `…ReportTable` builders
 * @returns Markdown text, lines separated by `\n`
 * @example
 * const table = { columns: ["Strategy", "Cost"], numeric: [false, true], rows: [[{ value: "A|B", text: "A|B" }, { value: 1000, text: "1 000" }]] };
 * tableToMarkdown(table).split("\n") // => ["| Strategy | Cost |", "| --- | ---: |", "| A\\|B | 1 000 |"]
 */
export function tableToMarkdown(table: ReportTable): string {
  const cell = (text: string): string => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const lines = [
    `| ${table.columns.map(cell).join(" | ")} |`,
    `| ${table.numeric.map((n) => (n ? "---:" : "---")).join(" | ")} |`,
    ...table.rows.map((row) => `| ${row.map((c) => cell(c.text)).join(" | ")} |`),
  ];
  return (table.caption === undefined ? "" : `**${cell(table.caption)}**\n\n`) + lines.join("\n");
}

/**
 * Renders a table as CSV (RFC 4180) with the CSV writer every qaly CSV uses: raw numbers at full precision (shortest
 * round-trip decimal), empty fields for missing values, quoted text where needed, every line ending
 * in `\n` like every CSV text qaly writes.
 *
 * @param table - a table from one of the `…ReportTable` builders
 * @returns CSV text with a header row
 * @example
 * const table = { columns: ["Strategy", "Cost"], numeric: [false, true], rows: [[{ value: "A, B", text: "A, B" }, { value: 1000.5, text: "1 000" }]] };
 * tableToCsv(table) // => 'Strategy,Cost\n"A, B",1000.5\n'
 */
export function tableToCsv(table: ReportTable): string {
  return formatCsv(table.columns, table.rows.map((row) => row.map((cell) => cell.value)));
}

/**
 * Renders a table as an HTML `<table>` with every text escaped; numeric cells get class `num`,
 * and the spaces inside grouped numbers become no-break spaces.
 *
 * @param table - a table from one of the `…ReportTable` builders
 * @returns an HTML fragment
 * @example
 * tableToHtml({ columns: ["Strategy"], numeric: [false], rows: [[{ value: "<A>", text: "<A>" }]] }) // => "<div class=\"table-wrap\"><table><thead><tr><th>Strategy</th></tr></thead><tbody><tr><td>&lt;A&gt;</td></tr></tbody></table></div>"
 */
export function tableToHtml(table: ReportTable): string {
  const attr = (k: number): string => (table.numeric[k] ? ' class="num"' : table.breakAnywhere?.[k] === true ? ' class="wrap"' : "");
  // Headers may name outcomes (`costHealthUndiscounted`) or hold long compounds (`P(cost-effective`): their long tokens may break too.
  const head = `<thead><tr>${table.columns.map((c, k) => `<th${attr(k)}>${cellHtml(c, true)}</th>`).join("")}</tr></thead>`;
  const body = table.rows
    .map((row, r) => {
      const rowClass = table.rowClasses?.[r] ?? "";
      return `<tr${rowClass === "" ? "" : ` class="${escapeXml(rowClass)}"`}>${row.map((c, k) => `<td${attr(k)}>${cellHtml(c.text, table.breakAnywhere?.[k] === true)}</td>`).join("")}</tr>`;
    })
    .join("");
  const caption = table.caption === undefined ? "" : `<caption>${escapeXml(table.caption)}</caption>`;
  // Printed on a portrait page, a table too wide for it is set smaller (the style sheet reads --print-scale in print only).
  const scale = Math.min(1, PRINT_WIDTH / printedMinWidth(table));
  const style = scale < 1 ? ` style="--print-scale: ${(Math.floor(scale * 1000) / 1000).toFixed(3)}"` : "";
  return `<div class="table-wrap"><table${style}>${caption}${head}<tbody>${body}</tbody></table></div>`;
}

/** Width tables may take on a printed A4 portrait page (210 mm less 2 × 14 mm margins, 688 px at 96 px per inch), with room to spare for the estimate. */
const PRINT_WIDTH = 630;
/** The table's font size (0.85rem) and its cells' horizontal padding (2 × 0.45rem), px. */
const TABLE_FONT = 0.85 * 16;
const CELL_PADDING = 2 * 0.45 * 16;

/**
 * The narrowest the table can be laid out without breaking a word, px at its screen font size:
 * per column the widest piece no break opportunity splits (headers bold; long tokens in pieces
 * where {@link cellHtml} breaks them), plus padding. Estimated from advance widths, as chart
 * labels are.
 */
function printedMinWidth(table: ReportTable): number {
  const widest = (value: string, breakLong: boolean, bold: boolean): number => {
    let width = 0;
    for (const piece of wordsOf(value, breakLong).flat()) if (!/^[ \t\r\n]*$/.test(piece)) width = Math.max(width, textWidth(piece.replace(/\u00a0/g, " "), TABLE_FONT, bold));
    return width;
  };
  let total = 0;
  table.columns.forEach((column, k) => {
    let width = widest(column, true, true);
    for (const row of table.rows) width = Math.max(width, widest(row[k]?.text ?? "", table.breakAnywhere?.[k] === true, false));
    total += width + CELL_PADDING;
  });
  return total;
}

/** Tokens at most this long stay whole; longer ones get break opportunities. */
const LONG_TOKEN = 14;
/** Pieces (between natural break opportunities) longer than this are cut every {@link CHUNK} characters. */
const LONG_PIECE = 20;
const CHUNK = 12;

/**
 * A cell's text as HTML: escaped, with a no-break space inside grouped numbers (a cell wraps between
 * words, never inside 1 234 567) and, with `breakLong`, `<wbr/>` break opportunities inside tokens
 * longer than {@link LONG_TOKEN} characters: after `/ , ; : ? & = _ - (` and between a lower-case
 * letter and a capital (the humps of `pembrolizumabMaxMonths`); a piece still longer than
 * {@link LONG_PIECE} characters is cut every {@link CHUNK}. Words and numbers stay whole. A column
 * whose text may break anywhere in CSS (`overflow-wrap: anywhere`) has a minimum width of one
 * character, so an automatic table layout squeezed it until every word in it broke ("programm|e");
 * break opportunities only inside long tokens keep such columns as narrow as their longest piece.
 */
function cellHtml(value: string, breakLong: boolean): string {
  return wordsOf(value, breakLong)
    .map((pieces) => pieces.map(escapeXml).join("<wbr/>"))
    .join("")
    .replace(/\u00a0/g, "&#160;");
}

/**
 * A cell's text as its words and the spaces between them, the groups of its numbers joined by
 * no-break spaces (`3\u00a0226`), each as the pieces a line may break between: the word itself, or
 * with `breakLong` its {@link piecesOf}.
 */
function wordsOf(value: string, breakLong: boolean): string[][] {
  return value
    .replace(/(\d) (?=\d{3}\b)/g, "$1\u00a0")
    .split(/([ \t\r\n]+)/)
    .map((token) => (breakLong ? piecesOf(token) : [token]));
}

/** A token as the pieces {@link cellHtml} puts break opportunities between (itself when it is short). */
function piecesOf(token: string): string[] {
  const chars = [...token];
  if (chars.length <= LONG_TOKEN) return [token];
  const pieces: string[] = [];
  let run: string[] = [];
  const close = (): void => {
    for (let at = 0; at < run.length; at += run.length > LONG_PIECE ? CHUNK : run.length) pieces.push(run.slice(at, run.length > LONG_PIECE ? at + CHUNK : run.length).join(""));
    run = [];
  };
  chars.forEach((char, i) => {
    run.push(char);
    const next = chars[i + 1];
    if (next !== undefined && ("/,;:?&=_-(".includes(char) || (/\p{Ll}/u.test(char) && /\p{Lu}/u.test(next)))) close();
  });
  close();
  return pieces;
}
