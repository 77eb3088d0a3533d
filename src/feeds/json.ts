// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): `language` and `authors` on the feed and
// on each item, RFC 3339 dates with the real offset; archives chained through `next_url`.
import type { Person } from "../articles/article.js";
import { formatRfc3339 } from "../locale/machine-dates.js";
import type { LocalizedFeed } from "./localized-feed.js";

export function renderJsonFeed(feed: LocalizedFeed): string {
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
    items: feed.items.map((item) => ({
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
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function jsonAuthor(person: Person): { name: string; url?: string } {
  // JSON Feed authors have no email field; a mailto: URL carries it where there is no page.
  const url = person.url ?? (person.email === undefined ? undefined : `mailto:${person.email}`);
  return { name: person.name, ...(url !== undefined && { url }) };
}
