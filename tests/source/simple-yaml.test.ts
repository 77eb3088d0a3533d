// The fast front matter reader gives exactly what the full YAML reader gives, or declines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSimpleYaml } from "../../src/source/simple-yaml.js";
import { parseYamlSource, readYamlSource } from "../../src/source/yaml.js";
import {
  expectSameSource,
  flowSeqText,
  frontMatterText,
  inlineValue,
  keyText,
  scalarText,
} from "./front-matter-arbitraries.js";

const TYPICAL = [
  "title: برنامج استعجالي لدعم الفلاحين",
  "date: 2017-10-12T09:30",
  'summary: "Sahel : le Maroc plaide \\"fort\\"\\n\\u0627"',
  'tags: [الفلاحة, العالم القروي, "a, b"]',
  "",
  "# a comment",
  "author:",
  "  - هيئة التحرير",
  "  - Souad Alaoui   ",
  "image:",
  "  url: images/bamako.png",
  "  alt: قاعة اجتماعات",
  "  credit:",
  "  - MAP",
  "slug: emergency-plan-farmers",
  "",
].join("\n");

describe("the fast reader", () => {
  it("reads typical front matter, with each key on its line", () => {
    const source = parseSimpleYaml(TYPICAL, 2);
    expect(source).toBeDefined();
    expect(source?.data).toEqual({
      title: "برنامج استعجالي لدعم الفلاحين",
      date: "2017-10-12T09:30",
      summary: 'Sahel : le Maroc plaide "fort"\n\u0627',
      tags: ["الفلاحة", "العالم القروي", "a, b"],
      author: ["هيئة التحرير", "Souad Alaoui"],
      image: { url: "images/bamako.png", alt: "قاعة اجتماعات", credit: ["MAP"] },
      slug: "emergency-plan-farmers",
    });
    expect(source?.lineOf(["author", 1])).toBe(10);
    expect(source?.lineOf(["image", "credit", 0])).toBe(15);
    expect(source?.topLevelKeys.map(({ key, line }) => `${key}:${line}`)).toEqual([
      "title:2",
      "date:3",
      "summary:4",
      "tags:5",
      "author:8",
      "image:11",
      "slug:16",
    ]);
    expectSameSource(source ?? readYamlSource(""), readYamlSource(TYPICAL, 2), TYPICAL);
  });

  it("keeps keys that objects inherit as their own, as yaml does", () => {
    const text = "__proto__: x\nconstructor: y\ntoString: [a]\n";
    const source = parseSimpleYaml(text);
    expect(source).toBeDefined();
    expect(Object.getPrototypeOf(source?.data)).toBe(Object.prototype);
    expectSameSource(source ?? readYamlSource(""), readYamlSource(text), text);
  });

  // Each case changes one line of a front matter the fast reader takes.
  const BASE = "title: خبر\ndate: 2017-10-12\ntags: [a, b]\n";
  const refusals: [string, string][] = [
    ["null (empty)", "title:\n"],
    ["null (~)", "title: ~\n"],
    ["null (word)", "title: Null\n"],
    ["a boolean", "title: true\n"],
    ["a boolean in a list", "tags: [a, FALSE]\n"],
    ["an integer", "title: 2024\n"],
    ["an octal integer", "title: 0o17\n"],
    ["a hex integer", "title: 0x1F\n"],
    ["a float", "title: 1.5\n"],
    ["an exponent", "title: 1e3\n"],
    ["infinity", "title: -.inf\n"],
    ["not a number", "title: .NaN\n"],
    ["a leading zero", "title: 012\n"],
    ["a number in a block list", "tags:\n  - 12\n"],
    ["a keyword key", "true: x\n"],
    ["a number key", "1: x\n"],
    ["a quoted key", '"title": x\n'],
    ["a flow mapping", "title: {a: b}\n"],
    ["an anchor", "title: &a x\n"],
    ["an alias", "title: *a\n"],
    ["a tag", "title: !str x\n"],
    ["a literal block", "title: |\n  x\n"],
    ["a folded block", "title: >-\n  x\n"],
    ["single quotes", "title: 'x'\n"],
    ["a directive character", "title: %x\n"],
    ["a reserved character", "title: @x\n"],
    ["a backquote", "title: `x`\n"],
    ["an explicit key", "? title\n: x\n"],
    ["a dash", "title: - x\n"],
    ["a colon and space inside", "title: Sahel : le Maroc\n"],
    ["a colon at the end", "title: x:\n"],
    ["a comment after a value", "title: x # note\n"],
    ["a comment after a quoted value", 'title: "x" # note\n'],
    ["a tab", "title:\tx\n"],
    ["a tab inside", "title: a\tb\n"],
    ["a duplicate key", "title: x\ntitle: y\n"],
    ["a value over two lines", "title: x\n  y\n"],
    ["a quoted value over two lines", 'title: "x\n  y"\n'],
    ["a list over two lines", "tags: [a,\n  b]\n"],
    ["a YAML-only escape", 'title: "\\x41"\n'],
    ["a long escape", 'title: "\\U0001F600"\n'],
    ["an escaped space", 'title: "a\\ b"\n'],
    ["text after a quoted value", 'title: "x" y\n'],
    ["a trailing comma", "tags: [a, b,]\n"],
    ["an empty list item", "tags: [a, , b]\n"],
    ["a nested list", "tags: [[a], b]\n"],
    ["a colon in a list item", "tags: [a:b]\n"],
    ["an empty block item", "tags:\n  -\n"],
    ["a mapping in a block list", "tags:\n  - name: x\n"],
    ["a block list in a block list", "tags:\n  - - x\n"],
    ["a deeper line after a value", "title: x\n  date: y\n"],
    ["uneven nested keys", "image:\n  url: a\n   alt: b\n"],
    ["a nested key left of its siblings", "image:\n   url: a\n  alt: b\n"],
    ["a list left of its key", "image:\n  tags:\n- a\n"],
    ["an indented document", " title: x\n"],
    ["a list document", "- x\n"],
    ["a document end marker", "...\n"],
    ["a document start marker", "---\n"],
    ["a directive", "%YAML 1.2\n"],
    ["a carriage return", "title: x\r\n"],
    ["a next-line character", "title: a\u0085b\n"],
    ["a line separator", "title: a\u2028b\n"],
    ["a byte order mark", "title: \ufeffx\n"],
    ["a non-character", "title: a\uffff\n"],
    ["a key longer than 128 characters", `${"k".repeat(129)}: x\n`],
    ["a space before the colon", "title : x\n"],
    ["no space after the colon", "title:x\n"],
  ];

  it("takes the base front matter of the refusal cases", () => {
    expect(parseSimpleYaml(BASE)).toBeDefined();
  });

  it.each(refusals)("declines %s, which the full reader then reads", (_name, line) => {
    const text = BASE.replace("title: خبر\n", line);
    expect(parseSimpleYaml(text)).toBeUndefined();
    expectSameSource(parseYamlSource(text, 2), readYamlSource(text, 2), text);
  });

  it("declines front matter nested more than 4 mappings deep", () => {
    const nested = (depth: number): string =>
      Array.from({ length: depth }, (_, level) => `${"  ".repeat(level)}k${level}:`).join("\n") +
      `\n${"  ".repeat(depth)}leaf: x\n`;
    expect(parseSimpleYaml(nested(3))).toBeDefined();
    expect(parseSimpleYaml(nested(4))).toBeUndefined();
  });

  it("declines an empty front matter or one of comments only", () => {
    for (const text of ["", "\n", "# only a comment\n", "   \n"]) {
      expect(parseSimpleYaml(text)).toBeUndefined();
    }
  });
});

