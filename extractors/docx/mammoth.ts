/**
 * Runs mammoth on the parts the zip guard already inflated and hands back mammoth's own document tree
 * (paragraphs with their styles, tables with colSpan/rowSpan resolved from gridSpan/vMerge), which is
 * cleaner than re-parsing its HTML. mammoth reads the parts through the `file` input of its zip layer,
 * so the zip is inflated once, by the guard, within its limits, and nothing else of the package is
 * reachable (images, embedded objects, external files). The main document gets its list numbers
 * written in first (docx-numbering.ts): mammoth reads numbered paragraphs without them.
 */
import type { ZipContents } from '../container/zip-guard.js';
import { Rejection } from '../model/rejection.js';
import { type MammothZipFile, readDocumentTree, type WordDocument } from './mammoth-internals.js';
import { type NumberingParts, numberingPartNames, writeListNumbers } from './numbering.js';
import { dropBookmarks, fillGridBefore, minimizeStyles, pruneFormatting } from './xml-prune.js';
import { installFastXmlReader } from './xml-reader.js';

export type { WordDocument, WordNode } from './mammoth-internals.js';

export interface WordTreeOptions {
  /** The main document part, whose formatting is pruned before parsing. */
  readonly mainDocument: string;
  /**
   * Drop what mammoth would parse for nothing (docx-xml-prune.ts): formatting in the main document, all
   * but the names in styles.xml, and numbering.xml (list numbers are written in by docx-numbering.ts).
   * @default true
   */
  readonly pruneFormatting?: boolean;
}

/** What mammoth is given for the numbering part: review-desk writes list numbers itself (docx-numbering.ts). */
const EMPTY_NUMBERING =
  '<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>';
const NUMBERING_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?<w:numbering\b/;
const STYLES_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?<w:styles\b/;
/** The UTF-8 byte order mark read as Latin-1. */
const LATIN1_BOM = '\u00EF\u00BB\u00BF';

/**
 * The main document pruned as Latin-1 text, then decoded as UTF-8: Latin-1 decoding is a plain copy, the
 * prune patterns are ASCII, which UTF-8 never uses inside a multibyte character, and only the quarter or so
 * of the XML that pruning leaves is decoded as UTF-8 (decoding all of it cost more than the pruning).
 */
function prunedMainDocument(bytes: Buffer): string {
  let latin1 = bytes.toString('latin1');
  if (latin1.startsWith(LATIN1_BOM)) latin1 = latin1.slice(LATIN1_BOM.length);
  return Buffer.from(pruneFormatting(fillGridBefore(dropBookmarks(latin1))), 'latin1').toString('utf8');
}

function zipFileOver(contents: ZipContents, options: WordTreeOptions): MammothZipFile {
  const prune = options.pruneFormatting ?? true;
  // Each part decoded once: the numbering step and mammoth may both read relationships and styles.
  const decoded = new Map<string, string | undefined>();
  const text = (name: string) => {
    if (!decoded.has(name)) {
      // Without the byte order mark, as TextDecoder gives it: xmldom takes it for text before the root.
      decoded.set(
        name,
        contents.parts
          .get(name)
          ?.toString('utf8')
          .replace(/^\uFEFF/, ''),
      );
    }
    return decoded.get(name);
  };
  // The numbering and styles parts, kept as mammoth reads them (before the main document); when it has
  // not read both, they are found through the main document's relationships.
  const seen: { numbering?: string; styles?: string } = {};
  const numberingParts = (): NumberingParts => {
    if (seen.numbering !== undefined && seen.styles !== undefined) return seen as NumberingParts;
    const names = numberingPartNames(options.mainDocument, text);
    return { numbering: text(names.numbering), styles: text(names.styles) };
  };
  return {
    exists: (name) => contents.parts.has(name),
    read: async (name, encoding) => {
      const bytes = contents.parts.get(name);
      if (!bytes) throw new Error(`part not available: ${name}`);
      if (!encoding) return bytes;
      if (encoding === 'base64') return bytes.toString('base64');
      const utf8 = encoding.toLowerCase().replace('-', '') === 'utf8';
      // Numbered after pruning, which keeps styles and numbering and leaves a quarter of the XML to parse.
      if (prune && utf8 && name === options.mainDocument) {
        return writeListNumbers(prunedMainDocument(bytes), numberingParts());
      }
      const source = utf8 ? text(name)! : new TextDecoder(encoding).decode(bytes);
      if (prune && NUMBERING_ROOT.test(source)) {
        seen.numbering = source;
        return EMPTY_NUMBERING;
      }
      if (prune && STYLES_ROOT.test(source)) {
        seen.styles = source;
        return minimizeStyles(source);
      }
      let xml = fillGridBefore(dropBookmarks(source));
      if (name !== options.mainDocument) return xml;
      if (prune) xml = pruneFormatting(xml);
      return writeListNumbers(xml, numberingParts());
    },
  };
}

installFastXmlReader();

/** Throws `corrupt-file` when a part mammoth reads is not well-formed XML or not WordprocessingML. */
export async function readWordTree(contents: ZipContents, options: WordTreeOptions): Promise<WordDocument> {
  let tree: WordDocument | undefined;
  try {
    tree = await readDocumentTree(zipFileOver(contents, options));
  } catch (error) {
    throw new Rejection(
      'corrupt-file',
      '文件已损坏：Word文档内容（XML）无法解析，请用Word或WPS打开后重新另存为.docx再报送。',
      { cause: error },
    );
  }
  if (!tree) throw new Rejection('corrupt-file', '文件已损坏：未能读取Word文档正文，请重新另存为.docx后报送。');
  return tree;
}
