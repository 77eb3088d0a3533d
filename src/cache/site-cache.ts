// The article cache of one site, and rendering through it.
import type { Article } from "../articles/article.js";
import type { SiteConfig } from "../config/resolve.js";
import { tzDataVersion } from "../locale/timezone.js";
import { type RenderedArticle, renderArticle } from "../render/render.js";
import { NASHRA_VERSION } from "../version.js";
import { ArticleCache, cacheFileOf, cacheKey } from "./article-cache.js";

/** Loads the site's cache; any change of nashra, of the config or of the tz data empties it. */
export function loadSiteCache(config: SiteConfig, enabled: boolean): Promise<ArticleCache> {
  if (!enabled) return Promise.resolve(ArticleCache.disabled());
  const key = cacheKey({
    nashra: NASHRA_VERSION,
    tz: tzDataVersion,
    config: { ...config, zone: config.zone.name },
  });
  return ArticleCache.load(cacheFileOf(config.cacheDir), key);
}

/** Renders an article, or takes its HTML from the cache when the article came from there. */
export function cachedRenderer(cache: ArticleCache): (article: Article) => RenderedArticle {
  return (article) => {
    const entry = cache.get(article.file);
    const fromCache = entry?.result.article === article;
    if (fromCache && entry.rendered !== undefined) return { ...article, ...entry.rendered };
    const rendered = renderArticle(article);
    if (fromCache) {
      entry.rendered = {
        html: rendered.html,
        ...(rendered.summary !== undefined && { summary: rendered.summary }),
      };
    }
    return rendered;
  };
}
