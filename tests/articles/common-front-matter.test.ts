// The quick reader of common front matter gives exactly the schema's fields, or declines.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corpusArticle, seeded } from "../../bench/corpus.js";
import {
  FRONT_MATTER_FIELDS,
  readCommonFrontMatter,
} from "../../src/articles/common-front-matter.js";
import { parseArticleSource } from "../../src/articles/parse.js";
import { frontMatterSchema } from "../../src/articles/schema.js";
import { oneLine, removeXmlInvalidCharacters } from "../../src/text.js";
import { REPO_ROOT } from "../helpers.js";

function frontMatterOf(file: string, text: string): Record<string, unknown> {
  const parsed = parseArticleSource(file, text);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return parsed.source.frontMatter.data as Record<string, unknown>;
}

/** What the schema gives, or "declined" when it reports a problem. */
function schemaFields(data: Record<string, unknown>): unknown {
  const parsed = frontMatterSchema().safeParse(data);
  return parsed.success ? parsed.data : "declined";
}

/** Values near the edges of each field's checks, and any text at all. */
const TRICKY_TEXT = [
  "",
  " ",
  "\t\n",
  "  المغرب   يشارك  ",
  "a\u00a0\u2028b",
  "a\u0000b",
  "\u0001",
  "\uD800",
  "x\uDC00y",
  "bamako-2017",
  "مؤتمر-باماكو",
  "-bamako",
  "a--b",
  "one word",
  "tag:news.example,2017:x",
  'say"no',
  "ar-MA",
  "fr",
  "x-",
  "2017-10-12T09:30",
  "الخميس 12 أكتوبر 2017",
  "images/photo.jpg",
  "  https://news.example/a.png ",
];
const text = fc.oneof(
  fc.constantFrom(...TRICKY_TEXT),
  fc.string(),
  fc.string({ unit: "grapheme" }),
);
const scalar = fc.oneof(
  text,
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date(),
);
const value = fc.oneof(
  scalar,
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("name", "email", "url", "alt", "width", "other"), scalar),
);
/** Each field's plain form, often valid, beside anything at all. */
const PLAIN: Record<string, fc.Arbitrary<unknown>> = {
  date: fc.oneof(text, fc.integer(), fc.double()),
  updated: fc.oneof(text, fc.integer(), fc.double()),
  id: fc.oneof(fc.constantFrom(" bamako-2017", "tag:news.example,2017:x", "مؤتمر"), text),
  slug: fc.oneof(fc.constantFrom("bamako-2017 ", "مؤتمر-باماكو", "2017"), text),
  author: fc.oneof(text, fc.array(text, { maxLength: 3 })),
  tags: fc.oneof(text, fc.array(text, { maxLength: 3 })),
  lang: fc.constantFrom("ar", "ar-MA", "fr", "sr-Latn-RS", "x-", " ar", ""),
  draft: fc.boolean(),
};
const frontMatter = fc.record(
  Object.fromEntries(
    [...FRONT_MATTER_FIELDS, "other"].map((key) => [
      key,
      fc.oneof({ weight: 9, arbitrary: PLAIN[key] ?? text }, { weight: 1, arbitrary: value }),
    ]),
  ),
  { requiredKeys: [] },
);

describe("the common front matter reader", () => {
  it("knows the schema's fields, in its order", () => {
    expect(FRONT_MATTER_FIELDS).toEqual(Object.keys(frontMatterSchema().shape));
  });

  it("reads the sample site and the benchmark's articles without the schema", () => {
    const folder = path.join(REPO_ROOT, "articles");
    const sample = readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".md"))
      .map((file) => [file, readFileSync(path.join(folder, file), "utf8")]);
    expect(sample.length).toBeGreaterThan(0);
    const random = seeded(11);
    const generated = Array.from({ length: 300 }, (_, index) => [
      `bench-${index}.md`,
      corpusArticle(index, random),
    ]);
    const read: string[] = [];
    for (const [file, text] of [...sample, ...generated] as [string, string][]) {
      const data = frontMatterOf(file, text);
      const fields = readCommonFrontMatter(data);
      // The sample also shows authors and images given as objects: those are the schema's.
      if (file.startsWith("bench-")) expect(fields, file).toBeDefined();
      if (fields !== undefined) read.push(file);
      expect(fields ?? schemaFields(data), file).toEqual(schemaFields(data));
    }
    expect(read.length).toBeGreaterThan(generated.length + sample.length / 2);
  });

  it("gives the schema's fields for plain values", () => {
    const data = {
      title: "  المغرب   يشارك  ",
      date: 2017,
      updated: "2017-10-13T09:00",
      id: " bamako-2017 ",
      slug: "morocco-bamako",
      summary: "ملخص\nفي سطرين",
      author: ["محمد", " Sara "],
      source: "ومع",
      category: "تقارير",
      tags: "الساحل",
      image: " img/photo.jpg ",
      alt: "صورة",
      lang: "ar",
      draft: false,
      unknown: { anything: true },
    };
    const fields = readCommonFrontMatter(data);
    expect(fields).toEqual({
      title: "المغرب يشارك",
      date: "2017",
      updated: "2017-10-13T09:00",
      id: "bamako-2017",
      slug: "morocco-bamako",
      summary: "ملخص في سطرين",
      author: [{ name: "محمد" }, { name: "Sara" }],
      source: "ومع",
      category: "تقارير",
      tags: ["الساحل"],
      image: { url: "img/photo.jpg" },
      alt: "صورة",
      lang: "ar",
      draft: false,
    });
    expect(fields).toEqual(schemaFields(data));
  });

  it.each([
    ["an author given as an object", { author: [{ name: "Sara", email: "sara@news.example" }] }],
    ["an image given as an object", { image: { url: "a.jpg", alt: "صورة" } }],
    ["an empty summary", { summary: "  " }],
    ["an empty list of tags", { tags: [] }],
    ["a field left empty", { category: null }],
    ["a date that is not a finite number", { date: Number.POSITIVE_INFINITY }],
    ["a date read as a date", { date: new Date(0) }],
    ["a slug with a space", { slug: "a b" }],
    ["draft as text", { draft: "yes" }],
    ["no title", { title: undefined }],
  ])("leaves the schema to decide on %s", (_, fields) => {
    expect(readCommonFrontMatter({ title: "عنوان", date: "2017-10-12", ...fields })).toBe(
      undefined,
    );
  });

  it("accepts only what the schema accepts, and gives the same fields", () => {
    let accepted = 0;
    fc.assert(
      fc.property(frontMatter, (data) => {
        const fields = readCommonFrontMatter(data);
        if (fields === undefined) return;
        accepted++;
        expect(fields).toEqual(schemaFields(data));
      }),
      { numRuns: 20_000, seed: 20261129 },
    );
    // Not a test of nothing: the generated front matter is often plain enough to be read here.
    expect(accepted).toBeGreaterThan(100);
  });

  it("folds white space as a replace of every run would", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: "binary" })), (value) => {
        const folded = removeXmlInvalidCharacters(value).replace(/\s+/g, " ").trim();
        expect(oneLine(value)).toBe(folded);
      }),
      { numRuns: 5_000, seed: 20261129 },
    );
  });
});
