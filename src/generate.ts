// The pure core: validated articles and a point in time → the bytes of every feed.
import type { Article } from "./articles/article.js";
import { type Collection, collectArticles } from "./collect.js";
import type { SiteConfig } from "./config/resolve.js";
import type { DocumentMemo } from "./feeds/document-memo.js";
import { buildFeedFiles, type FeedSet, streamFeedFiles } from "./feeds/feed-set.js";
import type { FileText } from "./feeds/file-text.js";
import { type RenderedArticle, renderArticle } from "./render/render.js";

export interface Generated extends FeedSet {
  collection: Collection;
}

export interface GenerateOptions {
  render?: (article: Article) => RenderedArticle;
  /** Which of two articles sharing an id or a URL keeps it (see collectArticles). */
  precedence?: (a: Article, b: Article) => number;
  /** The articles that share an id or a URL with another, when the caller keeps them indexed. */
  contested?: ReadonlySet<Article>;
  /** Documents serialized by earlier calls, reused when unchanged. */
  memo?: DocumentMemo;
}

export function generateFeeds(
  config: SiteConfig,
  articles: readonly Article[],
  now: number,
  options: GenerateOptions = {},
): Generated {
  const collection = collectArticles(articles, now, options.precedence, options.contested);
  const render = options.render ?? renderArticle;
  return { ...buildFeedFiles(config, collection.published, render, options.memo), collection };
}

/** generateFeeds with each file's text in parts (see ./feeds/file-text.ts), for watch mode. */
export function generateFeedParts(
  config: SiteConfig,
  articles: readonly Article[],
  now: number,
  options: GenerateOptions = {},
): Omit<Generated, "files"> & { files: Map<string, FileText> } {
  const collection = collectArticles(articles, now, options.precedence, options.contested);
  const render = options.render ?? renderArticle;
  const stream = streamFeedFiles(config, collection.published, render, options.memo);
  const { kept, documents } = stream;
  return { files: new Map(stream.entries), kept, documents, collection };
}
