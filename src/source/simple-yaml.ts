// The front matter nearly every article has, read without the full YAML parser (which costs
// about 0.2 ms a file): `key: value` lines whose values are plain text, "double-quoted" text with
// JSON escapes, `[a, b]` lists, `- item` lists and nested mappings such as `image:`, with blank
// and comment lines between them. Whatever this reader is not sure to read exactly as the full
// reader does, it declines (returns undefined) and the full reader reads the text: a plain value
// that the core schema reads as null, a boolean or a number, any other indicator (quotes, tags,
// anchors, block scalars, flow mappings), a value running over several lines, a tab, a duplicate
// key, a field with no value. tests/source/simple-yaml.test.ts holds the two readers to the same
// results on generated front matter.
import type { YamlSource } from "./yaml.js";

/** `image:` inside the front matter nests 2 mappings deep; anything deeper is left to the full reader. */
const MAX_NESTING = 4;
/** YAML bounds implicit keys at 1024 characters; field names are far shorter. */
const MAX_KEY_LENGTH = 128;

/**
 * Characters left to the full reader: control characters (tab and CR among them), DEL and the C1
 * controls (NEL among them), the line and paragraph separators, the BOM and U+FFFE/U+FFFF (the
 * YAML lexer uses some of these as markers of its own). Built from a string: control characters
 * may not appear in a regex literal.
 */
const UNSURE_CHARACTER = new RegExp(
  "[\\u0000-\\u0009\\u000b-\\u001f" + "\\u007f-\\u009f\\u2028\\u2029\\ufeff\\ufffe\\uffff]",
);
/** A field name followed by `:` and a space or the end of the line. */
const KEY = /[\p{L}_][\p{L}\p{M}\p{N}_-]*(?=:(?: |$))/uy;
/** Keys the core schema reads as a boolean or null: they would not be string keys. */
const KEYWORD_KEY = /^(?:true|false|null)$/i;
/**
 * Plain values the core schema may read as something other than a string: null, booleans,
 * integers (decimal, 0o octal, 0x hex), floats, .inf and .nan. Case-insensitive and signed
 * throughout, so a little wider than the schema.
 */
const NOT_SURELY_TEXT =
  /^(?:~|null|true|false|[-+]?0[ox][0-9a-f]+|[-+]?\.(?:inf|nan)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:e[-+]?[0-9]+)?)?$/i;
/** A plain value may not start with an indicator (`-`, `?` and `:` sometimes may: never here). */
const INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
/** Inside `[…]`, these end a plain item; `:` is declined there altogether. */
const FLOW_UNSURE = /[[\]{}:]/;

/** What lineOf needs of the document: each key's line, each list item's line. */
type SimpleNode = { kind: "scalar" } | SeqNode | MapNode;
interface SeqNode {
  kind: "seq";
  lines: number[];
}
interface MapNode {
  kind: "map";
  entries: Map<string, { line: number; node: SimpleNode }>;
}

const SCALAR: SimpleNode = { kind: "scalar" };

/** Thrown to abandon the fast reading; never leaves this module. Made once: no stack to capture. */
const UNSURE = new Error("not simple YAML");
const unsure = (): never => {
  throw UNSURE;
};

/**
 * The same YamlSource as `readYamlSource(text, firstLine)` gives, or undefined when the text is
 * not in the simple form this reader is sure about.
 */
export function parseSimpleYaml(text: string, firstLine = 1): YamlSource | undefined {
  if (UNSURE_CHARACTER.test(text)) return undefined;
  const reader = new LineReader(text.split("\n"), firstLine);
  try {
    return reader.readDocument();
  } catch (error) {
    if (error === UNSURE) return undefined;
    throw error;
  }
}

class LineReader {
  /** Index of the next line that is neither blank nor a comment. */
  private next: number;

  constructor(
    private readonly lines: string[],
    private readonly firstLine: number,
  ) {
    this.next = this.skipToContent(0);
  }

  readDocument(): YamlSource {
    if (this.next >= this.lines.length || this.indentAt(this.next) !== 0) unsure();
    const rootLine = this.firstLine + this.next;
    const { data, node } = this.readMap(0, 1);
    if (this.next < this.lines.length) unsure();
    return {
      data,
      errors: [],
      warnings: [],
      lineOf: (path) => lineOf(node, rootLine, path),
      // Top-level keys start their lines: column 1.
      topLevelKeys: [...node.entries].map(([key, entry]) => ({ key, line: entry.line, column: 1 })),
    };
  }

  /** The mapping whose keys start at column `indent`, from the next content line on. */
  private readMap(indent: number, nesting: number): { data: object; node: MapNode } {
    const data: Record<string, unknown> = {};
    const entries = new Map<string, { line: number; node: SimpleNode }>();
    while (this.next < this.lines.length) {
      const index = this.next;
      const lineIndent = this.indentAt(index);
      if (lineIndent < indent) break;
      if (lineIndent > indent) unsure();
      const line = this.lines[index] as string;
      const lineNumber = this.firstLine + index;
      KEY.lastIndex = indent;
      const key = KEY.exec(line)?.[0] ?? unsure();
      if (key.length > MAX_KEY_LENGTH || KEYWORD_KEY.test(key) || entries.has(key)) unsure();
      const rest = line.slice(indent + key.length + 1, trimmedEnd(line));
      this.next = this.skipToContent(index + 1);
      let value: unknown;
      let node: SimpleNode;
      if (rest === "") {
        ({ data: value, node } = this.readNested(indent, nesting));
      } else {
        const inline = readInlineValue(rest.slice(skipSpaces(rest, 0)));
        value = inline;
        node =
          typeof inline === "string"
            ? SCALAR
            : { kind: "seq", lines: inline.map(() => lineNumber) };
      }
      entries.set(key, { line: lineNumber, node });
      setLikeYaml(data, key, value);
    }
    return { data, node: { kind: "map", entries } };
  }

