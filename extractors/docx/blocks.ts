/**
 * mammoth's document tree → the document model's blocks, in reading order: non-blank paragraphs
 * numbered 0.. (paragraphs inside table cells belong to their cell), tables numbered 0.. with their
 * grid resolved, heading levels from the Word paragraph styles.
 */
import type { Block, ParagraphBlock, TableBlock } from '../model/document-model.js';
import { resolveGrid } from './grid.js';
import type { WordNode } from './mammoth.js';
import { cellText, paragraphText } from './text.js';

const HEADING_STYLE = /^(?:heading|标题)([1-9])$/;
const TITLE_STYLES = new Set(['title', '标题']);

/**
 * Heading level from the paragraph style: Heading 1–9 / 标题 1–9 → 1–9, Title / 标题 → 0. The style
 * name is what Word shows (built-in styles keep English names in styles.xml even in Chinese Word, whose
 * style ids are "1", "2"…); the id is the fallback for documents without styles.xml.
 */
export function headingLevelOf(
  styleName: string | null | undefined,
  styleId: string | null | undefined,
): number | null {
  for (const style of [styleName, styleId]) {
    if (!style) continue;
    const key = style.toLowerCase().replace(/\s+/g, '');
    const heading = HEADING_STYLE.exec(key);
    if (heading) return Number(heading[1]);
    if (TITLE_STYLES.has(key)) return 0;
  }
  return null;
}

const isBlank = (text: string) => !/\S/.test(text);

function tableRows(table: WordNode) {
  return (table.children ?? [])
    .filter((row) => row.type === 'tableRow')
    .map((row) =>
      (row.children ?? [])
        .filter((cell) => cell.type === 'tableCell')
        .map((cell) => ({ text: cellText(cell), rowSpan: cell.rowSpan ?? 1, colSpan: cell.colSpan ?? 1 })),
    );
}

export function documentBlocks(document: WordNode): Block[] {
  const blocks: Block[] = [];
  let paragraphs = 0;
  let tables = 0;
  const visit = (node: WordNode): void => {
    switch (node.type) {
      // Runs and hyperlinks stand at the top level only in malformed files; they still read as text.
      case 'paragraph':
      case 'run':
      case 'hyperlink': {
        const text = paragraphText(node);
        if (isBlank(text)) return;
        const block: ParagraphBlock = {
          kind: 'paragraph',
          text,
          location: { page: null, paragraph: paragraphs++ },
          headingLevel: node.type === 'paragraph' ? headingLevelOf(node.styleName, node.styleId) : null,
        };
        blocks.push(block);
        return;
      }
      case 'table': {
        const rows = resolveGrid(tableRows(node));
        if (rows.length === 0) return;
        const block: TableBlock = { kind: 'table', index: tables++, page: null, rows, rowPages: null };
        blocks.push(block);
        return;
      }
      default:
        for (const child of node.children ?? []) visit(child);
    }
  };
  visit(document);
  return blocks;
}
