// The sample site's feeds: golden files, read back by independent parsers and checked field by
// field against what the articles say, and the JSON Feed checked against the 1.1 schema.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import { loadConfig } from "../../src/config/load.js";
import { parseAtom, parseJson, parseRss } from "../feed-checks.js";
import { REPO_ROOT, SHARED_SCHEMAS } from "../helpers.js";

const GOLDEN = path.join(REPO_ROOT, "tests", "golden");
const NOW = new Date("2026-11-29T12:00:00Z");
const MAIN_FEEDS = [
  "rss.xml",
  "atom.xml",
  "feed.json",
  "fr/rss.xml",
  "fr/atom.xml",
  "fr/feed.json",
];
// Every main feed, and one document of each other kind: the conformance tests read all of them.
const GOLDEN_FILES = [
  ...MAIN_FEEDS,
  "category/تقارير/rss.xml",
  "tag/الساحل/atom.xml",
  "author/ومع/feed.json",
  "archive/1/atom.xml",
  "archive/2/rss.xml",
  "archive/2/feed.json",
  "feeds.opml",
  "autodiscovery.html",
];

let files: Map<string, string>;

beforeAll(async () => {
  const loaded = await loadConfig(path.join(REPO_ROOT, "nashra.config.json"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const result = await buildSite(loaded.config, { now: NOW, write: false });
  expect(result.problems).toEqual([]);
  files = result.files;
});

describe("golden files", () => {
  it("builds the main feeds, sections, archives and discovery files", () => {
    for (const file of GOLDEN_FILES) expect(files.has(file), file).toBe(true);
  });

  it.each(GOLDEN_FILES)("%s matches tests/golden/%s", async (name) => {
    const golden = path.join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === "1") {
      await mkdir(path.dirname(golden), { recursive: true });
      await writeFile(golden, files.get(name) ?? "");
    }
    expect(files.get(name)).toBe(await readFile(golden, "utf8"));
  });
});

const SEED = {
  title: "المغرب يشارك في مؤتمر إقليمي بباماكو حول الأمن",
  link: "https://ahdath.example/morocco-bamako-security-conference/",
  id: "tag:ahdath.example,2017:ar/2017-10-12T00:00:00",
  rfc822: "Thu, 12 Oct 2017 00:00:00 +0100",
  rfc3339: "2017-10-12T00:00:00+01:00",
  creator: "ومع",
  category: "تقارير",
};
const SESSIONS = {
  title: "ثلاث جلسات لمؤتمر باماكو حول الأمن في الساحل وغرب إفريقيا",
  link: "https://ahdath.example/bamako-conference-sessions/",
  id: "tag:ahdath.example,2017:bamako-conference-sessions-2017",
  rfc822: "Fri, 13 Oct 2017 10:30:00 +0100",
  published: "2017-10-13T10:30:00+01:00",
  updated: "2017-10-13T18:05:00+01:00",
  image: "https://ahdath.example/bamako-conference-sessions/images/bamako-conference.png",
};
const FRENCH = {
  title: "Sécurité au Sahel : le Maroc à la conférence régionale de Bamako",
  link: "https://ahdath.example/fr/maroc-conference-securite-bamako/",
  id: "tag:ahdath.example,2017:maroc-bamako-securite-2017-fr",
  rfc822: "Thu, 12 Oct 2017 16:45:00 +0100",
  rfc3339: "2017-10-12T16:45:00+01:00",
};

const byId = <T extends { id?: string; guid?: { value?: string } }>(
  items: T[] | undefined,
  id: string,
) => items?.find((item) => (item.id ?? item.guid?.value) === id);

describe("the Arabic feeds, read back", () => {
  it("RSS", () => {
    const rss = parseRss(files.get("rss.xml") ?? "");
    expect(rss.language).toBe("ar-MA");
    expect(rss.description).toBe("آخر أخبار المغرب والعالم من أحداث أنفو");
    expect(rss.lastBuildDate).toBe("Thu, 22 Mar 2018 08:30:00 +0000");
    expect(rss.image).toEqual({
      url: "https://ahdath.example/images/logo-144x72.png",
      title: "أحداث أنفو",
      link: "https://ahdath.example/",
    });
    expect(rss.atom?.links).toEqual([
      { href: "https://ahdath.example/rss.xml", rel: "self", type: "application/rss+xml" },
      {
        href: "https://ahdath.example/archive/2/rss.xml",
        rel: "prev-archive",
        type: "application/rss+xml",
      },
    ]);
    expect(rss.items).toHaveLength(9);
    expect(byId(rss.items, SEED.id)).toMatchObject({
      title: SEED.title,
      link: SEED.link,
      pubDate: SEED.rfc822,
      dc: { creators: [SEED.creator] },
      categories: [{ name: SEED.category }],
    });
    const seed = byId(rss.items, SEED.id);
    expect(seed?.description).toMatch(/^انطلقت، اليوم الخميس بباماكو/);
    expect(seed?.content?.encoded).toMatch(/^<div dir="rtl" lang="ar-MA">/);
    expect(seed?.content?.encoded).toContain("محمد العروشي");
    const sessions = byId(rss.items, SESSIONS.id);
    expect(sessions).toMatchObject({
      title: SESSIONS.title,
      pubDate: SESSIONS.rfc822,
      enclosures: [{ url: SESSIONS.image, length: 4588, type: "image/png" }],
      categories: [{ name: "تقارير" }, { name: "الساحل" }, { name: "مالي" }, { name: "الإرهاب" }],
      media: {
        contents: [
          {
            url: SESSIONS.image,
            type: "image/png",
            medium: "image",
            fileSize: 4588,
            description: { value: "قاعة اجتماعات مؤتمر باماكو الإقليمي حول الأمن", type: "plain" },
          },
        ],
        thumbnails: [{ url: SESSIONS.image }],
      },
    });
    expect(sessions?.content?.encoded).toContain("<ol>");
    expect(sessions?.content?.encoded).toContain('<a href="https://au.int/ar">');
    const raw = files.get("rss.xml") ?? "";
    expect(raw).toContain(
      "<webfeeds:icon>https://ahdath.example/images/icon-512.png</webfeeds:icon>",
    );
    expect(raw).toContain('<webfeeds:cover image="https://ahdath.example/images/cover.jpg"/>');
    expect(raw).toContain("<webfeeds:accentColor>C1272D</webfeeds:accentColor>");
  });

  it("Atom", () => {
    const atom = parseAtom(files.get("atom.xml") ?? "");
    expect(atom.xml?.lang).toBe("ar-MA");
    expect(atom.updated).toBe("2018-03-22T08:30:00+00:00");
    expect(atom.icon).toBe("https://ahdath.example/images/icon-64.png");
    expect(atom.logo).toBe("https://ahdath.example/images/logo-144x72.png");
    expect(atom.links).toContainEqual({
      rel: "self",
      type: "application/atom+xml",
      href: "https://ahdath.example/atom.xml",
    });
    expect(atom.links).toContainEqual({
      rel: "prev-archive",
      type: "application/atom+xml",
      href: "https://ahdath.example/archive/2/atom.xml",
    });
    expect(byId(atom.entries, SEED.id)).toMatchObject({
      title: { type: "text", value: SEED.title },
      published: SEED.rfc3339,
      updated: SEED.rfc3339,
      links: [{ rel: "alternate", type: "text/html", href: SEED.link }],
      authors: [{ name: SEED.creator }],
      xml: { lang: "ar-MA" },
    });
    const sessions = byId(atom.entries, SESSIONS.id);
    expect(sessions).toMatchObject({
      published: SESSIONS.published,
      updated: SESSIONS.updated,
      xml: { lang: "ar-MA" },
    });
    expect(sessions?.links).toContainEqual({
      rel: "enclosure",
      type: "image/png",
      href: SESSIONS.image,
      length: 4588,
      title: "قاعة اجتماعات مؤتمر باماكو الإقليمي حول الأمن",
    });
  });

  it("JSON Feed 1.1", () => {
    const text = files.get("feed.json") ?? "";
    expect(JSON.parse(text).version).toBe("https://jsonfeed.org/version/1.1");
    const json = parseJson(text);
    expect(json).toMatchObject({
      language: "ar-MA",
      authors: [{ name: "أحداث أنفو", url: "https://ahdath.example/" }],
      icon: "https://ahdath.example/images/icon-512.png",
      favicon: "https://ahdath.example/images/icon-64.png",
      next_url: "https://ahdath.example/archive/2/feed.json",
    });
    expect(byId(json.items, SEED.id)).toMatchObject({
      url: SEED.link,
      title: SEED.title,
      date_published: SEED.rfc3339,
      authors: [{ name: SEED.creator }],
      language: "ar-MA",
    });
    expect(byId(json.items, SESSIONS.id)).toMatchObject({
      image: SESSIONS.image,
      date_published: SESSIONS.published,
      date_modified: SESSIONS.updated,
    });
  });
});

describe("the French feeds, read back", () => {
  it("carry the French articles alone, left to right, with their own language", () => {
    const rss = parseRss(files.get("fr/rss.xml") ?? "");
    const atom = parseAtom(files.get("fr/atom.xml") ?? "");
    const json = parseJson(files.get("fr/feed.json") ?? "");
    expect(rss.language).toBe("fr-MA");
    expect(rss.items).toHaveLength(3);
    expect(byId(rss.items, FRENCH.id)).toMatchObject({
      title: FRENCH.title,
      link: FRENCH.link,
      pubDate: FRENCH.rfc822,
    });
    expect(atom.xml?.lang).toBe("fr-MA");
    expect(atom.authors).toEqual([{ name: "Ahdath Info", uri: "https://ahdath.example/fr/" }]);
    expect(byId(atom.entries, FRENCH.id)).toMatchObject({
      published: FRENCH.rfc3339,
      xml: { lang: "fr-MA" },
    });
    const item = byId(json.items, FRENCH.id);
    expect(item).toMatchObject({
      language: "fr-MA",
      tags: ["Rapports", "Sahel", "Mali", "sécurité"],
    });
    expect(item?.content_html).toMatch(/^<div dir="ltr" lang="fr-MA">/);
    // The Arabic title quoted inside keeps its own direction.
    expect(item?.content_html).toContain('lang="ar" dir="rtl"');
  });
});

describe("JSON Feed 1.1 schema", () => {
  const schemaFile = path.join(SHARED_SCHEMAS, "jsonfeed-1.1.schema.json");
  it.skipIf(!existsSync(schemaFile))(
    "both JSON feeds validate (schema from ../shared/schemas)",
    async () => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats.default(ajv);
      const validate = ajv.compile(JSON.parse(await readFile(schemaFile, "utf8")));
      for (const name of ["feed.json", "fr/feed.json"]) {
        const valid = validate(JSON.parse(files.get(name) ?? ""));
        expect(validate.errors ?? [], name).toEqual([]);
        expect(valid).toBe(true);
      }
    },
  );
  if (!existsSync(schemaFile)) {
    // A user's clone has no ../shared; CI always has it, so there the check must run.
    if (process.env.CI === "true") throw new Error(`JSON Feed schema missing at ${schemaFile}`);
    console.warn(`JSON Feed schema not found at ${schemaFile}: schema validation skipped`);
  }
});
