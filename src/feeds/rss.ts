// RSS 2.0 (https://www.rssboard.org/rss-specification) with the content, Dublin Core, Atom,
// Media RSS, webfeeds and feed-history namespaces.
import { formatRfc822 } from "../locale/machine-dates.js";
import type { TimeZone } from "../locale/timezone.js";
import { escapeHtml } from "../text.js";
import type { LocalizedFeed, LocalizedItem } from "./localized-feed.js";
import { GENERATOR, type XmlElement, xmlRoot } from "./xml.js";

/** The document's text in parts (see ./file-text.ts). */
export function renderRss(feed: LocalizedFeed): string[] {
  const { options, zone } = feed;
  const { history, images } = options;
  const rss = xmlRoot("rss", null, ["atom", "content", "dc", "media", "webfeeds", "fh"]).attribute(
    "version",
    "2.0",
  );
  const channel = rss
    .element("channel")
    .text("title", options.title)
    .text("link", options.link)
    .text("description", options.description)
    .text("language", options.language)
    .text("lastBuildDate", formatRfc822(options.updated.getTime(), zone))
    .text("generator", GENERATOR.name)
    .text("docs", "https://www.rssboard.org/rss-specification");
  if (images.logo !== undefined) {
    channel
      .element("image")
      .text("url", images.logo)
      .text("title", options.title)
      .text("link", options.link);
  }
  const atomLink = (rel: string, href: string | undefined, type = "application/rss+xml") => {
    if (href !== undefined) channel.element("atom:link", { href, rel, type });
  };
  atomLink("self", options.feedLinks.rss);
  if (options.hub !== undefined) channel.element("atom:link", { href: options.hub, rel: "hub" });
  atomLink("current", history.current?.rss);
  atomLink("prev-archive", history.prevArchive?.rss);
  atomLink("next-archive", history.nextArchive?.rss);
  if (history.isArchive) channel.element("fh:archive");
  if (images.icon !== undefined) channel.text("webfeeds:icon", images.icon);
  if (images.cover !== undefined) channel.element("webfeeds:cover", { image: images.cover });
  if (options.accentColor !== undefined) channel.text("webfeeds:accentColor", options.accentColor);

  // Archive pages rarely change: only the items of other documents are worth remembering.
  for (const item of feed.items) {
    if (history.isArchive) appendItem(channel.element("item"), item, zone);
    else channel.memoized(item, "item", zone.name, (element) => appendItem(element, item, zone));
  }
  return rss.serializeParts();
}

function appendItem(element: XmlElement, item: LocalizedItem, zone: TimeZone): void {
  element
    .text("title", item.title)
    .text("link", item.link)
    .text("guid", item.id, { isPermaLink: "false" })
    .text("pubDate", formatRfc822(item.published.getTime(), zone));
  // RSS readers take description as HTML: a plain-text summary must be escaped as HTML first,
  // or a "<" written in it would become markup.
  if (item.description !== undefined) element.text("description", escapeHtml(item.description));
  if (item.content !== undefined) element.text("content:encoded", item.content);
  for (const author of item.authors) element.text("dc:creator", author.name);
  for (const category of item.categories) element.text("category", category);
  if (item.media !== undefined) appendMedia(element, item.media);
}

/** The image as an enclosure (RSS 2.0) and as Media RSS, which most readers use for thumbnails. */
function appendMedia(item: XmlElement, media: NonNullable<LocalizedItem["media"]>): void {
  // RSS requires a length; 0 says "unknown", as feed validators accept.
  item.element("enclosure", {
    url: media.url,
    length: String(media.length ?? 0),
    type: media.type,
  });
  const size = {
    width: media.width === undefined ? undefined : String(media.width),
    height: media.height === undefined ? undefined : String(media.height),
  };
  const content = item.element("media:content", {
    url: media.url,
    type: media.type,
    medium: "image",
    fileSize: media.length === undefined ? undefined : String(media.length),
    ...size,
  });
  const description = media.caption ?? media.alt;
  if (description !== undefined) content.text("media:description", description, { type: "plain" });
  if (media.credit !== undefined) content.text("media:credit", media.credit);
  item.element("media:thumbnail", { url: media.url, ...size });
}
