// Reading generated feeds back with parsers that nashra does not use to write them.
import { parseFeed } from "feedsmith";
import { SaxesParser } from "saxes";
import { expect } from "vitest";

/** Fails unless `xml` is well-formed XML 1.0 with namespaces (saxes is strict about both). */
export function expectWellFormedXml(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  const errors: string[] = [];
  parser.on("error", (error) => errors.push(error.message));
  parser.write(xml).close();
  expect(errors).toEqual([]);
}

export function parseRss(xml: string | undefined) {
  if (xml === undefined) throw new Error("no such RSS file");
  expectWellFormedXml(xml);
  const parsed = parseFeed(xml);
  if (parsed.format !== "rss") throw new Error(`expected RSS, got ${parsed.format}`);
  return parsed.feed;
}

export function parseAtom(xml: string | undefined) {
  if (xml === undefined) throw new Error("no such Atom file");
  expectWellFormedXml(xml);
  const parsed = parseFeed(xml);
  if (parsed.format !== "atom") throw new Error(`expected Atom, got ${parsed.format}`);
  return parsed.feed;
}

export function parseJson(text: string) {
  const parsed = parseFeed(JSON.parse(text));
  if (parsed.format !== "json") throw new Error(`expected JSON Feed, got ${parsed.format}`);
  return parsed.feed;
}
