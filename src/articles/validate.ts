// Front matter → a typed Article, or problems: the one place where article input is checked.
import path from "node:path";
import type { SiteConfig } from "../config/resolve.js";
import { parseDate } from "../locale/dates.js";
import { matchSiteLanguage, primarySubtag } from "../locale/language.js";
import type { Problem } from "../problems.js";
import { excerptOf } from "../render/summary.js";
import { zodIssuesToProblems } from "../source/zod-problems.js";
import type { Article, ArticleImage } from "./article.js";
import { FRONT_MATTER_FIELDS, readCommonFrontMatter } from "./common-front-matter.js";
import { SLUG } from "./fields.js";
import type { ParsedArticleSource } from "./parse.js";
import { type FrontMatter, frontMatterSchema } from "./schema.js";
import { sharedAuthors, sharedLines, sharedName, sharedTags } from "./sharing.js";

export interface ValidationResult {
  article?: Article;
  problems: Problem[];
}

const IMAGE_TYPES: Record<string, string> = {
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".jpeg": "image/jpeg",
  ".jpg": "image/jpeg",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
};

export function validateArticle(source: ParsedArticleSource, config: SiteConfig): ValidationResult {
  const { file, frontMatter } = source;
  const problems: Problem[] = [];
  const report = (
    field: string,
    rule: string,
    message: string,
    severity: Problem["severity"] = "error",
  ) => problems.push({ file, line: frontMatter.lineOf([field]), field, rule, severity, message });

  if (frontMatter.errors.length > 0) {
    return {
      problems: frontMatter.errors.map((error) => ({
        file,
        line: error.line,
        column: error.column,
        field: "front-matter",
        rule: "front-matter/syntax",
        severity: "error",
        message: `not valid YAML: ${error.message}`,
      })),
    };
  }
  const data = frontMatter.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    report(
      "front-matter",
      "front-matter/not-a-mapping",
      "must be fields of the form `key: value`, not a list or a single value",
    );
    return { problems };
  }

  for (const warning of frontMatter.warnings) {
    problems.push({
      file,
      line: warning.line,
      column: warning.column,
      field: "front-matter",
      rule: "front-matter/yaml-warning",
      severity: "warning",
      message: `${warning.message}; the value is read as plain text`,
    });
  }
  for (const { key, line, column } of frontMatter.topLevelKeys) {
    if (!FRONT_MATTER_FIELDS.includes(key)) {
      problems.push({
        file,
        line,
        // The caret of a code frame goes under the key: its value is not the problem.
        column,
        field: key,
        rule: "front-matter/unknown-field",
        severity: "warning",
        message: `is not a field nashra knows and is ignored (known: ${FRONT_MATTER_FIELDS.join(", ")})`,
      });
    }
  }

  let fields = readCommonFrontMatter(data as Record<string, unknown>);
  if (fields === undefined) {
    const parsed = frontMatterSchema().safeParse(data, { reportInput: true });
    if (!parsed.success) {
      problems.push(...zodIssuesToProblems(parsed.error.issues, file, frontMatter, "front-matter"));
      return { problems };
    }
    fields = parsed.data;
  }

  const date = readDate(fields.date, "date");
  const updated =
    fields.updated === undefined ? undefined : readDate(fields.updated, "updated")?.epochMs;
  function readDate(text: string, field: string) {
    const result = parseDate(text, config.zone);
    if (result.ok) return result;
    report(field, `${field}/invalid`, result.message);
    return undefined;
  }

  const lang = matchSiteLanguage(
    fields.lang ?? config.defaultLanguage,
    config.languages.map((l) => l.tag),
  );
  if (lang === undefined) {
    report(
      "lang",
      "lang/unknown",
      `"${fields.lang}" is not one of the site's languages (${config.languages.map((l) => l.tag).join(", ")}); add it to "languages" in the config or fix the tag`,
    );
  }

  const slug = fields.slug ?? slugFromFileName(file);
  if (slug === undefined) {
    report(
      "slug",
      "slug/from-file-name",
      `the file name "${path.basename(file)}" cannot be a URL slug; add a field such as "slug: bamako-security-conference"`,
    );
  }

  if (
    date === undefined ||
    lang === undefined ||
    slug === undefined ||
    problems.some((p) => p.severity === "error")
  ) {
    return { problems };
  }

  if (source.body.trim() === "") {
    problems.push({
      file,
      line: source.bodyLine,
      field: "body",
      rule: "body/empty",
      severity: "warning",
      message: "the article has no text after its front matter; readers will see only its title",
    });
  }

  const published = date.epochMs;
  let lastChange = updated ?? published;
  if (lastChange < published) {
    report(
      "updated",
      "updated/before-date",
      "is earlier than the publication date and is ignored; it should be the time of the last correction",
      "warning",
    );
    lastChange = published;
  }

  const url = articleUrl(config, lang, slug, date.asWritten);
  const image =
    fields.image === undefined
      ? undefined
      : readImage(fields.image, fields.alt, url, source, config);
  if (image === "invalid") {
    report(
      "image",
      "image/invalid",
      `"${fields.image?.url}" must be a path beside the article (images/photo.jpg) or an http(s) URL of a .jpg, .png, .webp, .gif, .avif or .svg file (or give its "type")`,
    );
    return { problems };
  }

  const excerpt = fields.summary === undefined ? excerptOf(source.body) : undefined;
  const article: Article = {
    file,
    id: articleId(fields.id, config, lang, date.asWritten),
    slug,
    url,
    title: fields.title,
    published,
    updated: lastChange,
    authors: sharedAuthors(fields.author),
    tags: sharedTags(fields.tags),
    lang,
    draft: fields.draft ?? false,
    lines: sharedLines(frontMatter.topLevelKeys),
    body: source.body,
    bodyLine: source.bodyLine,
    ...(fields.summary !== undefined && { summary: fields.summary }),
    ...(excerpt !== undefined && { excerpt }),
    ...(fields.source !== undefined && { source: sharedName(fields.source) }),
    ...(fields.category !== undefined && { category: sharedName(fields.category) }),
    ...(image !== undefined && { image }),
  };
  return { article, problems };
}

