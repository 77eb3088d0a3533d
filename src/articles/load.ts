// Reading articles from disk: the I/O edge of the pipeline.
import type { Dirent } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { SiteConfig } from "../config/resolve.js";
import type { Problem } from "../problems.js";
import type { Article } from "./article.js";
import { displayPath, isArticlePath, isIgnoredName } from "./files.js";
import { parseArticleSource } from "./parse.js";
import { validateArticle } from "./validate.js";

export interface ArticleReadResult {
  article?: Article;
  problems: Problem[];
}

const READ_CONCURRENCY = 32;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A problem when the articles folder is missing: an empty site would otherwise replace every
 * good feed with an empty one.
 */
export async function checkArticlesFolder(config: SiteConfig): Promise<Problem | undefined> {
  const isFolder = await stat(config.articlesDir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (isFolder) return undefined;
  return {
    file: displayPath(config.root, config.articlesDir),
    line: 1,
    field: "articlesDir",
    rule: "config/articles-missing",
    severity: "error",
    message:
      "the articles folder does not exist; create it, or set articlesDir in the config to the right folder",
  };
}

/** Every article file below the articles folder, sorted; symbolic links are not followed. */
export async function listArticleFiles(articlesDir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(folder: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isArticlePath(entry.name)) found.push(full);
    }
  }
  await walk(articlesDir);
  return found.sort();
}

/** Reads, parses and validates one article file. Never throws for bad content. */
export async function readArticle(
  config: SiteConfig,
  absolutePath: string,
): Promise<ArticleReadResult> {
  const file = displayPath(config.root, absolutePath);
  const fileProblem = (rule: string, message: string): ArticleReadResult => ({
    problems: [{ file, line: 1, field: "file", rule, severity: "error", message }],
  });
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    return fileProblem(
      "file/unreadable",
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fileProblem("file/encoding", "is not valid UTF-8; save it as UTF-8");
  }
  const parsed = parseArticleSource(file, text);
  if (!parsed.ok) return { problems: parsed.problems };
  const result = validateArticle(parsed.source, config);
  const image = result.article?.image;
  if (image?.localPath !== undefined) {
    try {
      const info = await stat(image.localPath);
      if (info.isFile()) image.length = info.size;
    } catch {
      // Not beside the article: the site serves it from elsewhere, and its length is unknown.
    }
  }
  return result;
}

/** Reads many files with bounded concurrency, keeping their order. */
export async function readArticles(
  config: SiteConfig,
  files: readonly string[],
): Promise<ArticleReadResult[]> {
  const results: ArticleReadResult[] = new Array(files.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < files.length) {
      const index = next++;
      results[index] = await readArticle(config, files[index] as string);
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return results;
}
