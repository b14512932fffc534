/**
 * Everything review-desk uses of mammoth beyond its documented API, in one place (the one file that
 * imports mammoth), so that an upgrade which changes it breaks here and in
 * test/extractors/docx/mammoth-internals.test.ts, by name, not as unreadable DOCX files. mammoth is
 * pinned exactly in package.json for the same reason.
 * - the `file` input of its zip layer (lib/unzip.js `openZip`): an object with `exists` and `read`,
 *   through which mammoth.ts hands over the parts the zip guard inflated;
 * - its document tree (lib/documents.js), captured with `transformDocument` instead of parsing HTML;
 * - its XML module (lib/xml/index.js), whose `readString` xml-reader.ts replaces and whose element
 *   and text makers it builds mammoth's own tree with.
 */
import { createRequire } from 'node:module';
import mammoth from 'mammoth';

/** The part of mammoth's document tree (lib/documents.js) that review-desk reads. */
export interface WordNode {
  readonly type: string;
  readonly children?: readonly WordNode[];
  /** text */
  readonly value?: string;
  /** paragraph */
  readonly styleId?: string | null;
  readonly styleName?: string | null;
  /** break: 'line' | 'page' | 'column' */
  readonly breakType?: string;
  /** checkbox */
  readonly checked?: boolean;
  /** tableCell */
  readonly colSpan?: number;
  readonly rowSpan?: number;
}

export interface WordDocument extends WordNode {
  readonly type: 'document';
  readonly children: readonly WordNode[];
}

/** mammoth's zip interface (lib/zipfile.js): what `openZip({file})` accepts. */
export interface MammothZipFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<Uint8Array | string>;
}

const EMPTY_DOCUMENT = { type: 'document', children: [] };

/**
 * mammoth's document tree of the package `zip` gives, or undefined when mammoth made none; throws what
 * mammoth throws. No HTML is rendered (mammoth is handed an empty document to render), no style map
 * parsed (the default one's cost: bench/analysis.md), no external file read.
 */
export async function readDocumentTree(zip: MammothZipFile): Promise<WordDocument | undefined> {
  let tree: WordDocument | undefined;
  const options = {
    externalFileAccess: false,
    includeDefaultStyleMap: false,
    includeEmbeddedStyleMap: false,
    transformDocument: (document: WordDocument) => {
      tree = document;
      return { ...document, ...EMPTY_DOCUMENT };
    },
  };
  // `file` is the input mammoth's unzip.openZip reads besides `path` and `buffer`; its typings omit it.
  await mammoth.convertToHtml({ file: zip } as unknown as { buffer: Buffer }, options);
  return tree;
}

/** An element of mammoth's XML tree (lib/xml/nodes.js). */
export interface MammothElement {
  readonly type: 'element';
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: (MammothElement | MammothText)[];
}

export interface MammothText {
  readonly type: 'text';
  readonly value: string;
}

export type NamespaceMap = Readonly<Record<string, string>>;
export type ReadString = (xml: string, namespaceMap?: NamespaceMap) => Promise<unknown>;

/** mammoth's XML module (lib/xml/index.js), as far as xml-reader.ts uses it. */
export interface MammothXml {
  readString: ReadString;
  Element: new (name: string, attributes: Record<string, string>, children: unknown[]) => MammothElement;
  text(value: string): MammothText;
}

export const mammothXml = createRequire(import.meta.url)('mammoth/lib/xml/index.js') as MammothXml;
