/**
 * Text of mammoth's document nodes as the document model wants it: runs joined, line breaks kept as
 * '\n', a cell's paragraphs joined with '\n', nested tables flattened into their cell's text.
 */
import { normalizeGlyphs } from '../text/normalize-glyphs.js';
import type { WordNode } from './mammoth.js';

/** Stands for a page or column break until the paragraph is finished: kept between text as '\n', dropped at the ends. */
const SECTION_BREAK = '\f';
/** Tables nested deeper than this inside a cell add no more text; it bounds recursion on hostile files. */
const MAX_NESTED_TABLES = 32;

const isBlank = (text: string) => !/\S/.test(text);

function collectInline(node: WordNode, out: string[], depth: number): void {
  switch (node.type) {
    case 'text':
      out.push(normalizeGlyphs(node.value ?? ''));
      return;
    case 'tab':
      out.push('\t');
      return;
    case 'break':
      out.push(node.breakType === 'line' ? '\n' : SECTION_BREAK);
      return;
    // Word's default checkbox glyphs, so the text matches what a PDF export of the same file shows.
    case 'checkbox':
      out.push(node.checked ? '☒' : '☐');
      return;
    // A footnote mark would glue its number to the figure before it (801.86万元¹ → 801.86万元1).
    case 'noteReference':
    case 'commentReference':
    case 'image':
    case 'bookmarkStart':
      return;
    case 'table':
      out.push(nestedTableText(node, depth + 1));
      return;
    default:
      for (const child of node.children ?? []) collectInline(child, out, depth);
  }
}

/** A paragraph's (or any inline node's) text. */
export function paragraphText(node: WordNode, depth = 0): string {
  const out: string[] = [];
  collectInline(node, out, depth);
  const text = out.join('');
  if (!text.includes(SECTION_BREAK)) return text;
  return text.replace(/^\f+|\f+$/g, '').replace(/\f+/g, '\n');
}

/** A cell's non-blank paragraphs joined with '\n'; nested tables inside it become lines of text. */
export function cellText(cell: WordNode, depth = 0): string {
  const lines: string[] = [];
  for (const child of cell.children ?? []) {
    const text = child.type === 'table' ? nestedTableText(child, depth + 1) : paragraphText(child, depth);
    if (!isBlank(text)) lines.push(text);
  }
  return lines.join('\n');
}

/** A table inside a cell: its cells separated by tabs, its rows by line breaks. */
function nestedTableText(table: WordNode, depth: number): string {
  if (depth > MAX_NESTED_TABLES) return '';
  const rows: string[] = [];
  for (const row of table.children ?? []) {
    const cells = (row.children ?? []).map((cell) => cellText(cell, depth)).filter((text) => !isBlank(text));
    if (cells.length > 0) rows.push(cells.join('\t'));
  }
  return rows.join('\n');
}
