// Articles kept in feed order (newest first, then by id) as they come and go, for the watcher:
// a rebuild then starts from articles already in order instead of sorting them all again.
import type { Article } from "./articles/article.js";
import { compareNewestFirst } from "./collect.js";

export class SortedArticles {
  private list: Article[] = [];
  /**
   * Until the order is first asked for, articles are only gathered: the watcher's start adds
   * them all, one at a time, and inserting each in place would cost n² moves.
   */
  private ordered = false;

  /** In feed order. Read only: the next change rewrites it in place. */
  get articles(): readonly Article[] {
    if (!this.ordered) {
      this.list.sort(compareNewestFirst);
      this.ordered = true;
    }
    return this.list;
  }

  add(article: Article): void {
    if (this.ordered) this.list.splice(this.firstNotBefore(article), 0, article);
    else this.list.push(article);
  }

  remove(article: Article): void {
    if (!this.ordered) {
      const index = this.list.indexOf(article);
      if (index !== -1) this.list.splice(index, 1);
      return;
    }
    // Articles that compare equal (one id in two files) sit side by side: find this one.
    for (let index = this.firstNotBefore(article); index < this.list.length; index++) {
      const candidate = this.list[index] as Article;
      if (candidate === article) {
        this.list.splice(index, 1);
        return;
      }
      if (compareNewestFirst(candidate, article) > 0) return;
    }
  }

  /** The first place whose article does not come before `article`. */
  private firstNotBefore(article: Article): number {
    let low = 0;
    let high = this.list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareNewestFirst(this.list[middle] as Article, article) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