  /** The value of a key written alone on its line: a `- ` list or a deeper mapping. */
  private readNested(keyIndent: number, nesting: number): { data: unknown; node: SimpleNode } {
    if (this.next >= this.lines.length) unsure();
    const indent = this.indentAt(this.next);
    const line = this.lines[this.next] as string;
    if (indent >= keyIndent && line.startsWith("- ", indent)) return this.readSeq(indent);
    if (indent > keyIndent && nesting < MAX_NESTING) return this.readMap(indent, nesting + 1);
    return unsure();
  }

  /** A block list of single-line text items whose dashes are at column `indent`. */
  private readSeq(indent: number): { data: string[]; node: SimpleNode } {
    const values: string[] = [];
    const lines: number[] = [];
    while (this.next < this.lines.length) {
      const index = this.next;
      const lineIndent = this.indentAt(index);
      const line = this.lines[index] as string;
      if (lineIndent < indent || (lineIndent === indent && !line.startsWith("- ", indent))) break;
      if (lineIndent > indent) unsure();
      const start = skipSpaces(line, indent + 1);
      values.push(readScalar(line.slice(start, trimmedEnd(line)), false));
      lines.push(this.firstLine + index);
      this.next = this.skipToContent(index + 1);
    }
    return { data: values, node: { kind: "seq", lines } };
  }

  private indentAt(index: number): number {
    return skipSpaces(this.lines[index] as string, 0);
  }

  /** The first line from `index` on that is neither blank nor a comment. */
  private skipToContent(index: number): number {
    let current = index;
    while (current < this.lines.length) {
      const line = this.lines[current] as string;
      const indent = skipSpaces(line, 0);
      if (indent < line.length && line.charCodeAt(indent) !== 0x23 /* # */) break;
      current++;
    }
    return current;
  }
}

/** A value on the key's line: text, or a `[…]` list of text. */
function readInlineValue(value: string): string | string[] {
  return value.startsWith("[") ? readFlowSeq(value) : readScalar(value, false);
}

/** `[a, "b", c]` on one line; the items are text. */
function readFlowSeq(value: string): string[] {
  if (!value.endsWith("]")) unsure();
  const inner = value.slice(1, -1);
  const items: string[] = [];
  let position = skipSpaces(inner, 0);
  if (position === inner.length) return items;
  for (;;) {
    let end: number;
    if (inner.startsWith('"', position)) {
      end = quotedEnd(inner, position);
      items.push(readDoubleQuoted(inner.slice(position, end)));
      end = skipSpaces(inner, end);
    } else {
      end = inner.indexOf(",", position);
      if (end === -1) end = inner.length;
      items.push(readScalar(inner.slice(position, trimmedEnd(inner, end)), true));
    }
    if (end === inner.length) return items;
    if (inner.charCodeAt(end) !== 0x2c /* , */) unsure();
    position = skipSpaces(inner, end + 1);
    if (position === inner.length) unsure(); // a trailing comma: valid, but never seen
  }
}

/** A single-line scalar that the core schema reads as a string: plain or double-quoted. */
function readScalar(value: string, inFlow: boolean): string {
  if (value.startsWith('"')) {
    if (quotedEnd(value, 0) !== value.length) unsure();
    return readDoubleQuoted(value);
  }
  if (value === "" || INDICATORS.includes(value.charAt(0))) unsure();
  if (value.includes(" #") || NOT_SURELY_TEXT.test(value)) unsure();
  if (inFlow ? FLOW_UNSURE.test(value) : value.includes(": ") || value.endsWith(":")) unsure();
  return value;
}

/** The index just past the closing quote of the string opening at `start`. */
function quotedEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5c /* \ */) index++;
    else if (code === 0x22 /* " */) return index + 1;
  }
  return unsure();
}

/**
 * JSON's escapes (`\" \\ \/ \b \f \n \r \t \uXXXX`) mean the same in YAML, and JSON refuses
 * YAML's others (`\x41`, `\e`, `\U0001F600`…), which the full reader then reads.
 */
function readDoubleQuoted(token: string): string {
  try {
    return JSON.parse(token) as string;
  } catch {
    return unsure();
  }
}

/** Sets a key as yaml's toJS does: a key that the object inherits (`constructor`, `__proto__`) becomes its own. */
function setLikeYaml(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key in target) {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** The lookup of readYamlSource's lineOf, over this reader's nodes. */
function lineOf(root: SimpleNode, rootLine: number, path: readonly PropertyKey[]): number {
  let node: SimpleNode | undefined = root;
  let line = rootLine;
  for (const key of path) {
    if (node?.kind === "map") {
      const entry: { line: number; node: SimpleNode } | undefined =
        typeof key === "string" ? node.entries.get(key) : undefined;
      if (entry === undefined) break;
      line = entry.line;
      node = entry.node;
    } else if (node?.kind === "seq" && typeof key === "number") {
      const itemLine: number | undefined = node.lines[key];
      node = itemLine === undefined ? undefined : SCALAR;
      if (itemLine !== undefined) line = itemLine;
    } else {
      break;
    }
  }
  return line;
}

/** The index of the first character at or after `from` that is not a space. */
function skipSpaces(text: string, from: number): number {
  let index = from;
  while (text.charCodeAt(index) === 0x20) index++;
  return index;
}

/** `end` moved back over trailing spaces (only spaces: YAML trims no other white space). */
function trimmedEnd(text: string, end = text.length): number {
  let index = end;
  while (index > 0 && text.charCodeAt(index - 1) === 0x20) index--;
  return index;
}
