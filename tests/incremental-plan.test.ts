// The watcher's plan, kept one article at a time, is always the plan a build makes from the same
// articles at the same moment: same documents, same articles in each, same order, same titles.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../src/articles/article.js";
import { collectArticles, compareSeniority, settleCollisions } from "../src/collect.js";
import { sharingIdOrUrl } from "../src/collisions.js";
import { validateConfig } from "../src/config/load.js";
import type { SiteConfig } from "../src/config/resolve.js";
import { IncrementalPlan } from "../src/feeds/incremental-plan.js";
import { type FeedDocument, planFeeds } from "../src/feeds/plan.js";
import { TEST_CONFIG } from "./helpers.js";

function configWith(overrides: Record<string, unknown>): SiteConfig {
  const resolved = validateConfig({ ...TEST_CONFIG, ...overrides }, "/site");
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return resolved.config;
}

const CONFIGS = {
  "every family": configWith({
    itemLimit: 3,
    sections: { itemLimit: 2 },
    archive: { pageSize: 2 },
  }),
  "no tags, no archive": configWith({
    itemLimit: 2,
    sections: { tags: false },
    archive: { enabled: false },
  }),
};

/** Times around NOW: the later ones are scheduled. */
const NOW = 1_000;
const TIMES = [100, 200, 200, 300, 900, 1_000, 1_100, 1_200];

let files = 0;
const articleArbitrary = fc
  .record({
    time: fc.constantFrom(...TIMES),
    id: fc.constantFrom("a", "b", "c", "d", "e", "f"),
    slug: fc.constantFrom("s1", "s2", "s3", "s4", "s5", "s6", "s7"),
    lang: fc.constantFrom("ar-MA", "fr-MA"),
    draft: fc.constantFrom(true, false, false, false, false),
    // Names of one slug ("Sport", "sport"): one section, named by the smallest name shown.
    category: fc.option(fc.constantFrom("Sport", "sport", "Économie", "اقتصاد"), {
      nil: undefined,
    }),
    // A tag given twice, or in two spellings of one slug: the article is in its section once.
    tags: fc.array(fc.constantFrom("C", "c", "x", "المغرب"), { maxLength: 4 }),
    authors: fc.subarray(["Amina", "amina", "Karim"]),
    source: fc.option(fc.constantFrom("MAP", "AFP"), { nil: undefined }),
  })
  .map(
    (fields): Article => ({
      file: `articles/${fields.id}-${files++}.md`,
      id: `tag:news.example,2017:${fields.id}`,
      slug: fields.slug,
      url: `https://news.example/${fields.lang}/${fields.slug}/`,
      title: fields.id,
      published: fields.time,
      updated: fields.time,
      authors: fields.authors.map((name) => ({ name })),
      ...(fields.source !== undefined && { source: fields.source }),
      ...(fields.category !== undefined && { category: fields.category }),
      tags: fields.tags,
      lang: fields.lang,
      draft: fields.draft,
      lines: {},
      body: "",
      bodyLine: 1,
    }),
  );

/** A document as readers see it: the articles by file, which tells equal articles apart. */
const shape = (document: FeedDocument) => ({
  kind: document.kind,
  folder: document.folder,
  title: document.title,
  section: document.section,
  history: document.history,
  articles: document.articles.map((article) => article.file),
});

function expectSamePlan(
  config: SiteConfig,
  plan: IncrementalPlan,
  present: readonly Article[],
  now: number,
): FeedDocument[] {
  const contested = sharingIdOrUrl(present);
  const collection = collectArticles(present, now);
  const { losers } = settleCollisions(contested, compareSeniority);
  const actual = plan.plan(config, now, losers);
  expect(actual.documents.map(shape)).toEqual(planFeeds(config, collection.published).map(shape));
  expect(actual.published).toBe(collection.published.length);
  expect(actual.nextScheduled).toBe(collection.nextScheduled);
  return actual.documents;
}

describe("IncrementalPlan", () => {
  for (const [name, config] of Object.entries(CONFIGS)) {
    it(`plans what planFeeds plans, after any additions and removals (${name})`, () => {
      const change = fc.tuple(fc.boolean(), articleArbitrary, fc.nat(40), fc.boolean());
      fc.assert(
        fc.property(
          fc.array(change, { maxLength: 40 }),
          fc.constantFrom(NOW, 150, 2_000),
          (changes, laterNow) => {
            const plan = new IncrementalPlan();
            const present: Article[] = [];
            for (const [adds, added, pick, look] of changes) {
              if (adds || present.length === 0) {
                present.push(added);
                plan.add(added);
              } else {
                const [removed] = present.splice(pick % present.length, 1);
                if (removed !== undefined) plan.remove(removed);
              }
              // Planning between changes leaves documents behind for the next plan to reuse.
              if (look) expectSamePlan(config, plan, present, NOW);
            }
            const documents = expectSamePlan(config, plan, present, NOW);
            // Nothing changed: every document is the same object as last time.
            const again = plan.plan(
              config,
              NOW,
              settleCollisions(sharingIdOrUrl(present), compareSeniority).losers,
            );
            again.documents.forEach((document, index) => {
              expect(document).toBe(documents[index]);
            });
            // Time passes (or goes back): scheduled articles come out.
            expectSamePlan(config, plan, present, laterNow);
          },
        ),
        { numRuns: 1500, seed: 29 },
      );
    });
  }

  it("gives a section the smallest name its published articles give it", () => {
    const config = CONFIGS["every family"];
    const plan = new IncrementalPlan();
    const base = { lines: {}, body: "", bodyLine: 1, authors: [], tags: [], draft: false };
    const scheduled: Article = {
      ...base,
      file: "articles/later.md",
      id: "later",
      slug: "later",
      url: "https://news.example/later/",
      title: "later",
      published: 2_000,
      updated: 2_000,
      category: "Sport",
      lang: "ar-MA",
    };
    const out: Article = {
      ...scheduled,
      file: "articles/out.md",
      id: "out",
      slug: "out",
      url: "https://news.example/out/",
      published: 500,
      updated: 500,
      category: "sport",
    };
    plan.add(scheduled);
    plan.add(out);
    const titleOf = (now: number) =>
      plan.plan(config, now, new Set()).documents.find((d) => d.kind === "category")?.title;
    expect(titleOf(NOW)).toBe("أخبار — sport");
    expect(titleOf(3_000)).toBe("أخبار — Sport");
    plan.remove(out);
    expect(titleOf(NOW)).toBeUndefined();
  });
});
