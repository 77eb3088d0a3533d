// The fast path (markdown-it's tokens written straight as sanitized HTML) against the path it
// replaces (markdown-it's HTML through sanitize-html), on Markdown generated from a grammar rich in
// what either could get wrong: URLs of every kind, titles with quotes, entities, code, tables with
// alignment, ordered lists with start numbers, control characters, Arabic and emoji. Wherever the
// fast path answers, its bytes must be the old path's; it must answer for every token stream
// without raw HTML, and decline every one with raw HTML.
import fc from "fast-check";
import type { Token } from "markdown-it";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/articles/article.js";
import { directionOf } from "../../src/locale/direction.js";
import { renderSanitizedMarkdown } from "../../src/render/fast-render.js";
import {
  firstParagraphText,
  markdownToHtml,
  parseMarkdown,
  renderMarkdown,
} from "../../src/render/markdown.js";
import { renderArticle } from "../../src/render/render.js";
import { sanitizeArticleHtml } from "../../src/render/sanitize.js";
import { excerptOf } from "../../src/render/summary.js";
import { escapeHtml, removeXmlInvalidCharacters } from "../../src/text.js";

const SEED = 20260601;

// Control characters are built from code points: Biome rejects them in regex and string literals
// that it lints as suspicious, and they read better named.
const CONTROLS = [0x01, 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x1f, 0x7f, 0x85, 0x2028, 0xfeff, 0xfffe].map(
  (code) => String.fromCharCode(code),
);

const WORDS = [
  "المغرب",
  "الرباط",
  "أكتوبر",
  "١٢",
  "Maroc",
  "Sahel",
  "2024",
  "😀",
  "🇲🇦",
  "\u200F",
  "\u202E",
  "ـ",
  "َ",
];
const SPECIALS = [
  "&",
  "<",
  ">",
  '"',
  "'",
  "\\",
  "*",
  "_",
  "~",
  "`",
  "[",
  "]",
  "(",
  ")",
  "!",
  "|",
  "#",
  "]]>",
  "&amp;",
  "&lt;",
  "&gt;",
  "&quot;",
  "&#x27;",
  "&#39;",
  "&copy;",
  "&nbsp;",
  "&#13;",
  "&#12;",
  "&#0;",
  "&#xD800;",
  "&bogus;",
  "&amp;copy;",
  "&#106;avascript:",
  "\\*",
  "\\<",
  "\\&",
];
const URLS = [
  "",
  "x.png",
  "../older/",
  "/ar/reports/",
  "./a/b?c=d&e=f#g",
  "?q=1",
  "#section",
  "https://ok.example/a?b=c&d=e#f",
  "HTTPS://OK.EXAMPLE/UP",
  "http://ok.example:8080/path",
  "https://مثال.example/مقال",
  "/مقالات/الرباط",
  "https://ok.example/%D8%A7",
  "https://ok.example/100%",
  "https://ok.example/%zz",
  "https://%zz/",
  "http://[::1]/",
  "http://[bad/",
  "https://a b/",
  "mailto:desk@news.example",
  "MAILTO:Desk@News.Example?subject=a%20b",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "&#106;avascript:alert(1)",
  "java%0ascript:alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html;base64,PHNjcmlwdD4=",
  "data:image/png;base64,AAAA",
  "file:///etc/passwd",
  "ftp://files.example/x",
  "tel:+212600000000",
  "//evil.example/x",
  "\\\\evil.example\\x",
  "/\\evil.example",
  "a(b)c",
  "a\\(b",
  "a\\\\b",
  "a&b",
  "a&amp;b",
  'a"b',
  "a'b",
  "x:y",
  "-x",
  "%",
  "%41",
];
const TITLES = [
  "",
  "t",
  'quoted "title"',
  "it's",
  "a & b < c > d",
  "&amp; &copy;",
  "سطر\nثان",
  "ﻋنوان 😀",
];
const BASES = [
  "https://news.example/ar/2024/article/",
  "https://news.example/a?x=1#frag",
  "http://localhost:8080/",
  "https://موقع.example/مقالات/خبر",
];

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROLS) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 5 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
);
const plain = fc
  .array(fc.tuple(word, fc.constantFrom(" ", " ", "", "  ")), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([w, s]) => w + s).join(""));
const url = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...URLS) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
);
const title = fc.constantFrom(...TITLES);

/** A link destination and title as Markdown writes them, in each of its syntaxes. */
const destination = fc
  .tuple(url, fc.option(title, { nil: undefined }), fc.nat(3))
  .map(([u, t, style]) => {
    const target = style === 0 ? `<${u}>` : u;
    if (t === undefined) return target;
    if (style === 1) return `${target} '${t}'`;
    if (style === 2) return `${target} (${t})`;
    return `${target} "${t}"`;
  });

