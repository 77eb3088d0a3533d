// What the preview page shows: the feeds of each language as nashra wrote them, read back.

export interface PreviewItem {
  title: string;
  /** The article on the site. */
  url: string | undefined;
  lang: string;
  /** As a reader of `lang` expects it: «الخميس 12 أكتوبر 2017». */
  date: string | undefined;
  /** The machine form, for `<time datetime>`. */
  datetime: string | undefined;
  summary: string | undefined;
  image: string | undefined;
  authors: string[];
}

export interface PreviewSection {
  title: string;
  /** The section's RSS feed, as a path on the preview server (`category/تقارير/rss.xml`). */
  rss: string;
}

export interface PreviewFeed {
  /** The site language, e.g. `ar-MA`. */
  lang: string;
  title: string;
  description: string;
  /** Paths on the preview server, without the leading slash. */
  links: { rss: string; atom: string; json: string };
  /** Newest first. */
  items: PreviewItem[];
  sections: PreviewSection[];
  /** False when the feed file is not there (yet): the page says so. */
  written: boolean;
}

export interface Preview {
  /** The site's default language: the page's own. */
  lang: string;
  siteTitle: string;
  feeds: PreviewFeed[];
  /** Listen to `/events` and reload when the feeds change. */
  live: boolean;
}
