// An article's HTML as readers get it: Markdown rendered, sanitized, URLs absolute, and wrapped
// in an element that carries its language and direction, so that a reader in any UI language
// shows Arabic right to left.
import type { Article } from "../articles/article.js";
import { directionOf } from "../locale/direction.js";
import { escapeHtml, removeXmlInvalidCharacters } from "../text.js";
import { firstParagraphText, parseMarkdown, renderMarkdown } from "./markdown.js";
import { sanitizeArticleHtml } from "./sanitize.js";

export interface RenderedArticle extends Article {
  /** Sanitized HTML, wrapped in `<div dir lang>`. */
  html: string;
  /** The front matter's summary, or the first paragraph's text, shortened. */
  summary?: string;
}

const SUMMARY_LIMIT = 300;

export function renderArticle(article: Article): RenderedArticle {
  const figure =
    article.image === undefined
      ? ""
      : `<figure><img src="${escapeHtml(article.image.url)}" alt="${escapeHtml(article.image.alt ?? "")}"></figure>\n`;
  // One parse gives both the HTML and the summary.
  const tokens = parseMarkdown(removeXmlInvalidCharacters(article.body));
  const body = sanitizeArticleHtml(figure + renderMarkdown(tokens), article.url);
  const html = `<div dir="${directionOf(article.lang)}" lang="${article.lang}">\n${body.trim()}\n</div>`;
  const summary = article.summary ?? shorten(firstParagraphText(tokens));
  return { ...article, html, ...(summary !== undefined && { summary }) };
}

function shorten(text: string | undefined): string | undefined {
  // Cut by code points, never inside a surrogate pair (an emoji, a rare CJK character).
  const characters = text === undefined ? [] : Array.from(text);
  if (text === undefined || characters.length <= SUMMARY_LIMIT) return text;
  const cut = characters.slice(0, SUMMARY_LIMIT).join("");
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > cut.length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
