// The site config: the zod schema is the single source of its type, its checks and its defaults.
import { createRequire } from "node:module";
import path from "node:path";
import type * as zod from "zod";
import { canonicalLanguageTag, isLanguageTag, primarySubtag } from "../locale/language.js";
import { isKnownTimeZone } from "../locale/timezone.js";
import { DEFAULT_CACHE_DIR } from "./file.js";

// The CommonJS build, as the front matter's schema loads it (../articles/schema.ts): one copy.
const { z } = createRequire(import.meta.url)("zod") as typeof zod;

const text = z.string().trim().min(1, "must not be empty");

const languageTag = z
  .string()
  .refine(isLanguageTag, { message: 'must be a BCP 47 language tag such as "ar-MA" or "fr"' })
  .transform(canonicalLanguageTag);

const httpUrl = z
  .url({
    protocol: /^https?$/,
    message: 'must be an absolute http(s) URL, e.g. "https://example.com/"',
  })
  .transform((url) => (url.endsWith("/") ? url : `${url}/`));

const relativeFolder = z
  .string()
  .trim()
  .min(1)
  .refine((folder) => !folder.startsWith("/") && !/^[a-zA-Z]:[\\/]/.test(folder), {
    message: "must be a folder relative to the config file",
  });

export const authorSchema = z.strictObject({
  name: text,
  email: z.email().optional(),
  url: httpUrl.optional(),
});

