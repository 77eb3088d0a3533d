// Sanitized HTML straight from markdown-it's tokens, for Markdown without raw HTML (nearly all of
// it), skipping sanitize-html, which costs more than the Markdown itself. Without `html_block` and
// `html_inline` tokens every tag comes from markdown-it's own rules, all on the allowlist, and
// what sanitize-html would still change is known: it resolves URLs against the article and drops
// those with another scheme, drops the attributes the allowlist lacks (`style` on table cells,
// `class` on fenced code, empty titles), leaves quotes in text unescaped and closes void elements
// with ` />`. This module does exactly that, and declines (returns undefined) any token stream it
// does not know, which then goes through sanitize-html. tests/render/fast-render.test.ts holds
// both paths to the same bytes on generated Markdown.
import type MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import { loadMarkdownIt } from "./markdown.js";
import { absoluteUrl, hasAllowedScheme } from "./sanitize.js";

/** The token types markdown-it's core emits for Markdown without raw HTML. */
const BLOCK_TYPES = new Set([
  "paragraph_open",
  "paragraph_close",
  "heading_open",
  "heading_close",
  "blockquote_open",
  "blockquote_close",
  "bullet_list_open",
  "bullet_list_close",
  "ordered_list_open",
  "ordered_list_close",
  "list_item_open",
  "list_item_close",
  "table_open",
  "table_close",
  "thead_open",
  "thead_close",
  "tbody_open",
  "tbody_close",
  "tr_open",
  "tr_close",
  "th_open",
  "th_close",
  "td_open",
  "td_close",
  "hr",
  "code_block",
  "fence",
  "inline",
]);
const INLINE_TYPES = new Set([
  "text",
  "softbreak",
  "hardbreak",
  "code_inline",
  "em_open",
  "em_close",
  "strong_open",
  "strong_close",
  "s_open",
  "s_close",
  "link_open",
  "link_close",
  "image",
]);
/** The attributes each token type may carry; any other attribute declines the fast path. */
const KNOWN_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  link_open: ["href", "title"],
  image: ["src", "alt", "title"],
  ordered_list_open: ["start"],
  th_open: ["style"],
  td_open: ["style"],
};
/** Attributes sanitize-html resolves against the article URL and checks the scheme of. */
const URL_ATTRIBUTES = new Set(["href", "src"]);
/** Attributes the allowlist drops on the tags that carry them here. */
const DROPPED_ATTRIBUTES = new Set(["style"]);

function hasOnlyKnownAttributes(token: Token): boolean {
  if (token.attrs === null || token.attrs.length === 0) return true;
  const known = KNOWN_ATTRIBUTES[token.type];
  return known !== undefined && token.attrs.every(([name]) => known.includes(name));
}

/** Whether every token is one this module renders as sanitize-html would leave it. */
function isPlainMarkdown(tokens: readonly Token[]): boolean {
  for (const token of tokens) {
    if (!BLOCK_TYPES.has(token.type) || !hasOnlyKnownAttributes(token)) return false;
    // An image's children only give its alt text, written escaped whatever their type.
    for (const child of token.children ?? []) {
      if (!INLINE_TYPES.has(child.type) || !hasOnlyKnownAttributes(child)) return false;
    }
  }
  return true;
}

/** A URL as sanitize-html leaves it: absolute, or undefined when dropped. */
export function allowedUrl(value: string, base: string): string | undefined {
  const url = absoluteUrl(value, base);
  return url !== undefined && hasAllowedScheme(url) ? url.href : undefined;
}

/** Rewrites attributes to what the allowlist keeps (alt is filled in when rendering). */
function applyAllowlist(token: Token, base: string): void {
  if (token.attrs === null) return;
  const kept: [string, string][] = [];
  for (const [name, raw] of token.attrs) {
    const value = URL_ATTRIBUTES.has(name) ? allowedUrl(String(raw), base) : String(raw);
    // sanitize-html drops empty attributes but alt, which it writes as alt="".
    if (value === undefined || DROPPED_ATTRIBUTES.has(name) || (value === "" && name !== "alt")) {
      continue;
    }
    kept.push([name, value]);
  }
  token.attrs = kept;
}

const TEXT_SPECIAL = /[&<>]/;
const TEXT_SPECIAL_ALL = /[&<>]/g;
const TEXT_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Text as sanitize-html writes it: `&`, `<` and `>` escaped, quotes left alone. */
function escapeText(text: string): string {
  return TEXT_SPECIAL.test(text)
    ? text.replace(TEXT_SPECIAL_ALL, (character) => TEXT_ENTITIES[character] ?? character)
    : text;
}

/** Attribute values are escaped alike by markdown-it and sanitize-html: `&`, `<`, `>`, `"`. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}

// A renderer of its own: `xhtmlOut` writes `<br />`, `<hr />` and `<img … />` as sanitize-html
// does; the rules below write text its way. Fenced code loses its `class`, as the allowlist has it.
let writer: InstanceType<typeof MarkdownIt> | undefined;

function htmlWriter(): InstanceType<typeof MarkdownIt> {
  if (writer !== undefined) return writer;
  writer = new (loadMarkdownIt())({ html: true, xhtmlOut: true });
  const rules = writer.renderer.rules;
  rules.text = (tokens, index) => escapeText(tokens[index]?.content ?? "");
  rules.code_inline = (tokens, index) => `<code>${escapeText(tokens[index]?.content ?? "")}</code>`;
  rules.code_block = (tokens, index) =>
    `<pre><code>${escapeText(tokens[index]?.content ?? "")}</code></pre>\n`;
  rules.fence = rules.code_block;
  return writer;
}

/**
 * The sanitized HTML of markdown-it's `tokens` (from ./markdown.ts), URLs resolved against
 * `base`: the bytes `sanitizeArticleHtml(renderMarkdown(tokens), base)` gives. Undefined, with the
 * tokens untouched, when they hold raw HTML or anything else this module does not know.
 * Otherwise it rewrites the tokens' attributes: render them only once.
 */
export function renderSanitizedMarkdown(tokens: Token[], base: string): string | undefined {
  if (!isPlainMarkdown(tokens)) return undefined;
  for (const token of tokens) {
    applyAllowlist(token, base);
    for (const child of token.children ?? []) applyAllowlist(child, base);
  }
  const html = htmlWriter();
  return html.renderer.render(tokens, html.options, {});
}
