/**
 * Layout reconstruction on small LibreOffice exports made for these tests (see
 * pdf-fixtures/make-pdf-fixtures.ts): paragraphs, running headers and page numbers, cell texts,
 * and a table broken across pages with a row split by the page break.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDocx } from '../../../extractors/docx/reader.js';
import type { DocumentModel, ParagraphBlock, TableBlock } from '../../../extractors/model/document-model.js';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { readPdf } from '../../../extractors/pdf/reader.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./pdf-fixtures/${name}`, import.meta.url)));
const paragraphs = (model: DocumentModel) => model.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');
const tables = (model: DocumentModel) => model.blocks.filter((b): b is TableBlock => b.kind === 'table');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a report page with a ruled table between paragraphs', async () => {
  const pdf = await readPdf(fixture('cells-and-paragraphs.pdf'), defaultReadLimits);
  const docx = await readDocx(fixture('cells-and-paragraphs.docx'), defaultReadLimits);
  const [table] = tables(pdf);

  it('reads the same paragraphs as the DOCX, without the running header and page numbers', () => {
    expect(paragraphs(pdf).map((p) => p.text)).toEqual(paragraphs(docx).map((p) => p.text));
    expect(paragraphs(pdf).some((p) => p.text.includes('测试县财政局') || /^\d+$/.test(p.text))).toBe(false);
  });

  it('keeps a paragraph that runs over the page break as one paragraph, located on the page it starts on', () => {
    const long = paragraphs(pdf).find((p) => p.text.startsWith('跨页段落第1句'))!;
    expect(long.text).toContain('跨页段落第12句，共调处各类矛盾纠纷31起，调处率100%，成功率达96%。');
    expect(long.location.page).toBe(1);
    expect(paragraphs(pdf).at(-1)).toMatchObject({ text: '跨页段落之后的段落。', location: { page: 2 } });
  });

  it('joins CJK without spaces and keeps the spaces between Latin words', () => {
    const texts = paragraphs(pdf).map((p) => p.text);
    expect(texts).toContain(
      '平等乡总编制31名，其中：行政编制17名，工勤编制0名，事业编制14名。在职人员总数22名，其中：行政14名，工勤0名，事业8名。离休0名。',
    );
    expect(texts).toContain('2023年度部门收入总额801.86万元，资金使用Performance Evaluation System平台管理。');
  });

  it('starts new paragraphs at numbered headings even when the line above is full', () => {
    expect(paragraphs(pdf).map((p) => p.text)).toContain('2.100万以上项目：无。');
  });

  it('gives the bigger title font heading level 1 and leaves body-sized text without a level', () => {
    const levels = paragraphs(pdf).map((p) => p.headingLevel);
    expect(levels[0]).toBe(1);
    expect(levels.slice(1).every((level) => level === null)).toBe(true);
  });

  it('places the table between the paragraphs around it, in reading order', () => {
    const at = pdf.blocks.indexOf(table!);
    expect((pdf.blocks[at - 1] as ParagraphBlock).text).toBe('县级部门整体绩效自评打分表');
    expect((pdf.blocks[at + 1] as ParagraphBlock).text).toBe('表后的说明段落。');
  });

  it('rebuilds the grid of the DOCX: spans, merged positions and cell texts', () => {
    expect(table!.rows).toEqual(tables(docx)[0]!.rows);
    expect(table!.rows[3]![2]!.text).toBe('资金结余率（低效无效率）');
    expect(table!.rows[7]![0]).toMatchObject({ text: '部 门 整 体 自 评 得 分', colSpan: 5, merged: false });
  });

  it('separates the numbered paragraphs of a cell with a line break and joins wrapped lines without one', () => {
    expect(table!.rows[2]![4]!.text).toBe(
      '1.绩效目标编制科学合理的，得2分，否则酌情扣分。\n2.绩效目标编制规范完整的，得2分。',
    );
  });
});

describe('a scoring table broken across two pages', async () => {
  const pdf = await readPdf(fixture('table-across-pages.pdf'), defaultReadLimits);
  const docx = await readDocx(fixture('table-across-pages.docx'), defaultReadLimits);
  const [table, ...others] = tables(pdf);

  it('is one table block with the rows of the DOCX: repeated header dropped, split row put back together', () => {
    expect(others).toEqual([]);
    expect(table!.rows).toHaveLength(27);
    expect(table!.rows).toEqual(tables(docx)[0]!.rows);
  });

  it('carries the text of the row the page break split into one cell', () => {
    const split = table!.rows.find((row) => row[2]!.text === '三级指标17')!;
    expect(split[4]!.text).toBe('第17项计分标准：按要求完成的得5分，未完成的按完成比例计分，直至扣完。');
  });

  it('continues the vertical merges cut by the page break', () => {
    expect(table!.rows[2]![0]).toMatchObject({ text: '部门预算项目绩效管理（70分）', rowSpan: 24 });
    expect(table!.rows[14]![1]).toMatchObject({ text: '第3组指标（30分）', rowSpan: 6 });
    expect(table!.rows[19]![1]).toMatchObject({ merged: true, origin: { row: 14, column: 1 } });
  });

  it('records the page of every row, the split row on the page it starts on', () => {
    expect(table!.page).toBe(1);
    expect(table!.rowPages).toEqual([...new Array(19).fill(1), ...new Array(8).fill(2)]);
  });

  it('keeps the paragraphs before and after the table on their pages', () => {
    expect(paragraphs(pdf).map((p) => [p.text, p.location.page])).toEqual([
      ['附件：打分表如下。', 1],
      ['以上为打分表。', 2],
    ]);
  });
});

describe('output streams', () => {
  it('prints nothing on stdout while reading (stdout carries the JSON)', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const log = vi.spyOn(console, 'log');
    const info = vi.spyOn(console, 'info');
    await readPdf(fixture('table-across-pages.pdf'), defaultReadLimits);
    // The scan is refused before recognition (its OCR is watched in test/extractors/ocr/).
    await readPdf(new Uint8Array(readFileSync(new URL('../../../fixtures/bad/scanned.pdf', import.meta.url))), {
      ...defaultReadLimits,
      maxOcrPages: 0,
    }).catch(() => undefined);
    expect(write).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
  });
});
