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
    const families = (["category", "tag", "author"] as const).filter(
      (kind) => config.sections[SECTION_SETTING[kind]],
    );
    const sections = sectionDocuments(config, language, articles, families);
    return [main, ...sections, ...archives];
  });
}

type SectionKind = keyof typeof SECTION_NAMES;

const SECTION_SETTING = { category: "categories", tag: "tags", author: "authors" } as const;

/**
 * Every section ever seen, numbered: `kind/slug` → its number. Planning then fills arrays by
 * number instead of looking sections up by name for each article, which at 10,000 articles
 * was most of a watch rebuild. It holds one entry per section name, never per article.
 */
const sectionNumbers = new Map<string, number>();
const sectionPaths: string[] = [];

/** One section an article is in: the section's number, and the name the article gives it. */
type Membership = { kind: SectionKind; number: number; name: string };

/** An article's sections, worked out once per article (watch rebuilds). */
const sectionsByArticle = new WeakMap<Article, Membership[]>();

function sectionsOf(article: Article): Membership[] {
  let sections = sectionsByArticle.get(article);
  if (sections === undefined) {
    sections = [];
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
    sectionsByArticle.set(article, sections);
  }
  return sections;
}

interface SectionPlan {
  names: Set<string>;
  /** The name last added, so that the set is looked up only when the name differs. */
  lastName: string;
  articles: Article[];
}

function sectionDocuments(
  config: SiteConfig,
  language: SiteLanguage,
  articles: readonly Article[],
  kinds: readonly SectionKind[],
): FeedDocument[] {
  // Names that differ only in case, marks or punctuation share one folder, and so one feed.
  // Articles come newest first, so a section's first `limit` articles are the ones it shows.
  const limit = config.sections.itemLimit ?? config.itemLimit;
  const wanted = { category: false, tag: false, author: false };
  for (const kind of kinds) wanted[kind] = true;
  const plans: (SectionPlan | undefined)[] = [];
  for (let index = 0; index < articles.length; index++) {
    const article = articles[index] as Article;
    const memberships = sectionsOf(article);
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
  const documents: FeedDocument[] = [];
  plans.forEach((plan, number) => {
    if (plan === undefined) return;
    const path = sectionPaths[number] as string;
    const kind = path.slice(0, path.indexOf("/")) as SectionKind;
    const name = [...plan.names].sort(compareStrings)[0] ?? path;
    documents.push({
      kind,
      language,
      folder: `${language.folder}${path}/`,
      title: `${language.title} — ${name}`,
      section: { name, path },
      articles: plan.articles,
      history: { isArchive: false },
    });
  });
  // Each family in turn, then by slug: the order the plan has always had.
  const familyOrder = (kind: FeedKind) => kinds.indexOf(kind as SectionKind);
  return documents.sort(
    (a, b) =>
      familyOrder(a.kind) - familyOrder(b.kind) ||
      compareStrings(a.section?.path ?? "", b.section?.path ?? ""),
  );
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
