// The pure core: validated articles and a point in time → the bytes of every feed.
import type { Article } from "./articles/article.js";
import { type Collection, collectArticles, settleCollisions } from "./collect.js";
import type { SiteConfig } from "./config/resolve.js";
import type { DocumentMemo } from "./feeds/document-memo.js";
import { buildFeedFiles, type FeedSet, streamFeedFiles } from "./feeds/feed-set.js";
import type { FileText } from "./feeds/file-text.js";
import type { IncrementalPlan } from "./feeds/incremental-plan.js";
import { type RenderedArticle, renderArticle } from "./render/render.js";

export interface Generated extends FeedSet {
  collection: Collection;
}

export function generateFeeds(
  config: SiteConfig,
  articles: readonly Article[],
  now: number,
): Generated {
  const collection = collectArticles(articles, now);
  return { ...buildFeedFiles(config, collection.published, renderArticle), collection };
}

export interface WatchGenerateOptions {
  render: (article: Article) => RenderedArticle;
  precedence: (a: Article, b: Article) => number;
  /** The articles that share an id or a URL with another. */
  contested: ReadonlySet<Article>;
  memo: DocumentMemo;
}

/**
 * generateFeeds for the watcher, from the articles it keeps planned one at a time (`plan`),
 * with each file's text in parts (see ./feeds/file-text.ts).
 */
export function generateFeedParts(
  config: SiteConfig,
  plan: IncrementalPlan,
  now: number,
  options: WatchGenerateOptions,
): {
  files: Map<string, FileText>;
  /** Files of archive pages left as they are on disk (see DocumentMemo). */
  kept: string[];
  /** Files of archive pages in `files`, whose text the memo does not keep. */
  unremembered: string[];
  collection: Omit<Collection, "published"> & { published: number };
} {
  const { losers, problems } = settleCollisions(options.contested, options.precedence);
  const { documents, published, nextScheduled } = plan.plan(config, now, losers);
  const stream = streamFeedFiles(config, documents, options.render, options.memo);
  return {
    files: new Map(stream.entries),
    kept: stream.kept,
    unremembered: stream.unremembered,
    collection: { published, nextScheduled, problems },
  };
}
