// Every known script-injection vector goes through the whole pipeline (Markdown, then sanitize-html
// or, for Markdown without raw HTML, the fast path that writes sanitized HTML from markdown-it's
// tokens; the three serializers), then each feed is read back and its HTML parsed by parse5, a
// browser-grade parser that nashra does not use, and searched for anything a reader could execute.
import { parseFragment } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import { renderSanitizedMarkdown } from "../../src/render/fast-render.js";
import { markdownToHtml, parseMarkdown } from "../../src/render/markdown.js";
import { sanitizeArticleHtml } from "../../src/render/sanitize.js";
import { parseAtom, parseJson, parseRss } from "../feed-checks.js";
import { XSS_VECTORS } from "../fixtures/xss-vectors.js";
import { makeSite, type TempSite } from "../helpers.js";

const FORBIDDEN_ELEMENTS = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "form",
  "input",
  "button",
  "textarea",
  "select",
  "option",
  "link",
  "meta",
  "base",
  "svg",
  "math",
  "template",
  "noscript",
  "xmp",
  "plaintext",
  "isindex",
  "audio",
  "video",
  "source",
  "track",
  "marquee",
  "map",
  "area",
]);
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "cite",
  "action",
  "formaction",
  "poster",
  "data",
  "background",
]);
const FORBIDDEN_ATTRIBUTES = new Set([
  "style",
  "srcset",
  "srcdoc",
  "xlink:href",
  "formaction",
  "dynsrc",
  "lowsrc",
  "usemap",
]);

/** Browsers skip leading spaces and C0 controls before a URL's scheme. */
function stripLeadingControls(value: string): string {
  let start = 0;
  while (start < value.length && value.charCodeAt(start) <= 0x20) start++;
  return value.slice(start);
}

interface HtmlNode {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
}

/** What a browser would run or load from `html`, as a list of findings (empty when safe). */
function dangers(html: string): string[] {
  const found: string[] = [];
  const visit = (node: HtmlNode) => {
    if (FORBIDDEN_ELEMENTS.has(node.nodeName)) found.push(`<${node.nodeName}>`);
    for (const { name, value } of node.attrs ?? []) {
      if (name.startsWith("on")) found.push(`${node.nodeName}[${name}]`);
      if (FORBIDDEN_ATTRIBUTES.has(name)) found.push(`${node.nodeName}[${name}]`);
      // Browsers ignore leading spaces and controls, and tabs and newlines anywhere in a scheme.
      const url = stripLeadingControls(value).replace(/[\t\n\r]/g, "");
      if (URL_ATTRIBUTES.has(name) && !/^(?:https?:\/\/|mailto:)/i.test(url)) {
        found.push(`${node.nodeName}[${name}=${value}]`);
      }
    }
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content !== undefined) visit(node.content);
  };
  visit(parseFragment(html) as unknown as HtmlNode);
  return found;
}

let site: TempSite;
let files: Map<string, string>;

beforeAll(async () => {
  const articles = Object.fromEntries(
    XSS_VECTORS.map((vector, index) => {
      const fields = [
        `title: ${JSON.stringify(`vector ${index}: ${vector}`)}`,
        `date: 2024-01-01T${String(Math.floor(index / 60)).padStart(2, "0")}:${String(index % 60).padStart(2, "0")}`,
        `slug: vector-${index}`,
        // Half the vectors also go into the summary, which RSS readers render as HTML.
        ...(index % 2 === 0 ? [`summary: ${JSON.stringify(vector)}`] : []),
      ];
      return [`vector-${index}.md`, `---\n${fields.join("\n")}\n---\n\n${vector}\n`];
    }),
  );
  site = await makeSite(articles, {
    itemLimit: 1000,
    sections: { categories: false, tags: false, authors: false },
  });
  const result = await buildSite(site.config, {
    now: new Date("2030-01-01T00:00:00Z"),
    write: false,
  });
  expect(result.problems.filter((problem) => problem.severity === "error")).toEqual([]);
  files = result.files;
});

afterAll(() => site.cleanup());

describe(`${XSS_VECTORS.length} XSS vectors through the whole pipeline`, () => {
  it("are at least a hundred", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(100);
  });

  it("none survives in RSS content:encoded or description", () => {
    const items = parseRss(files.get("rss.xml")).items ?? [];
    expect(items).toHaveLength(XSS_VECTORS.length);
    for (const item of items) {
      expect(dangers(item.content?.encoded ?? ""), item.title).toEqual([]);
      // The description is plain text escaped as HTML: parsed, it must hold no element at all.
      const description = parseFragment(item.description ?? "") as unknown as HtmlNode;
      expect(
        description.childNodes?.filter((node) => node.nodeName !== "#text"),
        item.title,
      ).toEqual([]);
    }
  });

  it("none survives in Atom content", () => {
    const entries = parseAtom(files.get("atom.xml")).entries ?? [];
    expect(entries).toHaveLength(XSS_VECTORS.length);
    for (const entry of entries) expect(dangers(entry.content?.value ?? ""), entry.id).toEqual([]);
  });

  it("none survives in JSON Feed content_html", () => {
    const items = parseJson(files.get("feed.json") ?? "").items ?? [];
    expect(items).toHaveLength(XSS_VECTORS.length);
    for (const item of items) expect(dangers(item.content_html ?? ""), item.id).toEqual([]);
  });

  it("go through both render paths: Markdown alone skips sanitize-html, raw HTML does not", () => {
    const base = "https://news.example/ar/vector/";
    const fast = XSS_VECTORS.flatMap((vector) => {
      const html = renderSanitizedMarkdown(parseMarkdown(vector), base);
      return html === undefined ? [] : [{ vector, html }];
    });
    // The pipeline tests above see whichever path each article takes; both must be well used.
    expect(fast.length).toBeGreaterThanOrEqual(30);
    expect(XSS_VECTORS.length - fast.length).toBeGreaterThanOrEqual(100);
    for (const { vector, html } of fast) {
      expect(dangers(html), vector).toEqual([]);
      expect(html, vector).toBe(sanitizeArticleHtml(markdownToHtml(vector), base));
    }
  });

  it("the checker itself finds each kind of danger", () => {
    expect(dangers('<img src=x onerror="alert(1)">').sort()).toEqual([
      "img[onerror]",
      "img[src=x]",
    ]);
    expect(dangers('<a href=" java\tscript:alert(1)">x</a>')).toHaveLength(1);
    expect(dangers("<svg><script>alert(1)</script></svg>")).toEqual(["<svg>", "<script>"]);
    expect(dangers('<p style="x">a</p><a href="https://ok.example/">b</a>')).toEqual(["p[style]"]);
  });
});