const inline: fc.Arbitrary<string> = fc.letrec<{ inline: string }>((tie) => ({
  inline: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 8, arbitrary: plain },
    { weight: 1, arbitrary: tie("inline").map((s) => `*${s}*`) },
    { weight: 1, arbitrary: tie("inline").map((s) => `**${s}**`) },
    { weight: 1, arbitrary: tie("inline").map((s) => `_${s}_`) },
    { weight: 1, arbitrary: tie("inline").map((s) => `~~${s}~~`) },
    { weight: 1, arbitrary: plain.map((s) => `\`${s}\``) },
    { weight: 1, arbitrary: plain.map((s) => `\`\` ${s} \`\``) },
    {
      weight: 3,
      arbitrary: fc.tuple(tie("inline"), destination).map(([t, d]) => `[${t}](${d})`),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(tie("inline"), destination).map(([t, d]) => `![${t}](${d})`),
    },
    { weight: 1, arbitrary: fc.tuple(plain, fc.nat(3)).map(([t, n]) => `[${t}][r${n}]`) },
    { weight: 1, arbitrary: url.map((u) => `<${u}>`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "<https://ok.example/a?b=c&d=e>",
        "<mailto:desk@news.example>",
        "<desk@news.example>",
        "<javascript:alert(1)>",
        "<HTTP://OK.EXAMPLE/%41>",
        "<https://ok.example/\\>",
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom("  \n", "\\\n", "\n") },
  ),
})).inline;

const line = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(""));

const listItems = fc.array(line, { minLength: 1, maxLength: 4 });
const table = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(line), { maxLength: 3 }), fc.nat())
  .map(([columns, rows, alignSeed]) => {
    const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
    const header = Array.from({ length: columns }, (_, i) => `h${i}`);
    const aligns = header.map((_, i) => [":--", ":-:", "--:", "---"][(alignSeed >> (2 * i)) & 3]);
    const body = rows.map((row) => `| ${row.slice(0, columns).map(cell).join(" | ")} |`);
    return [`| ${header.join(" | ")} |`, `|${aligns.join("|")}|`, ...body].join("\n");
  });