/** An absolute http(s) URL, or a path resolved against `baseUrl` (e.g. "images/icon.png"). */
const imageReference = z
  .string()
  .trim()
  .min(1)
  .refine(
    (value) =>
      !value.startsWith("//") &&
      (!/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(value) || /^https?:\/\//i.test(value)),
    { message: "must be an http(s) URL or a path under baseUrl" },
  );

const sectionSettings = z.strictObject({
  /** One feed per category, per tag and per author, each family on or off. */
  categories: z.boolean().default(true),
  tags: z.boolean().default(true),
  authors: z.boolean().default(true),
  /** Items per section feed; default: `itemLimit`. */
  itemLimit: z.int().min(1).max(10_000).optional(),
});

const archiveSettings = z.strictObject({
  /** RFC 5005 archive documents that together hold every published article. */
  enabled: z.boolean().default(true),
  /** Articles per archive document; at most `itemLimit` (its default), so that the main feed
   * holds the newest articles that do not fill a page. */
  pageSize: z.int().min(1).max(10_000).optional(),
  /**
   * What an archived entry carries: "summary" (title, links, dates, people, sections, image and
   * summary, as in the latest feeds, without the article's HTML) or "full" (its HTML too).
   */
  content: z.enum(["summary", "full"]).default("summary"),
});

const websubSettings = z.strictObject({
  /** The WebSub hub every feed advertises and that `watch` notifies, exactly as written. */
  hub: z.url({ protocol: /^https?$/, message: "must be an absolute http(s) URL" }),
  /** Attempts after the first, with doubling delays from 1 s. */
  retries: z.int().min(0).max(10).default(4),
  /** Changed feeds named in one publish request (`hub.url`, repeated); 1 for hubs that take one. */
  urlsPerRequest: z.int().min(1).max(100).default(10),
});

const webfeedsSettings = z.strictObject({
  /** Hex colour without "#", e.g. "C1272D". */
  accentColor: z
    .string()
    .regex(/^[0-9A-Fa-f]{6}$/, 'must be six hex digits without "#", e.g. "C1272D"')
    .optional(),
  cover: imageReference.optional(),
});

const languageSettings = z.strictObject({
  title: text,
  description: text,
  /** The feed's author in this language; default: the site's `author`, else the title. */
  author: authorSchema.optional(),
});

export const siteConfigSchema = z
  .strictObject({
    /** Where the site's articles live; article URLs are built on it. */
    baseUrl: httpUrl,
    /** Where `dist/` is published, when not at `baseUrl`. */
    feedBaseUrl: httpUrl.optional(),
    defaultLanguage: languageTag.default("ar-MA"),
    timeZone: z
      .string()
      .refine(isKnownTimeZone, { message: 'must be an IANA time zone such as "Africa/Casablanca"' })
      .default("Africa/Casablanca"),
    itemLimit: z.int().min(1).max(10_000).default(50),
    outDir: relativeFolder.default("dist"),
    articlesDir: relativeFolder.default("articles"),
    /** The persistent cache that makes restarts warm; safe to delete at any time. */
    cacheDir: relativeFolder.default(DEFAULT_CACHE_DIR),
    /** Larger article files are refused with a problem, never read into memory. */
    maxArticleBytes: z
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    /** The date from which the site has held its domain: the date part of `tag:` ids (RFC 4151). */
    since: z
      .string()
      .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'must be "YYYY", "YYYY-MM" or "YYYY-MM-DD"')
      .default("2000"),
    /** Author of articles that name none (and no source). */
    author: authorSchema.optional(),
    /** Article URL under `baseUrl`: `{lang}` (empty for the default language), `{slug}`, `{yyyy}`, `{mm}`, `{dd}`. */
    permalink: z
      .string()
      .refine((template) => template.includes("{slug}"), { message: "must contain {slug}" })
      .default("{lang}/{slug}/"),
    /** Large square image, e.g. 512×512 (JSON Feed icon, webfeeds:icon). */
    icon: imageReference.optional(),
    /** Small square image, e.g. 64×64 (JSON Feed favicon, Atom icon); default: `icon`. */
    favicon: imageReference.optional(),
    /** Wide image, 2:1, at most 144×400 for RSS (Atom logo, RSS image). */
    logo: imageReference.optional(),
    /** Feedly's webfeeds extension in RSS. */
    webfeeds: webfeedsSettings.optional(),
    sections: sectionSettings.prefault({}),
    archive: archiveSettings.prefault({}),
    websub: websubSettings.optional(),
    /** Title and description of the feeds, per language; must include `defaultLanguage`. */
    languages: z.record(languageTag, languageSettings),
  })
  .superRefine((config, ctx) => {
    // nashra writes and replaces files in the cache folder: never in the config's own folder
    // (the config could be one of them), nor among the articles or the feeds.
    const cacheDir = normalFolder(config.cacheDir);
    const shared =
      cacheDir === "."
        ? "the config's own folder"
        : cacheDir === normalFolder(config.outDir)
          ? "the output folder"
          : cacheDir === normalFolder(config.articlesDir)
            ? "the articles folder"
            : undefined;
    if (shared !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["cacheDir"],
        message: `is ${shared}; nashra writes and replaces files in its cache folder, so give it one of its own, such as "${DEFAULT_CACHE_DIR}"`,
      });
    }
    if (config.archive.pageSize !== undefined && config.archive.pageSize > config.itemLimit) {
      ctx.addIssue({
        code: "custom",
        path: ["archive", "pageSize"],
        message: `is larger than itemLimit (${config.itemLimit}): the newest articles that do not fill an archive page would be in no document; make it at most itemLimit`,
      });
    }
    const languages = Object.keys(config.languages);
    if (!languages.includes(config.defaultLanguage)) {
      ctx.addIssue({
        code: "custom",
        path: ["languages"],
        message: `has no entry for the default language "${config.defaultLanguage}"; add one with its title and description`,
      });
    }
    const seen = new Map<string, string>();
    for (const language of languages) {
      const folder = primarySubtag(language);
      const other = seen.get(folder);
      if (other !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["languages", language],
          message: `shares its feed folder "${folder}/" with "${other}"; keep one language per primary subtag`,
        });
      }
      seen.set(folder, language);
    }
  });

/** A relative folder in one spelling: `./a/`, `a` and `b/../a` are the same folder. */
function normalFolder(relative: string): string {
  return path.posix.normalize(relative.replaceAll("\\", "/")).replace(/\/$/, "");
}

export type SiteConfigInput = zod.input<typeof siteConfigSchema>;
export type SiteSettings = zod.output<typeof siteConfigSchema>;
export type AuthorSettings = zod.output<typeof authorSchema>;
export type SectionSettings = zod.output<typeof sectionSettings>;
export type ArchiveSettings = zod.output<typeof archiveSettings>;
export type WebsubSettings = zod.output<typeof websubSettings>;
