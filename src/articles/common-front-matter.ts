// The front matter most articles have, checked without zod: plain strings, lists of strings,
// a date, a boolean. zod's generic machinery cost about 20 µs an article in a fresh process
// (200 ms for 10,000), a fifth of reading an article; this costs about 3. Anything else (an author or image given
// as an object, a value of the wrong type, a value that fails a check) is declined, and
// frontMatterSchema reads it and words its problems. tests/articles/common-front-matter.test.ts
// holds this to the schema: what it accepts, the schema accepts and gives the same fields.
import { isLanguageTag } from "../locale/language.js";
import { oneLine } from "../text.js";
import { ID, SLUG } from "./fields.js";
import type { FrontMatter } from "./schema.js";

/** How each field is read, or declined (undefined). */
type Readers = { [Key in keyof FrontMatter]-?: (value: unknown) => FrontMatter[Key] | undefined };

const READERS: Readers = {
  title: line,
  date: dateText,
  updated: dateText,
  id: (value) => matching(value, ID),
  slug: (value) => matching(value, SLUG),
  summary: line,
  author: (value) => lines(value)?.map((name) => ({ name })),
  source: line,
  category: line,
  tags: lines,
  // The short form only: `image: photo.jpg`.
  image: (value) => {
    const url = typeof value === "string" ? value.trim() : "";
    return url === "" ? undefined : { url };
  },
  alt: line,
  lang: (value) => (typeof value === "string" && isLanguageTag(value) ? value : undefined),
  draft: (value) => (typeof value === "boolean" ? value : undefined),
};
const KEYS = Object.keys(READERS) as (keyof FrontMatter)[];

/** The fields nashra knows, in the schema's order (a test holds the two to the same list). */
export const FRONT_MATTER_FIELDS: readonly string[] = KEYS;

/** The schema's fields, or undefined to let the schema decide. */
export function readCommonFrontMatter(data: Record<string, unknown>): FrontMatter | undefined {
  const fields: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = data[key];
    // An absent field is left to the schema when it is required (title, date).
    if (value === undefined && key !== "title" && key !== "date") continue;
    const field = READERS[key](value);
    if (field === undefined) return undefined;
    fields[key] = field;
  }
  // Each field was read by the reader of its key.
  return fields as FrontMatter;
}

/** The schema's one-line text. */
function line(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = oneLine(value);
  return text === "" ? undefined : text;
}

/** One line, or a non-empty list of them (the schema's `oneOrMany(line)`). */
function lines(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) {
    const text = line(value);
    return text === undefined ? undefined : [text];
  }
  if (value.length === 0) return undefined;
  const texts: string[] = [];
  for (const item of value) {
    const text = line(item);
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return texts;
}

function dateText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  // zod's number refuses NaN and the infinities.
  return typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
}

function matching(value: unknown, pattern: RegExp): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return pattern.test(text) ? text : undefined;
}
