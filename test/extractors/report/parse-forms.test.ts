/**
 * The four kinds (SPEC §6–§7): every committed form and other-outline report, read from its real bytes
 * in each format listed below, extracts to its expected report, and all formats of one document give
 * the same report; a form lacking a part is checked with the part listed as a problem; documents that
 * are none of the four kinds are rejected as not-a-report.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { extractionSchema, type Report } from '../../../extractors/model/report-schema.js';
import { readDocument } from '../../../extractors/read-document.js';
import { parseReport } from '../../../extractors/report/parse-report.js';
import { c } from '../../../fixtures/forms/form-grid.js';
import { formDocx } from '../../../fixtures/forms/form-writers.js';
import { guantangOverallForm } from '../../../fixtures/forms/forms.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
/**
 * The formats each document is read from: a form in all five (DOCX and its LibreOffice PDF and Word 97
 * .doc; XLSX and its Excel 97 .xls), a narrative report with another outline as DOCX, PDF and .doc.
 */
const formFormats = ['docx', 'pdf', 'xlsx', 'xls', 'doc'] as const;
const formatsOf = (name: string): readonly string[] =>
  name.startsWith('outline-') ? ['docx', 'pdf', 'doc'] : formFormats;

const names = readdirSync(`${fixtures}expected/forms`)
  .filter((name) => name.endsWith('.report.json'))
  .map((name) => name.replace(/\.report\.json$/, ''))
  .sort();
const cases = names.flatMap((name) =>
  formatsOf(name).map((format) => ({ name, format, file: `forms/${name}.${format}` })),
);

const expectedOf = (name: string): Report =>
  JSON.parse(readFileSync(`${fixtures}expected/forms/${name}.report.json`, 'utf8')) as Report;

async function parseBytes(bytes: Uint8Array) {
  return parseReport(await readDocument(bytes));
}
const parseFile = (file: string) => parseBytes(new Uint8Array(readFileSync(`${fixtures}${file}`)));

