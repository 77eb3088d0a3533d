// An article's HTML as readers get it: Markdown rendered, sanitized, URLs absolute, and wrapped
// in an element that carries its language and direction, so that a reader in any UI language
// shows Arabic right to left.
import type { Article, ArticleImage } from "../articles/article.js";
import { directionOf } from "../locale/direction.js";
import { escapeHtml, removeXmlInvalidCharacters } from "../text.js";
import { allowedUrl, escapeAttribute, renderSanitizedMarkdown } from "./fast-render.js";
import { parseMarkdown, renderMarkdown } from "./markdown.js";
import { sanitizeArticleHtml } from "./sanitize.js";

export interface RenderedArticle extends Article {
  /** Sanitized HTML, wrapped in `<div dir lang>`. */
  html: string;
}

export function renderArticle(article: Article): RenderedArticle {
  const tokens = parseMarkdown(removeXmlInvalidCharacters(article.body));
  const fast = renderSanitizedMarkdown(tokens, article.url);
  const body =
    fast === undefined
      ? sanitizeArticleHtml(figureHtml(article.image) + renderMarkdown(tokens), article.url)
      : sanitizedFigureHtml(article.image, article.url) + fast;
  const html = `<div dir="${directionOf(article.lang)}" lang="${article.lang}">\n${body.trim()}\n</div>`;
  return { ...article, html };
}

/** `render`, remembering what it gave for each article. */
export function renderingOnce(
  render: (article: Article) => RenderedArticle,
): (article: Article) => RenderedArticle {
  const rendered = new Map<Article, RenderedArticle>();
  return (article) => {
    let html = rendered.get(article);
    if (html === undefined) {
      html = render(article);
      rendered.set(article, html);
    }
    return html;
  };
}

/**
 * What an article shows when its text cannot be had (its file no longer holds the version
 * being shown): its summary as one paragraph, in the same wrapper as its full HTML.
 */
export function renderSummaryOnly(article: Article): RenderedArticle {
  const summary = article.summary ?? article.excerpt;
  const body =
    summary === undefined ? "" : `<p>${escapeHtml(removeXmlInvalidCharacters(summary))}</p>`;
  const html = `<div dir="${directionOf(article.lang)}" lang="${article.lang}">\n${body}\n</div>`;
  return { ...article, html };
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
