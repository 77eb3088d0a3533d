// Atom 1.0 (RFC 4287): xml:lang on the feed and on every entry, text titles, RFC 3339 dates with
// the real offset, html content that carries its own direction; RFC 5005 history links.
import type { Person } from "../articles/article.js";
import { formatRfc3339 } from "../locale/machine-dates.js";
import type { TimeZone } from "../locale/timezone.js";
import type { LocalizedFeed, LocalizedItem } from "./localized-feed.js";
import { GENERATOR, NAMESPACES, type XmlElement, xmlRoot } from "./xml.js";

const ATOM = "application/atom+xml";

/** The document's text in parts (see ./file-text.ts). */
export function renderAtom(feed: LocalizedFeed): string[] {
  const { options, zone } = feed;
  const { history, images } = options;
  const root = xmlRoot("feed", NAMESPACES.atom, history.isArchive ? ["fh"] : [])
    .attribute("xml:lang", options.language)
    .text("id", options.id)
    .text("title", options.title, { type: "text" })
    .text("subtitle", options.description, { type: "text" })
    .text("updated", formatRfc3339(options.updated.getTime(), zone));
  const link = (rel: string, href: string | undefined, type?: string) => {
    if (href !== undefined) root.element("link", { rel, type, href });
  };
  link("alternate", options.link, "text/html");
  link("self", options.feedLinks.atom, ATOM);
  link("hub", options.hub);
  link("current", history.current?.atom, ATOM);
  link("prev-archive", history.prevArchive?.atom, ATOM);
  link("next-archive", history.nextArchive?.atom, ATOM);
  if (history.isArchive) root.element("fh:archive");
  appendPerson(root, "author", options.author);
  root.text("generator", GENERATOR.name, { uri: GENERATOR.uri });
  // Atom's icon is small and square (RFC 4287 §4.2.5): the favicon, not the large icon.
  if (images.favicon !== undefined) root.text("icon", images.favicon);
  if (images.logo !== undefined) root.text("logo", images.logo);

  // Archive pages rarely change: only the entries of other documents are worth remembering.
  for (const item of feed.items) {
    if (history.isArchive) appendEntry(root.element("entry"), item, zone);
    else root.memoized(item, "entry", zone.name, (entry) => appendEntry(entry, item, zone));
  }
  return root.serializeParts();
}

function appendEntry(entry: XmlElement, item: LocalizedItem, zone: TimeZone): void {
  entry.attribute("xml:lang", item.lang).text("id", item.id).text("title", item.title, {
    type: "text",
  });
  entry.element("link", { rel: "alternate", type: "text/html", href: item.link });
  entry
    .text("published", formatRfc3339(item.published.getTime(), zone))
    .text("updated", formatRfc3339(item.date.getTime(), zone));
  for (const author of item.authors) appendPerson(entry, "author", author);
  for (const category of item.categories) entry.element("category", { term: category });
  if (item.description !== undefined) entry.text("summary", item.description, { type: "text" });
  // Without content, the alternate link stands for it (RFC 4287, 4.1.2).
  if (item.content !== undefined) entry.text("content", item.content, { type: "html" });
  if (item.media !== undefined) {
    const { url, type, length, alt } = item.media;
    entry.element("link", {
      rel: "enclosure",
      type,
      href: url,
      length: length === undefined ? undefined : String(length),
      title: alt,
    });
  }
}

function appendPerson(parent: XmlElement, name: string, person: Person): void {
  const element = parent.element(name).text("name", person.name);
  if (person.email !== undefined) element.text("email", person.email);
  if (person.url !== undefined) element.text("uri", person.url);
}
