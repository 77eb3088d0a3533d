// The preview page at `/`: each feed as a reader would show it, right to left where the
// language says so. Pure: data in, HTML out, every value escaped.
import { createHash } from "node:crypto";
import { FEED_MEDIA_TYPES, type FeedFormat } from "../feeds/media-types.js";
import { directionOf } from "../locale/direction.js";
import { escapeHtml } from "../text.js";
import { labelsFor } from "./labels.js";
import type { Preview, PreviewFeed, PreviewItem } from "./model.js";

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: "RSS", atom: "Atom", json: "JSON Feed" };
const FORMATS = Object.keys(FORMAT_NAMES) as FeedFormat[];

// Fonts every system has for Arabic, best first; Latin text falls through to the system font.
const STYLE = `
:root { color-scheme: light dark; --muted: #6b6b6b; --rule: #d9d9d9; --accent: #c1272d; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem; line-height: 1.7;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Geeza Pro", "Segoe UI",
  Tahoma, "Arabic Typesetting", "Traditional Arabic", sans-serif; line-height: 1.9; }
header { border-block-end: 3px solid var(--accent); margin-block-end: 1.5rem; }
h1 { margin: 0; font-size: 1.8rem; }
.feed { margin-block: 2.5rem; }
.feed > h2 { margin-block-end: 0.2rem; font-size: 1.45rem; }
.description, .meta, footer { color: var(--muted); }
.subscribe a { display: inline-block; margin-inline-end: 0.5rem; padding: 0.1rem 0.6rem;
  border: 1px solid var(--rule); border-radius: 1rem; text-decoration: none; }
ol { list-style: none; padding: 0; }
.item { display: flow-root; padding-block: 1rem; border-block-end: 1px solid var(--rule); }
.item h3 { margin: 0 0 0.3rem; font-size: 1.15rem; }
.item h3 a { color: inherit; }
.item img { float: inline-end; width: 8rem; height: 5.5rem; object-fit: cover;
  margin-inline-start: 1rem; border-radius: 4px; background: var(--rule); }
.meta { margin: 0; font-size: 0.9rem; }
.summary { margin: 0.4rem 0 0; }
details { margin-block-start: 1rem; }
`;

/** Reloads the page when the server says the feeds changed. The page works without it. */
const SCRIPT = `new EventSource("/events").addEventListener("change", () => location.reload());`;

const hashOf = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
// Inline style and script are allowed by their hashes, and nothing else runs.
const CONTENT_SECURITY_POLICY = `default-src 'none'; img-src https: http: data:; style-src ${hashOf(STYLE)}; script-src ${hashOf(SCRIPT)}; connect-src 'self'; base-uri 'none'; form-action 'none'`;

export function renderPreviewPage(preview: Preview): string {
  const labels = labelsFor(preview.lang);
  const discovery = preview.feeds.flatMap((feed) =>
    FORMATS.map(
      (format) =>
        `<link rel="alternate" type="${FEED_MEDIA_TYPES[format]}" hreflang="${escapeHtml(feed.lang)}" title="${escapeHtml(feed.title)} (${FORMAT_NAMES[format]})" href="${href(feed.links[format])}">`,
    ),
  );
  return `<!doctype html>
<html lang="${escapeHtml(preview.lang)}" dir="${directionOf(preview.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(preview.siteTitle)} — ${escapeHtml(labels.heading)}</title>
${discovery.join("\n")}
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(preview.siteTitle)}</h1>
<p>${escapeHtml(labels.heading)}</p>
</header>
<main>
${preview.feeds.map(renderFeed).join("\n")}
</main>
<footer><p>${escapeHtml(labels.footer)}</p></footer>
${preview.live ? `<script>${SCRIPT}</script>\n` : ""}</body>
</html>
`;
}

function renderFeed(feed: PreviewFeed): string {
  const labels = labelsFor(feed.lang);
  const id = `feed-${feed.lang}`;
  const subscribe = FORMATS.map(
    (format) =>
      `<a href="${href(feed.links[format])}" type="${FEED_MEDIA_TYPES[format]}" dir="ltr">${FORMAT_NAMES[format]}</a>`,
  ).join(" ");
  const body = !feed.written
    ? `<p class="notice">${escapeHtml(labels.notWritten)}</p>`
    : feed.items.length === 0
      ? `<p class="notice">${escapeHtml(labels.empty)}</p>`
      : `<ol class="items">\n${feed.items.map((item) => `<li>${renderItem(item)}</li>`).join("\n")}\n</ol>`;
  const sections =
    feed.sections.length === 0
      ? ""
      : `\n<details><summary>${escapeHtml(labels.sections)} (${feed.sections.length})</summary>\n<ul>\n${feed.sections
          .map(
            (section) =>
              `<li><a href="${href(section.rss)}" type="${FEED_MEDIA_TYPES.rss}">${escapeHtml(section.title)}</a></li>`,
          )
          .join("\n")}\n</ul>\n</details>`;
  return `<section class="feed" id="${escapeHtml(id)}" lang="${escapeHtml(feed.lang)}" dir="${directionOf(feed.lang)}">
<h2>${escapeHtml(feed.title)}</h2>
<p class="description">${escapeHtml(feed.description)}</p>
<p class="subscribe">${escapeHtml(labels.subscribe)}: ${subscribe}</p>
${body}${sections}
</section>`;
}

function renderItem(item: PreviewItem): string {
  const labels = labelsFor(item.lang);
  const title =
    item.url === undefined
      ? escapeHtml(item.title)
      : `<a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a>`;
  const meta = [
    ...(item.date === undefined
      ? []
      : [
          item.datetime === undefined
            ? escapeHtml(item.date)
            : `<time datetime="${escapeHtml(item.datetime)}">${escapeHtml(item.date)}</time>`,
        ]),
    ...(item.authors.length === 0
      ? []
      : [`${escapeHtml(labels.by)} ${item.authors.map(escapeHtml).join(labels.and)}`]),
  ];
  return `<article class="item" lang="${escapeHtml(item.lang)}" dir="${directionOf(item.lang)}">
${item.image === undefined ? "" : `<img src="${escapeHtml(item.image)}" alt="" loading="lazy">\n`}<h3>${title}</h3>
${meta.length === 0 ? "" : `<p class="meta">${meta.join(" · ")}</p>\n`}${item.summary === undefined ? "" : `<p class="summary">${escapeHtml(item.summary)}</p>\n`}</article>`;
}

/** A path on the preview server as an attribute value: each segment percent-encoded. */
function href(localPath: string): string {
  return escapeHtml(`/${localPath.split("/").map(encodeURIComponent).join("/")}`);
}