describe('the official forms and other outlines extract to their expected reports', () => {
  it('has every kind, and every document in every format listed', () => {
    const kinds = new Set(names.map((name) => expectedOf(name).kind));
    expect([...kinds].sort()).toEqual(['basic-data', 'overall-form', 'project-form', 'report']);
    for (const name of names)
      for (const format of formatsOf(name)) expect(existsSync(`${fixtures}forms/${name}.${format}`)).toBe(true);
  });

  it.each(cases)('$file gives its expected report', async ({ name, file }) => {
    const parsed = await parseFile(file);
    expect(parsed.report).toEqual(expectedOf(name));
    expect(() => extractionSchema.parse(parsed.extraction)).not.toThrow();
    // A complete form or report of these fixtures lacks none of its kind's parts.
    expect(parsed.extraction.problems.filter((problem) => problem.code === 'missing-part')).toEqual([]);
  });

  it.each(names)('%s gives the identical report in every format', async (name) => {
    const reports = await Promise.all(
      formatsOf(name).map(async (format) => (await parseFile(`forms/${name}.${format}`)).report),
    );
    for (const report of reports.slice(1)) expect(report).toEqual(reports[0]);
  });

  /**
   * Locations are compared per format, not across formats: a spreadsheet's title rows are paragraphs, a PDF
   * cell has its page and box, a .doc table may have fewer grid columns than its DOCX. What holds in every
   * format is that each cell location names the cell holding the evidence's text; a spreadsheet's also names
   * its sheet (SPEC §7), and the XLSX and the .xls made from it agree on every location.
   */
  it.each(names.filter((name) => !name.startsWith('outline-')))(
    '%s: spreadsheet evidence names its sheet, and every cell location holds the evidence text',
    async (name) => {
      const evidenceOf = async (format: string) => {
        const model = await readDocument(new Uint8Array(readFileSync(`${fixtures}forms/${name}.${format}`)));
        return { model, evidence: parseReport(model).extraction.evidence };
      };
      const read = Object.fromEntries(
        await Promise.all(formFormats.map(async (f) => [f, await evidenceOf(f)] as const)),
      );
      let cells = 0;
      for (const [format, { model, evidence }] of Object.entries(read)) {
        const tables = model.blocks.filter((block) => block.kind === 'table');
        for (const [path, item] of Object.entries(evidence)) {
          if (!('table' in item.location)) continue;
          cells++;
          const { sheet, table, row, column } = item.location;
          const block = tables[table]!;
          expect(sheet, `${format} ${path}`).toBe(block.sheet);
          if (format === 'xlsx' || format === 'xls') expect(sheet, `${format} ${path}`).toMatch(/\S/);
          else expect(sheet, `${format} ${path}`).toBeUndefined();
          const cellText = block.rows[row]![column]!.text.replace(/\s+/g, '');
          expect(cellText, `${format} ${path}`).toContain(item.text.replace(/\s+/g, ''));
        }
      }
      expect(cells).toBeGreaterThan(5);
      expect(read.xls!.evidence).toEqual(read.xlsx!.evidence);
      // Each spreadsheet cell's address is the workbook cell that holds the figure, as Excel shows it.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(`${fixtures}forms/${name}.xlsx`);
      for (const [path, item] of Object.entries(read.xlsx!.evidence)) {
        if (!('table' in item.location)) continue;
        const { sheet, cell } = item.location;
        expect(cell, path).toMatch(/^[A-Z]+\d+$/);
        const shown = workbook.getWorksheet(sheet!)!.getCell(cell!).text.replace(/\s+/g, '');
        expect(shown, `${path} at ${cell}`).toContain(item.text.replace(/\s+/g, ''));
      }
    },
  );

  it('keeps the evidence of a funds line and of the control rate at their cells', async () => {
    const overall = await parseFile('forms/overall-nature-guantang-2023.docx');
    expect(overall.extraction.evidence['budget.lines.0.adjusted']).toMatchObject({
      label: '一般公共预算',
      value: 13256800,
      text: '1325.68',
      halfUnit: 50,
      unit: '万元',
      location: { table: 0 },
    });
    expect(overall.extraction.evidence['scoring.items.0.target']).toMatchObject({ text: '≥50人' });
    const basic = await parseFile('forms/basic-data-guantang-2023.pdf');
    expect(basic.extraction.evidence['staffing.controlRate']).toMatchObject({
      label: '控制率',
      value: 1.087,
      text: '108.70%',
      location: { table: 0 },
    });
  });

  it('finds the other outlines’ parts: 自评得分情况 is the conclusion, the attached 自评表 the scoring part', async () => {
    const bureau = await parseFile('forms/outline-score-first-finance-2023.docx');
    const { sections } = bureau.extraction;
    for (const key of ['title', 'basicInfo', 'finance', 'performance', 'conclusion', 'scoringTable'] as const) {
      expect(sections[key], key).not.toBeNull();
    }
    const conclusionParagraph = bureau.extraction.headings.find((h) => h.text.includes('自评得分情况'));
    expect(sections.conclusion).toEqual(conclusionParagraph?.location);
    // Without an attachment the report is still read, and its missing scoring part is a problem, not a rejection.
    const bare = await parseFile('forms/outline-unit-first-ziranziyuan-2023.pdf');
    expect(bare.extraction.sections.scoringTable).toBeNull();
    expect(bare.extraction.problems.map((problem) => problem.path)).toContain('scoring.tableTotal');
  });
});

