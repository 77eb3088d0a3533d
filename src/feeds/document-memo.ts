// Serialized documents remembered between rebuilds (watch mode): a document whose articles and
// links are the same objects as last time is not serialized again. One changed article then
// costs its own documents (its language, sections and archive page), not the whole site.
// Archive pages are remembered by what they show only, not by their text: they are most of a
// site's bytes (about 0.3 GB at 100,000 articles) and rarely change. One that shows the same is
// left as it is on disk; the caller lets its text go once written.
import type { Article } from "../articles/article.js";
import type { FileText } from "./file-text.js";
import type { FeedDocument } from "./plan.js";

interface Remembered {
  /** The document object serialized: the watcher plans the same object when nothing changed. */
  document: FeedDocument;
  /** What the document showed: its title, its RFC 5005 links and its articles, by identity. */
  shown: readonly unknown[];
  /** Undefined for an archive page. */
  files: readonly FileText[] | undefined;
  /** The rebuild that last produced it. */
  rebuild: number;
}

export class DocumentMemo {
  private readonly documents = new Map<string, Remembered>();
  private rebuild = 0;

  /**
   * Whether `document` is an archive page that shows what it showed when it was last
   * serialized: its files are left as they are on disk.
   */
  keeps(document: FeedDocument): boolean {
    if (!document.history.isArchive) return false;
    const known = this.documents.get(document.folder);
    if (known === undefined) return false;
    if (known.document !== document) {
      if (!sameItems(known.shown, shownBy(document))) return false;
      known.document = document;
    }
    known.rebuild = this.rebuild;
    return true;
  }

  /**
   * Takes `document`, an archive page, as it is on disk (a build left it so, and its files are
   * untouched): from now on it is kept while it shows the same.
   */
  leftOnDisk(document: FeedDocument): void {
    if (!document.history.isArchive) return;
    this.documents.set(document.folder, {
      document,
      shown: shownBy(document),
      files: undefined,
      rebuild: this.rebuild,
    });
  }

  /** The files of `document`, from memory when nothing it shows has changed (not archive pages). */
  files(document: FeedDocument, serialize: () => readonly FileText[]): readonly FileText[] {
    const known = this.documents.get(document.folder);
    if (known?.files !== undefined && known.document === document) {
      known.rebuild = this.rebuild;
      return known.files;
    }
    const shown = shownBy(document);
    if (known?.files !== undefined && sameItems(known.shown, shown)) {
      known.document = document;
      known.rebuild = this.rebuild;
      return known.files;
    }
    const files = serialize();
    const remembered = document.history.isArchive ? undefined : files;
    this.documents.set(document.folder, {
      document,
      shown,
      files: remembered,
      rebuild: this.rebuild,
    });
    return files;
  }

  /** Forgets the documents of `folders`: they are serialized again at the next rebuild. */
  forgetFolders(folders: Iterable<string>): void {
    for (const folder of folders) this.documents.delete(folder);
  }

  /** Forgets the documents that show any of `articles` (rendered without their text). */
  forget(articles: ReadonlySet<Article>): void {
    for (const [folder, remembered] of this.documents) {
      if (remembered.shown.some((item) => articles.has(item as Article))) {
        this.documents.delete(folder);
      }
    }
  }

  /** Forgets documents that the rebuild now ending did not produce. */
  endRebuild(): void {
    for (const [folder, remembered] of this.documents) {
      if (remembered.rebuild !== this.rebuild) this.documents.delete(folder);
    }
    this.rebuild += 1;
  }
}

/** Articles are immutable values: a new version of a file is a new object. */
function shownBy(document: FeedDocument): readonly (Article | string | undefined)[] {
  const { history } = document;
  return [
    document.title,
    history.prevArchive,
    history.nextArchive,
    history.current,
    ...document.articles,
  ];
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
