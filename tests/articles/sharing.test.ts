// Articles share names, people, empty lists and line layouts (src/articles/sharing.ts): an
// equal value comes back as the same object, never a different value, and the pools stay bounded.
import { describe, expect, it } from "vitest";
import { parseArticleSource } from "../../src/articles/parse.js";
import { sharedLines, sharedName, sharedPerson } from "../../src/articles/sharing.js";
import { validateArticle } from "../../src/articles/validate.js";
import { validateConfig } from "../../src/config/load.js";
import { TEST_CONFIG } from "../helpers.js";

const resolved = validateConfig(TEST_CONFIG, "/site");
if (!resolved.ok) throw new Error("test config is invalid");
const config = resolved.config;

function article(frontMatter: string) {
  const parsed = parseArticleSource("articles/a.md", `---\n${frontMatter}\n---\nنص`);
  if (!parsed.ok) throw new Error("does not parse");
  const { article } = validateArticle(parsed.source, config);
  if (article === undefined) throw new Error("not valid");
  return article;
}

describe("values articles share", () => {
  it("gives equal people and layouts one object, and different ones their own", () => {
    // Strings cannot be told apart by identity in JavaScript: a shared name is only held to
    // keep its text.
    expect(sharedName(["تقا", "رير"].join(""))).toBe("تقارير");

    const person = sharedPerson({ name: "محمد" });
    expect(sharedPerson({ name: "محمد" })).toBe(person);
    expect(sharedPerson({ name: "سارة" })).toEqual({ name: "سارة" });
    expect(sharedPerson({ name: "سارة" })).not.toBe(person);
    const withEmail = { name: "محمد", email: "m@news.example" };
    expect(sharedPerson(withEmail)).toBe(withEmail);

    const keys = (id: number, date: number) => [
      { key: "title", line: 1 },
      { key: "date", line: date },
      { key: "id", line: id },
    ];
    const lines = sharedLines(keys(3, 2));
    expect(lines).toEqual({ id: 3, date: 2 });
    expect(Object.isFrozen(lines)).toBe(true);
    expect(sharedLines(keys(3, 2))).toBe(lines);
    expect(sharedLines(keys(2, 3))).toEqual({ id: 2, date: 3 });
  });

  it("starts its pool again when full, so that it never grows without end", () => {
    const kept = sharedPerson({ name: "first" });
    expect(sharedPerson({ name: "first" })).toBe(kept);
    for (let index = 0; index < 10_000; index++) sharedPerson({ name: `person ${index}` });
    // The pool was emptied on the way: a new object, with the same value.
    const again = sharedPerson({ name: "first" });
    expect(again).not.toBe(kept);
    expect(again).toEqual(kept);
  });

  it("is what validated articles hold, read-only", () => {
    const one = article("title: أ\ndate: 2017-10-12\ncategory: تقارير\ntags: [مالي]\nauthor: محمد");
    const two = article("title: ب\ndate: 2017-10-13\ncategory: تقارير\ntags: [مالي]\nauthor: محمد");
    expect(two.category).toBe(one.category);
    expect(two.tags).toBe(one.tags);
    expect(two.authors).toBe(one.authors);
    expect(Object.isFrozen(one.tags)).toBe(true);
    expect(Object.isFrozen(one.authors)).toBe(true);
    // Another list, or the same names in another order, is a list of its own.
    const three = article("title: ج\ndate: 2017-10-16\ntags: [مالي, النيجر]\nauthor: [محمد, سارة]");
    const four = article("title: ح\ndate: 2017-10-17\ntags: [النيجر, مالي]\nauthor: [سارة, محمد]");
    expect(three.tags).toEqual(["مالي", "النيجر"]);
    expect(four.tags).toEqual(["النيجر", "مالي"]);
    expect(three.authors).toEqual([{ name: "محمد" }, { name: "سارة" }]);
    expect(four.authors[1]).toBe(one.authors[0]);
    const withEmail = article(
      "title: خ\ndate: 2017-10-18\nauthor:\n  - محمد\n  - name: سارة\n    email: s@news.example",
    );
    expect(withEmail.authors).toEqual([
      { name: "محمد" },
      { name: "سارة", email: "s@news.example" },
    ]);
    expect(withEmail.authors[0]).toBe(one.authors[0]);
    expect(Object.isFrozen(withEmail.authors)).toBe(true);
    expect(Object.isFrozen(one.authors[0])).toBe(true);
    expect(two.lines).toBe(one.lines);
    expect(one.lines).toEqual({ date: 3 });

    const bare = article("title: ج\ndate: 2017-10-14");
    expect(bare.tags).toEqual([]);
    expect(bare.authors).toEqual([]);
    expect(Object.isFrozen(bare.tags)).toBe(true);
    expect(Object.isFrozen(bare.authors)).toBe(true);
    expect(article("title: د\ndate: 2017-10-15").tags).toBe(bare.tags);
  });
});
