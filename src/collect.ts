// Which articles are published now, in which order, and which collide.
import type { Article } from "./articles/article.js";
import { sharingIdOrUrl } from "./collisions.js";
import { compareStrings, type Problem } from "./problems.js";

export interface Collection {
  /** Published articles, newest first (then by id): the order of every feed. */
  published: Article[];
  /** The earliest publication time still in the future, for the watcher's scheduler. */
  nextScheduled: number | undefined;
  problems: Problem[];
}

/** Newest first; ties broken by id so that the order never depends on file system order. */
export function compareNewestFirst(a: Article, b: Article): number {
  return b.published - a.published || compareStrings(a.id, b.id);
}

/** Oldest first, then by file: which of two colliding articles keeps its place in a build. */
export function compareSeniority(a: Article, b: Article): number {
  return a.published - b.published || compareStrings(a.file, b.file);
}

/**
 * A build's published articles: drafts and articles dated after `now` are left out. Of articles
 * that share an id or a URL, the oldest stays and the others are left out with an error (the
 * watcher keeps the first it saw instead, through settleCollisions and its IncrementalPlan), so
 * a new file can never take over an item readers already have.
 */
export function collectArticles(articles: readonly Article[], now: number): Collection {
  const { losers, problems } = settleCollisions(sharingIdOrUrl(articles), compareSeniority);
  const kept: readonly Article[] =
    losers.size === 0 ? articles : articles.filter((article) => !losers.has(article));
  let nextScheduled: number | undefined;
  const published = kept.filter((article) => {
    if (article.draft) return false;
    if (article.published > now) {
      nextScheduled = Math.min(nextScheduled ?? Number.POSITIVE_INFINITY, article.published);
      return false;
    }
    return true;
  });
  published.sort(compareNewestFirst);
  return { published, nextScheduled, problems };
}

/**
 * Of articles that share an id or a URL (`contested`), which are left out, and the problem of
 * each: the first by `precedence` keeps the id or URL. Only those articles are sorted, which
 * keeps this cheap however many articles there are.
 */
export function settleCollisions(
  contested: ReadonlySet<Article>,
  precedence: (a: Article, b: Article) => number,
): { losers: Set<Article>; problems: Problem[] } {
  const losers = new Set<Article>();
  const problems: Problem[] = [];
  const byId = new Map<string, Article>();
  const byUrl = new Map<string, Article>();
  for (const article of [...contested].sort(precedence)) {
    const clash = clashOf(article, byId.get(article.id), byUrl.get(article.url));
    if (clash !== undefined) {
      problems.push(clash);
      losers.add(article);
      continue;
    }
    byId.set(article.id, article);
    byUrl.set(article.url, article);
  }
  return { losers, problems };
}

/** The problem of an article whose id or URL another, earlier article already has. */
function clashOf(
  article: Article,
  sameId: Article | undefined,
  sameUrl: Article | undefined,
): Problem | undefined {
  const common = { file: article.file, severity: "error" } as const;
  if (sameId !== undefined) {
    return {
      ...common,
      line: article.lines.id ?? article.lines.date ?? 1,
      field: "id",
      rule: "id/duplicate",
      message: `has the id "${article.id}" of ${sameId.file}; give this article its own "id:"`,
    };
  }
  if (sameUrl !== undefined) {
    return {
      ...common,
      line: article.lines.slug ?? 1,
      field: "slug",
      rule: "slug/duplicate",
      message: `gives the URL ${article.url}, already that of ${sameUrl.file}; give this article its own "slug:"`,
    };
  }
  return undefined;
}
