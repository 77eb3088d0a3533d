// What the two XML formats share: the document builder and the final serialization.
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import { removeXmlInvalidCharacters } from "../text.js";

export type { XMLBuilder };

export const GENERATOR = { name: "nashra", uri: "https://www.npmjs.com/package/nashra" } as const;

export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

export function xmlDocument(): XMLBuilder {
  return create({ version: "1.0", encoding: "utf-8" });
}

/** Adds `<name>text</name>`; text is escaped by the builder, characters XML forbids are dropped. */
export function textElement(
  parent: XMLBuilder,
  name: string,
  text: string,
  attributes?: Record<string, string>,
): XMLBuilder {
  return parent.ele(name, attributes).txt(removeXmlInvalidCharacters(text)).up();
}

export function serializeXml(document: XMLBuilder): string {
  return `${document.end({ prettyPrint: true, indent: "  " })}\n`;
}
