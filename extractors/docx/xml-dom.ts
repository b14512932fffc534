/**
 * @xmldom/xmldom (the XML parser mammoth uses), loaded through require with typings for the few DOM
 * calls review-desk makes: its own typings reference TypeScript's DOM library, which would put browser
 * globals (window, document, name…) into every file of this Node project.
 */
import { createRequire } from 'node:module';

export interface XmlNode {
  readonly nodeType: number;
  readonly parentNode: XmlNode | null;
  readonly firstChild: XmlNode | null;
  readonly nextSibling: XmlNode | null;
}

export interface XmlElement extends XmlNode {
  readonly namespaceURI: string | null;
  readonly localName: string;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string, name: string): string | null;
}

export interface XmlDocument extends XmlNode {
  readonly documentElement: XmlElement | null;
  getElementsByTagNameNS(
    namespace: string,
    name: string,
  ): { readonly length: number; item(i: number): XmlElement | null };
}

interface XmlDom {
  DOMParser: new (options: {
    errorHandler: { warning: () => void; error: () => void; fatalError: () => void };
  }) => { parseFromString(xml: string, mimeType: string): XmlDocument | undefined };
}

const xmldom = createRequire(import.meta.url)('@xmldom/xmldom') as XmlDom;

export const ELEMENT_NODE = 1;

/** Parses XML, or null when it is not well-formed. */
export function parseXml(xml: string): XmlDocument | null {
  let failed = false;
  const fail = () => {
    failed = true;
  };
  const parser = new xmldom.DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } });
  let document: XmlDocument | undefined;
  try {
    document = parser.parseFromString(xml, 'text/xml');
  } catch {
    return null;
  }
  return failed || !document?.documentElement ? null : document;
}
