// The HTML of the articles of the latest feeds (the documents that are not archive pages), as
// the last build rendered it. A build keeps no bodies: without this, a restart that had anything
// to write read again and rendered every article of the latest feeds whose document changed,
// some 100 ms at 10,000 articles, with the Markdown renderer to load first.
//
// An article's HTML is a function of its file's bytes, of its URL (links and images are made
// absolute against it, and a file without `slug` takes its URL from its name) and of what the
// key holds: the site's cache key (nashra, its libraries, the config) and the versions of the
// renderers' own dependencies. So an entry is found by the SHA-1 of the bytes and the URL, under
// that key. Like every cache file it is trusted as the config is (both are the project's own
// files): its checksum finds damage, not forgery, and its HTML is not sanitized again.
import path from "node:path";
import { cacheKey, rendererDependencyVersions } from "./cache-key.js";
import { readChecksummed, writeChecksummed } from "./checksums.js";

const FORMAT = "nashra-html/1";
/**
 * At most this much HTML is kept (UTF-16 units; about 700 articles of the sample's length, 8 MB
 * of memory when read back). The latest feeds of a site with thousands of small sections can
 * show most of its articles: their HTML, kept whole, would be read back by every restart.
 */
const MAX_KEPT_CHARACTERS = 4_000_000;

/** What an entry is found by: the hash of the file's bytes and the article's URL. */
export interface HtmlSource {
  fileHash: string;
  url: string;
}

const entryKey = ({ fileHash, url }: HtmlSource) => `${fileHash} ${url}`;

export class HtmlCache {
  /** Rendered or found during this build. */
  private readonly used = new Map<string, string>();

  private constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly known: ReadonlyMap<string, string>,
    private readonly maxCharacters = MAX_KEPT_CHARACTERS,
  ) {}

  static disabled(): HtmlCache {
    return new HtmlCache("", "", new Map());
  }

  static async load(
    cacheDir: string,
    siteKey: string,
    maxCharacters = MAX_KEPT_CHARACTERS,
  ): Promise<HtmlCache> {
    const file = path.join(cacheDir, "html.json");
    const key = cacheKey({ site: siteKey, renderers: rendererDependencyVersions() });
    const data = await readChecksummed(file, FORMAT, key);
    const known = new Map<string, string>();
    if (data !== null && typeof data === "object" && !Array.isArray(data)) {
      for (const [entry, html] of Object.entries(data)) {
        if (typeof html === "string") known.set(entry, html);
      }
    }
    return new HtmlCache(file, key, known, maxCharacters);
  }

  /** The HTML the last build (or this one) rendered from the same bytes at the same URL. */
  get(source: HtmlSource): string | undefined {
    const entry = entryKey(source);
    const html = this.used.get(entry) ?? this.known.get(entry);
    if (html !== undefined) this.used.set(entry, html);
    return html;
  }

  set(source: HtmlSource, html: string): void {
    this.used.set(entryKey(source), html);
  }

  /**
   * Keeps the HTML of `latest` (the articles of the latest feeds, whether their documents were
   * written again or left as they were; a language's main feed first), rendered now or before,
   * up to the bound; nothing else. Written only when that differs from what was read. Returns
   * a failure's message.
   */
  async save(latest: Iterable<HtmlSource>): Promise<string | undefined> {
    if (this.file === "") return undefined;
    const kept = new Map<string, string>();
    let characters = 0;
    for (const source of latest) {
      const entry = entryKey(source);
      const html = this.used.get(entry) ?? this.known.get(entry);
      if (html === undefined || kept.has(entry)) continue;
      characters += html.length;
      if (characters > this.maxCharacters) break;
      kept.set(entry, html);
    }
    const same =
      kept.size === this.known.size &&
      [...kept].every(([entry, html]) => this.known.get(entry) === html);
    if (same) return undefined;
    try {
      // Sorted: the same HTML gives the same file, whatever order the build rendered in.
      const entries = [...kept].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      await writeChecksummed(this.file, FORMAT, this.key, Object.fromEntries(entries));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
