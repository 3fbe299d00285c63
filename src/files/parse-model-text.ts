import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { Issue, PathSegment } from "../core/errors.js";

/** An issue of a model file, with where it is in the file. */
export interface ModelFileIssue extends Issue {
  /** The model file's name, as given by the caller. */
  readonly file: string;
  /** 1-based line of the closest node the path reaches, when known. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
}

/** A parsed model file: its plain data and a way to locate any path in it. */
export interface ParsedModelText {
  /** The document as plain data (`undefined` when it could not be parsed). */
  readonly data: unknown;
  /** Syntax errors, with their line. */
  readonly issues: readonly ModelFileIssue[];
  /** Adds file, line and column to an issue whose path is a path in the file. */
  locate(issue: Issue): ModelFileIssue;
}

/**
 * Parses a YAML or JSON model file (JSON is read by the YAML 1.2 parser, which accepts it, so both
 * formats get line numbers), keeping source ranges so that every issue can name its line.
 */
export function parseModelText(text: string, fileName: string, format: "yaml" | "json"): ParsedModelText {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const where = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate = (issue: Issue): ModelFileIssue => {
    for (let depth = issue.path.length; depth >= 0; depth--) {
      const node = doc.getIn(issue.path.slice(0, depth) as PathSegment[], true);
      if (isNode(node) && node.range !== undefined && node.range !== null) {
        const { line, column } = where(node.range[0]);
        return { ...issue, file: fileName, line, column, message: `${issue.message} (${fileName}:${line}:${column})` };
      }
    }
    return { ...issue, file: fileName, message: `${issue.message} (${fileName})` };
  };
  const issues: ModelFileIssue[] = doc.errors.map((error) => {
    const { line, column } = where(error.pos[0]);
    const what = format === "json" ? "JSON" : "YAML";
    const lineText = text.split(/\r?\n/)[line - 1] ?? "";
    // The usual cause: `{ B: f(x, y) }`, where YAML reads the comma as the end of the entry.
    const hint = format === "yaml" && lineText.includes("{") && /\([^)]*,/.test(lineText) ? "; inside { … } a comma ends an entry, so quote expressions that contain commas" : "";
    return { code: "parse_error", path: [], file: fileName, line, column, message: `cannot read the ${what} of ${fileName} at line ${line}, column ${column}: ${error.message.split("\n")[0]}${hint} (${fileName}:${line}:${column})` };
  });
  if (format === "json" && issues.length === 0) {
    try {
      JSON.parse(text);
    } catch (error) {
      issues.push({ code: "parse_error", path: [], file: fileName, message: `${fileName} is not valid JSON: ${(error as Error).message}` });
    }
  }
  return { data: issues.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }), issues, locate };
}
