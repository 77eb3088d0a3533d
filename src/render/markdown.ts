// Markdown → HTML with markdown-it. Raw HTML is allowed here because ./sanitize.ts runs after.
import { createRequire } from "node:module";
import type MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";

const require = createRequire(import.meta.url);

/** markdown-it, loaded when first needed: a build that renders nothing never pays for it. */
export function loadMarkdownIt(): typeof MarkdownIt {
  return require("markdown-it") as typeof MarkdownIt;
}

type Markdown = InstanceType<typeof MarkdownIt>;

let parser: Markdown | undefined;
const markdownParser = (): Markdown =>
  (parser ??= new (loadMarkdownIt())({ html: true, linkify: false, typographer: false }));

/** markdown-it's token stream, to render and to take the summary from one parse. */
export function parseMarkdown(body: string): Token[] {
  return markdownParser().parse(body, {});
}

/** The tokens as markdown-it's own renderer writes them (raw HTML included, unsanitized). */
export function renderMarkdown(tokens: Token[]): string {
  const markdown = markdownParser();
  return markdown.renderer.render(tokens, markdown.options, {});
}

/** `markdown.render`, the reference that parseMarkdown + renderMarkdown must equal. */
export function markdownToHtml(body: string): string {
  return markdownParser().render(body);
}

/** Plain text of the first paragraph, for articles whose front matter has no summary. */
export function firstParagraphText(tokens: readonly Token[]): string | undefined {
  const start = tokens.findIndex((token) => token.type === "paragraph_open");
  const inline = start === -1 ? undefined : tokens[start + 1];
  if (inline?.children == null) return undefined;
  const text = inline.children
    .map((child) => {
      if (child.type === "text" || child.type === "code_inline") return child.content;
      if (child.type === "softbreak" || child.type === "hardbreak") return " ";
      if (child.type === "image") return child.content;
      return "";
    })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return text === "" ? undefined : text;
}
