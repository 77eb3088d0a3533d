// Serialized documents remembered between rebuilds (watch mode): a document whose articles and
// links are the same objects as last time is not serialized again. One changed article then
// costs its own documents (its language, sections and archive page), not the whole site.
import type { Article } from "../articles/article.js";
import type { FeedDocument } from "./plan.js";

export class DocumentMemo {
  private readonly versions = new WeakMap<Article, number>();
  private nextVersion = 0;
  private documents = new Map<string, { signature: string; files: readonly string[] }>();
  private seen = new Map<string, { signature: string; files: readonly string[] }>();

  /** The files of `document`, from memory when nothing it shows has changed. */
  files(document: FeedDocument, serialize: () => readonly string[]): readonly string[] {
    const signature = this.signatureOf(document);
    const known = this.documents.get(document.folder);
    const files = known?.signature === signature ? known.files : serialize();
    this.seen.set(document.folder, { signature, files });
    return files;
  }

  /** Forgets documents that the last rebuild did not produce. */
  endRebuild(): void {
    this.documents = this.seen;
    this.seen = new Map();
  }

  private signatureOf(document: FeedDocument): string {
    const { history } = document;
    const articles = document.articles.map((article) => this.versionOf(article)).join(",");
    return [
      document.title,
      history.prevArchive,
      history.nextArchive,
      history.current,
      articles,
    ].join("|");
  }

  /** Articles are immutable values: a new version of a file is a new object. */
  private versionOf(article: Article): number {
    let version = this.versions.get(article);
    if (version === undefined) {
      version = this.nextVersion++;
      this.versions.set(article, version);
    }
    return version;
  }
}
