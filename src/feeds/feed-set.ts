// The feeds of a site: for each language, RSS, Atom and JSON Feed of its newest articles.
import type { Article, Person } from "../articles/article.js";
import type { SiteConfig, SiteLanguage } from "../config/resolve.js";
import { instantFromWallTime } from "../locale/timezone.js";
import type { RenderedArticle } from "../render/render.js";
import { LocalizedFeed, type LocalizedItem } from "./localized-feed.js";

/** Output files by path relative to the output folder, e.g. `fr/atom.xml`. */
export type FeedFiles = Map<string, string>;

export const FEED_FILE_NAMES = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" } as const;

/**
 * `published` is in feed order (newest first). `render` turns an article into HTML; it is called
 * only for articles that make it into a feed, so callers can cache it.
 */
export function buildFeedFiles(
  config: SiteConfig,
  published: readonly Article[],
  render: (article: Article) => RenderedArticle,
): FeedFiles {
  const files: FeedFiles = new Map();
  for (const language of config.languages) {
    const articles = published
      .filter((article) => article.lang === language.tag)
      .slice(0, config.itemLimit);
    const feed = languageFeed(config, language, articles.map(render));
    files.set(`${language.folder}${FEED_FILE_NAMES.rss}`, feed.rss2());
    files.set(`${language.folder}${FEED_FILE_NAMES.atom}`, feed.atom1());
    files.set(`${language.folder}${FEED_FILE_NAMES.json}`, feed.json1());
  }
  return files;
}

function languageFeed(
  config: SiteConfig,
  language: SiteLanguage,
  articles: readonly RenderedArticle[],
): LocalizedFeed {
  const feedUrl = (name: string) => new URL(`${language.folder}${name}`, config.feedBaseUrl).href;
  // The newest change, never the clock; an empty feed falls back on the day the site began.
  const newestChange =
    articles.length > 0
      ? Math.max(...articles.map((article) => article.updated))
      : sinceInstant(config);
  const feedAuthor: Person = language.author ?? { name: language.title };
  const feed = new LocalizedFeed(
    {
      id: `tag:${config.host},${config.since}:feed/${language.tag}`,
      title: language.title,
      description: language.description,
      link: new URL(language.folder, config.baseUrl).href,
      language: language.tag,
      updated: new Date(newestChange),
      feedLinks: {
        rss: feedUrl(FEED_FILE_NAMES.rss),
        atom: feedUrl(FEED_FILE_NAMES.atom),
        json: feedUrl(FEED_FILE_NAMES.json),
      },
      author: feedAuthor,
      generator: "nashra",
    },
    config.zone,
  );
  for (const article of articles) feed.addItem(toItem(article));
  return feed;
}

function sinceInstant(config: SiteConfig): number {
  const [year = "2000", month = "01", day = "01"] = config.since.split("-");
  return instantFromWallTime(config.zone, Date.UTC(Number(year), Number(month) - 1, Number(day)));
}

function toItem(article: RenderedArticle): LocalizedItem {
  // An agency dispatch («ومع») with no named author is credited to the agency.
  const authors =
    article.authors.length > 0
      ? article.authors
      : article.source !== undefined
        ? [{ name: article.source }]
        : [];
  const categories = [
    ...(article.category === undefined ? [] : [article.category]),
    ...article.tags,
  ];
  return {
    id: article.id,
    title: article.title,
    link: article.url,
    content: article.html,
    published: new Date(article.published),
    date: new Date(article.updated),
    authors,
    categories: [...new Set(categories)],
    lang: article.lang,
    ...(article.summary !== undefined && { description: article.summary }),
    ...(article.image !== undefined && {
      imageEnclosure: {
        url: article.image.url,
        type: article.image.type,
        ...(article.image.length !== undefined && { length: article.image.length }),
        ...(article.image.alt !== undefined && { title: article.image.alt }),
      },
    }),
  };
}
