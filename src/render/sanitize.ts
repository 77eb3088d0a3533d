// The HTML that reaches readers: an allowlist suited to news, only http(s) and mailto URLs, and
// every URL made absolute against the article's own URL (feed readers have no base URL).
import { createRequire } from "node:module";
import type sanitizeHtml from "sanitize-html";

// Loaded on first use: only articles with raw HTML need it (./fast-render.ts does the rest), and
// loading it (with its HTML parser and PostCSS) takes about 0.2 s of every start otherwise.
const require = createRequire(import.meta.url);
let sanitizer: typeof sanitizeHtml | undefined;
function loadSanitizer(): typeof sanitizeHtml {
  sanitizer ??= require("sanitize-html") as typeof sanitizeHtml;
  return sanitizer;
}

const URL_ATTRIBUTES: Record<string, string> = {
  a: "href",
  img: "src",
  blockquote: "cite",
  q: "cite",
  del: "cite",
  ins: "cite",
};

const ALLOWED_SCHEMES = ["http", "https", "mailto"];

/** `value` resolved against `base`; undefined when that is no URL. */
export function absoluteUrl(value: string, base: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/**
 * Whether sanitize-html keeps a URL that absoluteUrl returned. It tests the scheme at the start of
 * the value it is given, and the `href` of a parsed URL starts with exactly its `protocol`.
 */
export function hasAllowedScheme(url: URL): boolean {
  return ALLOWED_SCHEMES.includes(url.protocol.slice(0, -1));
}

function absolutize(base: string) {
  return (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const name = URL_ATTRIBUTES[tagName];
    const value = name === undefined ? undefined : attribs[name];
    if (name === undefined || value === undefined) return { tagName, attribs };
    const result = { ...attribs };
    const url = absoluteUrl(value, base);
    if (url === undefined) delete result[name];
    else result[name] = url.href;
    return { tagName, attribs: result };
  };
}

export function sanitizeArticleHtml(html: string, baseUrl: string): string {
  const transform = absolutize(baseUrl);
  return loadSanitizer()(html, {
    allowedTags: [
      "p",
      "h1",
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "ul",
      "ol",
      "li",
      "dl",
      "dt",
      "dd",
      "a",
      "img",
      "figure",
      "figcaption",
      "blockquote",
      "q",
      "cite",
      "em",
      "strong",
      "b",
      "i",
      "u",
      "s",
      "del",
      "ins",
      "sub",
      "sup",
      "small",
      "mark",
      "abbr",
      "time",
      "code",
      "pre",
      "kbd",
      "br",
      "hr",
      "table",
      "caption",
      "thead",
      "tbody",
      "tfoot",
      "tr",
      "th",
      "td",
      "bdi",
      "bdo",
      "span",
      "div",
    ],
    allowedAttributes: {
      "*": ["dir", "lang", "title"],
      a: ["href", "hreflang"],
      img: ["src", "alt", "width", "height"],
      blockquote: ["cite"],
      q: ["cite"],
      del: ["cite", "datetime"],
      ins: ["cite", "datetime"],
      time: ["datetime"],
      ol: ["start", "reversed"],
      td: ["colspan", "rowspan"],
      th: ["colspan", "rowspan", "scope"],
    },
    allowedSchemes: ALLOWED_SCHEMES,
    allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
    allowProtocolRelative: false,
    allowedSchemesByTag: {},
    disallowedTagsMode: "discard",
    transformTags: {
      a: transform,
      img: transform,
      blockquote: transform,
      q: transform,
      del: transform,
      ins: transform,
    },
  });
}
