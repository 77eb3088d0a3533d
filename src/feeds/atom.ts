// Atom 1.0 (RFC 4287): xml:lang on the feed and on every entry, text titles, RFC 3339 dates with
// the real offset, html content that carries its own direction.
import type { Person } from "../articles/article.js";
import { formatRfc3339 } from "../locale/machine-dates.js";
import type { LocalizedFeed } from "./localized-feed.js";
import {
  GENERATOR,
  serializeXml,
  textElement,
  XML_NAMESPACE,
  type XMLBuilder,
  xmlDocument,
} from "./xml.js";

const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";

export function renderAtom(feed: LocalizedFeed): string {
  const { options, zone } = feed;
  const document = xmlDocument();
  const root = document
    .ele(ATOM_NAMESPACE, "feed")
    .att(XML_NAMESPACE, "xml:lang", options.language);
  textElement(root, "id", options.id);
  textElement(root, "title", options.title, { type: "text" });
  textElement(root, "subtitle", options.description, { type: "text" });
  textElement(root, "updated", formatRfc3339(options.updated.getTime(), zone));
  root.ele("link", { rel: "alternate", type: "text/html", href: options.link });
  root.ele("link", { rel: "self", type: "application/atom+xml", href: options.feedLinks.atom });
  appendPerson(root, "author", options.author);
  textElement(root, "generator", GENERATOR.name, { uri: GENERATOR.uri });

  for (const item of feed.items) {
    const entry = root.ele("entry").att(XML_NAMESPACE, "xml:lang", item.lang);
    textElement(entry, "id", item.id);
    textElement(entry, "title", item.title, { type: "text" });
    entry.ele("link", { rel: "alternate", type: "text/html", href: item.link });
    textElement(entry, "published", formatRfc3339(item.published.getTime(), zone));
    textElement(entry, "updated", formatRfc3339(item.date.getTime(), zone));
    for (const author of item.authors) appendPerson(entry, "author", author);
    for (const category of item.categories) entry.ele("category", { term: category });
    if (item.description !== undefined) {
      textElement(entry, "summary", item.description, { type: "text" });
    }
    textElement(entry, "content", item.content, { type: "html" });
    if (item.imageEnclosure !== undefined) {
      const { url, type, length, title } = item.imageEnclosure;
      entry.ele("link", {
        rel: "enclosure",
        type,
        href: url,
        ...(length !== undefined && { length: String(length) }),
        ...(title !== undefined && { title }),
      });
    }
  }
  return serializeXml(document);
}

function appendPerson(parent: XMLBuilder, name: string, person: Person): void {
  const element = parent.ele(name);
  textElement(element, "name", person.name);
  if (person.email !== undefined) textElement(element, "email", person.email);
  if (person.url !== undefined) textElement(element, "uri", person.url);
}
