// What the XML documents (RSS, Atom, OPML) share: a small element builder and its serializer,
// written by hand. They replaced the W3C DOM of @xmldom/xmldom and its XMLSerializer: building and
// serializing the 457 XML documents (86 MB) of a 10,000-article build took 1.8 to 2.3 s of CPU
// with xmldom and takes about 1.2 s now, most of it escaping and joining the strings. The output
// is byte-identical, which tests/feeds/xml-builder.test.ts checks against xmldom on random trees.
// Every text and attribute value goes through `characterData`, the one escaping function; element
// and attribute names are constants of the callers. (xmlbuilder2 was tried before xmldom: it
// leaves "&lt;" in text as it is, so HTML that shows a "<" would reach readers as markup.)
import { removeXmlInvalidCharacters } from "../text.js";

export const GENERATOR = { name: "nashra", uri: "https://www.npmjs.com/package/nashra" } as const;

export const NAMESPACES = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  fh: "http://purl.org/syndication/history/1.0",
  media: "http://search.yahoo.com/mrss/",
  webfeeds: "http://webfeeds.org/rss/1.0",
  xml: "http://www.w3.org/XML/1998/namespace",
  xmlns: "http://www.w3.org/2000/xmlns/",
} as const;

type Prefix = Exclude<keyof typeof NAMESPACES, "xml" | "xmlns">;

const INDENT = "  ";

/** A line break and the indentation of `depth`, kept for reuse: every element starts with one. */
const lineBreaks: string[] = [];
function lineBreak(depth: number): string {
  let line = lineBreaks[depth];
  if (line === undefined) {
    line = `\n${INDENT.repeat(depth)}`;
    lineBreaks[depth] = line;
  }
  return line;
}

/**
 * How a value is escaped: `special` finds whether anything must be, `replacements` (ampersand
 * first) do it, natively and without a callback per character.
 */
interface Escaping {
  special: RegExp;
  replacements: readonly (readonly [RegExp, string])[];
}

