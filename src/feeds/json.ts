// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): `language` and `authors` on the feed and
// on each item, RFC 3339 dates with the real offset.
import type { Person } from "../articles/article.js";
import { formatRfc3339 } from "../locale/machine-dates.js";
import type { LocalizedFeed } from "./localized-feed.js";

export function renderJsonFeed(feed: LocalizedFeed): string {
  const { options, zone } = feed;
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: options.title,
    home_page_url: options.link,
    feed_url: options.feedLinks.json,
    description: options.description,
    language: options.language,
    authors: [jsonAuthor(options.author)],
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.link,
      title: item.title,
      content_html: item.content,
      ...(item.description !== undefined && { summary: item.description }),
      ...(item.imageEnclosure !== undefined && { image: item.imageEnclosure.url }),
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
