/**
 * The DOCX memo, read back with mammoth as Word would show it, line by line. The seed is checked for
 * real (its DOCX and the PDF exported from it, through reader, parser and rules), so the memo is the one
 * a reviewer gets for it: its two scoring.group-points errors with their table cells, then the infos with
 * their paragraphs — 「全文第N段」 in the DOCX, 「第P页（全文第N段）」 in the PDF.
 */
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMemoDocx } from '../../reports/memo.js';
import type { CheckResult } from '../../reports/result-schema.js';
import { realSeedResult } from './support/checked-submission.js';
import { rejectedResult } from './support/seed-result.js';

const date = new Date('2024-05-06T02:00:00Z');

async function docxLines(buffer: Buffer): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer });
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Where the infos' evidence stands in each format: the paragraph count is the whole document's in both. */
const places = {
  docx: { firstHeading: '全文第10段', secondHeading: '全文第25段', insurance: '全文第24段' },
  pdf: { firstHeading: '第2页（全文第10段）', secondHeading: '第6页（全文第25段）', insurance: '第5页（全文第24段）' },
} as const;

describe.each(['docx', 'pdf'] as const)('the DOCX memo of the seed checked from its %s', (format) => {
  let result: CheckResult;
  let buffer: Buffer;
  let lines: string[];

  beforeAll(async () => {
    result = await realSeedResult(format);
    buffer = await renderMemoDocx(result, { date });
    lines = await docxLines(buffer);
  });

  it('is a real Word file (a zip starting with PK)', () => {
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('reads, line by line, as the printable memo: identification, counts, both errors, the infos, the signature', () => {
    const place = places[format];
    expect(lines).toEqual([
      '部门整体绩效自评报告审核意见',
      '项目',
      '内容',
      '单位',
      '平等乡人民政府',
      '年度',
      '2023年度',
      '文件',
      `submissions/平等乡.${format}`,
      'SHA-256',
      result.sha256,
      '自评得分',
      '97分',
      '审核结论',
      '需修改后重新报送',
      '经审核，共发现问题4项：错误2项（须修改），警告0项（请核实），提示2项（供参考）。',
      '错误（2项，须修改）',
      '1. 二级指标「动态调整」标注15分，其下三级指标分值合计20分',
      '规则：指标分值与下级合计一致（scoring.group-points）',
      '依据：',
      '动态调整：「动态调整（15分）」（打分表第7行第2列）',
      '支出控制：「10」（打分表第7行第4列）',
      '及时处置：「5」（打分表第8行第4列）',
      '执行进度：「5」（打分表第9行第4列）',
      '建议：标注应为20分，或三级指标分值应减少5分',
      '2. 二级指标「信息公开」标注5分，其下三级指标分值合计10分',
      '规则：指标分值与下级合计一致（scoring.group-points）',
      '依据：',
      '信息公开：「信息公开（5分）」（打分表第13行第2列）',
      '自评公开：「10」（打分表第13行第4列）',
      '建议：标注应为10分，或三级指标分值应减少5分',
      '提示（2项，供参考）',
      '1. 标题编号不连续（2处）：「（一）坚持理论武装，把牢政治方向」编号回退（上一标题为（三）），应为（四）；「（四）部门整体支出绩效目标」与上一标题编号重复，应为（五）',
      '规则：标题编号连续（structure.numbering）',
      '依据：',
      `（一）：「（一）坚持理论武装，把牢政治方向」（${place.firstHeading}）`,
      `（四）：「（四）部门整体支出绩效目标」（${place.secondHeading}）`,
      '建议：请按层级顺序重新编号标题',
      '2. 「2024年医疗保险参保率83.79%」所述为2024年的数据，与报告年度2023年不符',
      '规则：数据年度与报告年度一致（text.year-mismatch）',
      '依据：',
      `医疗保险参保率：「2024年医疗保险参保率83.79%，落实“三免两补”400人，享受教育救助金136人，雨露计划34人，救助困难群众、特殊群体13户，实施残疾人物化补贴24人。」（${place.insurance}）`,
      '建议：请核实该数据是否为2023年度数据',
      '请对照上述问题逐项修改，修改后重新报送。如对审核意见有疑问，请与县财政局联系。',
      '县财政局',
      '审核日期：2024年5月6日',
    ]);
  });

  it('has no extraction notes, because the seed reads without problems', () => {
    expect(result.extraction?.problems).toEqual([]);
    expect(lines.some((line) => line.startsWith('提取提示'))).toBe(false);
  });

  it('marks the title and the severity sections as headings and the identification as a table', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer });
    expect(html).toContain('<h1>错误（2项，须修改）</h1>');
    expect(html).toContain('<h1>提示（2项，供参考）</h1>');
    expect(html).toMatch(
      /<table><thead><tr><th><p><strong>项目<\/strong><\/p><\/th>.*<\/thead><tbody><tr><td><p>单位<\/p><\/td><td><p>平等乡人民政府<\/p><\/td>/s,
    );
    expect(html).toContain(
      '<ul><li>规则：指标分值与下级合计一致（scoring.group-points）</li><li>依据：<ul><li>动态调整',
    );
  });
});

describe('the DOCX memo of a rejected file', () => {
  it('gives the reason and what to resubmit', async () => {
    const result = rejectedResult('encrypted', '文件已加密（设置了打开密码），无法读取。', 'submissions/加密.docx');
    const lines = await docxLines(await renderMemoDocx(result, { date }));
    expect(lines).toContain('退回，请重新报送');
    const reason = lines.indexOf('文件无法读取');
    expect(lines.slice(reason, reason + 4)).toEqual([
      '文件无法读取',
      '原因：文件已加密（设置了打开密码），无法读取。',
      '请重新报送',
      '文件设置了密码或加密保护，无法读取。请取消密码后重新报送（Word/WPS：文件→信息→保护文档→用密码进行加密，清空密码后保存；PDF导出时不要设置打开密码）。',
    ]);
  });
});
