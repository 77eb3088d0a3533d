/** Characters XML 1.0 cannot carry, even escaped: C0 controls but tab and newlines, DEL, U+FFFE/U+FFFF, lone surrogates. */
const NEVER_VALID = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uFFFE\\uFFFF";
const XML_INVALID = new RegExp(
  `[${NEVER_VALID}]` +
    "|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]",
  "g",
);
/** One quick scan for any of them or any surrogate: XML_INVALID's look-arounds make it slow. */
const MAYBE_XML_INVALID = new RegExp(`[${NEVER_VALID}\\uD800-\\uDFFF]`);

export function removeXmlInvalidCharacters(text: string): string {
  return MAYBE_XML_INVALID.test(text) ? text.replace(XML_INVALID, "") : text;
}

/** A white space other than a lone space: what folding white space would change. */
const UNFOLDED_SPACE = /[^\S ]| \s/;

/**
 * Text on one line: XML-invalid characters removed, each run of white space one space, none at
 * either end. Most text is that already, and is tested rather than copied (a replace made a new
 * string each time: about 0.7 µs a field).
 */
export function oneLine(text: string): string {
  const valid = removeXmlInvalidCharacters(text);
  return (UNFOLDED_SPACE.test(valid) ? valid.replace(/\s+/g, " ") : valid).trim();
}

/** Plain text as HTML text: `&`, `<`, `>` and quotes escaped (safe in attributes too). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
