// Every file the sample site and the hard fixtures generate, checked by validators nobody on the
// team wrote: jing (RFC 4287's RELAX NG grammar), ajv (JSON Feed 1.1 schema), saxes (XML 1.0
// well-formedness), feedsmith and @rowanmanning/feed-parser (read back, field by field).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseFeed as parseWithRowanmanning } from "@rowanmanning/feed-parser";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { parseFeed as parseWithFeedsmith } from "feedsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../src/articles/article.js";
import { listArticleFiles } from "../src/articles/listing.js";
import { readArticles } from "../src/articles/load.js";
import { buildSite } from "../src/build.js";
import { loadConfig } from "../src/config/load.js";
import { creditedAuthors } from "../src/feeds/plan.js";
import { expectWellFormedXml } from "./feed-checks.js";
import { REPO_ROOT, SHARED_SCHEMAS } from "./helpers.js";

const NOW = new Date("2026-11-29T12:00:00Z");
const ATOM_GRAMMAR = path.join(SHARED_SCHEMAS, "atom.rnc");
const JSON_FEED_SCHEMA = path.join(SHARED_SCHEMAS, "jsonfeed-1.1.schema.json");
const hasJing = spawnSync("sh", ["-c", "command -v jing"]).status === 0;

// CI installs jing and has ../shared; a user's clone may have neither, and then says so.
for (const [missing, what] of [
  [!hasJing, "jing (Debian package jing)"],
  [!existsSync(ATOM_GRAMMAR), ATOM_GRAMMAR],
  [!existsSync(JSON_FEED_SCHEMA), JSON_FEED_SCHEMA],
] as const) {
  if (!missing) continue;
  if (process.env.CI === "true") throw new Error(`conformance tests need ${what}`);
  console.warn(`conformance: ${what} not found, those checks are skipped`);
}

/** RFC 822 as RSS 2.0 uses it (4-digit years, RFC 1123), with a numeric zone or GMT. */
const RFC822 =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?:0[1-9]|[12]\d|3[01]) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d (?:[+-](?:[01]\d|2[0-3])[0-5]\d|GMT)$/;

interface Site {
  name: string;
  files: Map<string, string>;
  articles: Map<string, Article>;
  dir: string;
}

const SITES = {
  sample: path.join(REPO_ROOT, "nashra.config.json"),
  "hard fixtures": path.join(REPO_ROOT, "tests", "fixtures", "hard-site", "nashra.config.json"),
};
const sites: Site[] = [];

beforeAll(async () => {
  for (const [name, configPath] of Object.entries(SITES)) {
    const loaded = await loadConfig(configPath);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const result = await buildSite(loaded.config, { now: NOW, write: false });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    const read = await readArticles(
      loaded.config,
      (await listArticleFiles(loaded.config.articlesDir)).files,
    );
    const articles = new Map(
      read.flatMap((r) => (r.article === undefined ? [] : [[r.article.id, r.article] as const])),
    );
    // The files on disk, for the command-line validator.
    const dir = await mkdtemp(path.join(os.tmpdir(), "nashra-conformance-"));
    for (const [file, content] of result.files) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    sites.push({ name, files: result.files, articles, dir });
  }
});

afterAll(async () => {
  for (const site of sites) await rm(site.dir, { recursive: true, force: true });
});

const byFormat = (site: Site, name: string) =>
  [...site.files.keys()].filter((file) => path.posix.basename(file) === name).sort();

