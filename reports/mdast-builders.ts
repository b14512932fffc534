/** Small constructors for mdast nodes, so the memo and summary trees read like the documents they describe. */
import type {
  AlignType,
  Heading,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Strong,
  Table,
  TableCell,
  TableRow,
  Text,
} from 'mdast';

type Inline = PhrasingContent | string;

function inline(content: readonly Inline[]): PhrasingContent[] {
  return content.map((part) => (typeof part === 'string' ? text(part) : part));
}

export function text(value: string): Text {
  return { type: 'text', value };
}

export function strong(...content: Inline[]): Strong {
  return { type: 'strong', children: inline(content) };
}

export function paragraph(...content: Inline[]): Paragraph {
  return { type: 'paragraph', children: inline(content) };
}

export function heading(depth: 1 | 2 | 3, ...content: Inline[]): Heading {
  return { type: 'heading', depth, children: inline(content) };
}

export function listItem(...children: (Paragraph | List)[]): ListItem {
  return { type: 'listItem', spread: false, children };
}

export function list(ordered: boolean, items: ListItem[]): List {
  return { type: 'list', ordered, start: ordered ? 1 : null, spread: false, children: items };
}

/** A plain bullet list of one-line items. */
export function bullets(lines: readonly Inline[]): List {
  return list(
    false,
    lines.map((line) => listItem(paragraph(line))),
  );
}

export function table(header: readonly Inline[], rows: readonly (readonly Inline[])[], align?: AlignType[]): Table {
  const row = (cells: readonly Inline[]): TableRow => ({
    type: 'tableRow',
    children: cells.map((cell): TableCell => ({ type: 'tableCell', children: inline([cell]) })),
  });
  return { type: 'table', align: align ?? header.map(() => null), children: [row(header), ...rows.map(row)] };
}

/** A paragraph the HTML and DOCX renderers set apart (right-aligned signature block). */
export function closingParagraph(...content: Inline[]): Paragraph {
  return { ...paragraph(...content), data: { hProperties: { className: ['closing'] } } };
}

export function isClosing(node: Paragraph): boolean {
  const className = node.data?.hProperties?.className;
  return Array.isArray(className) && className.includes('closing');
}
