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
const FEEDS = ["rss.xml", "atom.xml", "feed.json", "fr/rss.xml", "fr/atom.xml", "fr/feed.json"];

let files: Map<string, string>;

beforeAll(async () => {
  const loaded = await loadConfig(path.join(REPO_ROOT, "nashra.config.json"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const result = await buildSite(loaded.config, { now: NOW, write: false });
  expect(result.problems).toEqual([]);
  files = result.files;
});

describe("golden files", () => {
  it("builds exactly the six feeds", () => {
    expect([...files.keys()].sort()).toEqual([...FEEDS].sort());
  });

  it.each(FEEDS)("%s matches tests/golden/%s", async (name) => {
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

describe("the Arabic feeds, read back", () => {
  it("RSS", () => {
    const rss = parseRss(files.get("rss.xml") ?? "");
    expect(rss.language).toBe("ar-MA");
    expect(rss.description).toBe("آخر أخبار المغرب والعالم من أحداث أنفو");
    expect(rss.lastBuildDate).toBe("Fri, 13 Oct 2017 18:05:00 +0100");
    expect(rss.atom?.links).toEqual([
      { href: "https://ahdath.example/rss.xml", rel: "self", type: "application/rss+xml" },
    ]);
    const [sessions, seed] = rss.items ?? [];
    expect(rss.items).toHaveLength(2);
    expect(seed).toMatchObject({
      title: SEED.title,
      link: SEED.link,
      guid: { value: SEED.id, isPermaLink: false },
      pubDate: SEED.rfc822,
      dc: { creators: [SEED.creator] },
      categories: [{ name: SEED.category }],
    });
    expect(seed?.description).toMatch(/^انطلقت، اليوم الخميس بباماكو/);
    expect(seed?.content?.encoded).toMatch(/^<div dir="rtl" lang="ar-MA">/);
    expect(seed?.content?.encoded).toContain("محمد العروشي");
    expect(sessions).toMatchObject({
      title: SESSIONS.title,
      guid: { value: SESSIONS.id, isPermaLink: false },
      pubDate: SESSIONS.rfc822,
      enclosures: [{ url: SESSIONS.image, length: 4588, type: "image/png" }],
      categories: [{ name: "تقارير" }, { name: "الساحل" }, { name: "مالي" }, { name: "الإرهاب" }],
    });
    expect(sessions?.content?.encoded).toContain("<ol>");
    expect(sessions?.content?.encoded).toContain('<a href="https://au.int/ar">');
  });

  it("Atom", () => {
    const atom = parseAtom(files.get("atom.xml") ?? "");
    expect(atom.xml?.lang).toBe("ar-MA");
    expect(atom.updated).toBe(SESSIONS.updated);
    expect(atom.links).toContainEqual({
      rel: "self",
      type: "application/atom+xml",
      href: "https://ahdath.example/atom.xml",
    });
    const [sessions, seed] = atom.entries ?? [];
    expect(seed).toMatchObject({
      id: SEED.id,
      title: { type: "text", value: SEED.title },
      published: SEED.rfc3339,
      updated: SEED.rfc3339,
      links: [{ rel: "alternate", type: "text/html", href: SEED.link }],
      authors: [{ name: SEED.creator }],
      xml: { lang: "ar-MA" },
    });
    expect(sessions).toMatchObject({
      id: SESSIONS.id,
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
    expect(json.language).toBe("ar-MA");
    expect(json.authors).toEqual([{ name: "أحداث أنفو", url: "https://ahdath.example/" }]);
    const [sessions, seed] = json.items ?? [];
    expect(seed).toMatchObject({
      id: SEED.id,
      url: SEED.link,
      title: SEED.title,
      date_published: SEED.rfc3339,
      authors: [{ name: SEED.creator }],
      language: "ar-MA",
    });
    expect(sessions).toMatchObject({
      id: SESSIONS.id,
      image: SESSIONS.image,
      date_published: SESSIONS.published,
      date_modified: SESSIONS.updated,
    });
  });
});

describe("the French feeds, read back", () => {
  it("carry the French article alone, left to right, with its own language", () => {
    const rss = parseRss(files.get("fr/rss.xml") ?? "");
    const atom = parseAtom(files.get("fr/atom.xml") ?? "");
    const json = parseJson(files.get("fr/feed.json") ?? "");
    expect(rss.language).toBe("fr-MA");
    expect(
      rss.items?.map((item) => [item.title, item.link, item.guid?.value, item.pubDate]),
    ).toEqual([[FRENCH.title, FRENCH.link, FRENCH.id, FRENCH.rfc822]]);
    expect(atom.xml?.lang).toBe("fr-MA");
    expect(atom.authors).toEqual([{ name: "Ahdath Info", uri: "https://ahdath.example/fr/" }]);
    expect(atom.entries?.[0]).toMatchObject({
      id: FRENCH.id,
      published: FRENCH.rfc3339,
      xml: { lang: "fr-MA" },
    });
    expect(json.items?.[0]).toMatchObject({
      id: FRENCH.id,
      language: "fr-MA",
      tags: ["Rapports", "Sahel", "Mali", "sécurité"],
    });
    expect(json.items?.[0]?.content_html).toMatch(/^<div dir="ltr" lang="fr-MA">/);
    // The Arabic title quoted inside keeps its own direction.
    expect(json.items?.[0]?.content_html).toContain('lang="ar" dir="rtl"');
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
