// The <outline> elements of feeds.opml, read back for the preview page. nashra wrote the file
// (feeds/discovery.ts through the serializer in feeds/xml.ts), so a small strict reader of what
// that serializer writes is enough: an element with double- or single-quoted attributes, and
// the five named entities and character references. A DOM library for this one file would be
// a run-time dependency of every command (@xmldom/xmldom, which the serializer replaced, is now
// only a devDependency); tests/preview/opml.test.ts holds this reader to a strict XML 1.0 parser
// on random attribute values.

const OUTLINE = /<outline\b((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)\/?>/g;
const ATTRIBUTE = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/y;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The attributes of every `<outline>`, in document order. An element whose attributes are not
 * well-formed (an unknown entity, a bare `&`, an unquoted value, a name given twice) is left out.
 */
export function readOutlines(xml: string): Map<string, string>[] {
  const outlines: Map<string, string>[] = [];
  for (const match of xml.matchAll(OUTLINE)) {
    const attributes = readAttributes(match[1] ?? "");
    if (attributes !== undefined) outlines.push(attributes);
  }
  return outlines;
}

function readAttributes(text: string): Map<string, string> | undefined {
  const attributes = new Map<string, string>();
  const source = text.replace(/\s+$/, "");
  let at = 0;
  while (at < source.length) {
    ATTRIBUTE.lastIndex = at;
    const match = ATTRIBUTE.exec(source);
    if (match === null) return undefined;
    const [whole, name = "", double, single] = match;
    const value = decode(double ?? single ?? "");
    if (value === undefined || attributes.has(name)) return undefined;
    attributes.set(name, value);
    at += whole.length;
  }
  return attributes;
}

/** An attribute value as an XML parser reports it: references replaced, white space normalized. */
function decode(raw: string): string | undefined {
  let value = "";
  let at = 0;
  while (at < raw.length) {
    const ampersand = raw.indexOf("&", at);
    const end = ampersand === -1 ? raw.length : ampersand;
    // Attribute-value normalization (XML 1.0 §3.3.3): literal tabs and line breaks are spaces.
    value += raw.slice(at, end).replace(/\r\n|[\t\n\r]/g, " ");
    if (ampersand === -1) break;
    REFERENCE.lastIndex = ampersand;
    const match = REFERENCE.exec(raw);
    if (match === null) return undefined;
    const [whole, hex, decimal, name] = match;
    if (name !== undefined) {
      value += NAMED[name] ?? "";
    } else {
      const code = Number.parseInt(hex ?? decimal ?? "", hex === undefined ? 10 : 16);
      if (!isXmlCharacter(code)) return undefined;
      value += String.fromCodePoint(code);
    }
    at = ampersand + whole.length;
  }
  return value;
}

/** XML 1.0's Char production: what a character reference may stand for. */
function isXmlCharacter(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
