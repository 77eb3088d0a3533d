// nashra's feed model: `feed`'s Feed, extended with what its serializers cannot express (each
// item's language, dates with their real offset, Media RSS, RFC 5005 history, JSON Feed 1.1),
// and serialized by one module per format.
import { Feed, type FeedOptions, type Item } from "feed";
import type { ArticleImage, Person } from "../articles/article.js";
import type { TimeZone } from "../locale/timezone.js";
import { renderAtom } from "./atom.js";
import { renderJsonFeed } from "./json.js";
import { renderRss } from "./rss.js";

export interface LocalizedItem extends Item {
  id: string;
  /** Plain text. */
  title: string;
  /** Plain-text summary. */
  description?: string;
  /** HTML, already sanitized and wrapped in its direction; none in a summary-only archive. */
  content?: string;
  published: Date;
  /** Last change. */
  date: Date;
  authors: readonly Person[];
  categories: string[];
  lang: string;
  media?: Omit<ArticleImage, "localPath">;
}

/** Absolute URLs of each format's version of one feed document. */
export type FormatLinks = { rss: string; atom: string; json: string };

export interface LocalizedFeedOptions extends FeedOptions {
  id: string;
  title: string;
  description: string;
  link: string;
  language: string;
  /** The newest change among the items; never the clock. */
  updated: Date;
  feedLinks: FormatLinks;
  author: Person;
  /** RFC 5005 (Feed Paging and Archiving). */
  history: {
    isArchive: boolean;
    prevArchive?: FormatLinks;
    nextArchive?: FormatLinks;
    current?: FormatLinks;
  };
  images: { icon?: string; favicon?: string; logo?: string; cover?: string };
  accentColor?: string;
}

export class LocalizedFeed extends Feed {
  declare options: LocalizedFeedOptions;
  declare items: LocalizedItem[];

  constructor(
    options: LocalizedFeedOptions,
    /** The zone whose offsets machine dates are written with. */
    readonly zone: TimeZone,
  ) {
    super(options);
  }

  override addItem(item: LocalizedItem): void {
    super.addItem(item);
  }

  override rss2(): string {
    return renderRss(this).join("");
  }

  override atom1(): string {
    return renderAtom(this).join("");
  }

  /** JSON Feed 1.1 (the base class writes 1.0). */
  override json1(): string {
    return renderJsonFeed(this).join("");
  }

  /** The three documents' texts in parts, never joined (see ./file-text.ts). */
  parts(): [rss: string[], atom: string[], json: string[]] {
    return [renderRss(this), renderAtom(this), renderJsonFeed(this)];
  }
}
