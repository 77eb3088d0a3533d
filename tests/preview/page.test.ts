// The preview page: built from the feeds a real build wrote, and rendered with every value escaped.
import { parse } from "parse5";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import { loadPreview } from "../../src/preview/load.js";
import type { Preview } from "../../src/preview/model.js";
import { renderPreviewPage } from "../../src/preview/page.js";
import { article, makeSite, type TempSite } from "../helpers.js";

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

const NOW = new Date("2026-11-29T12:00:00Z");

describe("the preview's data", () => {
  it("reads each language's feed back, with Arabic and French dates as editors write them", async () => {
    const site = await makeSite({
      "2017/bamako.md": article({
        title: "المغرب يشارك في مؤتمر بباماكو",
        date: "الخميس 12 أكتوبر 2017",
        summary: "ملخص الخبر",
        category: "تقارير",
        image: "https://news.example/images/bamako.jpg",
      }),
      "fr/agrumes.md": article(
        { title: "Agrumes", date: "2018-02-15T17:20", lang: "fr", author: "Souad Alaoui" },
        "Texte.",
      ),
    });
    sites.push(site);
    const built = await buildSite(site.config, { now: NOW, cache: false });
    expect(built.ok).toBe(true);
    const preview = await loadPreview(site.config, { live: false });
    expect(preview.lang).toBe("ar-MA");
    const [arabic, french] = preview.feeds;
    expect(arabic?.links).toEqual({ rss: "rss.xml", atom: "atom.xml", json: "feed.json" });
    expect(arabic?.items).toMatchObject([
      {
        title: "المغرب يشارك في مؤتمر بباماكو",
        lang: "ar-MA",
        date: "الخميس 12 أكتوبر 2017",
        datetime: "2017-10-12T00:00:00+01:00",
        summary: "ملخص الخبر",
        image: "https://news.example/images/bamako.jpg",
        url: "https://news.example/bamako/",
      },
    ]);
    expect(arabic?.sections).toContainEqual({
      title: "أخبار — تقارير",
      rss: "category/تقارير/rss.xml",
    });
    expect(french?.links.rss).toBe("fr/rss.xml");
    expect(french?.items).toMatchObject([
      { lang: "fr-MA", date: "jeudi 15 février 2018 à 17 h 20", authors: ["Souad Alaoui"] },
    ]);
  });

  it("says which feeds are not written yet", async () => {
    const site = await makeSite();
    sites.push(site);
    const preview = await loadPreview(site.config, { live: false });
    expect(preview.feeds.map((feed) => feed.written)).toEqual([false, false]);
    expect(renderPreviewPage(preview)).toContain("nashra build");
  });
});

const HOSTILE: Preview = {
  lang: "ar-MA",
  siteTitle: 'أخبار <script>alert("t")</script>',
  live: true,
  feeds: [
    {
      lang: "ar-MA",
      title: "أخبار & <b>",
      description: '"quoted"',
      links: { rss: "rss.xml", atom: "atom.xml", json: "feed.json" },
      sections: [{ title: "تقارير <i>", rss: "category/تقارير/rss.xml" }],
      written: true,
      items: [
        {
          title: "<img src=x onerror=alert(1)>",
          url: 'https://news.example/a/"onmouseover="x',
          lang: "ar-MA",
          date: "الخميس 12 أكتوبر 2017",
          datetime: "2017-10-12T00:00:00+01:00",
          summary: "</p><script>alert(2)</script>",
          image: "https://news.example/i.jpg",
          authors: ["ومع"],
        },
      ],
    },
    {
      lang: "fr-MA",
      title: "Nouvelles",
      description: "d",
      links: { rss: "fr/rss.xml", atom: "fr/atom.xml", json: "fr/feed.json" },
      sections: [],
      written: true,
      items: [],
    },
  ],
};

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[] };
function elements(node: Node, name: string, found: Node[] = []): Node[] {
  if (node.nodeName === name) found.push(node);
  for (const child of node.childNodes ?? []) elements(child, name, found);
  for (const child of (node as { content?: Node }).content?.childNodes ?? [])
    elements(child, name, found);
  return found;
}
const attribute = (node: Node | undefined, name: string) =>
  node?.attrs?.find((each) => each.name === name)?.value;

describe("renderPreviewPage", () => {
  const html = renderPreviewPage(HOSTILE);
  const document = parse(html) as unknown as Node;

  it("escapes every value: the only script is nashra's own", () => {
    const scripts = elements(document, "script");
    expect(scripts).toHaveLength(1);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(elements(document, "img").map((img) => attribute(img, "src"))).toEqual([
      "https://news.example/i.jpg",
    ]);
    const link = elements(document, "a").find((a) => attribute(a, "href")?.includes("onmouseover"));
    expect(attribute(link, "href")).toBe('https://news.example/a/"onmouseover="x');
    expect(attribute(link, "onmouseover")).toBeUndefined();
  });

  it("is right to left in Arabic and left to right in French, with lang on each part", () => {
    const root = elements(document, "html")[0];
    expect([attribute(root, "lang"), attribute(root, "dir")]).toEqual(["ar-MA", "rtl"]);
    const sections = elements(document, "section");
    expect(
      sections.map((section) => [attribute(section, "lang"), attribute(section, "dir")]),
    ).toEqual([
      ["ar-MA", "rtl"],
      ["fr-MA", "ltr"],
    ]);
    const item = elements(document, "article")[0];
    expect([attribute(item, "lang"), attribute(item, "dir")]).toEqual(["ar-MA", "rtl"]);
    expect(html).toContain(
      '<time datetime="2017-10-12T00:00:00+01:00">الخميس 12 أكتوبر 2017</time>',
    );
  });

  it("links every feed for autodiscovery and for subscribing, encoded", () => {
    const alternates = elements(document, "link").filter(
      (link) => attribute(link, "rel") === "alternate",
    );
    expect(alternates.map((link) => [attribute(link, "type"), attribute(link, "href")])).toEqual([
      ["application/rss+xml", "/rss.xml"],
      ["application/atom+xml", "/atom.xml"],
      ["application/feed+json", "/feed.json"],
      ["application/rss+xml", "/fr/rss.xml"],
      ["application/atom+xml", "/fr/atom.xml"],
      ["application/feed+json", "/fr/feed.json"],
    ]);
    expect(html).toContain('href="/category/%D8%AA%D9%82%D8%A7%D8%B1%D9%8A%D8%B1/rss.xml"');
    expect(html).toContain("تقارير &lt;i&gt;");
  });

  it("listens for changes only when live, and allows no other script", () => {
    const policy = elements(document, "meta").find(
      (meta) => attribute(meta, "http-equiv") === "Content-Security-Policy",
    );
    expect(attribute(policy, "content")).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(html).toContain('new EventSource("/events")');
    expect(renderPreviewPage({ ...HOSTILE, live: false })).not.toContain("<script");
  });
});
