// Which feed documents a site has: for each language its main feed, one per category, tag and
// author, and the RFC 5005 archive documents. Pure: articles in, a list of documents out.
import type { Article, Person } from "../articles/article.js";
import type { SiteConfig, SiteLanguage } from "../config/resolve.js";
import { sectionSlug } from "../locale/section-slug.js";
import { compareStrings } from "../problems.js";

export type FeedKind = "main" | "category" | "tag" | "author" | "archive";

export interface FeedDocument {
  kind: FeedKind;
  language: SiteLanguage;
  /** Folder under the output folder, ending in "/" (or "" for the default language's main feed). */
  folder: string;
  title: string;
  /** For a section: its name as editors wrote it, and `category/<slug>` (or tag/, author/). */
  section?: { name: string; path: string };
  /** Newest first. */
  articles: Article[];
  /** RFC 5005 links, as folders: the main feed has `prevArchive`; archives have all three. */
  history: { prevArchive?: string; nextArchive?: string; current?: string; isArchive: boolean };
}

/** Who an item credits: its authors, or else its source (an agency dispatch). */
export function creditedAuthors(article: Article): readonly Person[] {
  if (article.authors.length > 0) return article.authors;
  return article.source === undefined ? [] : [{ name: article.source }];
}

const SECTION_NAMES: Record<
  Exclude<FeedKind, "main" | "archive">,
  (article: Article) => readonly string[]
> = {
  category: (article) => (article.category === undefined ? [] : [article.category]),
  tag: (article) => article.tags,
  author: (article) => creditedAuthors(article).map((person) => person.name),
};

/** `published` is every published article, newest first. */
export function planFeeds(config: SiteConfig, published: readonly Article[]): FeedDocument[] {
  return config.languages.flatMap((language) => {
    // Every article is in one of the site's languages: with one, no copy of the list is needed.
    const articles =
      config.languages.length === 1
        ? published
        : published.filter((article) => article.lang === language.tag);
    return languageDocuments(config, language, articles, sectionsShown(config, articles));
  });
}

/**
 * What one section of a language shows: its number (see `sectionOf`), the names its published
 * articles give it, and the first of those articles, up to the sections' item limit.
 */
export interface SectionShown {
  number: number;
  names: Iterable<string>;
  articles: Article[];
}

/**
 * A language's documents: its main feed, its sections in `sections` order, its archive pages.
 * `published` is the language's published articles, newest first. `previous` gives the document
 * a folder had last time: when it shows the same, that object is returned again, so that those
 * who remember documents by identity (the watcher's DocumentMemo) need not compare them.
 */
export function languageDocuments(
  config: SiteConfig,
  language: SiteLanguage,
  published: readonly Article[],
  sections: readonly SectionShown[],
  previous?: (folder: string) => FeedDocument | undefined,
): FeedDocument[] {
  const archives = config.archive.enabled
    ? archiveDocuments(config, language, published, previous)
    : [];
  const main = reused(previous, {
    kind: "main",
    language,
    folder: language.folder,
    title: language.title,
    articles: published.slice(0, config.itemLimit),
    history: {
      isArchive: false,
      ...(archives.length > 0 && { prevArchive: archives.at(-1)?.folder }),
    },
  });
  const documents: FeedDocument[] = [main];
  for (const section of sections) {
    const path = sectionPaths[section.number] as string;
    const name = [...section.names].sort(compareStrings)[0] ?? path;
    documents.push(
      reused(previous, {
        kind: sectionKind(section.number),
        language,
        folder: `${language.folder}${path}/`,
        title: `${language.title} — ${name}`,
        section: { name, path },
        articles: section.articles,
        history: { isArchive: false },
      }),
    );
  }
  documents.push(...archives);
  return documents;
}

/** The family of section `number`: "category", "tag" or "author". */
export function sectionKind(number: number): SectionKind {
  const path = sectionPaths[number] as string;
  return path.slice(0, path.indexOf("/")) as SectionKind;
}

/** The section families the config turns on, in the order their documents come. */
export function sectionFamilies(config: SiteConfig): SectionKind[] {
  return (["category", "tag", "author"] as const).filter(
    (kind) => config.sections[SECTION_SETTING[kind]],
  );
}

/** Each family in turn, then by path: the order section documents have always had. */
export function compareSections(families: readonly SectionKind[]) {
  return (a: number, b: number): number =>
    families.indexOf(sectionKind(a)) - families.indexOf(sectionKind(b)) ||
    compareStrings(sectionPaths[a] as string, sectionPaths[b] as string);
}

export type SectionKind = keyof typeof SECTION_NAMES;

const SECTION_SETTING = { category: "categories", tag: "tags", author: "authors" } as const;

/**
 * Every section ever seen, numbered: `kind/slug` → its number. Planning then fills arrays by
 * number instead of looking sections up by name for each article, which at 10,000 articles
 * was most of a watch rebuild. It holds one entry per section name, never per article.
 */
const sectionNumbers = new Map<string, number>();
const sectionPaths: string[] = [];

/** One section an article is in: the section's number, and the name the article gives it. */
export type Membership = { kind: SectionKind; number: number; name: string };

/** An article's sections, worked out once per article (watch rebuilds). */
const sectionsByArticle = new WeakMap<Article, Membership[]>();

/**
 * The sections `article` is in, every family included, as it names them; remembered for the
 * watcher, which asks again of the same articles at every save.
 */
