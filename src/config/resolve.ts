// The config as the rest of nashra uses it: absolute folders, a loaded zone, derived URLs.
import path from "node:path";
import { primarySubtag } from "../locale/language.js";
import { deferredTimeZone, type TimeZone } from "../locale/timezone.js";
import type {
  ArchiveSettings,
  AuthorSettings,
  SectionSettings,
  SiteSettings,
  WebsubSettings,
} from "./schema.js";

export interface SiteLanguage {
  tag: string;
  title: string;
  description: string;
  /** Author of the feed itself, named in this language. */
  author: AuthorSettings | undefined;
  /** Folder of its feeds under the output folder: "" for the default language, else "fr/". */
  folder: string;
}

export interface SiteConfig {
  root: string;
  articlesDir: string;
  outDir: string;
  cacheDir: string;
  baseUrl: string;
  feedBaseUrl: string;
  host: string;
  defaultLanguage: string;
  languages: SiteLanguage[];
  zone: TimeZone;
  itemLimit: number;
  maxArticleBytes: number;
  since: string;
  permalink: string;
  /** Absolute URLs of the site's images, when configured. */
  images: { icon?: string; favicon?: string; logo?: string; cover?: string };
  accentColor: string | undefined;
  sections: SectionSettings;
  archive: Required<ArchiveSettings>;
  websub: WebsubSettings | undefined;
}

export function resolveConfig(settings: SiteSettings, root: string): SiteConfig {
  const languages = Object.entries(settings.languages).map(([tag, language]) => ({
    tag,
    title: language.title,
    description: language.description,
    author: language.author ?? settings.author,
    folder: tag === settings.defaultLanguage ? "" : `${primarySubtag(tag)}/`,
  }));
  return {
    root,
    articlesDir: path.resolve(root, settings.articlesDir),
    outDir: path.resolve(root, settings.outDir),
    cacheDir: path.resolve(root, settings.cacheDir),
    baseUrl: settings.baseUrl,
    feedBaseUrl: settings.feedBaseUrl ?? settings.baseUrl,
    host: new URL(settings.baseUrl).hostname,
    defaultLanguage: settings.defaultLanguage,
    languages,
    zone: deferredTimeZone(settings.timeZone),
    itemLimit: settings.itemLimit,
    maxArticleBytes: settings.maxArticleBytes,
    since: settings.since,
    permalink: settings.permalink,
    images: siteImages(settings),
    accentColor: settings.webfeeds?.accentColor?.toUpperCase(),
    sections: settings.sections,
    archive: { ...settings.archive, pageSize: settings.archive.pageSize ?? settings.itemLimit },
    websub: settings.websub,
  };
}

function siteImages(settings: SiteSettings): SiteConfig["images"] {
  const absolute = (reference: string | undefined) =>
    reference === undefined ? undefined : new URL(reference, settings.baseUrl).href;
  const icon = absolute(settings.icon);
  const entries = {
    icon,
    favicon: absolute(settings.favicon) ?? icon,
    logo: absolute(settings.logo),
    cover: absolute(settings.webfeeds?.cover),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, url]) => url !== undefined));
}
