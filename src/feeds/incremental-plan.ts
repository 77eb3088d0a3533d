// The watcher's plan, kept up to date one article at a time: each language's articles and each
// of its sections' articles, in feed order. A rebuild then reads what the documents show off
// these lists, instead of going over every article of the site to sort and group them again
// (at 100,000 articles, that was about 95 ms of every save). It plans exactly what planFeeds
// plans from the same articles; a property test holds it to that.
import type { Article } from "../articles/article.js";
import type { SiteConfig } from "../config/resolve.js";
import { SortedArticles } from "../sorted-articles.js";
import {
  compareSections,
  type FeedDocument,
  languageDocuments,
  type Membership,
  type SectionShown,
  sectionFamilies,
  sectionKind,
  sectionsOf,
} from "./plan.js";

interface SectionArticles {
  articles: SortedArticles;
  /** How many times each name is given to the section by its articles. */
  names: Map<string, number>;
}

interface LanguageArticles {
  articles: SortedArticles;
  /** By section number (see sectionsOf). */
  sections: Map<number, SectionArticles>;
}

export interface IncrementalPlanResult {
  documents: FeedDocument[];
  /** How many articles are published now. */
  published: number;
  /** The earliest publication time still in the future. */
  nextScheduled: number | undefined;
}

export class IncrementalPlan {
  /** Articles that are not drafts, scheduled ones included, by language tag. */
  private readonly languages = new Map<string, LanguageArticles>();
  /** The documents of the last plan, by folder, given again when they show the same. */
  private previous = new Map<string, FeedDocument>();

  add(article: Article): void {
    if (article.draft) return;
    let language = this.languages.get(article.lang);
    if (language === undefined) {
      language = { articles: new SortedArticles(), sections: new Map() };
      this.languages.set(article.lang, language);
    }
    language.articles.add(article);
    const memberships = sectionsOf(article);
    memberships.forEach(({ number, name }, index) => {
      let section = language.sections.get(number);
      if (section === undefined) {
        section = { articles: new SortedArticles(), names: new Map() };
        language.sections.set(number, section);
      }
      // Two names of one slug on one article ("C" and "c"): it is in that section once.
      if (!namedBefore(memberships, index)) section.articles.add(article);
      section.names.set(name, (section.names.get(name) ?? 0) + 1);
    });
  }

  remove(article: Article): void {
    if (article.draft) return;
    const language = this.languages.get(article.lang);
    if (language === undefined) return;
    language.articles.remove(article);
    const memberships = sectionsOf(article);
    memberships.forEach(({ number, name }, index) => {
      const section = language.sections.get(number);
      if (section === undefined) return;
      if (!namedBefore(memberships, index)) section.articles.remove(article);
      const count = (section.names.get(name) ?? 0) - 1;
      if (count > 0) section.names.set(name, count);
      else section.names.delete(name);
      if (section.names.size === 0) language.sections.delete(number);
    });
  }

  /**
   * The documents of the site at `now`: scheduled articles (not yet due) and `losers` (articles
   * left out for another's id or URL) are left out, as collectArticles leaves them out.
   */
  plan(config: SiteConfig, now: number, losers: ReadonlySet<Article>): IncrementalPlanResult {
    const families = sectionFamilies(config);
    const bySection = compareSections(families);
    const limit = config.sections.itemLimit ?? config.itemLimit;
    const documents: FeedDocument[] = [];
    let published = 0;
    let nextScheduled: number | undefined;
    const previous = (folder: string) => this.previous.get(folder);
    for (const language of config.languages) {
      const lists = this.languages.get(language.tag);
      if (lists === undefined) {
        documents.push(...languageDocuments(config, language, [], [], previous));
        continue;
      }
      const all = lists.articles.articles;
      // Newest first: the scheduled articles are the first ones.
      let due = 0;
      for (; due < all.length && (all[due] as Article).published > now; due++) {
        const article = all[due] as Article;
        if (!losers.has(article)) {
          nextScheduled = Math.min(nextScheduled ?? Number.POSITIVE_INFINITY, article.published);
        }
      }
      const shown =
        due === 0 && !hasLoserIn(losers, language.tag)
          ? all
          : all.filter((article, index) => index >= due && !losers.has(article));
      published += shown.length;
      const sections: SectionShown[] = [];
      for (const [number, section] of lists.sections) {
        if (!families.includes(sectionKind(number))) continue;
        const inSection = sectionShown(language.tag, number, section, now, losers, limit);
        if (inSection !== undefined) sections.push(inSection);
      }
      sections.sort((a, b) => bySection(a.number, b.number));
      documents.push(...languageDocuments(config, language, shown, sections, previous));
    }
    this.previous = new Map(documents.map((document) => [document.folder, document]));
    return { documents, published, nextScheduled };
  }
}

/**
 * What a section shows at `now`, or undefined when none of its articles is published. Its names
 * are those its published articles give it: the names of the others are taken off the counts.
 */
function sectionShown(
  tag: string,
  number: number,
  section: SectionArticles,
  now: number,
  losers: ReadonlySet<Article>,
  limit: number,
): SectionShown | undefined {
  const list = section.articles.articles;
  let names: Map<string, number> | undefined;
  const leaveOut = (article: Article) => {
    names ??= new Map(section.names);
    for (const membership of sectionsOf(article)) {
      if (membership.number !== number) continue;
      const count = (names.get(membership.name) ?? 0) - 1;
      if (count > 0) names.set(membership.name, count);
      else names.delete(membership.name);
    }
  };
  let due = 0;
  for (; due < list.length && (list[due] as Article).published > now; due++) {
    leaveOut(list[due] as Article);
  }
  let count = list.length - due;
  for (const loser of losers) {
    // A loser that is scheduled was left out above; a draft is in no list.
    if (loser.published > now || loser.draft || loser.lang !== tag) continue;
    if (!sectionsOf(loser).some((membership) => membership.number === number)) continue;
    leaveOut(loser);
    count -= 1;
  }
  if (count === 0) return undefined;
  const articles: Article[] = [];
  for (let index = due; index < list.length && articles.length < limit; index++) {
    const article = list[index] as Article;
    if (!losers.has(article)) articles.push(article);
  }
  return { number, names: (names ?? section.names).keys(), articles };
}

/** Whether the article of `memberships` is in the section of the one at `index` already. */
function namedBefore(memberships: readonly Membership[], index: number): boolean {
  const number = (memberships[index] as Membership).number;
  for (let before = 0; before < index; before++) {
    if ((memberships[before] as Membership).number === number) return true;
  }
  return false;
}

function hasLoserIn(losers: ReadonlySet<Article>, tag: string): boolean {
  for (const loser of losers) if (loser.lang === tag) return true;
  return false;
}
