// The watcher's articles in feed order, kept one change at a time: always what a full sort gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../src/articles/article.js";
import { compareNewestFirst } from "../src/collect.js";
import { SortedArticles } from "../src/sorted-articles.js";

let files = 0;
/** A new article object, with a file of its own: equal keys, told apart by identity. */
const article = (published: number, id: string): Article => ({
  file: `articles/${id}-${files++}.md`,
  id,
  slug: id,
  url: `https://x.example/${id}/`,
  title: id,
  published,
  updated: published,
  authors: [],
  tags: [],
  lang: "ar-MA",
  draft: false,
  lines: {},
  body: "",
  bodyLine: 1,
});

describe("SortedArticles", () => {
  it("gives a full sort's order after any additions and removals, before and after the first look", () => {
    // Few times and ids, so that ties and equal keys (one id in two files) are common.
    const change = fc.tuple(fc.boolean(), fc.nat(5), fc.constantFrom("a", "b", "c"), fc.nat(40));
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), fc.nat(60), (changes, firstLook) => {
        const sorted = new SortedArticles();
        const present: Article[] = [];
        changes.forEach(([adds, time, id, pick], index) => {
          if (index === firstLook) expect([...sorted.articles]).toHaveLength(present.length);
          if (adds || present.length === 0) {
            const added = article(time, id);
            present.push(added);
            sorted.add(added);
          } else {
            const [removed] = present.splice(pick % present.length, 1);
            if (removed !== undefined) sorted.remove(removed);
          }
        });
        const expected = [...present].sort(compareNewestFirst);
        const actual = sorted.articles;
        expect(actual.map((a) => [a.published, a.id])).toEqual(
          expected.map((a) => [a.published, a.id]),
        );
        // The same objects, each once: of two equal articles, the one removed is the one asked.
        expect(actual).toHaveLength(present.length);
        expect(actual.every((a) => present.includes(a))).toBe(true);
        expect([...actual.map((a) => a.file)].sort()).toEqual(present.map((a) => a.file).sort());
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
