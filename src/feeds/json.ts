// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): `language` and `authors` on the feed and
// on each item, RFC 3339 dates with the real offset; archives chained through `next_url`.
import type { Person } from "../articles/article.js";
import { formatRfc3339 } from "../locale/machine-dates.js";
import type { TimeZone } from "../locale/timezone.js";
import type { LocalizedFeed, LocalizedItem } from "./localized-feed.js";

/**
 * The document's text in parts (see ./file-text.ts): exactly `JSON.stringify(document, null, 2)`
 * and a newline, with each item's text made once per item and zone (items are values: a
 * changed article is a new item), so that a watch rebuild writes out only new items.
 */
export function renderJsonFeed(feed: LocalizedFeed): string[] {
  const { options, zone } = feed;
  const { history, images } = options;
  // The next page of a JSON feed is the next older document: the newest archive from the main
  // feed, the previous archive from an archive.
  const nextUrl = history.prevArchive?.json;
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: options.title,
    home_page_url: options.link,
    feed_url: options.feedLinks.json,
    description: options.description,
    ...(nextUrl !== undefined && { next_url: nextUrl }),
    ...(images.icon !== undefined && { icon: images.icon }),
    ...(images.favicon !== undefined && { favicon: images.favicon }),
    language: options.language,
    authors: [jsonAuthor(options.author)],
    ...(options.hub !== undefined && { hubs: [{ type: "WebSub", url: options.hub }] }),
    items: [] as unknown[],
  };
  const whole = JSON.stringify(document, null, 2);
  if (feed.items.length === 0) return [whole, "\n"];
  // `items` is the last key: its empty array, `[]` before the final `\n}`, is opened instead.
  const parts = [whole.slice(0, whole.length - "[]\n}".length), "["];
  feed.items.forEach((item, index) => {
    parts.push(index === 0 ? "\n    " : ",\n    ", itemText(item, zone));
  });
  parts.push("\n  ]\n}\n");
  return parts;
}

/** Each item's JSON, indented for its place in `items`, by item and zone. */
const itemTexts = new WeakMap<LocalizedItem, Map<string, string>>();

function itemText(item: LocalizedItem, zone: TimeZone): string {
  let byZone = itemTexts.get(item);
  const known = byZone?.get(zone.name);
  if (known !== undefined) return known;
  const text = JSON.stringify(jsonItem(item, zone), null, 2).replace(/\n/g, "\n    ");
  if (byZone === undefined) {
    byZone = new Map();
    itemTexts.set(item, byZone);
  }
  byZone.set(zone.name, text);
  return text;
}

function jsonItem(item: LocalizedItem, zone: TimeZone): Record<string, unknown> {
  return {
    id: item.id,
    url: item.link,
    title: item.title,
    // An item needs content_html or content_text: an archived summary is the text it has,
    // and is not written a second time as its summary.
    ...(item.content === undefined
      ? { content_text: item.description ?? item.title }
      : {
          content_html: item.content,
          ...(item.description !== undefined && { summary: item.description }),
        }),
    ...(item.media !== undefined && { image: item.media.url }),
    date_published: formatRfc3339(item.published.getTime(), zone),
    date_modified: formatRfc3339(item.date.getTime(), zone),
    ...(item.authors.length > 0 && { authors: item.authors.map(jsonAuthor) }),
    ...(item.categories.length > 0 && { tags: item.categories }),
    language: item.lang,
  };
}

function jsonAuthor(person: Person): { name: string; url?: string } {
  // JSON Feed authors have no email field; a mailto: URL carries it where there is no page.
  const url = person.url ?? (person.email === undefined ? undefined : `mailto:${person.email}`);
  return { name: person.name, ...(url !== undefined && { url }) };
}
