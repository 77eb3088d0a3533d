// Section feeds, RFC 5005 archives, media and discovery, on small temporary sites.
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import type { SiteConfigInput } from "../../src/config/schema.js";
import { sectionSlug } from "../../src/locale/section-slug.js";
import { parseAtom, parseRss } from "../feed-checks.js";
import { article, makeSite, type TempSite } from "../helpers.js";

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

async function build(files: Record<string, string>, overrides: Partial<SiteConfigInput> = {}) {
  const site = await makeSite(files, overrides);
  sites.push(site);
  const result = await buildSite(site.config, {
    now: new Date("2030-01-01T00:00:00Z"),
    write: false,
  });
  expect(result.problems).toEqual([]);
  return { site, files: result.files };
}

const guids = (xml: string | undefined) =>
  (parseRss(xml ?? "").items ?? []).map((item) => item.guid?.value);

describe("sectionSlug", () => {
  it.each([
    ["تقارير", "تقارير"],
    ["تَقارير", "تقارير"],
    ["الساحل والصحراء", "الساحل-والصحراء"],
    ["Afrique de l’Ouest", "afrique-de-l-ouest"],
    ["C'est « ça » !", "c-est-ça"],
    ["Économie", "économie"],
    ["\u200Fمالي\u200F", "مالي"],
    ["a/../b", "a-b"],
    ["%2e%2e", "2e-2e"],
  ])("%s → %s", (name, slug) => {
    expect(sectionSlug(name)).toBe(slug);
  });

  it("gives punctuation alone a stable folder of its own", () => {
    expect(sectionSlug("!!!")).toMatch(/^s-[0-9a-f]{10}$/);
    expect(sectionSlug("!!!")).toBe(sectionSlug("!!!"));
    expect(sectionSlug("???")).not.toBe(sectionSlug("!!!"));
  });
});

describe("section feeds", () => {
  const FILES = {
    "a.md": article({
      title: "أ",
      date: "2024-01-01T10:00",
      category: "تقارير",
      tags: "[الساحل, مالي]",
      author: "سعاد",
    }),
    "b.md": article({
      title: "ب",
      date: "2024-01-02T10:00",
      category: "تَقارير",
      tags: "[الساحل]",
      source: "ومع",
    }),
    "c.md": article({
      title: "ج",
      date: "2024-01-03T10:00",
      category: "رياضة",
      author: "[سعاد, يوسف]",
    }),
    "fr/d.md": article({
      title: "D",
      date: "2024-01-04T10:00",
      lang: "fr",
      category: "Économie",
      tags: "[Sahel]",
    }),
  };

  it("has one feed per category, tag and author, per language, titled after the site and the section", async () => {
    const { files } = await build(FILES);
    const rss = parseRss(files.get("category/تقارير/rss.xml"));
    expect(rss.title).toBe("أخبار — تقارير");
    expect(rss.atom?.links?.[0]?.href).toBe(
      `https://news.example/category/${encodeURIComponent("تقارير")}/rss.xml`,
    );
    // «تَقارير» with a fatha is the same section as «تقارير».
    expect(guids(files.get("category/تقارير/rss.xml"))).toHaveLength(2);
    expect(guids(files.get("category/رياضة/rss.xml"))).toHaveLength(1);
    expect(guids(files.get("tag/الساحل/rss.xml"))).toHaveLength(2);
    expect(guids(files.get("author/سعاد/rss.xml"))).toHaveLength(2);
    expect(guids(files.get("author/ومع/rss.xml"))).toHaveLength(1);
    expect(parseRss(files.get("fr/category/économie/rss.xml")).language).toBe("fr-MA");
    expect(files.has("fr/tag/sahel/atom.xml")).toBe(true);
    expect(files.has("fr/tag/الساحل/atom.xml")).toBe(false);
  });

  it("can switch each family off, and limit the items of section feeds", async () => {
    const { files } = await build(FILES, {
      sections: { tags: false, authors: false, itemLimit: 1 },
    });
    expect(
      [...files.keys()].some((file) => file.includes("tag/") || file.includes("author/")),
    ).toBe(false);
    expect(guids(files.get("category/تقارير/rss.xml"))).toHaveLength(1);
  });
});