// Whenever the fast reader takes a text, it gives the full reader's result. The generators lean
// towards what it must decline; the counts check that it still takes a fair share.
describe("the fast reader against the full reader", () => {
  it("agrees on single values", () => {
    const counts = { runs: 0, accepted: 0 };
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(keyText, inlineValue).map(([k, v]) => `${k}: ${v}`) },
      { weight: 2, arbitrary: scalarText.map((value) => `title: ${value}`) },
      { weight: 2, arbitrary: flowSeqText.map((value) => `tags: ${value}`) },
      { weight: 1, arbitrary: scalarText.map((value) => `tags:\n- ${value}`) },
    );
    fc.assert(
      fc.property(line, fc.constantFrom("", "\n", " ", "  \n"), (text, end) => {
        const yaml = text + end;
        counts.runs++;
        const fast = parseSimpleYaml(yaml, 2);
        if (fast === undefined) return;
        counts.accepted++;
        expectSameSource(fast, readYamlSource(yaml, 2), yaml);
      }),
      { numRuns: 10_000, seed: 20261203 },
    );
    expect(counts.accepted / counts.runs).toBeGreaterThan(0.3);
    expect(counts.accepted / counts.runs).toBeLessThan(0.9);
  });

  it("agrees on whole front matters", () => {
    const counts = { runs: 0, accepted: 0, nested: 0, blockLists: 0, flowLists: 0, comments: 0 };
    fc.assert(
      fc.property(frontMatterText, fc.integer({ min: 1, max: 40 }), (yaml, firstLine) => {
        counts.runs++;
        const fast = parseSimpleYaml(yaml, firstLine);
        if (fast === undefined) return;
        counts.accepted++;
        if (/^ +[^ -]/m.test(yaml)) counts.nested++;
        if (/^ *- /m.test(yaml)) counts.blockLists++;
        if (/: \[/.test(yaml)) counts.flowLists++;
        if (/^ *#/m.test(yaml)) counts.comments++;
        expectSameSource(fast, readYamlSource(yaml, firstLine), yaml);
      }),
      { numRuns: 6_000, seed: 20261204 },
    );
    expect(counts.accepted / counts.runs).toBeGreaterThan(0.15);
    for (const feature of ["nested", "blockLists", "flowLists", "comments"] as const) {
      expect(counts[feature], feature).toBeGreaterThan(100);
    }
  });
});
