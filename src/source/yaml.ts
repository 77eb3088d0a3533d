// YAML (and JSON, its subset) read as data only: the core schema, no custom tags, no code, a
// bounded number of aliases, and every key mapped back to its line for problem reports.
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import type { Node } from "yaml";
import { parseSimpleYaml } from "./simple-yaml.js";

export interface YamlMessage {
  line: number;
  column: number;
  message: string;
}

export interface YamlSource {
  /** The parsed value, or undefined when the text has syntax errors. */
  data: unknown;
  /** Syntax errors, with 1-based lines in the containing file. */
  errors: YamlMessage[];
  /** What the reader ignored, such as an unknown `!tag`: the value is read as plain data. */
  warnings: YamlMessage[];
  /** The 1-based line of the value (or key) at `path`, or of its nearest ancestor. */
  lineOf(path: readonly PropertyKey[]): number;
  /** The 1-based line and column of each top-level key, in order of appearance. */
  topLevelKeys: { key: string; line: number; column: number }[];
}

const require = createRequire(import.meta.url);
/** The full YAML library, loaded when first needed (the config; front matter the fast reader declines). */
let yaml: typeof Yaml | undefined;
const loadYaml = (): typeof Yaml => (yaml ??= require("yaml") as typeof Yaml);

const MAX_ALIASES = 100;
/** Front matter is a handful of fields; deeper structures are mistakes or attacks. */
const MAX_DEPTH = 16;

/**
 * `firstLine` is the file line on which `text` starts (front matter starts after its fence).
 * Simple front matter is read by a fast reader that gives the same result; anything else by the
 * full one.
 */
export function parseYamlSource(text: string, firstLine = 1): YamlSource {
  return parseSimpleYaml(text, firstLine) ?? readYamlSource(text, firstLine);
}

/** The full reader, for any YAML: what parseYamlSource gives, at about 0.1–0.2 ms a front matter. */
export function readYamlSource(text: string, firstLine = 1): YamlSource {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    schema: "core",
    customTags: [],
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
  });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line + firstLine - 1;
  const toMessage = (problem: { pos: [number, number]; message: string }): YamlMessage => ({
    line: lineAt(problem.pos[0]),
    column: lineCounter.linePos(problem.pos[0]).col,
    message: problem.message.split("\n")[0] ?? problem.message,
  });
  const errors = doc.errors.map(toMessage);
  const warnings = doc.warnings.map(toMessage);
  let data: unknown;
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
      if (depthOf(data) > MAX_DEPTH) {
        errors.push({
          line: firstLine,
          column: 1,
          message: `values are nested more than ${MAX_DEPTH} levels deep`,
        });
        data = undefined;
      }
    } catch (error) {
      errors.push({ line: firstLine, column: 1, message: (error as Error).message });
    }
  }
  for (const error of errors) {
    // The parser recurses: a structure nested thousands of levels deep exhausts its stack.
    if (error.message.includes("Maximum call stack")) {
      error.message = "values are nested too deeply to read";
    }
  }

  const lineOf = (path: readonly PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line = node && isNode(node) && node.range ? lineAt(node.range[0]) : firstLine;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
        if (pair === undefined) break;
        if (isScalar(pair.key) && pair.key.range) line = lineAt(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        node = node.items[key];
        if (isNode(node) && node.range) line = lineAt(node.range[0]);
      } else {
        break;
      }
    }
    return line;
  };

  const topLevelKeys = isMap(doc.contents)
    ? doc.contents.items.flatMap((pair) =>
        isScalar(pair.key) && pair.key.range
          ? [
              {
                key: String(pair.key.value),
                line: lineAt(pair.key.range[0]),
                column: lineCounter.linePos(pair.key.range[0]).col,
              },
            ]
          : [],
      )
    : [];

  return { data, errors, warnings, lineOf, topLevelKeys };
}

function isNode(value: unknown): value is Node {
  const { isMap, isScalar, isSeq } = loadYaml();
  return isScalar(value) || isMap(value) || isSeq(value);
}

/** How deeply arrays and objects nest in `value`, counted without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}
