import { describe, expect, it } from "vitest";
import { parseArticleSource } from "../../src/articles/parse.js";
import { validateArticle } from "../../src/articles/validate.js";
import { validateConfig } from "../../src/config/load.js";
import { formatProblem } from "../../src/problems.js";
import { TEST_CONFIG } from "../helpers.js";

const resolved = validateConfig(TEST_CONFIG, "/site");
if (!resolved.ok) throw new Error("test config is invalid");
const config = resolved.config;

function check(text: string, file = "articles/news/bamako.md") {
  const parsed = parseArticleSource(file, text);
  if (!parsed.ok) return { article: undefined, problems: parsed.problems };
  return validateArticle(parsed.source, config);
}

const printed = (text: string, file?: string) => check(text, file).problems.map(formatProblem);

describe("front matter → Article", () => {
  it("reads every field", () => {
    const { article, problems } = check(`---
title: "  المغرب   يشارك  "
date: الخميس 12 أكتوبر 2017
updated: 2017-10-13T09:00
id: bamako-2017
slug: morocco-bamako
summary: ملخص
author:
  - محمد
  - name: Sara
    email: sara@news.example
source: ومع
category: تقارير
tags: [الساحل, مالي]
image: img/photo.jpg
alt: صورة
lang: ar
draft: false
---
Body`);
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      file: "articles/news/bamako.md",
      id: "tag:news.example,2017:bamako-2017",
      slug: "morocco-bamako",
      url: "https://news.example/morocco-bamako/",
      title: "المغرب يشارك",
      published: Date.parse("2017-10-11T23:00:00Z"),
      updated: Date.parse("2017-10-13T08:00:00Z"),
      summary: "ملخص",
      authors: [{ name: "محمد" }, { name: "Sara", email: "sara@news.example" }],
      source: "ومع",
      category: "تقارير",
      tags: ["الساحل", "مالي"],
      image: {
        url: "https://news.example/morocco-bamako/img/photo.jpg",
        type: "image/jpeg",
        alt: "صورة",
        localPath: "/site/articles/news/img/photo.jpg",
      },
      lang: "ar-MA",
      draft: false,
      body: "Body",
      bodyLine: 20,
    });
  });

  it("puts articles of other languages under their folder", () => {
    const { article } = check(
      "---\ntitle: Bonjour\ndate: 2017-10-12\nlang: fr\n---\n",
      "articles/fr/bonjour.md",
    );
    expect(article?.lang).toBe("fr-MA");
    expect(article?.url).toBe("https://news.example/fr/bonjour/");
  });

  it("derives an id from the language and publication time, not from title or file name", () => {
    const a = check("---\ntitle: أ\ndate: 2017-10-12T10:00\n---\n", "articles/a.md").article;
    const b = check("---\ntitle: ب\ndate: 2017-10-12T10:00\n---\n", "articles/renamed.md").article;
    expect(a?.id).toBe("tag:news.example,2017:ar/2017-10-12T10:00:00");
    expect(b?.id).toBe(a?.id);
  });

  it("percent-encodes an Arabic id, as tag: URIs are ASCII", () => {
    const { article } = check("---\ntitle: t\ndate: 2017-10-12\nid: مؤتمر-باماكو\n---\n");
    expect(article?.id).toBe(`tag:news.example,2017:${encodeURIComponent("مؤتمر-باماكو")}`);
  });

  it("refuses an id with a lone surrogate, which no URI can hold", () => {
    const { article, problems } = check('---\ntitle: t\ndate: 2017-10-12\nid: "x\\uD800"\n---\n');
    expect(article).toBeUndefined();
    expect(problems.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
      "id: must be one word with no spaces, quotes or brackets",
    ]);
  });

  it("keeps an id that is already a URI", () => {
    const { article } = check(
      "---\ntitle: t\ndate: 2017-10-12\nid: urn:uuid:5f0e2c1a-8d1b-4c55-9b1e-2f1e0c9d7a10\n---\n",
    );
    expect(article?.id).toBe("urn:uuid:5f0e2c1a-8d1b-4c55-9b1e-2f1e0c9d7a10");
  });

  it("makes a slug from the file name, Arabic included", () => {
    expect(
      check("---\ntitle: t\ndate: 2017-10-12\n---\n", "articles/مؤتمر باماكو.md").article?.url,
    ).toBe(`https://news.example/${encodeURIComponent("مؤتمر-باماكو")}/`);
  });

  it("removes characters XML cannot carry from text fields", () => {
    const { article } = check('---\ntitle: "a\\u0001b\\u000Bc"\ndate: 2017-10-12\n---\n');
    expect(article?.title).toBe("abc");
  });
});