function slugFromFileName(file: string): string | undefined {
  const candidate = path
    .basename(file, path.extname(file))
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return SLUG.test(candidate) ? candidate : undefined;
}

/** `dateAsWritten` starts with `YYYY-MM-DD`, which gives `{yyyy}`, `{mm}` and `{dd}`. */
function articleUrl(config: SiteConfig, lang: string, slug: string, dateAsWritten: string): string {
  const language = config.languages.find((l) => l.tag === lang);
  const relative = config.permalink
    .replaceAll("{lang}", (language?.folder ?? "").replace(/\/$/, ""))
    .replaceAll("{slug}", encodeURIComponent(slug))
    .replaceAll("{yyyy}", dateAsWritten.slice(0, 4))
    .replaceAll("{mm}", dateAsWritten.slice(5, 7))
    .replaceAll("{dd}", dateAsWritten.slice(8, 10))
    .replace(/\/{2,}/g, "/")
    .replace(/^\//, "");
  return new URL(relative, config.baseUrl).href;
}

const HAS_SCHEME = /^[a-zA-Z][a-zA-Z\d+.-]*:/;

/**
 * An explicit URI is kept as it is; any other `id` becomes a `tag:` URI (RFC 4151, ASCII only, so
 * other scripts are percent-encoded) on the site's host. Without `id`, the id is derived from the
 * language and the publication date as written: neither a new title, nor a renamed file, nor a
 * new release of the tz database changes it.
 */
function articleId(
  id: string | undefined,
  config: SiteConfig,
  lang: string,
  dateAsWritten: string,
): string {
  if (id !== undefined && HAS_SCHEME.test(id)) return id;
  // Joined, not concatenated: `+` makes a rope of several strings, 0.1 KB more an article
  // for as long as the article is kept; join makes one flat string.
  const prefix = ["tag:", config.host, ",", config.since, ":"];
  if (id !== undefined) return [...prefix, encodeURI(id)].join("");
  return [...prefix, primarySubtag(lang), "/", dateAsWritten].join("");
}

/** `alt` may stand beside `image` in the front matter, or inside it. */
function readImage(
  fields: NonNullable<FrontMatter["image"]>,
  topLevelAlt: string | undefined,
  articleUrlValue: string,
  source: ParsedArticleSource,
  config: SiteConfig,
): ArticleImage | "invalid" {
  const { url: reference, alt = topLevelAlt, ...details } = fields;
  const type =
    details.type ?? IMAGE_TYPES[path.extname(reference.split(/[?#]/)[0] ?? "").toLowerCase()];
  let url: URL;
  try {
    url = new URL(reference, articleUrlValue);
  } catch {
    return "invalid";
  }
  if (type === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    return "invalid";
  }
  const image: ArticleImage = {
    ...details,
    url: url.href,
    type,
    ...(alt !== undefined && { alt }),
  };
  if (details.length === undefined && !HAS_SCHEME.test(reference) && !reference.startsWith("/")) {
    const local = path.resolve(config.root, path.dirname(source.file), localPart(reference));
    // Only a file inside the articles folder is ever looked at.
    if (local.startsWith(config.articlesDir + path.sep)) image.localPath = local;
  }
  return image;
}

function localPart(reference: string): string {
  const withoutQuery = reference.split(/[?#]/)[0] ?? "";
  try {
    return decodeURIComponent(withoutQuery);
  } catch {
    return withoutQuery;
  }
}
