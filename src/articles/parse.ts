// Splits an article file into front matter and Markdown body. The only module that imports
// gray-matter; its YAML goes through our data-only reader, and no other engine may ever run:
// gray-matter would evaluate a `---js` front matter as JavaScript.
import matter from "gray-matter";
import type { Problem } from "../problems.js";
import { parseYamlSource, type YamlSource } from "../source/yaml.js";

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
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
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
  if (!CLOSING_FENCE.test(normalized.slice(opening[0].length - 1))) {
    return problem(
      1,
      "front-matter/unclosed",
      'the front matter is not closed; add a line "---" after its last field',
    );
  }

  const closing = CLOSING_FENCE.exec(normalized.slice(opening[0].length - 1));
  if (closing !== null && closing.index > MAX_FRONT_MATTER_CHARS) {
    return problem(
      1,
      "front-matter/too-large",
      `the front matter is over ${MAX_FRONT_MATTER_CHARS / 1024} KiB; it holds a few fields, the article goes below it`,
    );
  }

  let frontMatter: YamlSource | undefined;
  const parsed = matter(normalized, {
    language: "yaml",
    engines: {
      yaml: (yamlText: string) => {
        // gray-matter hands over the rest of the opening fence's line too; the YAML starts on line 2.
        frontMatter = parseYamlSource(yamlText.slice(yamlText.indexOf("\n") + 1), 2);
        return {};
      },
      javascript: refuse("JavaScript"),
      coffee: refuse("CoffeeScript"),
      json: refuse("JSON"),
    },
  });
  if (frontMatter === undefined) frontMatter = parseYamlSource("", 2);
  const bodyStart = normalized.length - parsed.content.length;
  const bodyLine = normalized.slice(0, bodyStart).split("\n").length;
  return { ok: true, source: { file, frontMatter, body: parsed.content, bodyLine } };
}