describe('a form lacking parts, and documents of none of the four kinds', () => {
  const guantang = guantangOverallForm().document;

  it('checks an overall form without its 绩效指标 and 总分, listing both as missing parts', async () => {
    const headerAt = guantang.grid.rows.findIndex((row) => row.some((cell) => cell.text === '一级指标'));
    const truncated = { ...guantang, grid: { ...guantang.grid, rows: guantang.grid.rows.slice(0, headerAt) } };
    // The 绩效指标 cell spans the rows cut off: end the grid with the rows before it.
    const parsed = await parseBytes(await formDocx(truncated));
    expect(parsed.report.kind).toBe('overall-form');
    expect(parsed.report.budget?.executed).toBe(20301200);
    expect(parsed.report.scoring.items).toEqual([]);
    expect(
      parsed.extraction.problems.filter((problem) => problem.code === 'missing-part').map((problem) => problem.path),
    ).toEqual(['sections.indicators', 'sections.formTotal']);
  });

  it('reads Hunan’s side-by-side funds rows (按收入性质分 left, 按支出性质分 right) as the stacked layout', async () => {
    const b = { bold: true };
    const funds = [
      [
        c('年度预算执行情况（万元）', { colSpan: 2, rowSpan: 7, ...b }),
        c('', { colSpan: 2 }),
        ...['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].map((h) => c(h, b)),
      ],
      [c('年度资金总额', { colSpan: 2 }), ...['861.10', '2030.12', '2030.12', '10', '100.00%', '10'].map((v) => c(v))],
      [
        c('按收入性质分：', { colSpan: 2 }),
        c(''),
        c(''),
        c('2030.12'),
        c('按支出性质分：', { colSpan: 2 }),
        c('1925.67'),
      ],
      [
        c('其中：一般公共预算：', { colSpan: 2 }),
        c(''),
        c('1325.68'),
        c('1325.68'),
        c('其中：基本支出：', { colSpan: 2 }),
        c('900.47'),
      ],
      [
        c('政府性基金拨款：', { colSpan: 2 }),
        c(''),
        c('118.82'),
        c('118.82'),
        c('项目支出：', { colSpan: 2 }),
        c('1025.20'),
      ],
      [c('纳入专户管理的非税收入拨款：', { colSpan: 2 }), c(''), c(''), c(''), c('', { colSpan: 2 }), c('')],
    ];
    const other = [c('其他资金：', { colSpan: 2 }), c(''), c('585.62'), c('585.62'), c('', { colSpan: 2 }), c('')];
    const rows = [guantang.grid.rows[0]!, ...funds, other, ...guantang.grid.rows.slice(11)];
    const parsed = await parseBytes(await formDocx({ ...guantang, grid: { ...guantang.grid, rows } }));
    expect(parsed.report).toEqual(expectedOf('overall-nature-guantang-2023'));
    expect(parsed.extraction.evidence['finance.basicExpenditure']).toMatchObject({ text: '900.47', value: 9004700 });
  });

  it('reads a form in 元 with thousands separators, the unit inline in its label cell, as the same report', async () => {
    const yuan = (text: string) =>
      /^\d+\.\d{2}$/.test(text)
        ? new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(Number(text) * 10000)
        : text.replace('（万元）', '（元）');
    const rows = guantang.grid.rows.map((row, r) =>
      r === 0
        ? [c('预算部门（盖章）：衡山县贯塘乡人民政府', { colSpan: 10 })]
        : r <= 10
          ? row.map((cell) => ({ ...cell, text: yuan(cell.text) }))
          : row,
    );
    expect(rows[2]!.some((cell) => cell.text === '8,611,000.00')).toBe(true);
    const before = guantang.before.filter((text) => !text.includes('万元'));
    const parsed = await parseBytes(await formDocx({ ...guantang, before, grid: { ...guantang.grid, rows } }));
    expect(parsed.report).toEqual(expectedOf('overall-nature-guantang-2023'));
    expect(parsed.extraction.evidence['budget.initial']).toMatchObject({
      text: '8,611,000.00',
      unit: '元',
      halfUnit: 0.005,
    });
  });

  it('rejects an ordinary budget sheet as not-a-report', async () => {
    const sheet = {
      name: 'budget-sheet',
      before: ['2023年部门预算支出明细表', '单位：万元'],
      grid: {
        widths: [1500, 4000, 1500, 1500],
        rows: [
          [c('科目编码'), c('科目名称'), c('基本支出'), c('项目支出')],
          [c('2010301'), c('行政运行'), c('612.30'), c('0')],
          [c('2130153'), c('农村综合改革'), c('0'), c('96.50')],
          [c('合计', { colSpan: 2 }), c('612.30'), c('96.50')],
        ],
      },
      after: [],
      landscape: false,
    };
    await expect(parseBytes(await formDocx(sheet))).rejects.toMatchObject({ code: 'not-a-report' });
  });

  it('rejects a notice that only names the forms as not-a-report', async () => {
    const notice = {
      name: 'notice',
      before: [
        '关于报送2023年度部门整体支出绩效自评表的通知',
        '各乡镇人民政府、县直各单位：请于3月20日前报送部门整体支出绩效自评表和项目支出绩效自评表。',
      ],
      grid: { widths: [3000, 3000], rows: [[c('联系人'), c('县财政局绩效股')]] },
      after: [],
      landscape: false,
    };
    await expect(parseBytes(await formDocx(notice))).rejects.toMatchObject({ code: 'not-a-report' });
  });
});
