// parseArticleSource cuts the common layout itself and reads simple YAML with the fast reader;
// here it is held to the parser it replaced, which gave every file to gray-matter and every
// front matter to the full YAML reader.
import fc from "fast-check";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { type ParseResult, parseArticleSource } from "../../src/articles/parse.js";
import { readYamlSource, type YamlSource } from "../../src/source/yaml.js";
import { expectSameSource, frontMatterText } from "../source/front-matter-arbitraries.js";

/** The parser as it was before the fast paths, kept as the reference. */
function referenceParse(file: string, text: string): ParseResult {
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const problem = (line: number, rule: string, message: string): ParseResult => ({
    ok: false,
    problems: [{ file, line, field: "front-matter", rule, severity: "error", message }],
  });
  const opening = /^---([^\n]*)\n/.exec(normalized);
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
  const closing = /\n---[ \t]*(?:\n|$)/.exec(normalized.slice(opening[0].length - 1));
  if (closing === null) {
    return problem(
      1,
      "front-matter/unclosed",
      'the front matter is not closed; add a line "---" after its last field',
    );
  }
  if (closing.index > 64 * 1024) {
    return problem(
      1,
      "front-matter/too-large",
      "the front matter is over 64 KiB; it holds a few fields, the article goes below it",
    );
  }
  let frontMatter: YamlSource | undefined;
  const refuse = () => {
    throw new Error("refused");
  };
  const parsed = matter(normalized, {
    language: "yaml",
    engines: {
      yaml: (yamlText: string) => {
        frontMatter = readYamlSource(yamlText.slice(yamlText.indexOf("\n") + 1), 2);
        return {};
      },
      javascript: refuse,
      coffee: refuse,
      json: refuse,
    },
  });
  if (frontMatter === undefined) frontMatter = readYamlSource("", 2);
  const bodyStart = normalized.length - parsed.content.length;
  const bodyLine = normalized.slice(0, bodyStart).split("\n").length;
  return { ok: true, source: { file, frontMatter, body: parsed.content, bodyLine } };
}

function expectSameParse(actual: ParseResult, expected: ParseResult, text: string): void {
  const where = JSON.stringify(text);
  expect(actual.ok, where).toBe(expected.ok);
  if (!actual.ok || !expected.ok) {
    expect(actual, where).toEqual(expected);
    return;
  }
  expect(actual.source.body, where).toBe(expected.source.body);
  expect(actual.source.bodyLine, where).toBe(expected.source.bodyLine);
  expectSameSource(actual.source.frontMatter, expected.source.frontMatter, text);
}

const opening = fc.oneof(
  { weight: 20, arbitrary: fc.constant("---\n") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "---yaml\n",
      "--- \n",
      "---  yml \n",
      "---\t\n",
      "---YAML\n",
      "---js\n",
      "----\n",
      "--\n",
      "",
      "---",
      "--- x\n",
      "\n---\n",
      "---\u00a0\n",
    ),
  },
);
const closing = fc.oneof(
  { weight: 20, arbitrary: fc.constant("---") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("--- ", "---\t", "----", "---x", "--- ---", "", "...", "--"),
  },
);
const afterClosing = fc.constantFrom("\n", "\n", "\n", "", "\n\n", " \n");
const body = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("", "نص الخبر.\n", "\nفقرة\n\nأخرى\n", "text") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "---\n",
      "\n---\nmore",
      "---x\n",
      "a\n----\nb",
      "\n\n## عنوان\n---",
      "# c\n",
      "\r\n",
    ),
  },
);
const file = fc
  .tuple(
    fc.constantFrom("", "", "", "", "\ufeff", "\ufeff\ufeff"),
    opening,
    fc.oneof(
      { weight: 10, arbitrary: frontMatterText },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "",
          "\n",
          "# c\n",
          "#\n",
          "  \n",
          "# a\n  # b\n",
          "\u00a0\n",
          "# c\n\u3000\n",
          "\t\n",
          "\ufeff\n",
        ),
      },
    ),
    closing,
    afterClosing,
    body,
    fc.constantFrom("\n", "\n", "\n", "\r\n", "\r"),
  )
  .map(([bom, open, yaml, close, after, rest, newline]) => {
    const text = `${bom}${open}${yaml}${yaml === "" || yaml.endsWith("\n") ? "" : "\n"}${close}${after}${rest}`;
    return newline === "\n" ? text : text.replaceAll("\n", newline);
  });

describe("parseArticleSource against the parser it replaced", () => {
  it.each([
    ["the common layout", "---\ntitle: خبر\ndate: 2017-10-12\n---\n\nنص\n"],
    ["a closing fence at the end", "---\ntitle: خبر\n---"],
    ["an empty front matter", "---\n---\nنص"],
    ["comments only", "---\n# c\n  # d\n---\nنص"],
    ["a lone #", "---\n#\n---\nنص"],
    ["a no-break space only", "---\n\u00a0\n---\nنص"],
    ["a comment and an ideographic space", "---\n# c\n\u3000\n---\nنص"],
    ["a language", "---yaml\ntitle: خبر\n---\nنص"],
    ["spaces after the opening fence", "---  \ntitle: خبر\n---\nنص"],
    ["spaces after the closing fence", "---\ntitle: خبر\n---  \nنص"],
    ["a longer closing fence first", "---\ntitle: خبر\n----\nnot: yaml\n---\nنص"],
    ["text after the first fence", "---\ntitle: خبر\n---x: 1\n---\nنص"],
    ["CRLF line ends", "\ufeff---\r\ntitle: خبر\r\n---\r\nنص\r\n"],
    ["a front matter that is not simple", "---\ntitle: >-\n  خبر\n  طويل\n---\nنص"],
    ["a syntax error", "---\ntitle: [\n---\nنص"],
  ])("gives the same for %s", (_name, text) => {
    expectSameParse(parseArticleSource("a.md", text), referenceParse("a.md", text), text);
  });

  it("gives the same for generated files", () => {
    const counts = { runs: 0, ok: 0 };
    fc.assert(
      fc.property(file, (text) => {
        const expected = referenceParse("articles/a.md", text);
        counts.runs++;
        if (expected.ok) counts.ok++;
        expectSameParse(parseArticleSource("articles/a.md", text), expected, text);
      }),
      { numRuns: 3_000, seed: 20261205 },
    );
    expect(counts.ok / counts.runs).toBeGreaterThan(0.5);
  });
});
