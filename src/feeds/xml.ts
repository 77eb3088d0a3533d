// What the two XML formats share: a small element builder on the W3C DOM of @xmldom/xmldom, whose
// serializer escapes by the book. (xmlbuilder2 was tried first: it leaves "&lt;" in text as it
// is, so HTML that shows a "<" would reach readers as markup.)
import { DOMImplementation, type Document, type Element, XMLSerializer } from "@xmldom/xmldom";
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

/** An element being built. Prefixed names (`dc:creator`) take their namespace from NAMESPACES. */
export class XmlElement {
  private constructor(
    private readonly document: Document,
    readonly node: Element,
    private readonly depth: number,
    private readonly defaultNamespace: string | null,
  ) {}

  /** A document whose root is `name`, declaring `prefixes` on the root. */
  static root(
    name: string,
    defaultNamespace: string | null,
    prefixes: readonly Prefix[] = [],
  ): XmlElement {
    const document = new DOMImplementation().createDocument(defaultNamespace, name, null);
    const root = new XmlElement(document, document.documentElement as Element, 0, defaultNamespace);
    for (const prefix of prefixes) {
      root.node.setAttributeNS(NAMESPACES.xmlns, `xmlns:${prefix}`, NAMESPACES[prefix]);
    }
    return root;
  }

  /** Appends a child element, indented, and returns it. */
  element(name: string, attributes: Record<string, string | undefined> = {}): XmlElement {
    this.node.appendChild(this.document.createTextNode(`\n${INDENT.repeat(this.depth + 1)}`));
    const node = this.document.createElementNS(this.namespaceOf(name), name);
    this.node.appendChild(node);
    const child = new XmlElement(this.document, node, this.depth + 1, this.defaultNamespace);
    for (const [key, value] of Object.entries(attributes)) {
      if (value !== undefined) child.attribute(key, value);
    }
    return child;
  }

  /** Appends `<name>text</name>`; characters XML cannot carry are dropped. */
  text(name: string, text: string, attributes: Record<string, string | undefined> = {}): this {
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

  /** The whole document, with an XML declaration and a final newline. */
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

export const xmlRoot = XmlElement.root.bind(XmlElement);

/** Puts each closing tag of an element with element children on its own, indented line. */
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
