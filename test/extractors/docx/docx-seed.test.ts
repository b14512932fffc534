/** The seed submission as a real Word document: its scoring table grid and narrative, and pruning that changes nothing. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guardZip } from '../../../extractors/container/zip-guard.js';
import { documentBlocks } from '../../../extractors/docx/blocks.js';
import { readWordTree } from '../../../extractors/docx/mammoth.js';
import { isPartToRead, readDocx } from '../../../extractors/docx/reader.js';
import type { GridCell, ParagraphBlock, TableBlock } from '../../../extractors/model/document-model.js';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { replaceParts, unzip } from './docx-test-zip.js';

const samples = new URL('../../../fixtures/samples/', import.meta.url);
const seed = () => readFileSync(new URL('pingdeng-2023.docx', samples));

const show = (cell: GridCell) =>
  cell.merged ? `^${cell.origin.row},${cell.origin.column}` : `${cell.text}[${cell.rowSpan}x${cell.colSpan}]`;

describe('the seed DOCX (fixtures/samples/pingdeng-2023.docx)', async () => {
  const model = await readDocx(seed());
  const tables = model.blocks.filter((block): block is TableBlock => block.kind === 'table');
  const paragraphs = model.blocks.filter((block): block is ParagraphBlock => block.kind === 'paragraph');
  const table = tables[0]!;
  const at = (row: number, column: number) => table.rows[row]![column]!;

  it('holds one table, the scoring table, 17 rows of 12 columns', () => {
    expect(tables).toHaveLength(1);
    expect(table.index).toBe(0);
    expect(table.rows).toHaveLength(17);
    expect(table.rows.every((row) => row.length === 12)).toBe(true);
  });

  it('resolves the two header rows: 绩效指标 over three columns, 指标分值…备注 down both rows', () => {
    expect(table.rows.slice(0, 2).map((row) => row.map(show))).toEqual([
      [
        '绩效指标[1x3]',
        '^0,0',
        '^0,0',
        '指标分值[2x1]',
        '指标解释[2x1]',
        '计分标准[2x1]',
        '评价方式[1x2]',
        '^0,6',
        '评价属性[1x2]',
        '^0,8',
        '自评打分[2x1]',
        '备注[2x1]',
      ],
      ['一级指标[1x1]', '二级指标[1x1]', '三级指标[1x1]', '^0,3', '^0,4', '^0,5'].concat([
        '整体评价[1x1]',
        '样本评价[1x1]',
        '定性评价[1x1]',
        '定量评价[1x1]',
        '^0,10',
        '^0,11',
      ]),
    ]);
  });

  it('puts 动态调整（15分） at row 6, column 1, merged down rows 6–8 (the SPEC evidence location)', () => {
    expect(at(6, 1).text).toContain('动态调整（15分）');
    expect(at(6, 1)).toMatchObject({ rowSpan: 3, colSpan: 1, merged: false, origin: { row: 6, column: 1 } });
    for (const row of [7, 8]) {
      expect(at(row, 1)).toMatchObject({ text: at(6, 1).text, merged: true, origin: { row: 6, column: 1 } });
    }
    expect(at(9, 1).origin).toEqual({ row: 9, column: 1 });
  });

  it('merges 部门预算项目绩效管理（70分） down column 0 over rows 2–10', () => {
    for (let row = 2; row <= 10; row++) {
      expect(at(row, 0).origin).toEqual({ row: 2, column: 0 });
      expect(at(row, 0).text).toBe('部门预算项目绩效管理（70分）');
    }
    expect(at(11, 0).origin).toEqual({ row: 11, column: 0 });
  });

  it('keeps the indicator rows, the 扣分项 row and the total row with their figures', () => {
    expect([at(2, 2).text, at(2, 3).text, at(2, 10).text]).toEqual(['目标制定', '10', '10']);
    expect(at(3, 2)).toMatchObject({ merged: true, origin: { row: 2, column: 2 } });
    expect(at(3, 5).text.split('\n')[0]).toBe('1.绩效目标编制科学合理的，得2分，否则酌情扣分。');
    expect(at(3, 5).text.split('\n').length).toBeGreaterThan(1);
    expect(at(8, 10).text).toBe('3');
    expect(at(15, 0)).toMatchObject({ text: '扣分项（10分）', colSpan: 3 });
    expect(at(15, 2).origin).toEqual({ row: 15, column: 0 });
    expect(at(16, 0).text.replace(/\s/g, '')).toBe('部门整体自评得分');
    expect(at(16, 0).text).toContain('部 门 整 体');
    expect(at(16, 0).colSpan).toBe(10);
    expect(at(16, 9).origin).toEqual({ row: 16, column: 0 });
    expect(at(16, 10).text).toBe('97');
  });

  it('reads the narrative as paragraphs numbered in order, the figures intact', () => {
    expect(paragraphs.map((block) => block.location.paragraph)).toEqual(paragraphs.map((_, i) => i));
    expect(paragraphs.every((block) => block.location.page === null)).toBe(true);
    const texts = paragraphs.map((block) => block.text);
    expect(texts).toContain(
      '平等乡总编制31名，其中：行政编制17名，工勤编制0名，事业编制14名。在职人员总数22名，其中：行政14名，工勤0名，事业8名。离休0名。',
    );
    expect(texts.some((text) => text.includes('绩效评价得分：97分'))).toBe(true);
    expect(texts).toContain('2023年度部门收入总额801.86万元。');
    expect(paragraphs.find((block) => block.text === '平等乡人民政府部门整体绩效自评报告')?.headingLevel).toBe(0);
    expect(paragraphs.find((block) => block.text === '一、部门基本情况')?.headingLevel).toBe(1);
    // The table comes after the paragraph that announces it.
    const tableAt = model.blocks.indexOf(table);
    expect((model.blocks[tableAt - 1] as ParagraphBlock).text).toBe('县级部门整体绩效自评打分表');
  });
});

describe('pruning formatting before mammoth parses', () => {
  async function blocksBothWays(bytes: Uint8Array) {
    const contents = await guardZip(bytes, defaultReadLimits, { keep: isPartToRead });
    const mainDocument = 'word/document.xml';
    const pruned = documentBlocks(await readWordTree(contents, { mainDocument }));
    const full = documentBlocks(await readWordTree(contents, { mainDocument, pruneFormatting: false }));
    return { pruned, full };
  }

  const docxSamples = readdirSync(samples).filter((name) => name.endsWith('.docx'));

  it.each(docxSamples)('changes nothing in the blocks of %s', async (name) => {
    const { pruned, full } = await blocksBothWays(readFileSync(new URL(name, samples)));
    expect(pruned.length).toBeGreaterThan(10);
    expect(pruned).toEqual(full);
  });

  it('changes nothing when paragraphs and runs carry the revision ids Word writes', async () => {
    const bytes = seed();
    const xml = (await unzip(bytes)).get('word/document.xml')!.toString('utf8');
    let id = 0;
    const withIds = xml
      .replace(
        /<w:p>/g,
        () =>
          `<w:p w:rsidR="00A1${(id++).toString(16).padStart(4, '0')}" w:rsidRDefault="00B2C3D4" w14:paraId="1A2B3C4D" w14:textId="77777777">`,
      )
      .replace(/<w:r>/g, '<w:r w:rsidRPr="00E5F6A7">');
    expect(withIds).toContain('w:rsidRPr=');
    const { pruned, full } = await blocksBothWays(await replaceParts(bytes, { 'word/document.xml': withIds }));
    expect(pruned).toEqual(full);
    expect(pruned).toEqual((await blocksBothWays(bytes)).pruned);
  });
});
