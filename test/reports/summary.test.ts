/**
 * The bureau's summary, read back cell by cell with exceljs, and its Markdown twin. The seed's row and its
 * findings come from a real check of the seed DOCX; 龙山乡 is a real variant of it whose carry-over figure
 * cannot be found; the other units are hand-made cases (a warning only, nothing found, a rejection, a
 * superseded file).
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../reports/result-schema.js';
import { renderSummaryMarkdown, renderSummaryXlsx, type SummaryRow } from '../../reports/summary.js';
import { overviewCells } from '../../reports/summary-rows.js';
import { checkBytes, realSeedResult, seedVariantDocx } from './support/checked-submission.js';
import { dynamicAdjustmentFinding, rejectedResult, unitResult, warningFinding } from './support/seed-result.js';

let seed: CheckResult;
let longshan: CheckResult;
let rows: SummaryRow[];

beforeAll(async () => {
  seed = await realSeedResult('docx');
  const docx = await seedVariantDocx('longshan', [
    { from: '平等乡人民政府', to: '龙山乡人民政府', count: 4 },
    { from: '平等乡', to: '龙山乡' },
    { from: '本年无结转结余。', to: '本年结转结余情况详见部门决算报表。' },
  ]);
  longshan = await checkBytes(docx, 'submissions/龙山乡.docx');
  rows = [
    { result: unitResult('城关镇人民政府', '1', []), mailState: 'not-needed' },
    { result: unitResult('县教育局', '2', [warningFinding]), mailState: 'no-contact' },
    { result: seed, mailState: 'sent' },
    { result: longshan, mailState: 'outbox' },
    {
      result: rejectedResult(
        'no-text-layer',
        'PDF没有文字层（可能是扫描件），暂时无法识别。',
        'submissions/扫描件.pdf',
      ),
      mailState: 'pending',
    },
    { result: unitResult('平等乡人民政府', '9', [dynamicAdjustmentFinding]), superseded: true, mailState: null },
  ];
});

function values(sheet: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  const row = sheet.getRow(rowNumber);
  return Array.from({ length: sheet.columnCount }, (_, index) => row.getCell(index + 1).value ?? null);
}

const numberingMessage =
  '标题编号不连续（2处）：「（一）坚持理论武装，把牢政治方向」编号回退（上一标题为（三）），应为（四）；「（四）部门整体支出绩效目标」与上一标题编号重复，应为（五）';
const yearMessage = '「2024年医疗保险参保率83.79%」所述为2024年的数据，与报告年度2023年不符';

describe('the summary workbook', () => {
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    const buffer = await renderSummaryXlsx(rows);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  });

  it('has the sheets 汇总, 问题明细, 提取提示 and, with a superseded file, 已被替代', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '问题明细', '提取提示', '已被替代']);
  });

  it('heads 汇总 with a bold, frozen header row that counts extraction problems beside the findings', () => {
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
      '提取提示',
      '首个错误',
      '邮件',
      '自评等级',
      '总分对应等级',
      '文字识别',
    ]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('puts the rejected file first, then rows by error count, and leaves the superseded file out', () => {
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
      0,
      '无法读取：PDF没有文字层（可能是扫描件），暂时无法识别。',
      '待发送',
      null,
      null,
      null,
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
      0,
      '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
      '已发送',
      null,
      '优',
      null,
    ]);
    expect(values(sheet, 4)).toEqual([
      '县教育局',
      2023,
      'submissions/县教育局.docx',
      '已审核',
      97,
      0,
      1,
      0,
      0,
      null,
      '未配置联系人',
      null,
      '优',
      null,
    ]);
    expect(values(sheet, 5)[0]).toBe('城关镇人民政府');
    expect(values(sheet, 5)[10]).toBe('无需发送');
    expect(values(sheet, 6)).toEqual([
      '龙山乡人民政府',
      2023,
      'submissions/龙山乡.docx',
      '已审核',
      97,
      0,
      0,
      2,
      1,
      null,
      '已写入发件箱',
      null,
      '优',
      null,
    ]);
  });

  it('keeps the superseded file in 已被替代, one row per file', () => {
    const sheet = workbook.getWorksheet('已被替代')!;
    expect(values(sheet, 1)).toEqual(['单位', '年度', '文件类型', '文件']);
    expect(sheet.rowCount).toBe(2);
    expect(values(sheet, 2)).toEqual(['平等乡人民政府', 2023, '自评报告', 'submissions/平等乡人民政府.docx']);
  });

  it('marks the extraction count of a unit whose checks are incomplete (a figure not found)', () => {
    const sheet = workbook.getWorksheet('汇总')!;
    expect(sheet.getRow(6).getCell(9).font).toMatchObject({ bold: true, color: { argb: 'FFC65911' } });
    expect(sheet.getRow(3).getCell(9).font?.bold).toBeFalsy();
  });

  it('sizes columns to their content, wider for Chinese', () => {
    const sheet = workbook.getWorksheet('汇总')!;
    // 平等乡人民政府: 7 CJK characters = 14, plus a margin of 2.
    expect(sheet.getColumn(1).width).toBe(16);
    // The rejection message: 26 CJK characters and 「PDF」 = 55, plus 2.
    expect(sheet.getColumn(10).width).toBe(57);
    expect(sheet.getColumn(6).width).toBe(6);
    // 提取提示: 4 CJK characters = 8, plus 2.
    expect(sheet.getColumn(9).width).toBe(10);
  });

  it('lists every finding of the current submissions in 问题明细, in the order the rules gave them', () => {
    const sheet = workbook.getWorksheet('问题明细')!;
    expect(values(sheet, 1)).toEqual(['单位', '年度', '文件', '规则', '级别', '说明', '依据', '位置', '建议']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(1 + 4 + 1 + 2);
    expect(values(sheet, 2)).toEqual([
      '平等乡人民政府',
      2023,
      'submissions/平等乡.docx',
      '标题编号连续（structure.numbering）',
      '提示',
      numberingMessage,
      '（一）：「（一）坚持理论武装，把牢政治方向」\n（四）：「（四）部门整体支出绩效目标」',
      '全文第10段；全文第25段',
      '请按层级顺序重新编号标题',
    ]);
    expect(values(sheet, 3)).toEqual([
      '平等乡人民政府',
      2023,
      'submissions/平等乡.docx',
      '指标分值与下级合计一致（scoring.group-points）',
      '错误',
      '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
      '动态调整：「动态调整（15分）」\n支出控制：「10」\n及时处置：「5」\n执行进度：「5」',
      '打分表第7行第2列；打分表第7行第4列；打分表第8行第4列；打分表第9行第4列',
      '标注应为20分，或三级指标分值应减少5分',
    ]);
    expect(values(sheet, 4)).toEqual([
      '平等乡人民政府',
      2023,
      'submissions/平等乡.docx',
      '指标分值与下级合计一致（scoring.group-points）',
      '错误',
      '二级指标「信息公开」标注5分，其下三级指标分值合计10分',
      '信息公开：「信息公开（5分）」\n自评公开：「10」',
      '打分表第13行第2列；打分表第13行第4列',
      '标注应为10分，或三级指标分值应减少5分',
    ]);
    expect(values(sheet, 5).slice(3, 9)).toEqual([
      '数据年度与报告年度一致（text.year-mismatch）',
      '提示',
      yearMessage,
      '医疗保险参保率：「2024年医疗保险参保率83.79%，落实“三免两补”400人，享受教育救助金136人，雨露计划34人，救助困难群众、特殊群体13户，实施残疾人物化补贴24人。」',
      '全文第24段',
      '请核实该数据是否为2023年度数据',
    ]);
    expect(values(sheet, 6)).toEqual([
      '县教育局',
      2023,
      'submissions/县教育局.docx',
      '人均补助金额合理（welfare.per-capita）',
      '警告',
      warningFinding.message,
      '低保：「目前全乡低保212户、608人，发放资金1657.206万元，特困33人，发放资金27.2763万元高龄补贴人员166人，发放金额7.156万元，重度残疾人护理补贴135人11.089万元，困难残疾人生活补贴80人9.21万元。」',
      '第5页（全文第22段）',
      '请核对低保的发放金额（万元/元）和人数',
    ]);
    expect(values(sheet, 7).slice(0, 6)).toEqual([
      '龙山乡人民政府',
      2023,
      'submissions/龙山乡.docx',
      '标题编号连续（structure.numbering）',
      '提示',
      numberingMessage,
    ]);
    expect(values(sheet, 8).slice(0, 6)).toEqual([
      '龙山乡人民政府',
      2023,
      'submissions/龙山乡.docx',
      '数据年度与报告年度一致（text.year-mismatch）',
      '提示',
      yearMessage,
    ]);
  });

  it('lists every extraction problem of the current submissions in 提取提示, with the file to open', () => {
    const sheet = workbook.getWorksheet('提取提示')!;
    expect(values(sheet, 1)).toEqual(['单位', '年度', '文件', '类别', '说明', '位置']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(2);
    expect(values(sheet, 2)).toEqual([
      '龙山乡人民政府',
      2023,
      'submissions/龙山乡.docx',
      '未找到数据',
      '未找到结转结余',
      null,
    ]);
  });
});

describe('the summary in Markdown', () => {
  let markdown: string;

  beforeAll(() => {
    markdown = renderSummaryMarkdown(rows);
  });

  it('counts submissions, findings and extraction problems', () => {
    expect(markdown).toContain(
      '共6份报送：已审核4份，已退回1份，已被替代1份；现行报送中错误2项，警告1项，提示4项。另有提取提示1项，请对照原件核对。',
    );
  });

  it('has the same rows in the same order as the workbook', () => {
    const lines = markdown.split('\n');
    const overview = lines.slice(lines.indexOf('## 汇总') + 2, lines.indexOf('## 问题明细') - 1);
    expect(overview[0]).toBe(
      '| 单位 | 年度 | 文件 | 状态 | 自评得分 | 错误 | 警告 | 提示 | 提取提示 | 首个错误 | 邮件 | 自评等级 | 总分对应等级 | 文字识别 |',
    );
    expect(overview.slice(2)).toEqual([
      '| | | submissions/扫描件.pdf | 已退回 | | 0 | 0 | 0 | 0 | 无法读取：PDF没有文字层（可能是扫描件），暂时无法识别。 | 待发送 | | | |',
      '| 平等乡人民政府 | 2023 | submissions/平等乡.docx | 已审核 | 97 | 2 | 0 | 2 | 0 | 二级指标「动态调整」标注15分，其下三级指标分值合计20分 | 已发送 | | 优 | |',
      '| 县教育局 | 2023 | submissions/县教育局.docx | 已审核 | 97 | 0 | 1 | 0 | 0 | | 未配置联系人 | | 优 | |',
      '| 城关镇人民政府 | 2023 | submissions/城关镇人民政府.docx | 已审核 | 97 | 0 | 0 | 0 | 0 | | 无需发送 | | 优 | |',
      '| 龙山乡人民政府 | 2023 | submissions/龙山乡.docx | 已审核 | 97 | 0 | 0 | 2 | 1 | | 已写入发件箱 | | 优 | |',
    ]);
    const superseded = lines.slice(lines.indexOf('## 已被替代') + 2).filter(Boolean);
    expect(superseded).toEqual([
      '| 单位 | 年度 | 文件类型 | 文件 |',
      '| - | - | - | - |',
      '| 平等乡人民政府 | 2023 | 自评报告 | submissions/平等乡人民政府.docx |',
    ]);
  });

  it('lists the findings with evidence on one line per cell', () => {
    expect(markdown).toContain(
      '| 平等乡人民政府 | 2023 | submissions/平等乡.docx | 指标分值与下级合计一致（scoring.group-points） | 错误 | 二级指标「信息公开」标注5分，其下三级指标分值合计10分 | 信息公开：「信息公开（5分）」；自评公开：「10」 | 打分表第13行第2列；打分表第13行第4列 | 标注应为10分，或三级指标分值应减少5分 |',
    );
  });

  it('lists the extraction problems after the findings', () => {
    const lines = markdown.split('\n');
    const start = lines.indexOf('## 提取提示');
    expect(start).toBeGreaterThan(lines.indexOf('## 问题明细'));
    expect(lines.slice(start + 2, lines.indexOf('## 已被替代')).filter(Boolean)).toEqual([
      '| 单位 | 年度 | 文件 | 类别 | 说明 | 位置 |',
      '| - | - | - | - | - | - |',
      '| 龙山乡人民政府 | 2023 | submissions/龙山乡.docx | 未找到数据 | 未找到结转结余 | |',
    ]);
  });

  it('says so when there is nothing to list', () => {
    const empty = renderSummaryMarkdown([{ result: unitResult('城关镇人民政府', '1', []) }]);
    expect(empty).toContain('没有发现问题。');
    expect(empty).toContain('没有提取提示。');
    expect(empty).not.toContain('另有提取提示');
    expect(empty).not.toContain('## 已被替代');
  });
});

describe('the summary of scanned submissions', () => {
  const scanned = (unit: string, digit: string, uncertain: string[]): CheckResult => ({
    ...unitResult(unit, digit, []),
    file: `submissions/${unit}.pdf`,
    extraction: { ...seed.extraction!, ocr: true, uncertainFigures: uncertain },
  });

  it('says in 文字识别 that a row was read by OCR, and how many of its figures are 识别存疑', () => {
    const one = scanned('石门乡人民政府', '3', ['finance.income.total', 'scoring.tableTotal']);
    expect(overviewCells({ documents: [{ result: one }], package: null }).ocr).toBe('扫描件，识别存疑2项');
    const form = { ...scanned('石门乡人民政府', '4', ['staffing.actual']), file: 'submissions/石门乡-自评表.pdf' };
    expect(overviewCells({ documents: [{ result: one }, { result: form }], package: null }).ocr).toBe(
      '2份扫描件，识别存疑3项',
    );
  });

  it('leaves 文字识别 empty for born-digital files and rejected ones', () => {
    expect(seed.extraction?.ocr).toBe(false);
    expect(overviewCells({ documents: [{ result: seed }], package: null }).ocr).toBe('');
    const rejected = rejectedResult('no-text-layer', '扫描件中未识别出文字', 'submissions/空白.pdf');
    expect(overviewCells({ documents: [{ result: rejected }], package: null }).ocr).toBe('');
  });

  it('writes the cell into the workbook and the Markdown', async () => {
    const rowsWithScan: SummaryRow[] = [{ result: scanned('石门乡人民政府', '5', ['scoring.tableTotal']) }];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderSummaryXlsx(rowsWithScan)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('汇总')!;
    expect(values(sheet, 1).at(-1)).toBe('文字识别');
    expect(values(sheet, 2).at(-1)).toBe('扫描件，识别存疑1项');
    expect(renderSummaryMarkdown(rowsWithScan)).toContain('| 扫描件，识别存疑1项 |');
  });
});
