/**
 * mammoth's XML reading, faster: each part is parsed with saxes straight into mammoth's own element tree
 * (mammoth/lib/xml/nodes.js), the tree mammoth otherwise gets by parsing with @xmldom/xmldom and then
 * converting the DOM — about a third of the CPU of reading a DOCX, and much of its garbage. mammoth takes
 * no parser option, so its `xml.readString` is replaced, once per process, by one that builds the same
 * tree (names mapped to mammoth's prefixes, text split where comments and CDATA split it, no comments,
 * CDATA or processing instructions). Whatever saxes refuses is handed to mammoth's own reader, so a file
 * refused before is refused the same way; test/extractors/docx-xml-reader.test.ts checks the trees alike
 * on every fixture DOCX part.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { type MammothElement, mammothXml, type NamespaceMap, type ReadString } from './mammoth-internals.js';

export type { MammothElement } from './mammoth-internals.js';

/** mammoth's own reader (xmldom), kept for what saxes refuses and for the tests' comparison. */
export const readWithXmldom: ReadString = mammothXml.readString;

/** mammoth's name for an element or attribute: its prefix for the namespaces it knows, else `{uri}local`. */
function mammothName(uri: string, local: string, namespaceMap: NamespaceMap): string {
  if (!uri) return local;
  const prefix = namespaceMap[uri];
  return prefix ? `${prefix}:${local}` : `{${uri}}${local}`;
}

/** The tree mammoth's reader would give, or throws what saxes found wrong with the XML. */
export function parseToMammothTree(xml: string, namespaceMap: NamespaceMap = {}): MammothElement {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const open: MammothElement[] = [];
  let root: MammothElement | undefined;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = Object.create(null);
    for (const attribute of Object.values(tag.attributes)) {
      attributes[mammothName(attribute.uri, attribute.local, namespaceMap)] = attribute.value;
    }
    const element = new mammothXml.Element(mammothName(tag.uri, tag.local, namespaceMap), attributes, []);
    const parent = open[open.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    open.push(element);
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.on('text', (text) => {
    open[open.length - 1]?.children.push(mammothXml.text(text));
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

function readString(xml: string, namespaceMap: NamespaceMap = {}): Promise<unknown> {
  let tree: MammothElement;
  try {
    tree = parseToMammothTree(xml, namespaceMap);
  } catch {
    return readWithXmldom(xml, namespaceMap);
  }
  return Promise.resolve(tree);
}

let installed = false;

/** Makes mammoth read XML with saxes from now on (in this process). */
export function installFastXmlReader(): void {
  if (installed) return;
  mammothXml.readString = readString;
  installed = true;
}