// xmldom's escaping, kept for byte-identical output. Text escapes `&`, `<` and `>` (so `]]>` is
// safe) but leaves quotes and a carriage return as they are. Attribute values also escape `"` and
// write tab, line feed and carriage return as character references, which parsers keep instead
// of turning them into spaces. `'` is never escaped: attribute values are in double quotes.
const TEXT: Escaping = {
  special: /[&<>]/,
  replacements: [
    [/&/g, "&amp;"],
    [/</g, "&lt;"],
    [/>/g, "&gt;"],
  ],
};
const ATTRIBUTE: Escaping = {
  special: /[&<>"\t\n\r]/,
  replacements: [
    ...TEXT.replacements,
    [/"/g, "&quot;"],
    [/\t/g, "&#9;"],
    [/\n/g, "&#10;"],
    [/\r/g, "&#13;"],
  ],
};

/** A value as XML character data: what XML cannot carry dropped, markup escaped. */
function characterData(value: string, escaping: Escaping): string {
  let data = removeXmlInvalidCharacters(value);
  if (!escaping.special.test(data)) return data;
  for (const [pattern, entity] of escaping.replacements) data = data.replace(pattern, entity);
  return data;
}

function prefixOf(name: string): string | undefined {
  const colon = name.indexOf(":");
  return colon === -1 ? undefined : name.slice(0, colon);
}

function isPrefix(prefix: string): prefix is Prefix {
  return prefix !== "xml" && prefix !== "xmlns" && Object.hasOwn(NAMESPACES, prefix);
}

/**
 * Serialized subtrees, by the value they were built from and by where they stand: see
 * `XmlElement.memoized`. Weak: a subtree goes when its value does.
 */
const subtrees = new WeakMap<object, Map<string, string>>();

/** An element being built. Prefixed names (`dc:creator`) take their namespace from NAMESPACES. */
export class XmlElement {
  /** Name → escaped value, in the order first set: a name set again keeps its place. */
  private readonly attributes = new Map<string, string>();
  private readonly children: XmlElement[] = [];
  /** The escaped text of an element made by `text`; undefined for other elements. */
  private content: string | undefined;
  /** The whole element already serialized (see `memoized`): written as it is. */
  private serialized: string | undefined;

  private constructor(
    private readonly name: string,
    private readonly depth: number,
    /** The prefixes declared here or on an ancestor. */
    private readonly inScope: ReadonlySet<string>,
    /** What is written after the attributes: the namespace declarations made here. */
    private readonly declarations: string,
    private readonly root: XmlElement | null,
  ) {}

  /** A document whose root is `name`, declaring `prefixes` on the root. */
  static root(
    name: string,
    defaultNamespace: string | null,
    prefixes: readonly Prefix[] = [],
  ): XmlElement {
    if (name.includes(":")) throw new Error(`the root element has no prefix: ${name}`);
    // xmldom writes the default namespace after the attributes, and the prefixes as the first
    // attributes, in the order given.
    const declarations =
      defaultNamespace === null ? "" : ` xmlns="${characterData(defaultNamespace, ATTRIBUTE)}"`;
    const root = new XmlElement(name, 0, new Set(prefixes), declarations, null);
    for (const prefix of prefixes) {
      root.attributes.set(`xmlns:${prefix}`, characterData(NAMESPACES[prefix], ATTRIBUTE));
    }
    return root;
  }

  /** Appends a child element, indented, and returns it. */
  element(name: string, attributes: Record<string, string | undefined> = {}): XmlElement {
    let inScope = this.inScope;
    let declarations = "";
    const prefix = prefixOf(name);
    if (prefix !== undefined && prefix !== "xml") {
      if (!isPrefix(prefix)) throw new Error(`unknown namespace prefix: ${name}`);
      // A prefix the root did not declare is declared where it is used, as xmldom does.
      if (!inScope.has(prefix)) {
        declarations = ` xmlns:${prefix}="${characterData(NAMESPACES[prefix], ATTRIBUTE)}"`;
        inScope = new Set(inScope).add(prefix);
      }
    }
    const child = new XmlElement(name, this.depth + 1, inScope, declarations, this.root ?? this);
    this.children.push(child);
    for (const [key, value] of Object.entries(attributes)) {
      if (value !== undefined) child.attribute(key, value);
    }
    return child;
  }

  /**
   * Appends a child element built by `build` from `source` alone, or the bytes this builder
   * wrote for the same `source` in the same place before (same name, depth and namespace
   * prefixes in scope, and the same `context` for anything else `build` reads). `source` must
   * not change once built from: a feed item is a new object when its article changes. Watch
   * mode then serializes only the items of a document that changed, not all fifty.
   */
  memoized(
    source: object,
    name: string,
    context: string,
    build: (child: XmlElement) => void,
  ): void {
    const child = this.element(name);
    const place = [name, child.depth, [...child.inScope].join(" "), context].join("\n");
    let known = subtrees.get(source);
    const bytes = known?.get(place);
    if (bytes !== undefined) {
      child.serialized = bytes;
      return;
    }
    build(child);
    const parts: string[] = [];
    child.write(parts);
    child.serialized = parts.join("");
    if (known === undefined) {
      known = new Map();
      subtrees.set(source, known);
    }
    known.set(place, child.serialized);
  }

  /** Appends `<name>text</name>`; characters XML cannot carry are dropped. */
  text(name: string, text: string, attributes: Record<string, string | undefined> = {}): this {
    this.element(name, attributes).content = characterData(text, TEXT);
    return this;
  }

  attribute(name: string, value: string): this {
    // Namespaces are declared by `root` and `element` only, so that the serializer knows them.
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      throw new Error(`namespaces are declared by XmlElement.root: ${name}`);
    }
    this.attributes.set(name, characterData(value, ATTRIBUTE));
    return this;
  }

  /** The whole document, with an XML declaration and a final newline. */
  serialize(): string {
    return this.serializeParts().join("");
  }

  /** serialize's text in parts, not joined: see ./file-text.ts. */
  serializeParts(): string[] {
    const parts = ['<?xml version="1.0" encoding="utf-8"?>\n'];
    (this.root ?? this).write(parts);
    parts.push("\n");
    return parts;
  }

  /**
   * Each child on its own, indented line; the closing tag of an element with children on its own
   * line too. An element without content closes itself (`<link .../>`); one made by `text`
   * never does, even when its text is empty.
   */
  private write(parts: string[]): void {
    if (this.serialized !== undefined) {
      parts.push(this.serialized);
      return;
    }
    const tag = stringsOf(this.name);
    parts.push(tag.start);
    for (const [name, value] of this.attributes) parts.push(stringsOf(name).attribute, value, '"');
    if (this.declarations !== "") parts.push(this.declarations);
    if (this.content !== undefined) {
      parts.push(">", this.content, tag.end);
    } else if (this.children.length === 0) {
      parts.push("/>");
    } else {
      parts.push(">");
      for (const child of this.children) {
        parts.push(lineBreak(this.depth + 1));
        child.write(parts);
      }
      parts.push(lineBreak(this.depth), tag.end);
    }
  }
}

/** How a name is written as an element's start and end, or as an attribute before its value. */
interface NameStrings {
  start: string;
  end: string;
  attribute: string;
}

/**
 * Made once for each element or attribute name (ours, a few dozen): a build writes millions of
 * tags, and fewer, longer parts are joined faster (2.4 → 1.4 million parts at 10,000 articles).
 */
const nameStrings = new Map<string, NameStrings>();

function stringsOf(name: string): NameStrings {
  let strings = nameStrings.get(name);
  if (strings === undefined) {
    strings = { start: `<${name}`, end: `</${name}>`, attribute: ` ${name}="` };
    nameStrings.set(name, strings);
  }
  return strings;
}

export const xmlRoot = XmlElement.root.bind(XmlElement);
