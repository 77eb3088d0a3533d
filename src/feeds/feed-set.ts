// Every feed file of a site: each planned document in RSS, Atom and JSON Feed, plus the OPML
// list and the autodiscovery snippet.
import type { Article } from "../articles/article.js";
import { contentHash } from "../cache/checksums.js";
import type { SiteConfig } from "../config/resolve.js";
import { instantFromWallTime } from "../locale/timezone.js";
import { type RenderedArticle, renderingOnce } from "../render/render.js";
import { renderAutodiscovery, renderOpml } from "./discovery.js";
import type { DocumentMemo } from "./document-memo.js";
import { type FileText, joinText } from "./file-text.js";
import { type FormatLinks, LocalizedFeed, type LocalizedItem } from "./localized-feed.js";
import { creditedAuthors, type FeedDocument, planFeeds } from "./plan.js";

/** Output files by path relative to the output folder, e.g. `fr/atom.xml`. */
export type FeedFiles = Map<string, string>;

export const FEED_FILE_NAMES = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" } as const;

export const DISCOVERY_FILE_NAMES = { opml: "feeds.opml", html: "autodiscovery.html" } as const;

/**
 * Documents a build may leave as they are: `intact` maps a document's folder to the signature
 * it had when its files were last written (and they are still untouched); `hashOf` gives an
 * article's content hash, without which a document is never left out.
 */
export interface Reuse {
  intact: ReadonlyMap<string, string>;
  hashOf: (article: Article) => string | undefined;
}

export interface FeedSet {
  files: FeedFiles;
  /** Files of documents left as they are on disk, not in `files`. */
  kept: string[];
  /** Each document's signature and files, for the next build's `Reuse`. */
  documents: Map<string, { signature: string; files: readonly string[] }>;
}

/**
 * `published` is in feed order (newest first). `render` turns an article into HTML; it is called
 * only for articles that make it into a feed, so callers can cache it.
 */
export function buildFeedFiles(
  config: SiteConfig,
  published: readonly Article[],
  render: (article: Article) => RenderedArticle,
): FeedSet {
  const stream = streamFeedFiles(config, planFeeds(config, published), render);
  const files: FeedFiles = new Map();
  for (const [file, text] of stream.entries) files.set(file, joinText(text));
  return { files, kept: stream.kept, documents: stream.documents };
}

/** The files of a site, serialized one document at a time as `entries` is read. */
export interface FeedStream extends Omit<FeedSet, "files"> {
  /** Every file `entries` gives, in that order. */
  paths: string[];
  /** The articles `entries` will render (those of documents that show them in full). */
  rendered: Article[];
  /** The articles of the latest feeds (every document but archive pages), written or kept. */
  latest: Article[];
  /**
   * With a memo: the files of archive pages serialized now, whose text the memo does not keep;
   * the caller need not keep it either once they are written.
   */
  unremembered: string[];
  entries: Iterable<[path: string, text: FileText]>;
}

/**
 * buildFeedFiles without holding every file at once: a build of 100,000 articles writes each
 * document as it is serialized, instead of keeping hundreds of megabytes of feeds until the end.
 * `planned` is the site's documents (planFeeds). With a `memo` (watch mode), documents that show
 * what they showed at the last rebuild are taken from it, or, archive pages, left as they are on
 * disk (in `kept`); without one (a build), nothing is
 * remembered: a memo would hold every file of the site until the end, about 400 MB of archive
 * pages at 100,000 articles.
 */
export function streamFeedFiles(
  config: SiteConfig,
  planned: readonly FeedDocument[],
  render: (article: Article) => RenderedArticle,
  memo?: DocumentMemo,
  reuse?: Reuse,
): FeedStream {
  const kept: string[] = [];
  const paths: string[] = [];
  const signed = new Map<string, { signature: string; files: readonly string[] }>();
  const serialized: { document: FeedDocument; paths: readonly string[] }[] = [];
  const rendered: Article[] = [];
  const latest = new Set<Article>();
  const unremembered: string[] = [];
  for (const document of planned) {
    if (!document.history.isArchive) for (const article of document.articles) latest.add(article);
    const files = filesOf(document);
    // With a memo, only archive pages are left on disk: the memo keeps the others' text.
    const reusable = reuse !== undefined && (memo === undefined || document.history.isArchive);
    const signature = reusable ? documentSignature(document, reuse.hashOf) : undefined;
    if (signature !== undefined) signed.set(document.folder, { signature, files });
    const intact = signature !== undefined && reuse?.intact.get(document.folder) === signature;
    if (intact) memo?.leftOnDisk(document);
    if (intact || memo?.keeps(document) === true) {
      kept.push(...files);
      continue;
    }
    if (memo !== undefined && document.history.isArchive) unremembered.push(...files);
    serialized.push({ document, paths: files });
    paths.push(...files);
    if (!showsSummaries(config, document)) rendered.push(...document.articles);
  }
  paths.push(DISCOVERY_FILE_NAMES.opml, DISCOVERY_FILE_NAMES.html);
  // An article appears in several documents (its language, sections): render it once.
  const renderOnce = renderingOnce(render);
  function* entries(): Generator<[string, FileText]> {
    for (const { document, paths: files } of serialized) {
      const serialize = () => {
        // Archived entries carry no HTML unless the config asks: rendering every article of a
        // large site would cost most of a build, for documents readers rarely fetch.
        const items = showsSummaries(config, document)
          ? document.articles.map(itemOf)
          : document.articles.map((article) => fullItem(renderOnce(article)));
        return localizedFeed(config, document, items).parts();
      };
      const outputs = memo === undefined ? serialize() : memo.files(document, serialize);
      for (let index = 0; index < files.length; index++) {
        yield [files[index] as string, outputs[index] ?? ""];
      }
    }
    memo?.endRebuild();
    const subscriptions = planned.filter((document) => !document.history.isArchive);
    const links = (document: FeedDocument) => formatLinks(config, document.folder);
    yield [DISCOVERY_FILE_NAMES.opml, renderOpml(config, subscriptions, links)];
    yield [DISCOVERY_FILE_NAMES.html, renderAutodiscovery(subscriptions, links)];
  }
  return {
    paths,
    rendered: [...new Set(rendered)],
    latest: [...latest],
    unremembered,
    entries: entries(),
    kept,
    documents: signed,
  };
}

