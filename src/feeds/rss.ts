// RSS 2.0 (https://www.rssboard.org/rss-specification) with the content, Dublin Core and Atom
// namespaces: full HTML in content:encoded, authors as dc:creator, a self link.
import { formatRfc822 } from "../locale/machine-dates.js";
import { escapeHtml } from "../text.js";
import type { LocalizedFeed } from "./localized-feed.js";
import { GENERATOR, XmlElement } from "./xml.js";

export function renderRss(feed: LocalizedFeed): string {
  const { options, zone } = feed;
  const rss = XmlElement.root("rss", null, ["atom", "content", "dc"]).attribute("version", "2.0");
  const channel = rss
    .element("channel")
    .text("title", options.title)
    .text("link", options.link)
    .text("description", options.description)
    .text("language", options.language);
  channel.text("lastBuildDate", formatRfc822(options.updated.getTime(), zone));
  channel
    .text("generator", GENERATOR.name)
    .text("docs", "https://www.rssboard.org/rss-specification")
    .element("atom:link", {
      href: options.feedLinks.rss,
      rel: "self",
      type: "application/rss+xml",
    });

  for (const item of feed.items) {
    const element = channel
      .element("item")
      .text("title", item.title)
      .text("link", item.link)
      .text("guid", item.id, { isPermaLink: "false" })
      .text("pubDate", formatRfc822(item.published.getTime(), zone));
    // RSS readers take description as HTML: a plain-text summary must be escaped as HTML first,
    // or a "<" written in it would become markup.
    if (item.description !== undefined) element.text("description", escapeHtml(item.description));
    element.text("content:encoded", item.content);
    for (const author of item.authors) element.text("dc:creator", author.name);
    for (const category of item.categories) element.text("category", category);
    if (item.imageEnclosure !== undefined) {
      element.element("enclosure", {
        url: item.imageEnclosure.url,
        // The spec requires a length; 0 says "unknown", as feed validators accept.
        length: String(item.imageEnclosure.length ?? 0),
        type: item.imageEnclosure.type,
      });
    }
  }
  return rss.serialize();
}
