// Property tests (fast-check): random front matter and Markdown, in Arabic, Latin, mixed
// direction, emoji and control characters, always give well-formed, schema-valid feeds or a
// reported problem, never a crash.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { parseFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import type { Article } from "../src/articles/article.js";
import { parseArticleSource } from "../src/articles/parse.js";
import { validateArticle } from "../src/articles/validate.js";
import { validateConfig } from "../src/config/load.js";
import { generateFeeds } from "../src/generate.js";
import { formatProblem, type Problem } from "../src/problems.js";
import { expectWellFormedXml } from "./feed-checks.js";
import { SHARED_SCHEMAS, TEST_CONFIG } from "./helpers.js";

const resolved = validateConfig(
  { ...TEST_CONFIG, itemLimit: 10, archive: { pageSize: 2 } },
  "/site",
);
if (!resolved.ok) throw new Error("test config is invalid");
const config = resolved.config;

const schemaFile = path.join(SHARED_SCHEMAS, "jsonfeed-1.1.schema.json");
const validateJsonFeed = existsSync(schemaFile)
  ? (() => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats.default(ajv);
      return ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
    })()
  : undefined;

const PIECES = [
  "المغرب",
  "الرباط",
  "أكتوبر",
  "Maroc",
  "Sahel",
  "😀",
  "🇲🇦",
  "&",
  "<",
  ">",
  "]]>",
  '"',
  "'",
  "\u0001",
  "\u000B",
  "\u200F",
  "\u202E",
  "\uFEFF",
  "\uFFFE",
  "ـ",
  "َ",
  "١٢",
  "2024",
  " ",
  "\n",
  "**",
  "_",
  "`",
  "#",
  "- ",
  "1. ",
  "> ",
  "[",
  "](",
  ")",
  "![",
  "<b>",
  "</b>",
  "<script>",
  '<a href="javascript:x">',
  "<img src=x onerror=y>",
  "&amp;",
  "&lt;",
  "&#0;",
  "%2e%2e/",
];
const textOf = (maxPieces: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "grapheme", maxLength: 6 })), {
      maxLength: maxPieces,
    })
    .map((parts) => parts.join(""));

const isoDate = fc
  .date({ min: new Date("1990-01-01"), max: new Date("2040-01-01"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 16));
const editorDate = fc.constantFrom(
  "الخميس 12 أكتوبر 2017",
  "١٢ شتنبر ٢٠٢٤ 10:30",
  "31 فبراير 2024",
  "الجمعة 12 أكتوبر 2017",
  "tomorrow",
  "",
);
const dateOf = fc.oneof(
  { weight: 6, arbitrary: isoDate },
  { weight: 2, arbitrary: editorDate },
  { weight: 1, arbitrary: textOf(3) },
);

const articleOf = fc.record(
  {
    // Mostly a real title around the noise, sometimes nothing but noise.
    title: fc.oneof(
      { weight: 4, arbitrary: textOf(8).map((t) => `خبر ${t}`) },
      { weight: 1, arbitrary: textOf(8) },
    ),
    date: dateOf,
    summary: textOf(6),
    tags: fc.array(textOf(3), { maxLength: 3 }),
    category: textOf(3),
    lang: fc.constantFrom("ar", "fr", "ar-MA", "fr-MA", "ar", "es"),
    draft: fc.boolean(),
    body: textOf(30),
  },
  { requiredKeys: ["title", "date", "body"] },
);

/** The front matter as an editor might write it; JSON strings are valid YAML scalars. */
function toFile(fields: Record<string, unknown>): string {
  const { body, ...frontMatter } = fields;
  const lines = Object.entries(frontMatter).map(
    ([key, value]) => `${key}: ${JSON.stringify(value)}`,
  );
  return `---\n${lines.join("\n")}\n---\n\n${String(body)}\n`;
}

const stats = { runs: 0, withArticles: 0 };

describe("random articles", () => {
  it("always give well-formed, valid feeds or reported problems", () => {
    fc.assert(
      fc.property(fc.array(articleOf, { minLength: 1, maxLength: 4 }), (drafts) => {
        const articles: Article[] = [];
        const problems: Problem[] = [];
        drafts.forEach((fields, index) => {
          const file = `articles/a${index}.md`;
          const parsed = parseArticleSource(file, toFile(fields));
          const result = parsed.ok
            ? validateArticle(parsed.source, config)
            : { problems: parsed.problems };
          problems.push(...result.problems);
          if (result.article !== undefined) articles.push(result.article);
        });
        stats.runs++;
        if (articles.length > 0) stats.withArticles++;
        for (const problem of problems) {
          expect(formatProblem(problem)).toMatch(
            /^articles\/a\d\.md:[1-9]\d*: [^:\n]+: .+ \[[a-z-]+\/[a-z-]+\]$/s,
          );
        }
        const { files, collection } = generateFeeds(
          config,
          articles,
          Date.parse("2030-01-01T00:00:00Z"),
        );
        for (const [name, content] of files) {
          if (name.endsWith(".xml") || name.endsWith(".opml")) expectWellFormedXml(content);
          if (name.endsWith("feed.json")) {
            const json = JSON.parse(content);
            if (validateJsonFeed !== undefined) {
              validateJsonFeed(json);
              expect(validateJsonFeed.errors ?? [], name).toEqual([]);
            }
            expect(parseFeed(json).format).toBe("json");
          }
          if (name.endsWith("rss.xml") || name.endsWith("atom.xml")) {
            expect(["rss", "atom"]).toContain(parseFeed(content).format);
          }
        }
        // Every published article is in its language's main feed (there are fewer than itemLimit).
        for (const [language, feed] of [
          ["ar-MA", "rss.xml"],
          ["fr-MA", "fr/rss.xml"],
        ] as const) {
          const expected = collection.published.filter((a) => a.lang === language).map((a) => a.id);
          const items = [
            ...(files.get(feed) ?? "").matchAll(/<guid isPermaLink="false">([^<]*)<\/guid>/g),
          ];
          expect(items.map((m) => m[1])).toEqual(expected.map((id) => id.replace(/&/g, "&amp;")));
        }
      }),
      { numRuns: 300, seed: 20261129 },
    );
    // The generator must reach the feeds often, not only the error paths.
    expect(stats.withArticles / stats.runs).toBeGreaterThan(0.3);
  });
});
