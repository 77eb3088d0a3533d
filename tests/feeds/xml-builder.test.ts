// The hand-written XML serializer against the one it replaced: the same random trees, built with
// both, must give the same bytes, and well-formed XML. The reference below is the builder on
// @xmldom/xmldom as it was, kept here (xmldom is a devDependency for this test only).
import { DOMImplementation, type Document, type Element, XMLSerializer } from "@xmldom/xmldom";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAMESPACES, xmlRoot } from "../../src/feeds/xml.js";
import { expectWellFormedXml } from "../feed-checks.js";

type Prefix = NonNullable<Parameters<typeof xmlRoot>[2]>[number];
type Attributes = Record<string, string | undefined>;

/** What the feeds use of a builder; both builders have it. */
interface Builder {
  element(name: string, attributes?: Attributes): Builder;
  text(name: string, text: string, attributes?: Attributes): Builder;
  attribute(name: string, value: string): Builder;
  serialize(): string;
}

const INDENT = "  ";
// What src/text.ts removed then, in one replace; it now looks before it replaces.
const XML_INVALID = new RegExp(
  "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uFFFE\\uFFFF]" +
    "|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]",
  "g",
);
const removeXmlInvalidCharacters = (text: string) => text.replace(XML_INVALID, "");

/** The xmldom builder, unchanged but for its name and a type. */
class XmldomElement implements Builder {
  private constructor(
    private readonly document: Document,
    readonly node: Element,
    private readonly depth: number,
    private readonly defaultNamespace: string | null,
  ) {}

  static root(name: string, defaultNamespace: string | null, prefixes: readonly Prefix[]) {
    const document = new DOMImplementation().createDocument(defaultNamespace, name, null);
    const root = new XmldomElement(
      document,
      document.documentElement as Element,
      0,
      defaultNamespace,
    );
    for (const prefix of prefixes) {
      root.node.setAttributeNS(NAMESPACES.xmlns, `xmlns:${prefix}`, NAMESPACES[prefix]);
    }
    return root;
  }

  element(name: string, attributes: Attributes = {}): XmldomElement {
    this.node.appendChild(this.document.createTextNode(`\n${INDENT.repeat(this.depth + 1)}`));
    const node = this.document.createElementNS(this.namespaceOf(name), name);
    this.node.appendChild(node);
    const child = new XmldomElement(this.document, node, this.depth + 1, this.defaultNamespace);
    for (const [key, value] of Object.entries(attributes)) {
      if (value !== undefined) child.attribute(key, value);
    }
    return child;
  }

  text(name: string, text: string, attributes: Attributes = {}): this {
    const child = this.element(name, attributes);
    child.node.appendChild(this.document.createTextNode(removeXmlInvalidCharacters(text)));
    return this;
  }

  attribute(name: string, value: string): this {
    const clean = removeXmlInvalidCharacters(value);
    if (name.startsWith("xml:")) this.node.setAttributeNS(NAMESPACES.xml, name, clean);
    else this.node.setAttribute(name, clean);
    return this;
  }

  serialize(): string {
    closeIndentation(this.document.documentElement as Element, 0);
    const xml = new XMLSerializer().serializeToString(this.document);
    return `<?xml version="1.0" encoding="utf-8"?>\n${xml}\n`;
  }

  private namespaceOf(name: string): string | null {
    const colon = name.indexOf(":");
    if (colon === -1) return this.defaultNamespace;
    return NAMESPACES[name.slice(0, colon) as Prefix];
  }
}

function closeIndentation(element: Element, depth: number): void {
  let hasElements = false;
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) {
      hasElements = true;
      closeIndentation(child as Element, depth + 1);
    }
  }
  if (hasElements && element.ownerDocument !== null) {
    element.appendChild(element.ownerDocument.createTextNode(`\n${INDENT.repeat(depth)}`));
  }
}

// A random document: its root, and the calls made on it and on the elements it returns.
type Call =
  | { kind: "element"; name: string; attributes: Attributes; calls: Call[] }
  | { kind: "text"; name: string; text: string; attributes: Attributes }
  | { kind: "attribute"; name: string; value: string };

interface Tree {
  name: string;
  defaultNamespace: string | null;
  prefixes: Prefix[];
  calls: Call[];
}

function replay(builder: Builder, calls: readonly Call[]): void {
  for (const call of calls) {
    if (call.kind === "element") replay(builder.element(call.name, call.attributes), call.calls);
    else if (call.kind === "text") builder.text(call.name, call.text, call.attributes);
    else builder.attribute(call.name, call.value);
  }
}

type Root = (name: string, defaultNamespace: string | null, prefixes: Prefix[]) => Builder;

function serializeWith(root: Root, tree: Tree): string {
  const builder = root(tree.name, tree.defaultNamespace, tree.prefixes);
  replay(builder, tree.calls);
  return builder.serialize();
}

const PREFIXES: Prefix[] = ["atom", "content", "dc", "media", "webfeeds", "fh"];
const ELEMENT_NAMES = [
  "item",
  "entry",
  "link",
  "title",
  "outline",
  "xml:x",
  ...PREFIXES.map((prefix) => `${prefix}:x`),
];
const ATTRIBUTE_NAMES = ["href", "rel", "type", "xml:lang", "length", "title", "term"];

