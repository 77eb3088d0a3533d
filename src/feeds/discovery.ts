// How people and programs find the feeds: an OPML 2.0 list of every subscribable feed, and the
// <link rel="alternate"> tags a site pastes into its <head>.
import type { SiteConfig } from "../config/resolve.js";
import { escapeHtml } from "../text.js";
import type { FormatLinks } from "./localized-feed.js";
import { FEED_MEDIA_TYPES as MEDIA_TYPES } from "./media-types.js";
import type { FeedDocument } from "./plan.js";
import { xmlRoot } from "./xml.js";

/**
 * One outline per language, holding one outline per feed (its RSS version, which every reader
 * takes): the main feed first, then categories, tags and authors.
 */
export function renderOpml(
  config: SiteConfig,
  documents: readonly FeedDocument[],
  links: (document: FeedDocument) => FormatLinks,
): string {
  const defaultLanguage = config.languages.find((l) => l.tag === config.defaultLanguage);
  const opml = xmlRoot("opml", null).attribute("version", "2.0");
  opml.element("head").text("title", defaultLanguage?.title ?? config.host);
  const body = opml.element("body");
  for (const language of config.languages) {
    const group = body.element("outline", { text: language.title, language: language.tag });
    for (const document of documents.filter((d) => d.language === language)) {
      group.element("outline", {
        type: "rss",
        version: "RSS2",
        text: document.title,
        title: document.title,
        language: language.tag,
        xmlUrl: links(document).rss,
        htmlUrl: new URL(language.folder, config.baseUrl).href,
      });
    }
  }
  return opml.serialize();
}

/** The main feeds of every language, in every format, for a page's <head>. */
export function renderAutodiscovery(
  documents: readonly FeedDocument[],
  links: (document: FeedDocument) => FormatLinks,
): string {
  const lines = documents
    .filter((document) => document.kind === "main")
    .flatMap((document) =>
      (Object.keys(MEDIA_TYPES) as (keyof typeof MEDIA_TYPES)[]).map(
        (format) =>
          `<link rel="alternate" type="${MEDIA_TYPES[format]}" hreflang="${escapeHtml(document.language.tag)}" title="${escapeHtml(document.title)}" href="${escapeHtml(links(document)[format])}">`,
      ),
    );
  return `${lines.join("\n")}\n`;
}
