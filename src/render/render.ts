// An article's HTML as readers get it: Markdown rendered, sanitized, URLs absolute, and wrapped
// in an element that carries its language and direction, so that a reader in any UI language
// shows Arabic right to left.
import type { Article, ArticleImage } from "../articles/article.js";
import { directionOf } from "../locale/direction.js";
import { escapeHtml, removeXmlInvalidCharacters } from "../text.js";
import { allowedUrl, escapeAttribute, renderSanitizedMarkdown } from "./fast-render.js";
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
  // One parse gives both the summary and the HTML. The summary comes first: the fast path below
  // rewrites the tokens' attributes (never their text).
  const tokens = parseMarkdown(removeXmlInvalidCharacters(article.body));
  const summary = article.summary ?? shorten(firstParagraphText(tokens));
  const fast = renderSanitizedMarkdown(tokens, article.url);
  const body =
    fast === undefined
      ? sanitizeArticleHtml(figureHtml(article.image) + renderMarkdown(tokens), article.url)
      : sanitizedFigureHtml(article.image, article.url) + fast;
  const html = `<div dir="${directionOf(article.lang)}" lang="${article.lang}">\n${body.trim()}\n</div>`;
  return { ...article, html, ...(summary !== undefined && { summary }) };
}

/** The front matter's image, as HTML for sanitize-html. */
function figureHtml(image: ArticleImage | undefined): string {
  return image === undefined
    ? ""
    : `<figure><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt ?? "")}"></figure>\n`;
}

/** What sanitize-html makes of figureHtml: the URL resolved (or dropped), `<img … />`. */
function sanitizedFigureHtml(image: ArticleImage | undefined, base: string): string {
  if (image === undefined) return "";
  const src = allowedUrl(image.url, base);
  const srcAttribute = src === undefined ? "" : ` src="${escapeAttribute(src)}"`;
  return `<figure><img${srcAttribute} alt="${escapeAttribute(image.alt ?? "")}" /></figure>\n`;
}

function shorten(text: string | undefined): string | undefined {
  // Cut by code points, never inside a surrogate pair (an emoji, a rare CJK character).
  const characters = text === undefined ? [] : Array.from(text);
  if (text === undefined || characters.length <= SUMMARY_LIMIT) return text;
  const cut = characters.slice(0, SUMMARY_LIMIT).join("");
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > cut.length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
