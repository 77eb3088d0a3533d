// `nashra new "<title>"`: an article file with its front matter filled in, never over another.
import { constants } from "node:fs";
import { mkdir, open, unlink } from "node:fs/promises";
import path from "node:path";
import { SLUG } from "./articles/fields.js";
import { displayPath } from "./articles/files.js";
import { listArticleFiles } from "./articles/listing.js";
import { readArticles } from "./articles/load.js";
import { parseArticleSource } from "./articles/parse.js";
import { validateArticle } from "./articles/validate.js";
import { siteCacheKey } from "./cache/cache-key.js";
import { loadSiteCache } from "./cache/site-cache.js";
import type { SiteConfig } from "./config/resolve.js";
import { matchSiteLanguage, primarySubtag } from "./locale/language.js";
import { formatLocalDate, pad } from "./locale/local-date-time.js";
import { wallTimeAt } from "./locale/machine-dates.js";
import { titleSlug } from "./locale/title-slug.js";
import { parseYamlSource } from "./source/yaml.js";

export interface NewArticleOptions {
  title: string;
  /** Default: the site's default language. */
  lang?: string;
  /** Default: made from the title. */
  slug?: string;
  /** Epoch milliseconds: the article's date, on the wall clock of the site's zone. */
  now: number;
  /** The article's permanent id is `urn:uuid:` and this. */
  uuid: string;
}

export type NewArticleResult =
  | { ok: true; file: string; content: string; url: string }
  | { ok: false; message: string };

/** An article already in the articles folder, as the pipeline reads it. */
export interface ExistingArticle {
  /** Path relative to the project root, as problems name it. */
  file: string;
  /** Its absolute URL on the site, from its `slug:` (or file name), language and permalink. */
  url: string;
}

const PLACEHOLDER: Record<string, string> = {
  ar: "اكتب نص الخبر هنا.",
  fr: "Écrivez ici le texte de l’article.",
};

/**
 * Where the article goes and what it holds, or why it cannot be made. Pure: the articles already
 * in the folder are passed in, with their URLs, which the new one must not take.
 */
export function planArticle(
  config: SiteConfig,
  options: NewArticleOptions,
  existing: readonly ExistingArticle[],
): NewArticleResult {
  const title = options.title.replace(/\s+/g, " ").trim();
  if (title === "") {
    return {
      ok: false,
      message: 'the title is empty; give one in quotes: nashra new "عنوان الخبر"',
    };
  }
  const tags = config.languages.map((language) => language.tag);
  const lang = matchSiteLanguage(options.lang ?? config.defaultLanguage, tags);
  if (lang === undefined) {
    return {
      ok: false,
      message: `--lang ${options.lang} is not one of the site's languages; use one of ${tags.join(", ")}, or add it to "languages" in the config`,
    };
  }
  const slug = options.slug ?? titleSlug(title);
  if (!SLUG.test(slug)) {
    return {
      ok: false,
      message:
        options.slug === undefined
          ? `the title has no letter or digit to make a URL slug of; pass one with --slug, e.g. --slug bamako-conference`
          : `--slug "${slug}" is not a slug: use letters and digits joined by hyphens, e.g. --slug bamako-conference`,
    };
  }
  const t = wallTimeAt(options.now, config.zone);
  const language = config.languages.find((each) => each.tag === lang);
  const folder = path.join(
    config.articlesDir,
    language?.folder === "" || language === undefined ? "" : primarySubtag(lang),
    String(t.year),
  );
  const fields = [
    `title: ${yamlString(title)}`,
    // Minutes, already past: the article is not scheduled for later by a few seconds.
    `date: ${formatLocalDate(t)}T${pad(t.hour)}:${pad(t.minute)}`,
    `id: urn:uuid:${options.uuid}`,
    `slug: ${yamlString(slug)}`,
    ...(lang === config.defaultLanguage ? [] : [`lang: ${lang}`]),
    "draft: true",
  ];
  const body = PLACEHOLDER[primarySubtag(lang)] ?? "Write the article here.";
  const file = path.join(folder, `${slug}.md`);
  const content = `---\n${fields.join("\n")}\n---\n\n${body}\n`;
  // The new file read as every article is: its URL (slug, language and permalink, as a build
  // will make it), and the certainty that it validates.
  const read = readPlanned(config, file, content);
  if (!read.ok) return read;
  const taken = existing.find((article) => article.url === read.url);
  if (taken !== undefined) {
    return {
      ok: false,
      message: `${taken.file} already has the URL ${displayUrl(read.url)}, and two articles cannot share one; choose another title, or pass --slug with another slug`,
    };
  }
  return { ok: true, file, content, url: read.url };
}

function readPlanned(
  config: SiteConfig,
  file: string,
  content: string,
): { ok: true; url: string } | { ok: false; message: string } {
  const parsed = parseArticleSource(displayPath(config.root, file), content);
  const { article, problems } = parsed.ok
    ? validateArticle(parsed.source, config)
    : { article: undefined, problems: parsed.problems };
  const errors = problems.filter((problem) => problem.severity === "error");
  if (article === undefined || errors.length > 0) {
    // nashra's own mistake, not the user's: say what the pipeline objects to.
    const said = errors.map((problem) => `${problem.field}: ${problem.message}`).join("; ");
    return {
      ok: false,
      message: `the new article would not be valid (${said}); please report this, and pass --slug with a plain slug meanwhile`,
    };
  }
  return { ok: true, url: article.url };
}

/** Arabic slugs are percent-encoded in URLs; a person reads them decoded. */
function displayUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * The articles already in the folder, with their URLs, read by the build's own pipeline (and
 * its cache, which is not saved). Articles with errors have no URL yet and are left out: the
 * next check or build reports them, and a duplicate URL with them once they are fixed.
 */
export async function existingArticles(config: SiteConfig): Promise<ExistingArticle[]> {
  const { files } = await listArticleFiles(config.articlesDir);
  const cache = await loadSiteCache(config, siteCacheKey(config));
  const results = await readArticles(config, files, { cache, keepBodies: false });
  return results.flatMap((result) =>
    result.article === undefined ? [] : [{ file: result.article.file, url: result.article.url }],
  );
}

/** Writes the planned article; refuses, rather than overwrite, when the file exists. */
export async function createArticle(
  config: SiteConfig,
  options: NewArticleOptions,
): Promise<NewArticleResult> {
  const planned = planArticle(config, options, await existingArticles(config));
  if (!planned.ok) return planned;
  await mkdir(path.dirname(planned.file), { recursive: true });
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_EXCL: a file that appeared since the listing is not overwritten either.
    handle = await open(
      planned.file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o644,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return {
        ok: false,
        message: `${displayPath(config.root, planned.file)} already exists and is left as it is; choose another title, or pass --slug with another slug`,
      };
    }
    throw error;
  }
  let written = false;
  try {
    await handle.writeFile(planned.content, "utf8");
    written = true;
  } finally {
    await handle.close();
    // A write that failed part-way (a full disk) leaves no half article behind.
    if (!written) await unlink(planned.file).catch(() => undefined);
  }
  return planned;
}

/**
 * A string as a YAML scalar: plain when YAML reads it back as the same string, else
 * double-quoted. A title or slug such as `2024`, `null`, `true`, `1e3` or `0x1F` is quoted:
 * plain, YAML would read a number, null or a boolean.
 */
function yamlString(text: string): string {
  const plain = parseYamlSource(`value: ${text}`);
  const value = (plain.data as { value?: unknown } | undefined)?.value;
  return plain.errors.length === 0 && value === text ? text : JSON.stringify(text);
}
