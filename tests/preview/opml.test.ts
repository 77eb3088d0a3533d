// The preview's reader of feeds.opml against a strict XML 1.0 parser (saxes, a devDependency):
// on what nashra's serializer writes, with hard attribute values, both read the same outlines.
import { readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { xmlRoot } from "../../src/feeds/xml.js";
import { readOutlines } from "../../src/preview/opml.js";
import { REPO_ROOT } from "../helpers.js";

/** Every outline's attributes as saxes reads them; it throws on XML that is not well-formed. */
function parsedOutlines(xml: string): Map<string, string>[] {
  const outlines: Map<string, string>[] = [];
  const parser = new SaxesParser();
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    if (tag.name === "outline") outlines.push(new Map(Object.entries(tag.attributes)));
  });
  parser.write(xml).close();
  return outlines;
}

const hardText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      ...["<", ">", "&", '"', "'", "&lt;", "&amp;", "&#38;", "\t", "\n", "\r", "\r\n", " "],
      ...["\u0000", "\u001F", "\u0085", "\u2028", "\uFFFE", "\uD800", "/>", "<outline a='b'/>"],
      ...["أحداث أنفو — تقارير", "\u200F", "😀", "é", "a"],
    ),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  ),
  maxLength: 24,
});

describe("readOutlines", () => {
  it("reads what nashra's serializer writes as an XML parser does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.constantFrom("text", "title", "xmlUrl", "language"), hardText), {
          maxLength: 4,
        }),
        (groups) => {
          const opml = xmlRoot("opml", null).attribute("version", "2.0");
          opml.element("head").text("title", "<head> & <outline>");
          const body = opml.element("body");
          for (const attributes of groups) {
            body.element("outline", attributes).element("outline", { ...attributes, type: "rss" });
          }
          const xml = opml.serialize();
          expect(readOutlines(xml)).toEqual(parsedOutlines(xml));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads the sample site's feeds.opml as an XML parser does", async () => {
    const xml = await readFile(path.join(REPO_ROOT, "tests", "golden", "feeds.opml"), "utf8");
    const outlines = readOutlines(xml);
    expect(outlines.length).toBeGreaterThan(10);
    expect(outlines).toEqual(parsedOutlines(xml));
  });

  it.each([
    ["<outline a=\"1\" b='2'/>", [{ a: "1", b: "2" }]],
    ['<outline\n  a = "x&#x41;&#66;&apos;"  />', [{ a: "xAB'" }]],
    ['<outline a="x&#10;y\tz"></outline>', [{ a: "x\ny z" }]],
    ['<outline a="1 > 0"/>', [{ a: "1 > 0" }]],
    ["<outline/><outlines a='1'/>", [{}]],
    // Not well-formed: left out rather than guessed at.
    ['<outline a="&nbsp;"/>', []],
    ['<outline a="a & b"/>', []],
    ['<outline a="&#0;"/>', []],
    ["<outline a=1/>", []],
    ['<outline a="1" a="2"/>', []],
    ['<outline a="1"b="2"/>', []],
  ])("%j", (xml, expected) => {
    expect(readOutlines(xml).map((outline) => Object.fromEntries(outline))).toEqual(expected);
  });
});
