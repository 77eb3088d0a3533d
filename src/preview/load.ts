// The preview's data, read from the output folder: each language's JSON Feed (nashra's own, so
// its shape is known, but it is checked field by field all the same) and feeds.opml for the
// section feeds. Reading what was written shows exactly what readers get.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SiteConfig } from "../config/resolve.js";
import { DISCOVERY_FILE_NAMES, FEED_FILE_NAMES } from "../feeds/feed-set.js";
import { formatHumanDate } from "../locale/human-dates.js";
import type { Preview, PreviewFeed, PreviewItem, PreviewSection } from "./model.js";
import { readOutlines } from "./opml.js";

/** Items shown per feed: a reader's first screen or two. */
const ITEMS_SHOWN = 20;

export async function loadPreview(
  config: SiteConfig,
  options: { live: boolean },
): Promise<Preview> {
  const sections = await readSections(config);
  const feeds = await Promise.all(
    config.languages.map((language) =>
      readFeed(config, language, sections.get(language.tag) ?? []),
    ),
  );
  const main = config.languages.find((language) => language.tag === config.defaultLanguage);
  return {
    lang: config.defaultLanguage,
    siteTitle: main?.title ?? config.host,
    feeds,
    live: options.live,
  };
}

async function readFeed(
  config: SiteConfig,
  language: SiteConfig["languages"][number],
  sections: PreviewSection[],
): Promise<PreviewFeed> {
  const links = {
    rss: `${language.folder}${FEED_FILE_NAMES.rss}`,
    atom: `${language.folder}${FEED_FILE_NAMES.atom}`,
    json: `${language.folder}${FEED_FILE_NAMES.json}`,
  };
  const base = {
    lang: language.tag,
    title: language.title,
    description: language.description,
    links,
    sections: sections.filter((section) => section.rss !== links.rss),
  };
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path.join(config.outDir, links.json), "utf8"));
  } catch {
    return { ...base, items: [], written: false };
  }
  const record = asRecord(data);
  const items = Array.isArray(record.items) ? record.items : [];
  return {
    ...base,
    title: text(record.title) ?? base.title,
    description: text(record.description) ?? base.description,
    items: items.slice(0, ITEMS_SHOWN).map((item) => toItem(config, asRecord(item), language.tag)),
    written: true,
  };
}

function toItem(config: SiteConfig, item: Record<string, unknown>, feedLang: string): PreviewItem {
  const lang = text(item.language) ?? feedLang;
  const datetime = text(item.date_published);
  const parsed = datetime === undefined ? Number.NaN : Date.parse(datetime);
  const published = Number.isNaN(parsed) ? undefined : parsed;
  const authors = Array.isArray(item.authors)
    ? item.authors.flatMap((author) => {
        const name = text(asRecord(author).name);
        return name === undefined ? [] : [name];
      })
    : [];
  return {
    title: text(item.title) ?? "",
    url: httpUrl(item.url),
    lang,
    date: published === undefined ? undefined : formatHumanDate(published, config.zone, lang),
    datetime,
    summary: text(item.summary),
    image: httpUrl(item.image),
    authors,
  };
}

/** Section feeds by language, from feeds.opml, as paths on the preview server. */
async function readSections(config: SiteConfig): Promise<Map<string, PreviewSection[]>> {
  const byLanguage = new Map<string, PreviewSection[]>();
  let xml: string;
  try {
    xml = await readFile(path.join(config.outDir, DISCOVERY_FILE_NAMES.opml), "utf8");
  } catch {
    return byLanguage;
  }
  for (const outline of readOutlines(xml)) {
    const xmlUrl = outline.get("xmlUrl");
    const lang = outline.get("language");
    if (!xmlUrl || !lang) continue;
    const local = localPath(config, xmlUrl);
    if (local === undefined) continue;
    const list = byLanguage.get(lang) ?? [];
    list.push({ title: outline.get("title") ?? local, rss: local });
    byLanguage.set(lang, list);
  }
  return byLanguage;
}

/** A feed URL under `feedBaseUrl` as a path on the preview server, decoded for display. */
function localPath(config: SiteConfig, url: string): string | undefined {
  if (!url.startsWith(config.feedBaseUrl)) return undefined;
  try {
    return decodeURIComponent(url.slice(config.feedBaseUrl.length));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function httpUrl(value: unknown): string | undefined {
  const url = text(value);
  return url !== undefined && /^https?:\/\//i.test(url) ? url : undefined;
}
