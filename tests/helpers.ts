// Fresh fixtures for each test: a real temporary site folder with its config and articles.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { validateConfig } from "../src/config/load.js";
import type { SiteConfig } from "../src/config/resolve.js";
import type { SiteConfigInput } from "../src/config/schema.js";
import { MANIFEST_FILE } from "../src/output/write.js";

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");
export const SHARED_SCHEMAS = path.resolve(REPO_ROOT, "..", "shared", "schemas");

export const TEST_CONFIG: SiteConfigInput = {
  baseUrl: "https://news.example/",
  defaultLanguage: "ar-MA",
  timeZone: "Africa/Casablanca",
  since: "2017",
  languages: {
    "ar-MA": { title: "أخبار", description: "آخر الأخبار" },
    "fr-MA": { title: "Nouvelles", description: "Les dernières nouvelles" },
  },
};

export interface TempSite {
  root: string;
  config: SiteConfig;
  articles: string;
  dist: string;
  write(relative: string, content: string | Buffer): Promise<string>;
  remove(relative: string): Promise<void>;
  read(relativeToDist: string): Promise<string>;
  cleanup(): Promise<void>;
}

export async function makeSite(
  files: Record<string, string> = {},
  overrides: Partial<SiteConfigInput> = {},
): Promise<TempSite> {
  const root = await mkdtemp(path.join(os.tmpdir(), "nashra-test-"));
  const input = { ...TEST_CONFIG, ...overrides };
  await writeFile(path.join(root, "nashra.config.json"), JSON.stringify(input, null, 2));
  const resolved = validateConfig(input, root);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  const site: TempSite = {
    root,
    config: resolved.config,
    articles: resolved.config.articlesDir,
    dist: resolved.config.outDir,
    async write(relative, content) {
      const file = path.join(site.articles, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      return file;
    },
    async remove(relative) {
      await rm(path.join(site.articles, relative), { recursive: true, force: true });
    },
    read: (relative) => readFile(path.join(site.dist, relative), "utf8"),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
  await mkdir(site.articles, { recursive: true });
  for (const [relative, content] of Object.entries(files)) await site.write(relative, content);
  return site;
}

/** An article file from front-matter lines and a body. */
export function article(fields: Record<string, string>, body = "نص الخبر."): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}\n`;
}

/** Waits until `test()` holds, polling; fails the test if it does not within `timeoutMs`. */
export async function until(test: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!test()) throw new Error(`condition not met within ${timeoutMs} ms: ${test.toString()}`);
}

/** Every file of the output folder but the manifest, by path with forward slashes, with its text. */
export async function distFiles(dist: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === MANIFEST_FILE) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dist, file).split(path.sep).join("/"), await readFile(file, "utf8"));
  }
  return files;
}
