// `nashra new "<title>"`: an article file with its front matter filled in, never over another.
import { constants } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import { displayPath } from "./articles/files.js";
import { listArticleFiles } from "./articles/load.js";
import { SLUG } from "./articles/schema.js";
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
  | { ok: true; file: string; content: string }
  | { ok: false; message: string };

const PLACEHOLDER: Record<string, string> = {
  ar: "اكتب نص الخبر هنا.",
  fr: "Écrivez ici le texte de l’article.",
};

/**
 * Where the article goes and what it holds, or why it cannot be made. Pure but for the listing
 * of existing articles, which is passed in: `existing` are their paths.
 */
export function planArticle(
  config: SiteConfig,
  options: NewArticleOptions,
  existing: readonly string[],
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
  const taken = existing.find(
    (file) => path.basename(file, path.extname(file)).normalize("NFC").toLowerCase() === slug,
  );
  if (taken !== undefined) {
    return {
      ok: false,
      message: `${displayPath(config.root, taken)} already has the name "${slug}", and two articles cannot share a URL; choose another title, or pass --slug with another slug`,
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
    `slug: ${slug}`,
    ...(lang === config.defaultLanguage ? [] : [`lang: ${lang}`]),
    "draft: true",
  ];
  const body = PLACEHOLDER[primarySubtag(lang)] ?? "Write the article here.";
  return {
    ok: true,
    file: path.join(folder, `${slug}.md`),
    content: `---\n${fields.join("\n")}\n---\n\n${body}\n`,
  };
}

/** Writes the planned article; refuses, rather than overwrite, when the file exists. */
export async function createArticle(
  config: SiteConfig,
  options: NewArticleOptions,
): Promise<NewArticleResult> {
  const { files } = await listArticleFiles(config.articlesDir);
  const planned = planArticle(config, options, files);
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
  try {
    await handle.writeFile(planned.content, "utf8");
  } finally {
    await handle.close();
  }
  return planned;
}

/** The title as a YAML scalar: plain when YAML reads it back the same, else double-quoted. */
function yamlString(text: string): string {
  const plain = parseYamlSource(`title: ${text}`);
  const value = (plain.data as { title?: unknown } | undefined)?.title;
  return plain.errors.length === 0 && value === text ? text : JSON.stringify(text);
}
