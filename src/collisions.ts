// Which articles share an id or a URL with another. A build asks once; the watcher keeps the
// answer up to date as files change, so that a rebuild of 10,000 articles does not index them
// all again for the one that changed.
import type { Article } from "./articles/article.js";

const KEYS = ["id", "url"] as const;

/** The articles that share an id or a URL with another, found in one pass. */
export function sharingIdOrUrl(articles: readonly Article[]): Set<Article> {
  const contested = new Set<Article>();
  for (const key of KEYS) {
    const first = new Map<string, Article>();
    for (const article of articles) {
      const earlier = first.get(article[key]);
      if (earlier === undefined) {
        first.set(article[key], article);
      } else {
        contested.add(earlier);
        contested.add(article);
      }
    }
  }
  return contested;
}

/** The same answer, kept up to date one article at a time. */
export class CollisionIndex {
  private readonly groups = {
    id: new Map<string, Set<Article>>(),
    url: new Map<string, Set<Article>>(),
  };
  /** Articles in a group of two or more, by id or by URL. */
  private readonly shared = new Map<Article, number>();

  add(article: Article): void {
    for (const key of KEYS) {
      const group = this.groups[key].get(article[key]) ?? new Set<Article>();
      if (group.has(article)) continue;
      this.groups[key].set(article[key], group);
      group.add(article);
      if (group.size === 2) for (const member of group) this.share(member, 1);
      else if (group.size > 2) this.share(article, 1);
    }
  }

  remove(article: Article): void {
    for (const key of KEYS) {
      const group = this.groups[key].get(article[key]);
      if (group === undefined || !group.delete(article)) continue;
      if (group.size === 0) this.groups[key].delete(article[key]);
      if (group.size >= 1) this.share(article, -1);
      if (group.size === 1) for (const member of group) this.share(member, -1);
    }
  }

  /** The articles that share an id or a URL with another. */
  contested(): ReadonlySet<Article> {
    return new Set(this.shared.keys());
  }

  private share(article: Article, change: 1 | -1): void {
    const count = (this.shared.get(article) ?? 0) + change;
    if (count > 0) this.shared.set(article, count);
    else this.shared.delete(article);
  }
}
