/**
 * DOCX bytes → document model: the zip guard inflates the package within the limits, mammoth reads
 * the WordprocessingML into its document tree, and the tree becomes paragraph and table blocks.
 */

import { guardZip } from '../container/zip-guard.js';
import { describeNonWordPackage, findMainDocument } from '../format/zip-package-kind.js';
import type { DocumentModel } from '../model/document-model.js';
import { defaultReadLimits, type ReadLimits } from '../model/limits.js';
import { Rejection } from '../model/rejection.js';
import { documentBlocks } from './blocks.js';
import { readWordTree } from './mammoth.js';

/** Parts under word/ that mammoth would parse but review-desk never reads (notes and comments are not report text). */
const UNUSED_WORD_PARTS = new Set([
  'comments',
  'commentsextended',
  'commentsextensible',
  'commentsids',
  'endnotes',
  'fonttable',
  'footnotes',
  'people',
  'settings',
  'websettings',
]);
const WORD_PART = /^word\/(?:_rels\/)?([^/]+?)\.xml(?:\.rels)?$/i;

/** The parts kept in memory for mammoth: the package's content types and relationships, and word/*.xml. */
export function isPartToRead(name: string): boolean {
  if (name === '[Content_Types].xml' || name === '_rels/.rels') return true;
  const part = WORD_PART.exec(name);
  return part !== null && !UNUSED_WORD_PARTS.has(part[1]!.toLowerCase());
}

/** Throws a Rejection: `too-large`, `corrupt-file`, `encrypted`, or `unsupported-format` for a zip that is not a Word document. */
export async function readDocx(bytes: Uint8Array, limits: ReadLimits = defaultReadLimits): Promise<DocumentModel> {
  const contents = await guardZip(bytes, limits, { keep: isPartToRead });
  const names = new Set(contents.names);
  const mainDocument = findMainDocument(names, contents.parts.get('[Content_Types].xml'));
  if (!mainDocument) throw new Rejection('unsupported-format', describeNonWordPackage(names));
  const tree = await readWordTree(contents, { mainDocument });
  return { format: 'docx', blocks: documentBlocks(tree), pageCount: null, problems: [] };
}