export function sectionsOf(article: Article): Membership[] {
  let sections = sectionsByArticle.get(article);
  if (sections === undefined) {
    sections = membershipsOf(article);
    sectionsByArticle.set(article, sections);
  }
  return sections;
}

/**
 * sectionsOf, worked out and not remembered: a build asks once per article, and remembering
 * would hold about 0.4 KB an article until the build ends (heap after planning 10,000
 * articles: 39.7 MB remembering, 35.7 MB not).
 */
function membershipsOf(article: Article): Membership[] {
  const sections: Membership[] = [];
  for (const kind of ["category", "tag", "author"] as const) {
    for (const name of SECTION_NAMES[kind](article)) {
      const path = `${kind}/${sectionSlug(name)}`;
      let number = sectionNumbers.get(path);
      if (number === undefined) {
        number = sectionPaths.push(path) - 1;
        sectionNumbers.set(path, number);
      }
      sections.push({ kind, number, name });
    }
  }
  return sections;
}

interface SectionPlan {
  names: Set<string>;
  /** The name last added, so that the set is looked up only when the name differs. */
  lastName: string;
  articles: Article[];
}

/** What each section of the families the config turns on shows, from a language's articles. */
function sectionsShown(config: SiteConfig, articles: readonly Article[]): SectionShown[] {
  // Names that differ only in case, marks or punctuation share one folder, and so one feed.
  // Articles come newest first, so a section's first `limit` articles are the ones it shows.
  const limit = config.sections.itemLimit ?? config.itemLimit;
  const families = sectionFamilies(config);
  const wanted = { category: false, tag: false, author: false };
  for (const kind of families) wanted[kind] = true;
  const plans: (SectionPlan | undefined)[] = [];
  for (let index = 0; index < articles.length; index++) {
    const article = articles[index] as Article;
    const memberships = sectionsByArticle.get(article) ?? membershipsOf(article);
    for (let m = 0; m < memberships.length; m++) {
      const { kind, number, name } = memberships[m] as Membership;
      if (!wanted[kind]) continue;
      let plan = plans[number];
      if (plan === undefined) {
        plan = { names: new Set([name]), lastName: name, articles: [] };
        plans[number] = plan;
      } else if (plan.lastName !== name) {
        plan.names.add(name);
        plan.lastName = name;
      }
      const shown = plan.articles;
      // Two names of one slug on one article ("C" and "c"): it is in that section once.
      if (shown.length < limit && shown[shown.length - 1] !== article) shown.push(article);
    }
  }
  const numbers: number[] = [];
  plans.forEach((plan, number) => {
    if (plan !== undefined) numbers.push(number);
  });
  return numbers.sort(compareSections(families)).map((number) => {
    const plan = plans[number] as SectionPlan;
    return { number, names: plan.names, articles: plan.articles };
  });
}

/**
 * RFC 5005 archive documents: the language's articles from the oldest, `pageSize` to a page,
 * full pages only. The newest articles that do not fill a page are in the main feed, which holds
 * at least `pageSize` of them, so that together the documents hold every article. A full page's
 * entries never change when newer articles arrive; editing an article changes only its page.
 */
function archiveDocuments(
  config: SiteConfig,
  language: SiteLanguage,
  articles: readonly Article[],
  previous: ((folder: string) => FeedDocument | undefined) | undefined,
): FeedDocument[] {
  const size = config.archive.pageSize;
  const pages = Math.floor(articles.length / size);
  const folderOf = (page: number) => `${language.folder}archive/${page}/`;
  const documents: FeedDocument[] = [];
  for (let page = 1; page <= pages; page++) {
    // Page 1 holds the oldest articles: the last `size` of `articles`, newest first.
    const end = articles.length - (page - 1) * size;
    const folder = folderOf(page);
    const history = {
      isArchive: true,
      current: language.folder,
      ...(page > 1 && { prevArchive: folderOf(page - 1) }),
      ...(page < pages && { nextArchive: folderOf(page + 1) }),
    };
    const prior = previous?.(folder);
    // Looked at before slicing: at 100,000 articles most pages are the same as last time.
    if (
      prior !== undefined &&
      prior.articles.length === size &&
      sameHistory(prior.history, history) &&
      sameRange(prior.articles, articles, end - size)
    ) {
      documents.push(prior);
      continue;
    }
    documents.push({
      kind: "archive",
      language,
      folder,
      title: language.title,
      articles: articles.slice(end - size, end),
      history,
    });
  }
  return documents;
}

/** `document`, or the one its folder had last time if that shows exactly the same. */
function reused(
  previous: ((folder: string) => FeedDocument | undefined) | undefined,
  document: FeedDocument,
): FeedDocument {
  const prior = previous?.(document.folder);
  return prior !== undefined &&
    prior.kind === document.kind &&
    prior.title === document.title &&
    prior.section?.name === document.section?.name &&
    sameHistory(prior.history, document.history) &&
    prior.articles.length === document.articles.length &&
    sameRange(prior.articles, document.articles, 0)
    ? prior
    : document;
}

function sameHistory(a: FeedDocument["history"], b: FeedDocument["history"]): boolean {
  return (
    a.isArchive === b.isArchive &&
    a.prevArchive === b.prevArchive &&
    a.nextArchive === b.nextArchive &&
    a.current === b.current
  );
}

/** Whether `shown` holds the articles of `articles` from `from` on, same objects, same order. */
function sameRange(shown: readonly Article[], articles: readonly Article[], from: number): boolean {
  for (let index = 0; index < shown.length; index++) {
    if (shown[index] !== articles[from + index]) return false;
  }
  return true;
}
