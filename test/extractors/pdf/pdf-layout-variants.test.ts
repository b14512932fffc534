/**
 * Layouts beyond the LibreOffice seed, each read from a committed LibreOffice PDF of a seed DOCX variant
 * (pdf-fixtures/layout-variants.ts builds the DOCX, make-layout-pdfs.ts exports it): the PDF gives the
 * report and the findings its DOCX gives — a scoring table split in two by a page break, headings
 * written as plain unindented lines, a 收支 table without ruling lines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../extractors/docx/reader.js';
import type { Block, DocumentModel, TableBlock } from '../../../extractors/model/document-model.js';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { readPdf } from '../../../extractors/pdf/reader.js';
import { type Checked, check, findingLines, seedDocx, seedFindingIds } from '../support/seed-docx-edit.js';
import { type LayoutVariant, layoutVariantDocx } from './pdf-fixtures/layout-variants.js';

const pdfBytes = (name: LayoutVariant) =>
  new Uint8Array(readFileSync(new URL(`pdf-fixtures/${name}.pdf`, import.meta.url)));

interface Pair {
  docx: Checked;
  pdf: Checked;
  pdfModel: DocumentModel;
  docxModel: DocumentModel;
}

async function pair(name: LayoutVariant): Promise<Pair> {
  const docxBytes = await layoutVariantDocx(name);
  const [docx, pdf, pdfModel, docxModel] = await Promise.all([
    check(docxBytes),
    check(pdfBytes(name)),
    readPdf(pdfBytes(name), defaultReadLimits),
    readDocx(docxBytes, defaultReadLimits),
  ]);
  return { docx, pdf, pdfModel, docxModel };
}

const seed = await check(new Uint8Array(seedDocx()));
const ruleIds = (result: Checked) => result.findings.map((f) => f.ruleId).sort();
const tables = (model: DocumentModel) => model.blocks.filter((b): b is TableBlock => b.kind === 'table');
/** Each block as comparable text: paragraphs without whitespace (line wraps differ), tables by their cells. */
const outline = (blocks: Block[]) =>
  blocks
    .map((b) =>
      b.kind === 'paragraph'
        ? `P ${b.text.replace(/\s+/g, '')}`
        : `T ${b.rows.map((row) => row.map((cell) => cell.text.replace(/\s+/g, '')).join('|')).join(' / ')}`,
    )
    .filter((text) => text !== 'P ');

function expectSameReading({ docx, pdf }: Pair): void {
  expect(pdf.report).toEqual(docx.report);
  expect(findingLines(pdf.findings)).toEqual(findingLines(docx.findings));
  expect(ruleIds(docx)).toEqual(seedFindingIds);
}

describe('a scoring table split in two Word tables by a page break, the first ending mid-page', async () => {
  const variant = await pair('split-scoring-table');

  it('extracts the report and the findings of the DOCX, the seed’s 14 items', () => {
    expectSameReading(variant);
    expect(variant.pdf.report.scoring).toEqual(seed.report.scoring);
  });

  it('keeps the two tables apart: no row of the first merged with the first row of the second', () => {
    const [first, second] = tables(variant.pdfModel);
    expect(tables(variant.pdfModel)).toHaveLength(2);
    expect(first!.rows).toHaveLength(9);
    expect(
      first!.rows
        .at(-1)!
        .slice(2, 4)
        .map((cell) => cell.text),
    ).toEqual(['执行进度', '5']);
    expect(second!.rows[0]!.slice(2, 4).map((cell) => cell.text)).toEqual(['资金结余率（低效无效率）', '5']);
    expect(outline(variant.pdfModel.blocks)).toHaveLength(outline(variant.docxModel.blocks).length);
  });
});

describe('a scoring table split in two Word tables where the first fills its page', async () => {
  const variant = await pair('split-scoring-table-full-page');

  it('extracts the report and the findings of the DOCX, the seed’s 14 items', () => {
    expectSameReading(variant);
    expect(variant.pdf.report.scoring).toEqual(seed.report.scoring);
  });

  it('merges no two rows into one: every 三级指标 stands in its own row', () => {
    const names = tables(variant.pdfModel).flatMap((table) =>
      table.rows.filter((row, r) => r >= 2 && !row[2]!.merged).map((row) => row[2]!.text),
    );
    expect(names).toContain('预算挂钩');
    expect(names).toContain('自评公开');
    expect(names.filter((name) => name.includes('预算挂钩'))).toEqual(['预算挂钩']);
  });
});

describe('numbered headings as plain unindented lines over unindented body text', async () => {
  const variant = await pair('plain-headings');

  it('extracts the report and the findings of the DOCX', () => {
    expectSameReading(variant);
  });

  it('makes every heading a paragraph of its own, as the DOCX has them', () => {
    expect(outline(variant.pdfModel.blocks)).toEqual(outline(variant.docxModel.blocks));
    const texts = variant.pdfModel.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(texts).toContain('（三）坚持发展为要，推动农业发展，促进群众持续增收');
    expect(texts).toContain('（二）机构职能、人员概况和2023年度主要职责履行情况。');
    expect(texts).toContain('（一）机构组成。');
  });
});

describe('a 收支 table without ruling lines, its unit in a caption', async () => {
  const variant = await pair('borderless-finance');

  it('extracts the report and the findings of the DOCX, the seed’s finance figures', () => {
    expectSameReading(variant);
    expect(variant.pdf.report.finance).toEqual(seed.report.finance);
  });

  it('reads the table as a table block, the figures with their cell locations', () => {
    const [finance] = tables(variant.pdfModel);
    expect(finance!.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['项目', '金额'],
      ['收入总额', '801.86'],
      ['支出总额', '801.86'],
      ['结转结余', '0'],
    ]);
    expect(variant.pdf.extraction.evidence['finance.income']).toMatchObject({
      value: 8018600,
      location: { table: 0, row: 1, column: 1 },
    });
    expect(outline(variant.pdfModel.blocks)).toEqual(outline(variant.docxModel.blocks));
  });
});
