/**
 * The memo as a printable Word document (the `docx` library), made by walking the same mdast tree as the
 * Markdown and HTML renderings: headings, paragraphs, nested lists and the identification table.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  type IPropertiesOptions,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { List, Table as MdTable, PhrasingContent, Root, RootContent } from 'mdast';
import { isClosing } from './mdast-builders.js';
import { MemoPacker } from './memo-docx-package.js';
import { memoPageTitle } from './memo-html.js';
import { buildMemoTree, type MemoContext } from './memo-tree.js';
import type { CheckResult } from './result-schema.js';

const bodyFont = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const headingFont = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };

/** Half-points: 小四 (12pt) for the body, 二号 (22pt) for the title, as official documents are set. */
const sizes = { body: 24, title: 36, heading1: 30, heading2: 26 };

/** Twips per level of list indentation. */
const indentStep = 420;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
}

function runs(nodes: readonly PhrasingContent[], style: RunStyle = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(
          new TextRun({
            text: node.value,
            bold: style.bold,
            italics: style.italics,
            font: style.code ? 'Consolas' : undefined,
          }),
        );
        break;
      case 'strong':
        out.push(...runs(node.children, { ...style, bold: true }));
        break;
      case 'emphasis':
        out.push(...runs(node.children, { ...style, italics: true }));
        break;
      case 'inlineCode':
        out.push(...runs([{ type: 'text', value: node.value }], { ...style, code: true }));
        break;
      case 'break':
        out.push(new TextRun({ break: 1 }));
        break;
      default:
        if ('children' in node) out.push(...runs(node.children as PhrasingContent[], style));
        else if ('value' in node) out.push(...runs([{ type: 'text', value: String(node.value) }], style));
    }
  }
  return out;
}

const headingLevels = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2 } as const;

/**
 * `depth` counts every enclosing list (for indentation); `bulletLevel` only the bulleted ones, because
 * ordered items are numbered by hand and Word's bullet levels indent on their own.
 */
function listParagraphs(node: List, depth: number, bulletLevel: number): Paragraph[] {
  const out: Paragraph[] = [];
  node.children.forEach((item, index) => {
    let first = true;
    for (const child of item.children) {
      if (child.type === 'list') {
        out.push(...listParagraphs(child, depth + 1, node.ordered ? bulletLevel : bulletLevel + 1));
      } else if (child.type === 'paragraph') {
        const children = runs(child.children);
        if (first && node.ordered) {
          // Numbers are written out so they survive copy and paste and read the same in every viewer.
          out.push(
            new Paragraph({
              children: [new TextRun({ text: `${(node.start ?? 1) + index}. ` }), ...children],
              indent: { left: indentStep * (depth + 1), hanging: indentStep },
              spacing: { before: 120 },
            }),
          );
        } else if (first) {
          out.push(new Paragraph({ children, bullet: { level: Math.min(bulletLevel, 8) } }));
        } else {
          out.push(new Paragraph({ children, indent: { left: indentStep * (depth + 1) } }));
        }
        first = false;
      }
    }
  });
  return out;
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '444444' };

function tableOf(node: MdTable): Table {
  const columnCount = node.children[0]?.children.length ?? 1;
  // The identification table: a narrow label column and a wide content column.
  const widths = columnCount === 2 ? [20, 80] : Array.from({ length: columnCount }, () => 100 / columnCount);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: cellBorder,
      bottom: cellBorder,
      left: cellBorder,
      right: cellBorder,
      insideHorizontal: cellBorder,
      insideVertical: cellBorder,
    },
    rows: node.children.map(
      (row, rowIndex) =>
        new TableRow({
          // Only the first row repeats on each page; mammoth and Word read any tblHeader element as true.
          tableHeader: rowIndex === 0 ? true : undefined,
          children: row.children.map(
            (cell, columnIndex) =>
              new TableCell({
                width: { size: widths[columnIndex] ?? 10, type: WidthType.PERCENTAGE },
                children: [new Paragraph({ children: runs(cell.children, { bold: rowIndex === 0 }) })],
              }),
          ),
        }),
    ),
  });
}

function blocks(nodes: readonly RootContent[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        out.push(
          new Paragraph({
            heading: headingLevels[Math.min(node.depth, 3) as 1 | 2 | 3],
            alignment: node.depth === 1 ? AlignmentType.CENTER : undefined,
            children: runs(node.children),
          }),
        );
        break;
      case 'paragraph':
        out.push(
          new Paragraph({
            alignment: isClosing(node) ? AlignmentType.RIGHT : undefined,
            children: runs(node.children),
          }),
        );
        break;
      case 'list':
        out.push(...listParagraphs(node, 0, 0));
        break;
      case 'table':
        out.push(tableOf(node), new Paragraph({ children: [] }));
        break;
      case 'thematicBreak':
        out.push(
          new Paragraph({
            children: [],
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } },
          }),
        );
        break;
      default:
        if ('children' in node) out.push(...blocks(node.children as RootContent[]));
    }
  }
  return out;
}

/** The memo's document options: the same settings for every memo, its own title and body. */
function memoOptions(tree: Root, title: string): IPropertiesOptions {
  return {
    creator: 'review-desk',
    title,
    description: '部门整体绩效自评报告审核意见',
    styles: {
      default: {
        document: { run: { font: bodyFont, size: sizes.body }, paragraph: { spacing: { line: 360 } } },
        title: { run: { font: headingFont, size: sizes.title, bold: false, color: '000000' } },
        heading1: {
          run: { font: headingFont, size: sizes.heading1, bold: false, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading2: {
          run: { font: headingFont, size: sizes.heading2, bold: false, color: '000000' },
          paragraph: { spacing: { before: 180, after: 60 } },
        },
      },
    },
    sections: [
      {
        properties: {
          // A4 with the margins of Chinese official documents (about 2.5 cm).
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1417, bottom: 1417, left: 1531, right: 1417 } },
        },
        children: blocks(tree.children),
      },
    ],
  };
}

export function memoTreeToDocx(tree: Root, title: string): Document {
  return new Document(memoOptions(tree, title));
}

/** Every memo has the same settings, so the parts other than the body are compiled once per process. */
const packer = new MemoPacker(() => memoTreeToDocx({ type: 'root', children: [] }, ''));

export async function renderMemoDocx(result: CheckResult, context: MemoContext): Promise<Buffer> {
  const tree = buildMemoTree(result, context);
  const title = memoPageTitle(result);
  return packer.packOptions(() => memoOptions(tree, title));
}

/** The same memo packed by docx's Packer as a whole: the reference the fast path is tested against. */
export async function renderMemoDocxWithPacker(result: CheckResult, context: MemoContext): Promise<Buffer> {
  return Packer.toBuffer(memoTreeToDocx(buildMemoTree(result, context), memoPageTitle(result)));
}
