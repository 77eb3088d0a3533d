// The articles folder as a list of files: what a build reads, and the first thing a build
// that may have nothing to do looks at, so it needs none of the parsing modules.
import type { Dirent } from "node:fs";
import { readdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { SiteConfig } from "../config/resolve.js";
import type { Problem } from "../problems.js";
import { displayPath, isArticlePath, isIgnoredName } from "./files.js";

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

export interface ArticleListing {
  /** Article files, sorted. */
  files: string[];
  /** Symbolic links found where an article or a folder could be: never followed, reported. */
  links: string[];
}

/**
 * Every article file below the articles folder, sorted; symbolic links are not followed.
 * Each folder is read synchronously (through the thread pool, the listing of 10,000 articles
 * took about 50 ms at start-up instead of about 30), and the event loop is let go between
 * folders: the watcher lists a site of 100,000 articles while saves go on.
 */
export async function listArticleFiles(articlesDir: string): Promise<ArticleListing> {
  const listing: ArticleListing = { files: [], links: [] };
  async function walk(folder: string): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      // Names from readdir need no normalizing; path.join costs add up over 10,000 files.
      const full = `${folder}${path.sep}${entry.name}`;
      if (entry.isSymbolicLink()) listing.links.push(full);
      else if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isArticlePath(entry.name)) listing.files.push(full);
    }
  }
  await walk(articlesDir);
  listing.files.sort();
  listing.links.sort();
  return listing;
}

/** A warning for each symbolic link in the articles folder. */
export function linkProblems(config: SiteConfig, links: readonly string[]): Problem[] {
  return links.map((link) => ({
    file: displayPath(config.root, link),
    line: 1,
    field: "file",
    rule: "file/symlink",
    severity: "warning",
    message: "is a symbolic link and is not followed: nothing outside the articles folder is read",
  }));
}
