/** A person credited on an article or a site. */
export interface Person {
  name: string;
  email?: string;
  url?: string;
}

export interface ArticleImage {
  /** Absolute URL. */
  url: string;
  alt?: string;
  caption?: string;
  /** Who took or owns the picture. */
  credit?: string;
  width?: number;
  height?: number;
  /** MIME type, from the file extension. */
  type: string;
  /** Size in bytes: from the front matter, or the file's size when it sits beside the article. */
  length?: number;
  /** Absolute path of that file, when the image is one (filled in by the loader). */
  localPath?: string;
}

/** The lines of the fields `id`, `date` and `slug`, where the front matter has them. */
export interface ArticleLines {
  id?: number;
  date?: number;
  slug?: number;
}

/** A validated article: everything a feed needs, typed. Built once, by ./validate.ts. */
export interface Article {
  /** Path relative to the project root, for reports. */
  file: string;
  /** Permanent id (an IRI), independent of title and file name. */
  id: string;
  slug: string;
  /** Absolute URL of the article on the site. */
  url: string;
  title: string;
  /** Publication instant, epoch milliseconds. */
  published: number;
  /** Last change, epoch milliseconds; equals `published` when never updated. */
  updated: number;
  /** Plain text, from the front matter. */
  summary?: string;
  /** When the front matter has no summary: the first paragraph's text, shortened (excerptOf). */
  excerpt?: string;
  authors: readonly Person[];
  source?: string;
  category?: string;
  tags: readonly string[];
  image?: ArticleImage;
  /** The site language the article belongs to, e.g. "ar-MA". */
  lang: string;
  draft: boolean;
  /**
   * File line of the front-matter fields that a problem found after validation points at (an id
   * or URL another article has). Only these: a line for every field cost about 0.1 KB an article.
   */
  lines: Readonly<ArticleLines>;
  /** Markdown body, and the file line on which it starts. */
  body: string;
  bodyLine: number;
}
