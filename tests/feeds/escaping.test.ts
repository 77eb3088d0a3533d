import { describe, expect, it } from "vitest";
import { parseArticleSource } from "../../src/articles/parse.js";
import { validateArticle } from "../../src/articles/validate.js";
import { validateConfig } from "../../src/config/load.js";
import { generateFeeds } from "../../src/generate.js";
import { parseAtom, parseJson, parseRss } from "../feed-checks.js";
import { TEST_CONFIG } from "../helpers.js";

const resolved = validateConfig(TEST_CONFIG, "/site");
if (!resolved.ok) throw new Error("test config is invalid");
const config = resolved.config;

function feedsOf(text: string) {
  const parsed = parseArticleSource("articles/hard.md", text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const { article, problems } = validateArticle(parsed.source, config);
  if (article === undefined) throw new Error(JSON.stringify(problems));
  const { files } = generateFeeds(config, [article], Date.parse("2030-01-01T00:00:00Z"));
  return {
    rss: parseRss(files.get("rss.xml") ?? ""),
    atom: parseAtom(files.get("atom.xml") ?? ""),
    json: parseJson(files.get("feed.json") ?? ""),
    raw: [...files.values()].join("\n"),
  };
}

const HARD_TITLE = "الخبر <b>Tom & Jerry</b> ]]> \"x\" \u0001 'y' \uFFFF 😀";
const EXPECTED_TITLE = "الخبر <b>Tom & Jerry</b> ]]> \"x\" 'y' 😀";

describe("escaping", () => {
  const feeds = feedsOf(`---
title: ${JSON.stringify(HARD_TITLE)}
summary: "a < b && c ]]> d"
date: 2017-10-12T10:00
slug: hard
---
Text with ]]> and <, & and a control \u0002 character.
`);

  it("keeps a title as plain text in all three formats, minus what XML cannot carry", () => {
    expect(feeds.rss.items?.[0]?.title).toBe(EXPECTED_TITLE);
    expect(feeds.atom.entries?.[0]?.title).toEqual({ type: "text", value: EXPECTED_TITLE });
    expect(feeds.json.items?.[0]?.title).toBe(EXPECTED_TITLE);
  });

  it("carries <, & and ]]> in summaries and content", () => {
    // RSS description is HTML: the plain-text summary is escaped as HTML, then as XML.
    expect(feeds.raw).toContain(
      "<description>a &amp;lt; b &amp;amp;&amp;amp; c ]]&amp;gt; d</description>",
    );
    expect(feeds.atom.entries?.[0]?.summary).toEqual({ type: "text", value: "a < b && c ]]> d" });
    // JSON.parse is exact: the HTML escapes < and & once.
    const html = feeds.json.items?.[0]?.content_html ?? "";
    expect(html).toContain("<p>Text with ]]&gt; and &lt;, &amp; and a control  character.</p>");
    // In XML that HTML is text, escaped once more.
    expect(feeds.raw).toContain(
      "Text with ]]&amp;gt; and &amp;lt;, &amp;amp; and a control  character.",
    );
    // feedsmith decodes the HTML's entities too; both XML formats must still agree.
    expect(feeds.atom.entries?.[0]?.content?.value).toBe(feeds.rss.items?.[0]?.content?.encoded);
  });

  it("writes no XML-invalid character anywhere", () => {
    for (const character of ["\u0001", "\u0002", "\uFFFF"]) {
      expect(feeds.raw.includes(character)).toBe(false);
    }
  });
});

describe("summaries", () => {
  it("never let markup through RSS description, whatever the first paragraph holds", () => {
    const feeds = feedsOf(`---
title: t
date: 2017-10-12T10:00
slug: code
---
Use \`<img src=x onerror=alert(1)>\` and &lt;b&gt; in text.
`);
    expect(feeds.raw).toContain(
      "<description>Use &amp;lt;img src=x onerror=alert(1)&amp;gt; and &amp;lt;b&amp;gt; in text.</description>",
    );
    expect(feeds.json.items?.[0]?.summary).toBe(
      "Use <img src=x onerror=alert(1)> and <b> in text.",
    );
  });

  it("are cut at a word, never inside an emoji", () => {
    const feeds = feedsOf(`---
title: t
date: 2017-10-12T10:00
slug: long
---
${"😀".repeat(299)}😀😀 ${"كلمة ".repeat(80)}
`);
    const summary = feeds.json.items?.[0]?.summary ?? "";
    expect(summary).toBe(`${"😀".repeat(300)}…`);
    expect(summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("content HTML", () => {
  const feeds = feedsOf(`---
title: محتوى
date: 2017-10-12T10:00
slug: content
image: photo.jpg
---
<script>alert(1)</script>
<img src="x.png" onerror="alert(2)">
<a href="JaVaScRiPt:alert(3)">a</a> <a href="java&#x09;script:alert(4)">b</a>
<iframe src="https://evil.example/"></iframe>

[md](javascript:alert(5)) [vb](vbscript:msgbox) ![svg](data:image/svg+xml;base64,PHN2Zz4=)
<p style="color:red" onclick="alert(6)" dir="ltr" lang="en">English inside</p>

[previous](../older/) [section](/ar/reports/) [mail](mailto:desk@news.example) ![pic](img/a.png "t")
`);
  const html = feeds.rss.items?.[0]?.content?.encoded ?? "";

  it("is wrapped with the article's direction and language", () => {
    expect(html.startsWith('<div dir="rtl" lang="ar-MA">')).toBe(true);
    expect(html.endsWith("</div>")).toBe(true);
  });

  it("drops scripts, event handlers, styles, frames and script URLs", () => {
    expect(html).not.toMatch(
      /<script|<iframe|\son\w+=|style=|(?:href|src)="(?:javascript|vbscript|data):/i,
    );
    expect(html).toContain("<a>a</a> <a>b</a>");
  });

  it("keeps the markup a news article needs, with its own dir and lang", () => {
    expect(html).toContain('<p dir="ltr" lang="en">English inside</p>');
  });

  it("makes every relative URL absolute against the article's URL", () => {
    expect(html).toContain('href="https://news.example/older/"');
    expect(html).toContain('href="https://news.example/ar/reports/"');
    expect(html).toContain('href="mailto:desk@news.example"');
    expect(html).toContain('src="https://news.example/content/img/a.png"');
    expect(html).toContain('src="https://news.example/content/x.png"');
    expect(html).toContain(
      '<figure><img src="https://news.example/content/photo.jpg" alt="" /></figure>',
    );
  });
});