/** The paths of a document's three files; the same strings for the same document object. */
const documentFiles = new WeakMap<FeedDocument, readonly string[]>();

function filesOf(document: FeedDocument): readonly string[] {
  let files = documentFiles.get(document);
  if (files === undefined) {
    files = Object.values(FEED_FILE_NAMES).map((name) => `${document.folder}${name}`);
    documentFiles.set(document, files);
  }
  return files;
}

/** Archive pages show summaries unless the config asks for the articles' HTML. */
function showsSummaries(config: SiteConfig, document: FeedDocument): boolean {
  return document.history.isArchive && config.archive.content === "summary";
}

/** Everything a document shows, as a hash: its title, its links, and its articles' contents. */
function documentSignature(
  document: FeedDocument,
  hashOf: (article: Article) => string | undefined,
): string | undefined {
  const articles: string[] = [];
  for (const article of document.articles) {
    const hash = hashOf(article);
    if (hash === undefined) return undefined;
    // An article is made of its file's bytes and its path (a slug or an image may come from
    // the name): a file renamed keeps its bytes. The image's length is read from its own file.
    articles.push(`${article.file}:${hash}:${article.image?.length ?? ""}`);
  }
  const { history } = document;
  return contentHash(
    JSON.stringify([
      document.title,
      history.prevArchive,
      history.nextArchive,
      history.current,
      articles,
    ]),
  );
}

export function formatLinks(config: SiteConfig, folder: string): FormatLinks {
  const url = (name: string) => new URL(`${folder}${name}`, config.feedBaseUrl).href;
  return {
    rss: url(FEED_FILE_NAMES.rss),
    atom: url(FEED_FILE_NAMES.atom),
    json: url(FEED_FILE_NAMES.json),
  };
}

function localizedFeed(
  config: SiteConfig,
  document: FeedDocument,
  items: readonly LocalizedItem[],
): LocalizedFeed {
  const { language, history } = document;
  // The newest change, never the clock; an empty feed falls back on the day the site began.
  const newestChange =
    document.articles.length > 0
      ? Math.max(...document.articles.map((article) => article.updated))
      : sinceInstant(config);
  const links = (folder: string | undefined) =>
    folder === undefined ? undefined : formatLinks(config, folder);
  const feed = new LocalizedFeed(
    {
      // Archive documents are part of the main feed, so they share its id (RFC 5005).
      id: `tag:${config.host},${config.since}:feed/${language.tag}${document.section === undefined ? "" : `/${encodeURI(document.section.path)}`}`,
      title: document.title,
      description: language.description,
      link: new URL(language.folder, config.baseUrl).href,
      language: language.tag,
      updated: new Date(newestChange),
      feedLinks: formatLinks(config, document.folder),
      author: language.author ?? { name: language.title },
      ...(config.websub !== undefined && { hub: config.websub.hub }),
      history: {
        isArchive: history.isArchive,
        ...(history.prevArchive !== undefined && { prevArchive: links(history.prevArchive) }),
        ...(history.nextArchive !== undefined && { nextArchive: links(history.nextArchive) }),
        ...(history.current !== undefined && { current: links(history.current) }),
      },
      images: config.images,
      ...(config.accentColor !== undefined && { accentColor: config.accentColor }),
    },
    config.zone,
  );
  for (const item of items) feed.addItem(item);
  return feed;
}

function sinceInstant(config: SiteConfig): number {
  const [year = "2000", month = "01", day = "01"] = config.since.split("-");
  return instantFromWallTime(config.zone, Date.UTC(Number(year), Number(month) - 1, Number(day)));
}

/**
 * One item object per rendered article, shared by every document that shows it: the RSS and
 * Atom writers remember each item's serialized form by this object (XmlElement.memoized).
 * Archived items are made afresh: each article is on one archive page only.
 */
const fullItems = new WeakMap<RenderedArticle, LocalizedItem>();

function fullItem(article: RenderedArticle): LocalizedItem {
  let item = fullItems.get(article);
  if (item === undefined) {
    item = { ...itemOf(article), content: article.html };
    fullItems.set(article, item);
  }
  return item;
}

/** Everything an item shows but the article's HTML. */
function itemOf(article: Article): LocalizedItem {
  const categories = [
    ...(article.category === undefined ? [] : [article.category]),
    ...article.tags,
  ];
  const { localPath: _local, ...media } = article.image ?? { url: "", type: "" };
  const summary = article.summary ?? article.excerpt;
  return {
    id: article.id,
    title: article.title,
    link: article.url,
    published: new Date(article.published),
    date: new Date(article.updated),
    authors: creditedAuthors(article),
    categories: [...new Set(categories)],
    lang: article.lang,
    ...(summary !== undefined && { description: summary }),
    ...(article.image !== undefined && { media }),
  };
}
