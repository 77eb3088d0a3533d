// The HTML of the articles that the last build showed in full (those of the latest feeds), by
// the hash of their file. A build keeps no bodies: without this, a restart that had anything
// to write read again and rendered every article of the latest feeds whose document changed,
// some 100 ms at 10,000 articles, with the Markdown renderer to load first. An article's HTML
// depends only on its file and on what the cache key holds (nashra, its libraries, the
// config): the same bytes under the same key give the same HTML. Only what this build showed
// is kept, so the file stays the size of the latest feeds.
import path from "node:path";
import { readChecksummed, writeChecksummed } from "./checksums.js";

const FORMAT = "nashra-html/1";

export class HtmlCache {
  private readonly used = new Map<string, string>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly known: ReadonlyMap<string, string>,
  ) {}

  static disabled(): HtmlCache {
    return new HtmlCache("", "", new Map());
  }

  static async load(cacheDir: string, key: string): Promise<HtmlCache> {
    const file = path.join(cacheDir, "html.json");
    const data = await readChecksummed(file, FORMAT, key);
    const known = new Map<string, string>();
    if (data !== null && typeof data === "object" && !Array.isArray(data)) {
      for (const [hash, html] of Object.entries(data)) {
        if (typeof html === "string") known.set(hash, html);
      }
    }
    return new HtmlCache(file, key, known);
  }

  /** The HTML of the file whose bytes hash to `fileHash`, when the last build showed it. */
  get(fileHash: string): string | undefined {
    const html = this.used.get(fileHash) ?? this.known.get(fileHash);
    if (html !== undefined) this.used.set(fileHash, html);
    return html;
  }

  set(fileHash: string, html: string): void {
    this.used.set(fileHash, html);
    this.changed = true;
  }

  /** Keeps what this build showed, when it differs from what was kept; a failure's message. */
  async save(): Promise<string | undefined> {
    if (this.file === "") return undefined;
    const same =
      !this.changed &&
      this.used.size === this.known.size &&
      [...this.used.keys()].every((hash) => this.known.has(hash));
    if (same) return undefined;
    try {
      // Sorted: the same HTML gives the same file, whatever order the build rendered in.
      const entries = [...this.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      await writeChecksummed(this.file, FORMAT, this.key, Object.fromEntries(entries));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
