// The article cache of one site, and rendering through it.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Article } from "../articles/article.js";
import { readArticleBody } from "../articles/load.js";
import type { SiteConfig } from "../config/resolve.js";
import { tzDataVersion } from "../locale/timezone.js";
import { type RenderedArticle, renderArticle, renderSummaryOnly } from "../render/render.js";
import { NASHRA_VERSION } from "../version.js";
import { ArticleCache, cacheFileOf, cacheKey, isBodiless } from "./article-cache.js";

const RENDERING_LIBRARIES = [
  "gray-matter",
  "yaml",
  "zod",
  "markdown-it",
  "sanitize-html",
  "htmlparser2",
];
const require = createRequire(import.meta.url);

/** The installed version of a package, found from its entry point; "unknown" if it hides it. */
function installedVersion(name: string): string {
  try {
    let folder = path.dirname(require.resolve(name));
    for (;;) {
      const manifest = path.join(folder, "package.json");
      if (existsSync(manifest)) {
        const parsed = JSON.parse(readFileSync(manifest, "utf8")) as {
          name?: string;
          version?: string;
        };
        if (parsed.name === name && parsed.version !== undefined) return parsed.version;
      }
      const parent = path.dirname(folder);
      if (parent === folder) return "unknown";
      folder = parent;
    }
  } catch {
    return "unknown";
  }
}

/** Loads the site's cache; any change of nashra, of the config or of the tz data empties it. */
export function loadSiteCache(
  config: SiteConfig,
  enabled: boolean,
  key = enabled ? siteCacheKey(config) : "",
): Promise<ArticleCache> {
  if (!enabled) return Promise.resolve(ArticleCache.disabled());
  return ArticleCache.load(cacheFileOf(config.cacheDir), key);
}

/** What the site's cache files are valid for: nashra, its libraries, the tz data, the config. */
export function siteCacheKey(config: SiteConfig): string {
  return cacheKey({
    nashra: NASHRA_VERSION,
    tz: tzDataVersion,
    // An update of a library that shapes articles or their HTML (a sanitizer fix above all)
    // must not leave HTML it would no longer produce in the cache.
    libraries: RENDERING_LIBRARIES.map((name) => `${name}@${installedVersion(name)}`),
    config: { ...config, zone: config.zone.name },
  });
}

/**
 * Renders articles; one kept without its body (see `isBodiless`) has it read from its file
 * first. When the file no longer holds that version (changed, deleted or unreadable since), the
 * article shows only its summary, and `onStale` is told: a build then writes nothing, and
 * watch renders it again at the next rebuild.
 */
export function cachedRenderer(
  config: SiteConfig,
  onStale?: (article: Article) => void,
): (article: Article) => RenderedArticle {
  return (article) => {
    if (!isBodiless(article)) return renderArticle(article);
    const body = readArticleBody(config, article);
    if (body !== undefined) return renderArticle({ ...article, body });
    onStale?.(article);
    return renderSummaryOnly(article);
  };
}
