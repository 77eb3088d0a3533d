// Splits an article file into front matter and Markdown body, where gray-matter splits it. The
// only module that imports gray-matter; the common layout is cut here without it (see
// splitCommonLayout). Its YAML goes through our data-only reader, and no other engine may ever
// run: gray-matter would evaluate a `---js` front matter as JavaScript.
import { createRequire } from "node:module";
import type matterType from "gray-matter";
import type { Problem } from "../problems.js";
import { parseYamlSource, type YamlSource } from "../source/yaml.js";

const require = createRequire(import.meta.url);

export interface ParsedArticleSource {
  file: string;
  frontMatter: YamlSource;
  body: string;
  /** File line on which the body starts. */
  bodyLine: number;
}

export type ParseResult =
  | { ok: true; source: ParsedArticleSource }
  | { ok: false; problems: Problem[] };

const OPENING_FENCE = /^---([^\n]*)\n/;
/** A front matter is a few fields: anything far larger is a mistake (or an attack on the parser). */
const MAX_FRONT_MATTER_CHARS = 64 * 1024;
const CLOSING_FENCE = /\n---[ \t]*(?:\n|$)/;

const refuse = (language: string) => () => {
  throw new Error(`front matter in ${language} is not accepted`);
};

/** `text` is the file's content, already decoded; `file` its path for reports. */
export function parseArticleSource(file: string, text: string): ParseResult {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const normalized = withoutBom.includes("\r") ? withoutBom.replace(/\r\n?/g, "\n") : withoutBom;
  const problem = (line: number, rule: string, message: string): ParseResult => ({
    ok: false,
    problems: [{ file, line, field: "front-matter", rule, severity: "error", message }],
  });

  const opening = OPENING_FENCE.exec(normalized);
  if (opening === null) {
    return problem(
      1,
      "front-matter/missing",
      'the file must start with a front matter: a line "---", YAML fields (title, date…), and a closing "---"',
    );
  }
  const language = (opening[1] ?? "").trim().toLowerCase();
  if (language !== "" && language !== "yaml" && language !== "yml") {
    return problem(
      1,
      "front-matter/language",
      `front matter marked "${language}" is not accepted: only YAML is read, and never as code; start the file with a plain "---"`,
    );
  }
  const closing = CLOSING_FENCE.exec(normalized.slice(opening[0].length - 1));
  if (closing === null) {
    return problem(
      1,
      "front-matter/unclosed",
      'the front matter is not closed; add a line "---" after its last field',
    );
  }
  if (closing.index > MAX_FRONT_MATTER_CHARS) {
    return problem(
      1,
      "front-matter/too-large",
      `the front matter is over ${MAX_FRONT_MATTER_CHARS / 1024} KiB; it holds a few fields, the article goes below it`,
    );
  }

  const split = splitCommonLayout(normalized) ?? splitWithGrayMatter(normalized);
  // With no fields at all, gray-matter calls no engine: the front matter is read as empty.
  const frontMatter = parseYamlSource(split.yaml ?? "", 2);
  const bodyLine = lineCount(normalized, normalized.length - split.body.length);
  return { ok: true, source: { file, frontMatter, body: split.body, bodyLine } };
}

/** Where gray-matter cuts a file. */
interface FrontMatterSplit {
  /** The YAML its engine is given, from line 2 on; undefined when it calls no engine. */
  yaml: string | undefined;
  body: string;
}

/**
 * The layout nearly every article has, a line "---", the fields, a line "---" and the body, cut
 * exactly where gray-matter cuts it: at the first "\n---" after the opening line, dropping the
 * line break that follows. matter() costs about 25 µs a file of 4 KB, more than reading simple
 * fields: it encodes the whole text into a Buffer that it keeps (`orig`, about half the cost),
 * looks the whole text up in its cache, and copies its options and engines five times; none of
 * that can be turned off. Any other layout (a language after the opening fence, a closing line
 * with more after its "---") still goes through gray-matter.
 */
function splitCommonLayout(normalized: string): FrontMatterSplit | undefined {
  if (!normalized.startsWith("---\n")) return undefined;
  const close = normalized.indexOf("\n---", 3);
  if (close === -1) return undefined;
  const afterFence = close + 4;
  if (afterFence < normalized.length && normalized.charCodeAt(afterFence) !== 0x0a) {
    return undefined;
  }
  // What gray-matter gives its engine: the opening line's end, then the fields.
  const matterText = normalized.slice(3, close);
  return {
    yaml: hasFields(matterText) ? matterText.slice(1) : undefined,
    body: normalized.slice(afterFence + 1),
  };
}

/** gray-matter's own test before it calls an engine: something besides blank and comment lines. */
function hasFields(matterText: string): boolean {
  // A first line that starts a field settles it without going over the whole text.
  return /^\n[^\s#]/.test(matterText) || matterText.replace(/^\s*#[^\n]+/gm, "").trim() !== "";
}

function splitWithGrayMatter(normalized: string): FrontMatterSplit {
  let yaml: string | undefined;
  // Loaded only for the rare layout the splitter above leaves to it.
  const matter = require("gray-matter") as typeof matterType;
  const parsed = matter(normalized, {
    language: "yaml",
    engines: {
      yaml: (matterText: string) => {
        // gray-matter hands over the rest of the opening fence's line too; the YAML starts on line 2.
        yaml = matterText.slice(matterText.indexOf("\n") + 1);
        return {};
      },
      javascript: refuse("JavaScript"),
      coffee: refuse("CoffeeScript"),
      json: refuse("JSON"),
    },
  });
  return { yaml, body: parsed.content };
}

/** The number of the line on which `end` falls in `text`. */
function lineCount(text: string, end: number): number {
  let lines = 1;
  for (
    let index = text.indexOf("\n");
    index !== -1 && index < end;
    index = text.indexOf("\n", index + 1)
  ) {
    lines++;
  }
  return lines;
}