/** Strings built from what XML makes hard: markup, quotes, white space, invalid characters. */
const hardText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      ...["<", ">", "&", '"', "'", "]]>", "&lt;", "&amp;", "\t", "\n", "\r", "\r\n", " "],
      ...["\u0000", "\u0001", "\u000B", "\u001F", "\u007F", "\u0085", "\u2028"],
      ...["\uFFFE", "\uFFFF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800"],
      ...["الخبر", "\u200F", "😀", "👨‍👩‍👧", "é", "a"],
    ),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  ),
  maxLength: 24,
});

const attributes = fc.dictionary(
  fc.constantFrom(...ATTRIBUTE_NAMES),
  fc.option(hardText, { nil: undefined }),
  { maxKeys: 4 },
);

const { call } = fc.letrec<{ call: Call; calls: Call[] }>((tie) => ({
  call: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({
      kind: fc.constant("text" as const),
      name: fc.constantFrom(...ELEMENT_NAMES),
      text: hardText,
      attributes,
    }),
    fc.record({
      kind: fc.constant("attribute" as const),
      name: fc.constantFrom(...ATTRIBUTE_NAMES),
      value: hardText,
    }),
    fc.record({
      kind: fc.constant("element" as const),
      name: fc.constantFrom(...ELEMENT_NAMES),
      attributes,
      calls: tie("calls"),
    }),
  ),
  calls: fc.array(tie("call"), { maxLength: 5 }),
}));

const tree: fc.Arbitrary<Tree> = fc.record({
  name: fc.constantFrom("rss", "feed", "opml"),
  defaultNamespace: fc.constantFrom(null, NAMESPACES.atom),
  prefixes: fc.shuffledSubarray(PREFIXES),
  calls: fc.array(call, { maxLength: 6 }),
});

describe("the XML serializer", () => {
  it("writes what xmldom wrote, byte for byte, and well-formed", () => {
    fc.assert(
      fc.property(tree, (tree) => {
        const written = serializeWith(xmlRoot, tree);
        expect(written).toBe(serializeWith(XmldomElement.root, tree));
        expectWellFormedXml(written);
      }),
      { numRuns: 400, seed: 20261129 },
    );
  });

  it("escapes text and attribute values as xmldom did", () => {
    const hard = "a<b>c&d\"e'f]]>g\th\ni\rj\u0001k\uFFFEl\uD800m";
    const root = xmlRoot("feed", NAMESPACES.atom).attribute("title", hard).text("title", hard);
    expect(root.serialize()).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n' +
        '<feed title="a&lt;b&gt;c&amp;d&quot;e\'f]]&gt;g&#9;h&#10;i&#13;jklm" xmlns="http://www.w3.org/2005/Atom">\n' +
        "  <title>a&lt;b&gt;c&amp;d\"e'f]]&gt;g\th\ni\rjklm</title>\n" +
        "</feed>\n",
    );
  });

  it("declares a prefix the root did not where it is used, for that element's subtree", () => {
    const root = xmlRoot("rss", null, ["atom"]);
    root.element("media:content").text("media:title", "t").element("atom:link", { rel: "self" });
    root.element("media:thumbnail");
    expect(root.serialize()).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n' +
        '<rss xmlns:atom="http://www.w3.org/2005/Atom">\n' +
        '  <media:content xmlns:media="http://search.yahoo.com/mrss/">\n' +
        "    <media:title>t</media:title>\n" +
        '    <atom:link rel="self"/>\n' +
        "  </media:content>\n" +
        '  <media:thumbnail xmlns:media="http://search.yahoo.com/mrss/"/>\n' +
        "</rss>\n",
    );
  });

  it("writes a remembered subtree exactly as it would build it, and only where it stands", () => {
    const item = { title: "خبر <عاجل> & مهم", creator: "ومع" };
    const build = (parent: ReturnType<typeof xmlRoot>, remember: boolean) => {
      const fill = (element: ReturnType<typeof xmlRoot>) => {
        element.text("title", item.title).text("dc:creator", item.creator);
      };
      if (remember) parent.memoized(item, "item", "zone", fill);
      else fill(parent.element("item"));
    };
    const document = (prefixes: "dc"[], depth: number, remember: boolean) => {
      let parent = xmlRoot("rss", null, prefixes);
      for (let level = 1; level < depth; level++) parent = parent.element("channel");
      build(parent, remember);
      build(parent, remember); // the second time from memory
      return parent.serialize();
    };
    // Other depths and other prefixes in scope give other bytes, each as if built anew.
    for (const prefixes of [["dc"], []] as "dc"[][]) {
      for (const depth of [1, 2, 3]) {
        expect(document(prefixes, depth, true)).toBe(document(prefixes, depth, false));
      }
    }
  });

  it("refuses namespace declarations as attributes and unknown prefixes", () => {
    expect(() => xmlRoot("rss", null).attribute("xmlns:x", "urn:x")).toThrow(/namespaces/);
    expect(() => xmlRoot("rss", null).element("x:y")).toThrow(/unknown namespace prefix/);
    expect(() => xmlRoot("atom:feed", null)).toThrow(/no prefix/);
  });

  it("gives the same document when serialized twice", () => {
    const root = xmlRoot("opml", null);
    root.element("head").text("title", "t");
    expect(root.serialize()).toBe(root.serialize());
  });
});
