/**
 * A table drawn the way Word and WPS export it — every cell edge a thin filled rectangle — with
 * CJK text in a non-embedded Adobe-GB1 font, so pdf.js must load its cMap from disk. The PDF is
 * written byte by byte here, so the drawing is known exactly.
 */
import { describe, expect, it } from 'vitest';
import type { ParagraphBlock, TableBlock } from '../../../extractors/model/document-model.js';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { readPdf } from '../../../extractors/pdf/reader.js';

/** UTF-16BE hex string for a UniGB-UCS2-H encoded font. */
const ucs2 = (text: string) => `<${[...text].map((ch) => ch.codePointAt(0)!.toString(16).padStart(4, '0')).join('')}>`;

function pdfWith(content: string): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>',
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const text = (x: number, y: number, value: string) => `BT /F1 10 Tf ${x} ${y} Td ${ucs2(value)} Tj ET`;
/** A 0.5pt filled rectangle along one cell edge, as Word draws borders. */
const edge = (x1: number, y1: number, x2: number, y2: number) =>
  y1 === y2 ? `${x1} ${y1 - 0.25} ${x2 - x1} 0.5 re f` : `${x1 - 0.25} ${y2} 0.5 ${y1 - y2} re f`;

// Four columns 100pt wide from x=72, five rows 20pt high from y=700 down. Column 0 is one cell
// over rows 1–3 (no border between those rows in that column); row 4's first two cells are one.
const xs = [72, 172, 272, 372, 472];
const ys = [700, 680, 660, 640, 620, 600];
const cells: [number, number, number, number, string][] = [
  // [row, column, rowSpan, colSpan, text]
  [0, 0, 1, 1, '一级指标'],
  [0, 1, 1, 1, '三级指标'],
  [0, 2, 1, 1, '指标分值'],
  [0, 3, 1, 1, '自评打分'],
  [1, 0, 3, 1, '目标管理（40分）'],
  [1, 1, 1, 1, '目标制定'],
  [1, 2, 1, 1, '10'],
  [1, 3, 1, 1, '10'],
  [2, 1, 1, 1, '目标实现'],
  [2, 2, 1, 1, '20'],
  [2, 3, 1, 1, '18'],
  [3, 1, 1, 1, '支出控制'],
  [3, 2, 1, 1, '10'],
  [3, 3, 1, 1, '9'],
  [4, 0, 1, 2, '部 门 整 体 自 评 得 分'],
  [4, 2, 1, 1, '40'],
  [4, 3, 1, 1, '37'],
];

function drawing(): string {
  const parts = [text(72, 740, '平等乡总编制31名，其中：行政编制17名。')];
  for (const [r, c, rs, cs, value] of cells) {
    const [left, right, top, bottom] = [xs[c]!, xs[c + cs]!, ys[r]!, ys[r + rs]!];
    parts.push(edge(left, top, right, top), edge(left, bottom, right, bottom));
    parts.push(edge(left, top, left, bottom), edge(right, top, right, bottom));
    parts.push(text(left + 4, top - 14, value));
  }
  parts.push(text(72, 560, '表后段落。'));
  return parts.join('\n');
}

describe('a Word-style table of filled-rectangle borders', async () => {
  const model = await readPdf(pdfWith(drawing()), defaultReadLimits);
  const table = model.blocks.find((b): b is TableBlock => b.kind === 'table')!;
  const paragraphs = model.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');

  it('reads the CJK text of a non-embedded Adobe-GB1 font through the cMaps shipped on disk', () => {
    expect(paragraphs.map((p) => p.text)).toEqual(['平等乡总编制31名，其中：行政编制17名。', '表后段落。']);
  });

  it('rebuilds the grid, its vertical merge and its horizontal merge', () => {
    expect(table.rows).toHaveLength(5);
    expect(table.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['一级指标', '三级指标', '指标分值', '自评打分'],
      ['目标管理（40分）', '目标制定', '10', '10'],
      ['目标管理（40分）', '目标实现', '20', '18'],
      ['目标管理（40分）', '支出控制', '10', '9'],
      ['部 门 整 体 自 评 得 分', '部 门 整 体 自 评 得 分', '40', '37'],
    ]);
    expect(table.rows[1]![0]).toMatchObject({ rowSpan: 3, colSpan: 1, merged: false });
    expect(table.rows[3]![0]).toMatchObject({ merged: true, origin: { row: 1, column: 0 } });
    expect(table.rows[4]![1]).toMatchObject({ colSpan: 2, merged: true, origin: { row: 4, column: 0 } });
  });

  it('orders the blocks paragraph, table, paragraph', () => {
    expect(model.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(model.problems).toEqual([]);
  });
});
