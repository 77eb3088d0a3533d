// The article cache of one site, and rendering through it.
import type { Article } from "../articles/article.js";
import { readArticleBody } from "../articles/load.js";
import type { SiteConfig } from "../config/resolve.js";
import { type RenderedArticle, renderArticle, renderSummaryOnly } from "../render/render.js";
import { ArticleCache, bodilessHash, cacheFileOf } from "./article-cache.js";
import { HtmlCache } from "./html-cache.js";

/**
 * Loads the site's cache under `key` (siteCacheKey: any change of nashra, of the config or of
 * the tz data empties it); "" is no cache.
 */
export function loadSiteCache(config: SiteConfig, key: string): Promise<ArticleCache> {
  if (key === "") return Promise.resolve(ArticleCache.disabled());
  return ArticleCache.load(cacheFileOf(config.cacheDir), key);
}

/**
 * Renders articles. One kept without its body (see `isBodiless`) is taken from `htmls` when an
 * earlier build rendered the same bytes at the same URL: the HTML of the version the article
 * was read from, whatever its file holds now. Else its body is read from its file first; when
 * the file no longer holds that version (changed, deleted or unreadable since), the article
 * shows only its summary, and `onStale` is told: a build then writes nothing, and watch renders
 * it again at the next rebuild.
 */
export function cachedRenderer(
  config: SiteConfig,
  onStale?: (article: Article) => void,
  htmls: HtmlCache = HtmlCache.disabled(),
): (article: Article) => RenderedArticle {
  return (article) => {
    const fileHash = bodilessHash(article);
    if (fileHash === undefined) return renderArticle(article);
    // Rendered by an earlier build from the same bytes: the body need not be read again.
    const source = { fileHash, url: article.url };
    const html = htmls.get(source);
    if (html !== undefined) return { ...article, html };
    const body = readArticleBody(config, article);
    if (body !== undefined) {
      const rendered = renderArticle({ ...article, body });
      htmls.set(source, rendered.html);
      return rendered;
    }
    onStale?.(article);
    return renderSummaryOnly(article);
  };
}