describe("RFC 5005 archives", () => {
  const month = (m: number, d: number) =>
    `2024-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T10:00`;
  const FILES = Object.fromEntries(
    [
      [1, 5],
      [1, 20],
      [2, 3],
      [4, 9],
    ].map(([m, d]) => [
      `${m}-${d}.md`,
      article({ title: `${m}/${d}`, date: month(m as number, d as number), id: `a-${m}-${d}` }),
    ]),
  );

  it("hold every published article, once, in documents linked to each other and to the feed", async () => {
    const { files } = await build(FILES, { itemLimit: 1 });
    expect(guids(files.get("rss.xml"))).toEqual(["tag:news.example,2017:a-4-9"]);
    const pages = ["2024-01", "2024-02", "2024-04"];
    const all = pages.flatMap((page) => guids(files.get(`archive/${page}/rss.xml`)));
    expect(all.sort()).toEqual([
      "tag:news.example,2017:a-1-20",
      "tag:news.example,2017:a-1-5",
      "tag:news.example,2017:a-2-3",
      "tag:news.example,2017:a-4-9",
    ]);
    const atom = (page: string) => parseAtom(files.get(`archive/${page}/atom.xml`));
    const rel = (page: string, name: string) =>
      atom(page).links?.find((link) => link.rel === name)?.href;
    const url = (page: string) => `https://news.example/archive/${page}/atom.xml`;
    expect(rel("2024-01", "prev-archive")).toBeUndefined();
    expect(rel("2024-01", "next-archive")).toBe(url("2024-02"));
    expect(rel("2024-02", "prev-archive")).toBe(url("2024-01"));
    expect(rel("2024-02", "next-archive")).toBe(url("2024-04"));
    expect(rel("2024-04", "next-archive")).toBeUndefined();
    expect(rel("2024-04", "current")).toBe("https://news.example/atom.xml");
    expect(
      parseAtom(files.get("atom.xml")).links?.find((l) => l.rel === "prev-archive")?.href,
    ).toBe(url("2024-04"));
    expect(files.get("archive/2024-02/atom.xml")).toContain("<fh:archive/>");
    expect(files.get("archive/2024-02/rss.xml")).toContain("<fh:archive/>");
    expect(files.get("atom.xml")).not.toContain("fh:archive");
    expect(JSON.parse(files.get("feed.json") ?? "").next_url).toBe(
      "https://news.example/archive/2024-04/feed.json",
    );
    expect(JSON.parse(files.get("archive/2024-02/feed.json") ?? "").next_url).toBe(
      "https://news.example/archive/2024-01/feed.json",
    );
  });

  it("never change a past page when a new article arrives, and an edit changes only its page", async () => {
    const { site } = await build(FILES);
    const before = await buildSite(site.config, {
      now: new Date("2030-01-01T00:00:00Z"),
      write: false,
    });
    await site.write("new.md", article({ title: "جديد", date: month(5, 1) }));
    const added = await buildSite(site.config, {
      now: new Date("2030-01-01T00:00:00Z"),
      write: false,
    });
    const changed = (a: Map<string, string>, b: Map<string, string>) =>
      [...b.keys()]
        .filter((file) => file.startsWith("archive/") && a.get(file) !== b.get(file))
        .sort();
    // Only the new period's documents appear, and the newest page gains its next-archive link
    // (JSON Feed links only to older pages, so its JSON stays as it was).
    expect(changed(before.files, added.files)).toEqual([
      "archive/2024-04/atom.xml",
      "archive/2024-04/rss.xml",
      "archive/2024-05/atom.xml",
      "archive/2024-05/feed.json",
      "archive/2024-05/rss.xml",
    ]);
    await site.write("2-3.md", article({ title: "2/3 مصحح", date: month(2, 3), id: "a-2-3" }));
    const edited = await buildSite(site.config, {
      now: new Date("2030-01-01T00:00:00Z"),
      write: false,
    });
    expect(changed(added.files, edited.files)).toEqual([
      "archive/2024-02/atom.xml",
      "archive/2024-02/feed.json",
      "archive/2024-02/rss.xml",
    ]);
  });

  it("can be per year or per day, or switched off", async () => {
    const yearly = await build(FILES, { archive: { period: "year" } });
    expect(
      [...yearly.files.keys()].filter((f) => f.endsWith("rss.xml") && f.startsWith("archive/")),
    ).toEqual(["archive/2024/rss.xml"]);
    const off = await build(FILES, { archive: { enabled: false } });
    expect([...off.files.keys()].some((f) => f.startsWith("archive/"))).toBe(false);
    expect(off.files.get("atom.xml")).not.toContain("prev-archive");
  });
});

