/** The bureau's summary, read back cell by cell with exceljs, and its Markdown twin. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderSummaryMarkdown, renderSummaryXlsx, type SummaryRow } from '../../reports/summary.js';
import {
  dynamicAdjustmentFinding,
  rejectedResult,
  seedResult,
  unitResult,
  warningFinding,
} from './support/seed-result.js';

const rows: SummaryRow[] = [
  { result: unitResult('城关镇人民政府', '1', []), mailState: 'not-needed' },
  { result: unitResult('县教育局', '2', [warningFinding]), mailState: 'no-contact' },
  { result: seedResult(), mailState: 'sent' },
  {
    result: rejectedResult('no-text-layer', 'PDF没有文字层（可能是扫描件），暂时无法识别。', 'submissions/扫描件.pdf'),
    mailState: 'pending',
  },
  { result: unitResult('平等乡人民政府', '9', [dynamicAdjustmentFinding]), superseded: true, mailState: null },
];

function values(sheet: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  const row = sheet.getRow(rowNumber);
  return Array.from({ length: sheet.columnCount }, (_, index) => row.getCell(index + 1).value ?? null);
}

describe('the summary workbook', () => {
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    const buffer = await renderSummaryXlsx(rows);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  });

  it('has the sheets 汇总 and 问题明细', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '问题明细']);
  });

  it('heads 汇总 with a bold, frozen header row', () => {
    const sheet = workbook.getWorksheet('汇总')!;
    expect(values(sheet, 1)).toEqual([
      '单位',
      '年度',
      '文件',
      '状态',
      '自评得分',
      '错误',
      '警告',
      '提示',
      '首个错误',
      '邮件',
    ]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('puts the rejected file first, then rows by error count, superseded last', () => {
    const sheet = workbook.getWorksheet('汇总')!;
    expect(sheet.rowCount).toBe(6);
    expect(values(sheet, 2)).toEqual([
      null,
      null,
      'submissions/扫描件.pdf',
      '已退回',
      null,
      0,
      0,
      0,
      '无法读取：PDF没有文字层（可能是扫描件），暂时无法识别。',
      '待发送',
    ]);
    expect(values(sheet, 3)).toEqual([
      '平等乡人民政府',
      2023,
      'submissions/平等乡.docx',
      '已审核',
      97,
      2,
      0,
      2,
      '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
      '已发送',
    ]);
    expect(values(sheet, 4).slice(0, 10)).toEqual([
      '县教育局',
      2023,
      'submissions/县教育局.docx',
      '已审核',
      97,
      0,
      1,
      0,
      null,
      '未配置联系人',
    ]);
    expect(values(sheet, 5)[0]).toBe('城关镇人民政府');
    expect(values(sheet, 5)[9]).toBe('无需发送');
    expect(values(sheet, 6).slice(0, 4)).toEqual([
      '平等乡人民政府',
      2023,
      'submissions/平等乡人民政府.docx',
      '已被替代',
    ]);
    expect(values(sheet, 6)[9]).toBeNull();
  });

  it('sizes columns to their content, wider for Chinese', () => {
    const sheet = workbook.getWorksheet('汇总')!;
    // 平等乡人民政府: 7 CJK characters = 14, plus a margin of 2.
    expect(sheet.getColumn(1).width).toBe(16);
    // The rejection message: 26 CJK characters and 「PDF」 = 55, plus 2.
    expect(sheet.getColumn(9).width).toBe(57);
    expect(sheet.getColumn(6).width).toBe(6);
  });

  it('lists every finding of the current submissions in 问题明细', () => {
    const sheet = workbook.getWorksheet('问题明细')!;
    expect(values(sheet, 1)).toEqual(['单位', '年度', '规则', '级别', '说明', '依据', '位置', '建议']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(1 + 4 + 1);
    expect(values(sheet, 2)).toEqual([
      '平等乡人民政府',
      2023,
      '指标分值与下级合计一致（scoring.group-points）',
      '错误',
      '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
      '动态调整：「动态调整（15分）」\n支出控制 指标分值：「10」\n及时处置 指标分值：「5」\n执行进度 指标分值：「5」',
      '打分表第7行第2列；打分表第7行第4列；打分表第8行第4列；打分表第9行第4列',
      '标注应为20分，或三级指标分值应减少5分',
    ]);
    expect(values(sheet, 3)[4]).toBe('二级指标「信息公开」标注5分，其下三级指标分值合计10分');
    expect(values(sheet, 3)[6]).toBe('打分表第13行第2列；打分表第13行第4列');
    expect(values(sheet, 4).slice(3, 5)).toEqual(['提示', seedResult().findings[2]!.message]);
    expect(values(sheet, 5)[6]).toBe('第24段');
    expect(values(sheet, 6)).toEqual([
      '县教育局',
      2023,
      '人均补助标准合理（welfare.per-capita）',
      '警告',
      warningFinding.message,
      '低保资金：「发放低保资金1657.206万元」',
      '第4页第22段',
      '请核实低保资金或人数是否填写有误',
    ]);
  });
});

describe('the summary in Markdown', () => {
  const markdown = renderSummaryMarkdown(rows);

  it('counts submissions and findings', () => {
    expect(markdown).toContain('共5份报送：已审核3份，已退回1份，已被替代1份；现行报送中错误2项，警告1项，提示2项。');
  });

  it('has the same rows in the same order as the workbook', () => {
    const lines = markdown.split('\n');
    const overview = lines.slice(lines.indexOf('## 汇总') + 2, lines.indexOf('## 问题明细') - 1);
    expect(overview[0]).toBe('| 单位 | 年度 | 文件 | 状态 | 自评得分 | 错误 | 警告 | 提示 | 首个错误 | 邮件 |');
    expect(overview.slice(2)).toEqual([
      '| | | submissions/扫描件.pdf | 已退回 | | 0 | 0 | 0 | 无法读取：PDF没有文字层（可能是扫描件），暂时无法识别。 | 待发送 |',
      '| 平等乡人民政府 | 2023 | submissions/平等乡.docx | 已审核 | 97 | 2 | 0 | 2 | 二级指标「动态调整」标注15分，其下三级指标分值合计20分 | 已发送 |',
      '| 县教育局 | 2023 | submissions/县教育局.docx | 已审核 | 97 | 0 | 1 | 0 | | 未配置联系人 |',
      '| 城关镇人民政府 | 2023 | submissions/城关镇人民政府.docx | 已审核 | 97 | 0 | 0 | 0 | | 无需发送 |',
      '| 平等乡人民政府 | 2023 | submissions/平等乡人民政府.docx | 已被替代 | 97 | 1 | 0 | 0 | 二级指标「动态调整」标注15分，其下三级指标分值合计20分 | |',
    ]);
  });

  it('lists the findings with evidence on one line per cell', () => {
    expect(markdown).toContain(
      '| 平等乡人民政府 | 2023 | 信息公开：「信息公开（5分）」；自评公开 指标分值：「10」 |'.replace(
        '| 2023 | 信息公开',
        '| 2023 | 指标分值与下级合计一致（scoring.group-points） | 错误 | 二级指标「信息公开」标注5分，其下三级指标分值合计10分 | 信息公开',
      ),
    );
  });

  it('says so when there is nothing to list', () => {
    expect(renderSummaryMarkdown([{ result: unitResult('城关镇人民政府', '1', []) }])).toContain('没有发现问题。');
  });
});
