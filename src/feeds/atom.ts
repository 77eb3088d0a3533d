// Atom 1.0 (RFC 4287): xml:lang on the feed and on every entry, text titles, RFC 3339 dates with
// the real offset, html content that carries its own direction.
import type { Person } from "../articles/article.js";
import { formatRfc3339 } from "../locale/machine-dates.js";
import type { LocalizedFeed } from "./localized-feed.js";
import { GENERATOR, NAMESPACES, XmlElement } from "./xml.js";

export function renderAtom(feed: LocalizedFeed): string {
  const { options, zone } = feed;
  const root = XmlElement.root("feed", NAMESPACES.atom)
    .attribute("xml:lang", options.language)
    .text("id", options.id)
    .text("title", options.title, { type: "text" })
    .text("subtitle", options.description, { type: "text" })
    .text("updated", formatRfc3339(options.updated.getTime(), zone));
  root.element("link", { rel: "alternate", type: "text/html", href: options.link });
  root.element("link", { rel: "self", type: "application/atom+xml", href: options.feedLinks.atom });
  appendPerson(root, "author", options.author);
  root.text("generator", GENERATOR.name, { uri: GENERATOR.uri });

  for (const item of feed.items) {
    const entry = root
      .element("entry", { "xml:lang": item.lang })
      .text("id", item.id)
      .text("title", item.title, { type: "text" });
    entry.element("link", { rel: "alternate", type: "text/html", href: item.link });
    entry
      .text("published", formatRfc3339(item.published.getTime(), zone))
      .text("updated", formatRfc3339(item.date.getTime(), zone));
    for (const author of item.authors) appendPerson(entry, "author", author);
    for (const category of item.categories) entry.element("category", { term: category });
    if (item.description !== undefined) entry.text("summary", item.description, { type: "text" });
    entry.text("content", item.content, { type: "html" });
    if (item.imageEnclosure !== undefined) {
      const { url, type, length, title } = item.imageEnclosure;
      entry.element("link", {
        rel: "enclosure",
        type,
        href: url,
        length: length === undefined ? undefined : String(length),
        title,
      });
    }
  }
  return root.serialize();
}

function appendPerson(parent: XmlElement, name: string, person: Person): void {
  const element = parent.element(name).text("name", person.name);
  if (person.email !== undefined) element.text("email", person.email);
  if (person.url !== undefined) element.text("uri", person.url);
}
