// The pure core: validated articles and a point in time → the bytes of every feed.
import type { Article } from "./articles/article.js";
import { type Collection, collectArticles, settleCollisions } from "./collect.js";
import type { SiteConfig } from "./config/resolve.js";
import type { DocumentMemo } from "./feeds/document-memo.js";
import {
  buildFeedFiles,
  type FeedSet,
  type FeedStream,
  type Reuse,
  streamFeedFiles,
} from "./feeds/feed-set.js";
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
  /** Archive pages a build left on disk, untouched since (at the watcher's start). */
  reuse?: Reuse;
}

/**
 * generateFeeds for the watcher, from the articles it keeps planned one at a time (`plan`),
 * with each file's text in parts (see ./feeds/file-text.ts). The documents are serialized as
 * `stream.entries` is read; archive pages that show what they showed are in `stream.kept`.
 */
export function generateFeedParts(
  config: SiteConfig,
  plan: IncrementalPlan,
  now: number,
  options: WatchGenerateOptions,
): {
  stream: FeedStream;
  collection: Omit<Collection, "published"> & { published: number };
} {
  const { losers, problems } = settleCollisions(options.contested, options.precedence);
  const { documents, published, nextScheduled } = plan.plan(config, now, losers);
  const stream = streamFeedFiles(config, documents, options.render, options.memo, options.reuse);
  return { stream, collection: { published, nextScheduled, problems } };
}