describe("problems, as file:line: field: message", () => {
  it("reports a missing title and a bad date at their lines, all at once", () => {
    expect(printed("---\nslug: x\ndate: 32 أكتوبر 2017\n---\n")).toEqual([
      "articles/news/bamako.md:2: title: is required [front-matter/required]",
    ]);
    expect(printed("---\ntitle: t\nslug: x\ndate: 32 أكتوبر 2017\nupdated: soon\n---\n")).toEqual([
      'articles/news/bamako.md:4: date: "32 أكتوبر 2017": day 32 does not exist in 2017-10 [date/invalid]',
      expect.stringMatching(
        /^articles\/news\/bamako.md:5: updated: "soon" is not a date I can read; write it as ISO 8601/,
      ),
    ]);
  });

  it("reports a wrong weekday", () => {
    expect(printed("---\ntitle: t\ndate: الجمعة 12 أكتوبر 2017\n---\n")[0]).toMatch(
      /^articles\/news\/bamako.md:3: date: .*2017-10-12 is a الخميس \(Thursday\), not a الجمعة; fix the day or the weekday \[date\/invalid\]$/,
    );
  });

  it("warns about an unknown field and still accepts the article", () => {
    const result = check("---\ntitle: t\ndate: 2017-10-12\ncolour: red\n---\nText.\n");
    expect(result.article).toBeDefined();
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^articles\/news\/bamako.md:4: colour: warning: is not a field nashra knows and is ignored/,
      ),
    ]);
    // Its column is the key's, wherever the key starts: that is where a code frame points.
    expect(result.problems[0]).toMatchObject({ line: 4, column: 1 });
    const indented = check("---\n  title: t\n  date: 2017-10-12\n  'colour': red\n---\nText.\n");
    expect(indented.problems).toEqual([expect.objectContaining({ line: 4, column: 3 })]);
  });

  it.each([
    ["a list for the front matter", "---\n- a\n- b\n---\n", "2: front-matter: must be fields"],
    ["a YAML syntax error", "---\ntitle: [unclosed\n---\n", ":2: front-matter: not valid YAML"],
    [
      "no front matter",
      "# Title\n\ntext\n",
      ":1: front-matter: the file must start with a front matter",
    ],
    [
      "an unclosed front matter",
      "---\ntitle: t\n\ntext\n",
      ":1: front-matter: the front matter is not closed",
    ],
    [
      "a JavaScript front matter",
      "---js\n{ title: process.exit(3) }\n---\n",
      ':1: front-matter: front matter marked "js" is not accepted',
    ],
    [
      "a draft that is not a boolean",
      "---\ntitle: t\ndate: 2017-10-12\ndraft: maybe\n---\n",
      ":4: draft: must be true or false",
    ],
    [
      "a language the site does not have",
      "---\ntitle: t\ndate: 2017-10-12\nlang: es\n---\n",
      ':4: lang: "es" is not one of the site\'s languages',
    ],
    [
      "a slug with a slash",
      "---\ntitle: t\ndate: 2017-10-12\nslug: a/b\n---\n",
      ":4: slug: must be letters and digits joined by hyphens",
    ],
    [
      "an image with a script URL",
      "---\ntitle: t\ndate: 2017-10-12\nimage: javascript:alert(1).png\n---\n",
      ':4: image: "javascript:alert(1).png" must be a path beside the article',
    ],
    [
      "an author without a name",
      "---\ntitle: t\ndate: 2017-10-12\nauthor:\n  - email: a@b.example\n---\n",
      ":5: author.0.name: is required",
    ],
  ])("reports %s", (_case, text, expected) => {
    const problems = printed(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("\n")).toContain(expected);
  });

  it("counts lines right after an opening fence with trailing spaces", () => {
    expect(printed("--- \ntitle: t\ndate: nope\n---\n")[0]).toMatch(
      /^articles\/news\/bamako.md:3: date:/,
    );
  });

  it("warns about a YAML tag it does not know, and reads the value as text", () => {
    const result = check("---\ntitle: !shout t\ndate: 2017-10-12\n---\nText.\n");
    expect(result.article?.title).toBe("t");
    expect(result.problems.map(formatProblem)).toEqual([
      "articles/news/bamako.md:2: front-matter: warning: Unresolved tag: !shout; the value is read as plain text [front-matter/yaml-warning]",
    ]);
  });

  it("counts lines from the top of the file, CRLF and BOM included", () => {
    expect(printed("\uFEFF---\r\ntitle: t\r\n\r\ndate: nope\r\n---\r\n")[0]).toMatch(
      /^articles\/news\/bamako.md:4: date:/,
    );
  });
});
