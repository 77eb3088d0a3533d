// The site config: the zod schema is the single source of its type, its checks and its defaults.
import { z } from "zod";
import { canonicalLanguageTag, isLanguageTag, primarySubtag } from "../locale/language.js";
import { isKnownTimeZone } from "../locale/timezone.js";

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
    /** Title and description of the feeds, per language; must include `defaultLanguage`. */
    languages: z.record(languageTag, languageSettings),
  })
  .superRefine((config, ctx) => {
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

export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteSettings = z.output<typeof siteConfigSchema>;
export type AuthorSettings = z.output<typeof authorSchema>;
