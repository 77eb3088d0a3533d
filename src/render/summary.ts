// An article's summary when its front matter has none: its first paragraph's text, shortened.
// Every published article needs one (archive documents show summaries, not content), so it is
// worked out when the article is read, from as little of the body as gives the same answer.
import { removeXmlInvalidCharacters } from "../text.js";
import { firstParagraphText, parseMarkdown } from "./markdown.js";

const SUMMARY_LIMIT = 300;
/** Blank-line-ended beginnings tried before the whole body is parsed. */
const PREFIX_TRIES = 4;

/**
 * The text of the body's first paragraph, shortened to 300 characters: exactly what a parse of
 * the whole body gives (a differential test holds it to that).
 *
 * A paragraph ended by a blank line is whole: nothing after it changes its blocks. Only its
 * inline text can depend on what follows, through a reference definition (`[a]` made a link by
 * a `[a]: url` further down); a bracket left in the text sends the whole body to the parser.
 */
export function excerptOf(body: string): string | undefined {
  // A paragraph of plain words is read from the head of the body alone (the rest of a body was
  // most of the time spent here).
  const plain = plainFirstParagraph(cleaned(headOf(body)));
  if (plain !== undefined) return shorten(plain);
  const markdown = cleaned(body);
  // Blank lines before the first text count for nothing: the search starts after them.
  let end = markdown.search(/[^ \t\n]/);
  if (end === -1) return undefined;
  for (let tries = 0; tries < PREFIX_TRIES; tries++) {
    end = nextBlankLine(markdown, end);
    if (end === -1) break;
    const text = firstParagraphText(parseMarkdown(markdown.slice(0, end)));
    if (text !== undefined && !text.includes("[") && !text.includes("]")) return shorten(text);
  }
  return shorten(firstParagraphText(parseMarkdown(markdown)));
}

function cleaned(body: string): string {
  return removeXmlInvalidCharacters(body).replace(/\r\n?/g, "\n");
}

/**
 * The body up to the end of its first blank line after some text: its first paragraph is
 * there, whole. Cleaned, it is the beginning of the cleaned body (it ends with a line break,
 * which nothing cleaned joins to what follows), and removing characters can only make a blank
 * line earlier.
 */
function headOf(body: string): string {
  const blank = /\n[ \t\r]*\n/g;
  blank.lastIndex = Math.max(0, body.search(/[^ \t\r\n]/));
  const match = blank.exec(body);
  return match === null ? body : body.slice(0, match.index + match[0].length);
}

/** A line that can only be paragraph text: no block marker, no character an inline rule reads. */
const PLAIN_LINE = /^[^\s#>\-+*=_~`<|\d\\[\]!&][^\\`~*_[\]!<&|]*$/;
/** An inline link of plain words to a relative URL (no scheme to refuse): its text is its words. */
const PLAIN_LINK = /\[([^\\`~*_[\]!<&|()]*)\]\(([\w./#?=%~-]*)\)/g;

/**
 * Most articles open with a paragraph of plain words: its text is its lines, without parsing.
 * Undefined when the body opens with anything else, which the parser then reads.
 */
function plainFirstParagraph(markdown: string): string | undefined {
  const lines = markdown.replace(/^(?:[ \t]*\n)+/, "").split("\n");
  const paragraph: string[] = [];
  for (const line of lines) {
    // Blank as markdown-it sees it: spaces and tabs only (a no-break space is text).
    if (/^[ \t]*$/.test(line)) break;
    const words = line.includes("](") ? line.replace(PLAIN_LINK, "$1") : line;
    if (!PLAIN_LINE.test(words)) return undefined;
    paragraph.push(words);
  }
  const text = paragraph.join(" ").replace(/\s+/g, " ").trim();
  return text === "" ? undefined : text;
}

/** The end of the first blank line that starts at or after `from` (some text), or -1. */
function nextBlankLine(markdown: string, from: number): number {
  const blank = /\n[ \t]*\n/g;
  blank.lastIndex = from;
  const match = blank.exec(markdown);
  return match === null ? -1 : match.index + match[0].length;
}

/** At most 300 characters, cut at a space where one is near, never inside a surrogate pair. */
export function shorten(text: string | undefined): string | undefined {
  // Never more characters than UTF-16 units: most texts need no counting.
  if (text === undefined || text.length <= SUMMARY_LIMIT) return text;
  const characters = Array.from(text);
  if (characters.length <= SUMMARY_LIMIT) return text;
  const cut = characters.slice(0, SUMMARY_LIMIT).join("");
  const lastSpace = cut.lastIndexOf(" ");
  // Joined, not concatenated: a build keeps every excerpt, and `+` would keep each as a rope
  // over a slice of the cut, about 60 bytes more than the one flat string join makes.
  return [(lastSpace > cut.length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd(), "…"].join("");
}
