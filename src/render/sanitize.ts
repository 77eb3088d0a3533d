// The HTML that reaches readers: an allowlist suited to news, only http(s) and mailto URLs, and
// every URL made absolute against the article's own URL (feed readers have no base URL).
import sanitizeHtml from "sanitize-html";

const URL_ATTRIBUTES: Record<string, string> = {
  a: "href",
  img: "src",
  blockquote: "cite",
  q: "cite",
  del: "cite",
  ins: "cite",
};

function absolutize(base: string) {
  return (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const name = URL_ATTRIBUTES[tagName];
    const value = name === undefined ? undefined : attribs[name];
    if (name === undefined || value === undefined) return { tagName, attribs };
    const result = { ...attribs };
    try {
      result[name] = new URL(value, base).href;
    } catch {
      delete result[name];
    }
    return { tagName, attribs: result };
  };
}

export function sanitizeArticleHtml(html: string, baseUrl: string): string {
  const transform = absolutize(baseUrl);
  return sanitizeHtml(html, {
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
    allowedSchemes: ["http", "https", "mailto"],
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
