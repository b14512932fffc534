/** The DOCX reader on real Word files built with the `docx` library: reading order, headings, grids, odd Word features. */
import {
  AlignmentType,
  CheckBox,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  Textbox,
  TextRun,
  VerticalMergeType,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { headingLevelOf } from '../../../extractors/docx/blocks.js';
import { readDocx } from '../../../extractors/docx/reader.js';
import type { Block, GridCell, ParagraphBlock, TableBlock } from '../../../extractors/model/document-model.js';
import { replaceParts, unzip } from './docx-test-zip.js';

type CellSpec = string | { text: string | string[]; span?: number; merge?: 'restart' | 'continue'; children?: Table[] };

function cell(spec: CellSpec): TableCell {
  const options = typeof spec === 'string' ? { text: spec } : spec;
  const lines = Array.isArray(options.text) ? options.text : [options.text];
  return new TableCell({
    columnSpan: options.span,
    verticalMerge:
      options.merge === 'restart'
        ? VerticalMergeType.RESTART
        : options.merge === 'continue'
          ? VerticalMergeType.CONTINUE
          : undefined,
    children: [...lines.map((line) => new Paragraph(line)), ...(options.children ?? [])],
  });
}

const table = (rows: CellSpec[][]) =>
  new Table({ rows: rows.map((cells) => new TableRow({ children: cells.map(cell) })) });

async function docxOf(children: (Paragraph | Table)[], styles?: ConstructorParameters<typeof Document>[0]['styles']) {
  const document = new Document({
    styles,
    footnotes: { 1: { children: [new Paragraph('脚注：数据来源于财政决算。')] } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

const paragraphs = (blocks: Block[]) => blocks.filter((block): block is ParagraphBlock => block.kind === 'paragraph');
const tables = (blocks: Block[]) => blocks.filter((block): block is TableBlock => block.kind === 'table');

/** One grid position as text: an origin shows its spans, a merged position the origin it points to. */
const show = (cell: GridCell) =>
  cell.merged ? `^${cell.origin.row},${cell.origin.column}` : `${cell.text}[${cell.rowSpan}x${cell.colSpan}]`;
const showGrid = (block: TableBlock) => block.rows.map((row) => row.map(show));

// A grid with every kind of merge: horizontal (A, H, L), vertical (B, G), both at once (M), a nested table (K).
const mergedTable = table([
  [{ text: 'A', span: 2 }, { text: 'B', merge: 'restart' }, 'C'],
  ['D', 'E', { text: '', merge: 'continue' }, 'F'],
  [
    { text: ['G1', 'G2'], merge: 'restart' },
    { text: 'H', span: 3 },
  ],
  [
    { text: '', merge: 'continue' },
    'I',
    'J',
    {
      text: 'K',
      children: [
        table([
          ['n1', 'n2'],
          ['n3', ''],
        ]),
      ],
    },
  ],
  [{ text: 'M', span: 2, merge: 'restart' }, 'N', 'O'],
  [{ text: '', span: 2, merge: 'continue' }, 'P', 'Q'],
]);

describe('readDocx', () => {
  it('resolves horizontal and vertical merges into a full grid, cell by cell', async () => {
    const model = await readDocx(await docxOf([new Paragraph('表前'), mergedTable]));
    const [grid] = tables(model.blocks);
    expect(showGrid(grid!)).toEqual([
      ['A[1x2]', '^0,0', 'B[2x1]', 'C[1x1]'],
      ['D[1x1]', 'E[1x1]', '^0,2', 'F[1x1]'],
      ['G1\nG2[2x1]', 'H[1x3]', '^2,1', '^2,1'],
      ['^2,0', 'I[1x1]', 'J[1x1]', 'K\nn1\tn2\nn3[1x1]'],
      ['M[2x2]', '^4,0', 'N[1x1]', 'O[1x1]'],
      ['^4,0', '^4,0', 'P[1x1]', 'Q[1x1]'],
    ]);
    // Merged positions carry their origin's text and spans, so a reader of any position sees the cell.
    expect(grid!.rows[3]![0]).toEqual({
      text: 'G1\nG2',
      rowSpan: 2,
      colSpan: 1,
      merged: true,
      origin: { row: 2, column: 0 },
    });
    expect(grid!.rows[5]![1]).toEqual({
      text: 'M',
      rowSpan: 2,
      colSpan: 2,
      merged: true,
      origin: { row: 4, column: 0 },
    });
    expect(grid).toMatchObject({ kind: 'table', index: 0, page: null, rowPages: null });
  });

  it('pads short rows so every row has the same width', async () => {
    const model = await readDocx(await docxOf([table([['X', 'Y', 'Z'], ['W']])]));
    const [grid] = tables(model.blocks);
    expect(showGrid(grid!)).toEqual([
      ['X[1x1]', 'Y[1x1]', 'Z[1x1]'],
      ['W[1x1]', '[1x1]', '[1x1]'],
    ]);
    expect(grid!.rows[1]![2]).toEqual({
      text: '',
      rowSpan: 1,
      colSpan: 1,
      merged: false,
      origin: { row: 1, column: 2 },
    });
  });

  it('keeps paragraphs in reading order, skips blank ones, and leaves cell paragraphs out of the sequence', async () => {
    const model = await readDocx(
      await docxOf([
        new Paragraph({ heading: HeadingLevel.TITLE, text: '测试乡人民政府部门整体绩效自评报告' }),
        new Paragraph(''),
        new Paragraph({ heading: HeadingLevel.HEADING_1, text: '一、部门基本情况' }),
        new Paragraph({ heading: HeadingLevel.HEADING_2, text: '（一）机构组成。' }),
        new Paragraph('\u3000\u3000 '),
        new Paragraph({
          children: [new TextRun('总编制31名，'), new TextRun({ text: '其中：行政编制17名。', break: 1 })],
        }),
        table([['表内文字']]),
        new Paragraph({ heading: HeadingLevel.HEADING_3, text: '1.整体情况' }),
        table([['第二个表']]),
      ]),
    );
    expect(model.format).toBe('docx');
    expect(model.pageCount).toBeNull();
    expect(model.problems).toEqual([]);
    expect(model.blocks.map((block) => block.kind)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'table',
      'paragraph',
      'table',
    ]);
    expect(
      paragraphs(model.blocks).map(({ text, location, headingLevel }) => ({ text, location, headingLevel })),
    ).toEqual([
      { text: '测试乡人民政府部门整体绩效自评报告', location: { page: null, paragraph: 0 }, headingLevel: 0 },
      { text: '一、部门基本情况', location: { page: null, paragraph: 1 }, headingLevel: 1 },
      { text: '（一）机构组成。', location: { page: null, paragraph: 2 }, headingLevel: 2 },
      { text: '总编制31名，\n其中：行政编制17名。', location: { page: null, paragraph: 3 }, headingLevel: null },
      { text: '1.整体情况', location: { page: null, paragraph: 4 }, headingLevel: 3 },
    ]);
    expect(tables(model.blocks).map((block) => block.index)).toEqual([0, 1]);
  });

  it('reads heading levels from Chinese style names and from the numeric style ids of Chinese Word', async () => {
    const styles = {
      paragraphStyles: [
        { id: '1', name: 'heading 1', run: {} },
        { id: 'a5', name: '标题 2', run: {} },
        { id: 'a7', name: '正文缩进', run: {} },
      ],
    };
    const model = await readDocx(
      await docxOf(
        [
          new Paragraph({ style: '1', text: '一、部门基本情况' }),
          new Paragraph({ style: 'a5', text: '（一）机构组成。' }),
          new Paragraph({ style: 'a7', text: '正文。' }),
        ],
        styles,
      ),
    );
    expect(paragraphs(model.blocks).map((block) => block.headingLevel)).toEqual([1, 2, null]);
  });

  it('reads text boxes, checkboxes and footnoted figures without crashing or gluing the note number to the figure', async () => {
    const model = await readDocx(
      await docxOf([
        new Paragraph({
          children: [new TextRun('收入总额801.86万元'), new FootnoteReferenceRun(1), new TextRun('。')],
        }),
        new Paragraph({ children: [new TextRun('信息公开'), new CheckBox({ checked: true })] }),
        new Paragraph({
          alignment: AlignmentType.LEFT,
          children: [new TextRun('正文'), new Textbox({ children: [new Paragraph('框内：绩效评价得分97分')] })],
        }),
      ]),
    );
    const texts = paragraphs(model.blocks).map((block) => block.text);
    expect(texts).toContain('收入总额801.86万元。');
    expect(texts).toContain('信息公开☒');
    expect(texts).toContain('框内：绩效评价得分97分');
    expect(texts.join('\n')).not.toContain('脚注');
  });

  it('reads paragraphs, tables and rows inside content controls (w:sdt) as if the controls were not there', async () => {
    const bytes = await docxOf([
      new Paragraph('控件内段落'),
      table([
        ['甲', '乙'],
        ['丙', '丁'],
      ]),
    ]);
    const documentXml = (await unzip(bytes)).get('word/document.xml')!.toString('utf8');
    const sdt = (content: string) =>
      `<w:sdt><w:sdtPr><w:alias w:val="填报项"/></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
    const wrapped = documentXml
      .replace(/<w:p>(?:(?!<\/w:p>).)*控件内段落.*?<\/w:p>/, (paragraph) => sdt(paragraph))
      .replace(/<w:tr>(?:(?!<\/w:tr>).)*丙.*?<\/w:tr>/, (row) => sdt(row));
    expect(wrapped.match(/<w:sdt>/g)).toHaveLength(2);
    const model = await readDocx(await replaceParts(bytes, { 'word/document.xml': wrapped }));
    expect(paragraphs(model.blocks).map((block) => block.text)).toEqual(['控件内段落']);
    expect(showGrid(tables(model.blocks)[0]!)).toEqual([
      ['甲[1x1]', '乙[1x1]'],
      ['丙[1x1]', '丁[1x1]'],
    ]);
  });

  it('keeps merges when bookmarks stand between the rows and cells of a table', async () => {
    const bytes = await docxOf([mergedTable]);
    const documentXml = (await unzip(bytes)).get('word/document.xml')!.toString('utf8');
    let rows = 0;
    const withBookmarks = documentXml
      .replace(/<w:tr>|<w:tr /g, (tr) => `${rows++ === 1 ? '<w:bookmarkStart w:id="7" w:name="_Ref1"/>' : ''}${tr}`)
      .replace('</w:tc><w:tc>', '</w:tc><w:bookmarkEnd w:id="7"></w:bookmarkEnd><w:tc>');
    expect(withBookmarks).toContain('<w:bookmarkStart w:id="7"');
    expect(withBookmarks).toContain('<w:bookmarkEnd w:id="7">');
    const model = await readDocx(await replaceParts(bytes, { 'word/document.xml': withBookmarks }));
    const [grid] = tables(model.blocks);
    expect(show(grid!.rows[1]![2]!)).toBe('^0,2');
    expect(show(grid!.rows[3]![0]!)).toBe('^2,0');
  });

  it('keeps the cells of a row that skips grid columns (w:gridBefore) in their columns', async () => {
    const bytes = await docxOf([
      table([
        ['A', 'B', 'C'],
        ['B2', 'C2'],
      ]),
    ]);
    const documentXml = (await unzip(bytes)).get('word/document.xml')!.toString('utf8');
    let rows = 0;
    const indented = documentXml.replace(/<w:tr>/g, (tr) =>
      rows++ === 1 ? '<w:tr><w:trPr><w:gridBefore w:val="1"/><w:wBefore w:w="1000" w:type="dxa"/></w:trPr>' : tr,
    );
    expect(indented).toContain('<w:gridBefore');
    const model = await readDocx(await replaceParts(bytes, { 'word/document.xml': indented }));
    expect(showGrid(tables(model.blocks)[0]!)).toEqual([
      ['A[1x1]', 'B[1x1]', 'C[1x1]'],
      ['[1x1]', 'B2[1x1]', 'C2[1x1]'],
    ]);
  });

  it('flattens tables nested deep inside cells into text rather than recursing without end', async () => {
    let inner = table([['最内层']]);
    for (let depth = 0; depth < 60; depth++) inner = table([[{ text: `第${depth}层`, children: [inner] }]]);
    const model = await readDocx(await docxOf([inner]));
    const [grid] = tables(model.blocks);
    expect(grid!.rows).toHaveLength(1);
    expect(grid!.rows[0]![0]!.text.startsWith('第59层\n第58层')).toBe(true);
    // Beyond the nesting bound the text stops; the document is still read.
    expect(grid!.rows[0]![0]!.text).not.toContain('最内层');
  });

  it('rejects a package whose document.xml is not well-formed XML as a corrupt file', async () => {
    const bytes = await docxOf([new Paragraph('正文')]);
    const broken = await replaceParts(bytes, { 'word/document.xml': '<w:document><w:body><w:p>' });
    await expect(readDocx(broken)).rejects.toMatchObject({ name: 'Rejection', code: 'corrupt-file' });
  });
});

describe('headingLevelOf', () => {
  it.each([
    ['Heading 1', null, 1],
    ['heading 3', '3', 3],
    ['标题 2', 'a4', 2],
    ['标题2', null, 2],
    ['Title', 'Title', 0],
    ['标题', 'a3', 0],
    [null, 'Heading4', 4],
    ['Normal', 'a', null],
    ['Heading 10', null, null],
    [null, null, null],
  ])('maps style %s (id %s) to level %s', (name, id, level) => {
    expect(headingLevelOf(name, id)).toBe(level);
  });
});