describe.each(Object.keys(SITES))("%s", (siteName) => {
  const site = () => sites.find((s) => s.name === siteName) as Site;

  it("has RSS, Atom and JSON Feed for every document", () => {
    const { files } = site();
    expect(byFormat(site(), "rss.xml").length).toBeGreaterThan(2);
    for (const rss of byFormat(site(), "rss.xml")) {
      const folder = rss.slice(0, -"rss.xml".length);
      expect(files.has(`${folder}atom.xml`), folder).toBe(true);
      expect(files.has(`${folder}feed.json`), folder).toBe(true);
    }
  });

  it.skipIf(!hasJing || !existsSync(ATOM_GRAMMAR))(
    "every Atom document is valid against RFC 4287's RELAX NG grammar (jing)",
    () => {
      const files = byFormat(site(), "atom.xml").map((file) => path.join(site().dir, file));
      const run = spawnSync("jing", ["-c", ATOM_GRAMMAR, ...files], { encoding: "utf8" });
      // Debian's wrapper warns on stderr about optional jars it does not need; errors go to stdout.
      const errors = `${run.stdout}${run.stderr}`
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.startsWith("[warning]"));
      expect(errors).toEqual([]);
      expect(run.status).toBe(0);
    },
  );

  it("every Atom document meets the grammar's Schematron rules (authors, links or content)", () => {
    for (const file of byFormat(site(), "atom.xml")) {
      const parsed = parseWithFeedsmith(site().files.get(file) ?? "");
      if (parsed.format !== "atom") throw new Error(file);
      const feed = parsed.feed;
      for (const entry of feed.entries ?? []) {
        expect((feed.authors?.length ?? 0) + (entry.authors?.length ?? 0), file).toBeGreaterThan(0);
        const alternate = entry.links?.some((link) => (link.rel ?? "alternate") === "alternate");
        expect(alternate || entry.content !== undefined, file).toBe(true);
      }
    }
  });

  it.skipIf(!existsSync(JSON_FEED_SCHEMA))(
    "every JSON Feed is valid against the JSON Feed 1.1 schema (ajv, formats on)",
    async () => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats.default(ajv);
      const validate = ajv.compile(JSON.parse(await readFile(JSON_FEED_SCHEMA, "utf8")));
      for (const file of byFormat(site(), "feed.json")) {
        validate(JSON.parse(site().files.get(file) ?? ""));
        expect(validate.errors ?? [], file).toEqual([]);
      }
    },
  );

  it("every RSS document has the spec's required elements and RFC 822 dates", () => {
    for (const file of byFormat(site(), "rss.xml")) {
      const xml = site().files.get(file) ?? "";
      expectWellFormedXml(xml);
      const parsed = parseWithFeedsmith(xml);
      if (parsed.format !== "rss") throw new Error(file);
      const channel = parsed.feed;
      expect(channel.title, file).toBeTruthy();
      expect(channel.link, file).toMatch(/^https:\/\//);
      expect(channel.description, file).toBeTruthy();
      expect(channel.lastBuildDate, file).toMatch(RFC822);
      for (const item of channel.items ?? []) {
        expect(item.title ?? item.description, file).toBeTruthy();
        expect(item.pubDate, file).toMatch(RFC822);
        expect(item.guid?.value, file).toBeTruthy();
        for (const enclosure of item.enclosures ?? []) {
          expect(enclosure.url, file).toMatch(/^https?:\/\//);
          expect(enclosure.type, file).toMatch(/^image\//);
          expect(Number.isInteger(enclosure.length), file).toBe(true);
        }
      }
    }
  });

  it("two independent parsers read back what the articles say", () => {
    const { files, articles } = site();
    for (const file of [...byFormat(site(), "rss.xml"), ...byFormat(site(), "atom.xml")]) {
      const xml = files.get(file) ?? "";
      const ours = parseWithRowanmanning(xml);
      const theirs = parseWithFeedsmith(xml);
      const language = file.startsWith("fr/") ? "fr-MA" : "ar-MA";
      expect(ours.language, file).toBe(language);
      const theirItems =
        theirs.format === "rss"
          ? (theirs.feed.items ?? [])
          : theirs.format === "atom"
            ? (theirs.feed.entries ?? [])
            : [];
      expect(theirItems.length, file).toBe(ours.items.length);
      ours.items.forEach((item, index) => {
        const article = articles.get(item.id ?? "");
        expect(article, `${file}: ${item.id}`).toBeDefined();
        if (article === undefined) return;
        const other = theirItems[index] as { title?: string | { value?: string } };
        const otherTitle = typeof other.title === "string" ? other.title : other.title?.value;
        expect(item.title, file).toBe(article.title);
        expect(otherTitle, file).toBe(article.title);
        expect(item.url, file).toBe(article.url);
        expect(item.published?.getTime(), file).toBe(Math.floor(article.published / 1000) * 1000);
        // Archived entries carry the summary the latest feeds showed, and no HTML.
        if (file.includes("archive/")) {
          expect(item.content ?? undefined, file).toBeUndefined();
          expect(item.description, file).toBe(article.summary ?? article.excerpt);
        } else {
          expect(item.content, file).toMatch(/^<div dir="(?:rtl|ltr)" lang="(?:ar-MA|fr-MA)">/);
        }
        // An entry without authors inherits the feed's, which this parser reports in its place.
        const credited = creditedAuthors(article).map((person) => person.name);
        if (credited.length > 0)
          expect(
            item.authors.map((a) => a.name),
            file,
          ).toEqual(credited);
      });
    }
    for (const file of byFormat(site(), "feed.json")) {
      const parsed = parseWithFeedsmith(JSON.parse(files.get(file) ?? ""));
      if (parsed.format !== "json") throw new Error(file);
      for (const item of parsed.feed.items ?? []) {
        const article = articles.get(item.id ?? "");
        expect(item.title, file).toBe(article?.title);
        expect(item.url, file).toBe(article?.url);
        expect(item.language, file).toBe(article?.lang);
        if (file.includes("archive/")) {
          expect(item.content_html, file).toBeUndefined();
          expect(item.content_text, file).toBe(
            article?.summary ?? article?.excerpt ?? article?.title,
          );
        } else {
          expect(item.content_html, file).toMatch(/^<div dir="(?:rtl|ltr)" lang="[a-zA-Z-]+">/);
        }
        expect(Date.parse(item.date_published ?? ""), file).toBe(
          Math.floor((article?.published ?? 0) / 1000) * 1000,
        );
      }
    }
  });

  it("the OPML list is well-formed and lists every subscribable feed", () => {
    const opml = site().files.get("feeds.opml") ?? "";
    expectWellFormedXml(opml);
    const listed = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]);
    const subscribable = byFormat(site(), "rss.xml").filter((file) => !file.includes("archive/"));
    expect(listed).toHaveLength(subscribable.length);
  });
});
