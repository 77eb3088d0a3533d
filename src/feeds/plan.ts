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
export function creditedAuthors(article: Article): Person[] {
  if (article.authors.length > 0) return article.authors;
  return article.source === undefined ? [] : [{ name: article.source }];
}

const SECTION_NAMES: Record<
  Exclude<FeedKind, "main" | "archive">,
  (article: Article) => string[]
> = {
  category: (article) => (article.category === undefined ? [] : [article.category]),
  tag: (article) => article.tags,
  author: (article) => creditedAuthors(article).map((person) => person.name),
};

/** `published` is every published article, newest first. */
export function planFeeds(config: SiteConfig, published: readonly Article[]): FeedDocument[] {
  return config.languages.flatMap((language) => {
    const articles = published.filter((article) => article.lang === language.tag);
    const archives = config.archive.enabled ? archiveDocuments(config, language, articles) : [];
    const main: FeedDocument = {
      kind: "main",
      language,
      folder: language.folder,
      title: language.title,
      articles: articles.slice(0, config.itemLimit),
      history: {
        isArchive: false,
        ...(archives.length > 0 && { prevArchive: archives.at(-1)?.folder }),
      },
    };
    const enabled = {
      category: config.sections.categories,
      tag: config.sections.tags,
      author: config.sections.authors,
    };
    const families = (["category", "tag", "author"] as const).filter((kind) => enabled[kind]);
    const sections = families.flatMap((kind) => sectionDocuments(config, language, articles, kind));
    return [main, ...sections, ...archives];
  });
}

type SectionNames = Record<keyof typeof SECTION_NAMES, [name: string, slug: string][]>;

/** An article's section names and their slugs, worked out once per article (watch rebuilds). */
const sectionsByArticle = new WeakMap<Article, SectionNames>();

function sectionsOf(article: Article): SectionNames {
  let sections = sectionsByArticle.get(article);
  if (sections === undefined) {
    const named = (names: string[]) =>
      names.map((name): [string, string] => [name, sectionSlug(name)]);
    sections = {
      category: named(SECTION_NAMES.category(article)),
      tag: named(SECTION_NAMES.tag(article)),
      author: named(SECTION_NAMES.author(article)),
    };
    sectionsByArticle.set(article, sections);
  }
  return sections;
}

function sectionDocuments(
  config: SiteConfig,
  language: SiteLanguage,
  articles: readonly Article[],
  kind: keyof typeof SECTION_NAMES,
): FeedDocument[] {
  // Names that differ only in case, marks or punctuation share one folder, and so one feed.
  // Articles come newest first, so a section's first `limit` articles are the ones it shows.
  const limit = config.sections.itemLimit ?? config.itemLimit;
  const bySlug = new Map<string, { names: Set<string>; articles: Article[] }>();
  for (const article of articles) {
    for (const [name, slug] of sectionsOf(article)[kind]) {
      let section = bySlug.get(slug);
      if (section === undefined) {
        section = { names: new Set(), articles: [] };
        bySlug.set(slug, section);
      }
      section.names.add(name);
      const shown = section.articles;
      // Two names of one slug on one article ("C" and "c"): it is in that section once.
      if (shown.length < limit && shown.at(-1) !== article) shown.push(article);
    }
  }
  return [...bySlug.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([slug, section]) => {
      const name = [...section.names].sort(compareStrings)[0] ?? slug;
      return {
        kind,
        language,
        folder: `${language.folder}${kind}/${slug}/`,
        title: `${language.title} — ${name}`,
        section: { name, path: `${kind}/${slug}` },
        articles: section.articles,
        history: { isArchive: false },
      };
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
): FeedDocument[] {
  const oldestFirst = [...articles].reverse();
  const size = config.archive.pageSize;
  const pages = Math.floor(oldestFirst.length / size);
  const folderOf = (page: number) => `${language.folder}archive/${page}/`;
  return Array.from({ length: pages }, (_, index) => {
    const page = index + 1;
    return {
      kind: "archive" as const,
      language,
      folder: folderOf(page),
      title: language.title,
      articles: oldestFirst.slice(index * size, page * size).reverse(),
      history: {
        isArchive: true,
        current: language.folder,
        ...(page > 1 && { prevArchive: folderOf(page - 1) }),
        ...(page < pages && { nextArchive: folderOf(page + 1) }),
      },
    };
  });
}
