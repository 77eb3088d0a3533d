// RSS 2.0 (https://www.rssboard.org/rss-specification) with the content, Dublin Core and Atom
// namespaces: full HTML in content:encoded, authors as dc:creator, a self link.
import { formatRfc822 } from "../locale/machine-dates.js";
import type { LocalizedFeed } from "./localized-feed.js";
import { GENERATOR, serializeXml, textElement, xmlDocument } from "./xml.js";

export function renderRss(feed: LocalizedFeed): string {
  const { options, zone } = feed;
  const document = xmlDocument();
  const channel = document
    .ele("rss", {
      version: "2.0",
      "xmlns:atom": "http://www.w3.org/2005/Atom",
      "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
      "xmlns:dc": "http://purl.org/dc/elements/1.1/",
    })
    .ele("channel");
  textElement(channel, "title", options.title);
  textElement(channel, "link", options.link);
  textElement(channel, "description", options.description);
  textElement(channel, "language", options.language);
  textElement(channel, "lastBuildDate", formatRfc822(options.updated.getTime(), zone));
  textElement(channel, "generator", GENERATOR.name);
  textElement(channel, "docs", "https://www.rssboard.org/rss-specification");
  channel.ele("atom:link", {
    href: options.feedLinks.rss,
    rel: "self",
    type: "application/rss+xml",
  });

  for (const item of feed.items) {
    const element = channel.ele("item");
    textElement(element, "title", item.title);
    textElement(element, "link", item.link);
    textElement(element, "guid", item.id, { isPermaLink: "false" });
    textElement(element, "pubDate", formatRfc822(item.published.getTime(), zone));
    if (item.description !== undefined) textElement(element, "description", item.description);
    textElement(element, "content:encoded", item.content);
    for (const author of item.authors) textElement(element, "dc:creator", author.name);
    for (const category of item.categories) textElement(element, "category", category);
    if (item.imageEnclosure !== undefined) {
      element.ele("enclosure", {
        url: item.imageEnclosure.url,
        // The spec requires a length; 0 says "unknown", as feed validators accept.
        length: String(item.imageEnclosure.length ?? 0),
        type: item.imageEnclosure.type,
      });
    }
  }
  return serializeXml(document);
}
