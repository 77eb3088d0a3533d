// Markdown → HTML with markdown-it. Raw HTML is allowed here because ./sanitize.ts runs after.
import MarkdownIt from "markdown-it";

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

export function markdownToHtml(body: string): string {
  return markdown.render(body);
}

/** Plain text of the first paragraph, for articles whose front matter has no summary. */
export function firstParagraphText(body: string): string | undefined {
  const tokens = markdown.parse(body, {});
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