describe("media", () => {
  it("takes the length from a file beside the article, or from the front matter", async () => {
    const site = await makeSite({
      "a.md": article({ title: "أ", date: "2024-01-01T10:00", image: "photo.jpg", alt: "صورة" }),
      "b.md": `---\ntitle: ب\ndate: 2024-01-02T10:00\nimage:\n  url: https://cdn.example/b.webp\n  caption: تعليق\n  credit: "تصوير: سعاد"\n  width: 1200\n  height: 800\n  length: 5000\n---\n`,
    });
    sites.push(site);
    await site.write("photo.jpg", Buffer.alloc(1234, 1));
    const { files } = await buildSite(site.config, {
      now: new Date("2030-01-01T00:00:00Z"),
      write: false,
    });
    const items = parseRss(files.get("rss.xml")).items ?? [];
    const [b, a] = items;
    expect(a?.enclosures).toEqual([
      { url: "https://news.example/a/photo.jpg", length: 1234, type: "image/jpeg" },
    ]);
    expect(b?.enclosures).toEqual([
      { url: "https://cdn.example/b.webp", length: 5000, type: "image/webp" },
    ]);
    expect(b?.media?.contents?.[0]).toMatchObject({
      url: "https://cdn.example/b.webp",
      medium: "image",
      width: 1200,
      height: 800,
      fileSize: 5000,
      description: { value: "تعليق", type: "plain" },
      credits: [{ value: "تصوير: سعاد" }],
    });
    expect(b?.media?.thumbnails).toEqual([
      { url: "https://cdn.example/b.webp", width: 1200, height: 800 },
    ]);
    expect(JSON.parse(files.get("feed.json") ?? "").items[0].image).toBe(
      "https://cdn.example/b.webp",
    );
  });

  it("has no icon, logo or webfeeds elements when none is configured", async () => {
    const { files } = await build({ "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) });
    expect(files.get("rss.xml")).not.toMatch(/<image>|webfeeds:icon|webfeeds:accentColor/);
    expect(files.get("atom.xml")).not.toMatch(/<icon>|<logo>/);
    expect(JSON.parse(files.get("feed.json") ?? "")).not.toHaveProperty("icon");
  });
});

describe("discovery", () => {
  it("lists the main feeds for a page's <head>, with language and title", async () => {
    const { files } = await build({ "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) });
    expect(files.get("autodiscovery.html")?.split("\n").filter(Boolean)).toEqual([
      '<link rel="alternate" type="application/rss+xml" hreflang="ar-MA" title="أخبار" href="https://news.example/rss.xml">',
      '<link rel="alternate" type="application/atom+xml" hreflang="ar-MA" title="أخبار" href="https://news.example/atom.xml">',
      '<link rel="alternate" type="application/feed+json" hreflang="ar-MA" title="أخبار" href="https://news.example/feed.json">',
      '<link rel="alternate" type="application/rss+xml" hreflang="fr-MA" title="Nouvelles" href="https://news.example/fr/rss.xml">',
      '<link rel="alternate" type="application/atom+xml" hreflang="fr-MA" title="Nouvelles" href="https://news.example/fr/atom.xml">',
      '<link rel="alternate" type="application/feed+json" hreflang="fr-MA" title="Nouvelles" href="https://news.example/fr/feed.json">',
    ]);
  });
});