const block = fc.oneof(
  { weight: 6, arbitrary: line },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 6 }), line)
      .map(([n, s]) => `${"#".repeat(n)} ${s}`),
  },
  { weight: 1, arbitrary: line.map((s) => `${s}\n===`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(listItems, fc.constantFrom("-", "*", "+"), fc.boolean())
      .map(([items, marker, loose]) =>
        items.map((i) => `${marker} ${i}`).join(loose ? "\n\n" : "\n"),
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(listItems, fc.constantFrom(0, 1, 2, 7, 42, 123456789), fc.constantFrom(".", ")"))
      .map(([items, start, delimiter]) =>
        items.map((item, index) => `${start + index}${delimiter} ${item}`).join("\n"),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(listItems, listItems)
      .map(([outer, inner]) => `- ${outer.join("\n- ")}\n  1. ${inner.join("\n  2. ")}`),
  },
  { weight: 2, arbitrary: listItems.map((lines) => lines.map((l) => `> ${l}`).join("\n")) },
  { weight: 1, arbitrary: listItems.map((lines) => `> - ${lines.join("\n> > ")}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", "js", "ts {1,3}", 'x" onclick="y', "&amp;lang", "ar\tx", "c++"),
        fc.array(plain, { maxLength: 3 }),
        fc.constantFrom("```", "~~~"),
      )
      .map(([info, lines, fence]) => `${fence}${info}\n${lines.join("\n")}\n${fence}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(plain, { minLength: 1, maxLength: 3 })
      .map((ls) => ls.map((l) => `    ${l}`).join("\n")),
  },
  { weight: 2, arbitrary: table },
  { weight: 1, arbitrary: fc.constantFrom("---", "***", "___") },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat(3), destination).map(([n, d]) => `[r${n}]: ${d}`),
  },
);

/** Raw HTML, put anywhere in a quarter of the documents: inline, as a block, inside a construct. */
const RAW_HTML = [
  "<b>x</b>",
  "<span lang=ar>نص</span>",
  "<!-- c -->",
  '<a href="javascript:alert(1)">x</a>',
  "<img src=x onerror=alert(1)>",
  "</p>",
  "\n<div>x</div>\n",
  "\n\n<script>alert(1)</script>\n\n",
  "\n\n<p dir=ltr>x</p>\n\n",
];
const rawHtml = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...RAW_HTML), fc.nat()) },
);

const markdownSource = fc
  .tuple(
    fc.array(fc.tuple(block, fc.constantFrom("\n\n", "\n", "\r\n\r\n")), {
      minLength: 1,
      maxLength: 8,
    }),
    rawHtml,
  )
  .map(([blocks, html]) => {
    const source = blocks.map(([b, separator]) => b + separator).join("");
    if (html === undefined) return source;
    const at = html[1] % (source.length + 1);
    return source.slice(0, at) + html[0] + source.slice(at);
  });

/** Raw HTML that would reach the output as markup (in an image's alt text it is only text). */
function hasRawHtml(tokens: readonly Token[]): boolean {
  const isRaw = (token: Token) => token.type === "html_block" || token.type === "html_inline";
  return tokens.some((token) => isRaw(token) || (token.children ?? []).some(isRaw));
}

describe("the fast path", () => {
  it("writes the bytes sanitize-html writes, wherever it answers", () => {
    const counts = { runs: 0, fast: 0, withoutRawHtml: 0 };
    fc.assert(
      fc.property(markdownSource, fc.constantFrom(...BASES), (source, base) => {
        const tokens = parseMarkdown(source);
        const rawHtml = hasRawHtml(tokens);
        const fast = renderSanitizedMarkdown(tokens, base);
        counts.runs++;
        if (!rawHtml) counts.withoutRawHtml++;
        if (fast !== undefined) counts.fast++;
        // Only raw HTML sends Markdown back through sanitize-html.
        expect(fast === undefined).toBe(rawHtml);
        if (fast !== undefined) {
          expect(fast).toBe(sanitizeArticleHtml(markdownToHtml(source), base));
        } else {
          // Declined, the tokens are untouched: the old path renders them as before.
          expect(renderMarkdown(tokens)).toBe(markdownToHtml(source));
        }
      }),
      { numRuns: 5000, seed: SEED },
    );
    // The grammar must reach both paths, the fast one most.
    expect(counts.withoutRawHtml / counts.runs).toBeGreaterThan(0.5);
    expect(counts.fast).toBe(counts.withoutRawHtml);
    expect(counts.runs - counts.fast).toBeGreaterThan(100);
  });

  it("answers for the constructs the grammar is meant to reach", () => {
    const base = BASES[0] ?? "";
    const cases = [
      "| a | b |\n|:-|-:|\n| `c` | [d](x.png 'e') |",
      "3. a\n4. b",
      '```js\nlet a = "<b>";\n```',
      '![alt *"q"* & 1 < 2 <b>](data:image/png;base64,AAAA "t")',
      '[a](<//evil.example/x> "")',
      "a  \nb\\\nc",
      "<https://ok.example/a?b=c&d=e> <desk@news.example>",
      "&#106;avascript: &copy; &#x27; \"q\" 'a'",
      "***\n\n    code <b>",
    ];
    for (const source of cases) {
      const fast = renderSanitizedMarkdown(parseMarkdown(source), base);
      expect(fast, source).toBe(sanitizeArticleHtml(markdownToHtml(source), base));
    }
  });
});

describe("the fast path, on tokens markdown-it's core does not make", () => {
  const base = "https://news.example/ar/2024/article/";

  it("drops empty attributes but alt, as sanitize-html does", () => {
    const source = '[a](x "t") ![b](y "t")';
    const blankTitles = (tokens: Token[]) => {
      for (const child of tokens.flatMap((token) => token.children ?? [])) {
        if (child.attrGet("title") !== null) child.attrSet("title", "");
      }
      return tokens;
    };
    const fast = renderSanitizedMarkdown(blankTitles(parseMarkdown(source)), base);
    expect(fast).toBe(
      sanitizeArticleHtml(renderMarkdown(blankTitles(parseMarkdown(source))), base),
    );
    expect(fast).toContain('alt="b"');
    expect(fast).not.toContain("title");
  });

  it("declines a token type or an attribute it does not know, as a plugin might add", () => {
    const withId = parseMarkdown("# t");
    withId[0]?.attrSet("id", "t");
    expect(renderSanitizedMarkdown(withId, base)).toBeUndefined();
    const withClass = parseMarkdown("[a](x)");
    withClass[1]?.children?.[0]?.attrSet("class", "c");
    expect(renderSanitizedMarkdown(withClass, base)).toBeUndefined();
    const renamed = parseMarkdown("a");
    const inline = renamed[1]?.children?.[0];
    if (inline !== undefined) inline.type = "footnote_ref";
    expect(renderSanitizedMarkdown(renamed, base)).toBeUndefined();
  });
});

/** renderArticle as it was before the fast path: two parses, everything through sanitize-html. */
function referenceRender(article: Article): { html: string; summary?: string } {
  const figure =
    article.image === undefined
      ? ""
      : `<figure><img src="${escapeHtml(article.image.url)}" alt="${escapeHtml(article.image.alt ?? "")}"></figure>\n`;
  const markdown = removeXmlInvalidCharacters(article.body);
  const body = sanitizeArticleHtml(figure + markdownToHtml(markdown), article.url);
  const html = `<div dir="${directionOf(article.lang)}" lang="${article.lang}">\n${body.trim()}\n</div>`;
  const summary = article.summary ?? shorten(firstParagraphText(parseMarkdown(markdown)));
  return { html, ...(summary !== undefined && { summary }) };
}

function shorten(text: string | undefined): string | undefined {
  const characters = text === undefined ? [] : Array.from(text);
  if (text === undefined || characters.length <= 300) return text;
  const cut = characters.slice(0, 300).join("");
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > cut.length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

const imageOf = fc.record(
  {
    url: fc.oneof(url, fc.string({ unit: "binary", maxLength: 12 })),
    alt: fc.oneof(title, fc.string({ unit: "binary", maxLength: 12 })),
  },
  { requiredKeys: ["url"] },
);

describe("renderArticle", () => {
  it("gives the HTML and summary it gave before the fast path", () => {
    fc.assert(
      fc.property(
        markdownSource,
        fc.constantFrom(...BASES),
        fc.option(imageOf, { nil: undefined }),
        fc.option(plain, { nil: undefined }),
        fc.constantFrom("ar-MA", "fr-MA"),
        (body, base, image, summary, lang) => {
          const article: Article = {
            file: "articles/a.md",
            id: "urn:x",
            slug: "a",
            url: base,
            title: "t",
            published: 0,
            updated: 0,
            authors: [],
            tags: [],
            lang,
            draft: false,
            lines: {},
            body,
            bodyLine: 1,
            ...(summary !== undefined && { summary }),
            ...(image !== undefined && { image: { ...image, type: "image/png" } }),
          };
          const rendered = renderArticle(article);
          const shown = article.summary ?? excerptOf(article.body);
          expect({ html: rendered.html, summary: shown }).toEqual({
            summary: undefined,
            ...referenceRender(article),
          });
        },
      ),
      { numRuns: 2000, seed: SEED },
    );
  });
});

describe("excerptOf, the summary of an article without one", () => {
  const wholeParse = (body: string) =>
    shorten(firstParagraphText(parseMarkdown(removeXmlInvalidCharacters(body))));

  it("is the first paragraph of a parse of the whole body, from a parse of its beginning", () => {
    fc.assert(
      fc.property(markdownSource, (body) => {
        expect(excerptOf(body)).toBe(wholeParse(body));
      }),
      { numRuns: 5000, seed: SEED },
    );
  });

  it("reads on where the beginning is not enough", () => {
    const cases = [
      // A reference defined after the paragraph makes its brackets a link.
      "see [the report][r] now\n\nmore\n\n[r]: https://x.example/",
      // A fence left open at the first blank line, closed further down.
      "```\ncode\n\nstill code\n```\n\nthe text",
      "\n\n   \n## heading\n\n- item\n\n> quoted\n\nfirst\nparagraph\n\nsecond",
      "<!--\n\n-->\n\ntext after a comment",
      "\r\n\r\nwindows\r\nlines\r\n\r\nnext",
      "",
      "# only a heading",
      "plain words\n\u00a0\nstill the same paragraph\n\nnext",
      "plain words\n===\n\nafter a heading",
      "plain\n1. a list\n\ntext",
      "a line  \nhard break\\\nand more",
      "a [plain link](../other-article/) and [one](javascript:x) and [x](<y>)\n\nnext",
      "[](../a/) [a](b(c)) [a](../b/ 'title')\n\nnext",
      "[a](../b/)\n- list item\n\nnext",
      // Many blank lines first: looked for from the first text on, not from the start each time.
      `${"\n".repeat(20_000)}# heading\n\n${" \n".repeat(5_000)}> the *first* paragraph\n\nnext`,
      " \t\n\n\t",
      // Characters XML cannot carry, removed before the paragraph is looked for.
      "first\n\u0001\nsecond paragraph\n\nthird",
      "\u0001\n\nthe text\n\nnext",
      "\uD83D\nlone surrogate\n\nnext",
      "text\n \r\nnext\n\nlast",
      `${"كلمة ".repeat(70)}😀 end\n\nnext`,
      `${"😀".repeat(200)}\n\nnext`,
    ];
    for (const body of cases) expect(excerptOf(body), body).toBe(wholeParse(body));
    expect(excerptOf(cases[0] ?? "")).toBe("see the report now");
    expect(excerptOf(cases[1] ?? "")).toBe("the text");
  });
});
