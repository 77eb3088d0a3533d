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

type Parsed = ReturnType<typeof parseFeed>;
type FeedOf<F extends Parsed["format"]> = Extract<Parsed, { format: F }>["feed"];

/** Parses a feed with feedsmith, failing unless it is of `format` (and, for XML, well-formed). */
function parseAs<F extends Parsed["format"]>(format: F, input: string | undefined): FeedOf<F> {
  if (input === undefined) throw new Error(`no such ${format} file`);
  if (format !== "json") expectWellFormedXml(input);
  const parsed = parseFeed(format === "json" ? JSON.parse(input) : input);
  if (parsed.format !== format) throw new Error(`expected ${format}, got ${parsed.format}`);
  return parsed.feed as FeedOf<F>;
}

export const parseRss = (xml: string | undefined) => parseAs("rss", xml);
export const parseAtom = (xml: string | undefined) => parseAs("atom", xml);
export const parseJson = (text: string | undefined) => parseAs("json", text);
