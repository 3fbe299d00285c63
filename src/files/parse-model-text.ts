import { LineCounter, parseDocument, isAlias, isCollection, isNode, isPair, type Document } from "yaml";
import { FILE_SIZE_LIMITS } from "./file-access.js";
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
  const tooLarge = sizeProblem(text);
  if (tooLarge !== undefined) {
    const issue: ModelFileIssue = { code: "resource_limit", path: [], file: fileName, message: `${fileName}: ${tooLarge}` };
    return { data: undefined, issues: [issue], locate: (other) => ({ ...other, file: fileName }) };
  }
  const lineCounter = new LineCounter();
  // logLevel "error": the yaml package would otherwise write its warnings (a key that is a list)
  // to the process, i.e. to the terminal of whoever opens a file from elsewhere; they become issues here.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true, logLevel: "error" });
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
  if (issues.length > 0) return { data: undefined, issues, locate };
  const depth = nestingDepth(doc.contents);
  if (depth > MAX_DEPTH) return { data: undefined, issues: [{ code: "resource_limit", path: [], file: fileName, message: `${fileName} nests mappings and lists ${depth} deep, more than ${MAX_DEPTH}` }], locate };
  // What toJS would turn into something else: a key that is a list or mapping (`? [a, b]`) has no
  // name (JavaScript would make it the text "[ a, b ]"); an alias without an anchor before it is an
  // exception of toJS, not the alias-expansion limit the catch below reports.
  const shapes = shapeProblems(doc);
  if (shapes.length > 0) {
    return {
      data: undefined,
      issues: shapes.map(({ at, what }) => {
        const { line, column } = where(at);
        return { code: "parse_error", path: [], file: fileName, line, column, message: `cannot read the YAML of ${fileName} at line ${line}, column ${column}: ${what} (${fileName}:${line}:${column})` };
      }),
      locate,
    };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), issues, locate };
  } catch (error) {
    // The yaml package refuses alias expansion beyond maxAliasCount (a "billion laughs" file).
    return { data: undefined, issues: [{ code: "resource_limit", path: [], file: fileName, message: `${fileName} expands YAML aliases (*name) too often (more than ${MAX_ALIASES} per anchor): ${(error as Error).message.split("\n")[0]}` }], locate };
  }
}

/** Model files are at most 8 MB (FILE_SIZE_LIMITS.modelFile), in characters here, since the text is already read. */
const MAX_CHARACTERS = FILE_SIZE_LIMITS.modelFile;
/** Most commas and line breaks (an upper bound of a file's entries); the bundled models hold at most ~1 400. */
const MAX_ENTRIES = 200_000;
/** Deepest nesting of mappings and lists; the bundled models need 12. */
const MAX_DEPTH = 64;
/** Alias expansions per anchor (yaml's own default). */
const MAX_ALIASES = 100;

/**
 * Why the text is too large to parse: too long, or flow brackets nested so deep that the parser
 * would exhaust its stack (a count that ignores quoting, so it may overestimate, never under).
 */
function sizeProblem(text: string): string | undefined {
  if (text.length > MAX_CHARACTERS) return `${text.length} characters, more than the limit of ${MAX_CHARACTERS} for a model file`;
  let depth = 0;
  let deepest = 0;
  let separators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
    else if (c === 44 || c === 10) separators++;
  }
  if (deepest > MAX_DEPTH) return `brackets [ { nested ${deepest} deep, more than ${MAX_DEPTH}`;
  // The YAML parser takes ~10 µs an entry: a million of them (4 MB) took it 10-15 s before any check could refuse them.
  return separators > MAX_ENTRIES ? `${separators} commas and lines, more than the ${MAX_ENTRIES} a model file may hold (put large data in a CSV table)` : undefined;
}

/**
 * Keys that are lists or mappings (or aliases of one) and aliases with no anchor before them, with
 * where each starts, in the order of the text; at most 10. One pass in document order, anchors
 * remembered as met (yaml's own Alias.resolve searches the document each time: a file of a million
 * aliases would take hours).
 */
function shapeProblems(doc: Document): { at: number; what: string }[] {
  const found: { at: number; what: string }[] = [];
  const anchors = new Map<string, unknown>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0 && found.length < 10) {
    const node = stack.pop();
    if (isAlias(node)) {
      if (!anchors.has(node.source)) found.push({ at: node.range?.[0] ?? 0, what: `the alias *${node.source} has no anchor &${node.source} before it` });
      continue;
    }
    if (isNode(node) && typeof node.anchor === "string") anchors.set(node.anchor, node);
    if (isPair(node)) {
      const key = isAlias(node.key) ? anchors.get(node.key.source) : node.key;
      if (isCollection(key) && isNode(node.key)) found.push({ at: node.key.range?.[0] ?? 0, what: "a key is a list or mapping; keys are names or numbers" });
      // Popped key first, then value: document order, so an anchor is known before the aliases after it.
      stack.push(node.value, node.key);
    } else if (isCollection(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/** The deepest nesting of collections under `root`, walked without recursion. */
function nestingDepth(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) {
      stack.push([node.key, depth], [node.value, depth]);
    } else if (isCollection(node)) {
      deepest = Math.max(deepest, depth + 1);
      if (deepest > MAX_DEPTH) return deepest;
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return deepest;
}
