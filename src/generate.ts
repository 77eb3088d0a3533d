// The pure core: validated articles and a point in time → the bytes of every feed.
import type { Article } from "./articles/article.js";
import { type Collection, collectArticles } from "./collect.js";
import type { SiteConfig } from "./config/resolve.js";
import type { DocumentMemo } from "./feeds/document-memo.js";
import { buildFeedFiles, type FeedSet, type Reuse } from "./feeds/feed-set.js";
import { type RenderedArticle, renderArticle } from "./render/render.js";

export interface Generated extends FeedSet {
  collection: Collection;
}

export function generateFeeds(
  config: SiteConfig,
  articles: readonly Article[],
  now: number,
  render: (article: Article) => RenderedArticle = renderArticle,
  precedence?: (a: Article, b: Article) => number,
  memo?: DocumentMemo,
  reuse?: Reuse,
  contested?: ReadonlySet<Article>,
): Generated {
  const collection = collectArticles(articles, now, precedence, contested);
  return { ...buildFeedFiles(config, collection.published, render, memo, reuse), collection };
}
