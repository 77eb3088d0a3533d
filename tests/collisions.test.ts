// The watcher's collision index must always agree with a fresh look at the same articles.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../src/articles/article.js";
import { CollisionIndex, sharingIdOrUrl } from "../src/collisions.js";

const articleWith = (id: string, url: string): Article =>
  ({ id, url, file: `${id}-${url}.md` }) as Article;

describe("CollisionIndex", () => {
  it("agrees with sharingIdOrUrl after any sequence of additions and removals", () => {
    // Few ids and URLs, so that groups of two, three and more form and break up.
    const pool = Array.from({ length: 12 }, (_, i) => articleWith(`id${i % 4}`, `u${i % 5}`));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: pool.length - 1 })), {
          maxLength: 60,
        }),
        (steps) => {
          const index = new CollisionIndex();
          const present = new Set<Article>();
          for (const [adding, which] of steps) {
            const article = pool[which] as Article;
            if (adding) {
              index.add(article);
              present.add(article);
            } else {
              index.remove(article);
              present.delete(article);
            }
            expect(new Set(index.contested())).toEqual(sharingIdOrUrl([...present]));
          }
        },
      ),
      { seed: 5005, numRuns: 300 },
    );
  });

  it("finds articles that share only an id, only a URL, or neither", () => {
    const a = articleWith("x", "1");
    const b = articleWith("x", "2");
    const c = articleWith("y", "2");
    const d = articleWith("z", "3");
    expect(sharingIdOrUrl([a, b, c, d])).toEqual(new Set([a, b, c]));
    expect(sharingIdOrUrl([a, d])).toEqual(new Set());
  });
});
