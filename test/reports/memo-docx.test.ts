/** The DOCX memo, read back with mammoth as Word would show it, line by line. */
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMemoDocx } from '../../reports/memo.js';
import { rejectedResult, seedResult } from './support/seed-result.js';

const date = new Date('2024-05-06T02:00:00Z');

async function docxLines(buffer: Buffer): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer });
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

describe('the DOCX memo of the seed', () => {
  let buffer: Buffer;
  let lines: string[];

  beforeAll(async () => {
    buffer = await renderMemoDocx(seedResult(), { date });
    lines = await docxLines(buffer);
  });

  it('is a real Word file (a zip starting with PK)', () => {
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('reads, line by line, as the printable memo: title, identification, verdict', () => {
    expect(lines.slice(0, 15)).toEqual([
      '部门整体绩效自评报告审核意见',
      '项目',
      '内容',
      '单位',
      '平等乡人民政府',
      '年度',
      '2023年度',
      '文件',
      'submissions/平等乡.docx',
      'SHA-256',
      seedResult().sha256,
      '自评得分',
      '97分',
      '审核结论',
      '需修改后重新报送',
    ]);
  });

  it('lists both scoring.group-points errors with their evidence and locations, then the infos', () => {
    const start = lines.indexOf('错误（2项，须修改）');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, start + 18)).toEqual([
      '错误（2项，须修改）',
      '1. 二级指标「动态调整」标注15分，其下三级指标分值合计20分',
      '规则：指标分值与下级合计一致（scoring.group-points）',
      '依据：',
      '动态调整：「动态调整（15分）」（打分表第7行第2列）',
      '支出控制 指标分值：「10」（打分表第7行第4列）',
      '及时处置 指标分值：「5」（打分表第8行第4列）',
      '执行进度 指标分值：「5」（打分表第9行第4列）',
      '建议：标注应为20分，或三级指标分值应减少5分',
      '2. 二级指标「信息公开」标注5分，其下三级指标分值合计10分',
      '规则：指标分值与下级合计一致（scoring.group-points）',
      '依据：',
      '信息公开：「信息公开（5分）」（打分表第13行第2列）',
      '自评公开 指标分值：「10」（打分表第13行第4列）',
      '建议：标注应为10分，或三级指标分值应减少5分',
      '提示（2项，供参考）',
      '1. 标题序号不连续：「（一）坚持理论武装」接在「（三）2023年重点工作开展情况」之后；「（四）部门整体支出绩效目标」与前一个「（四）」重复',
      '规则：标题序号连续（structure.numbering）',
    ]);
    expect(lines).toContain(
      '医疗保险参保率：「四是保障政策落实。2024年医疗保险参保率83.79%，落实“三免两补”400人，享受教育救助金136人。」（第24段）',
    );
  });

  it('ends with the bureau and the date', () => {
    expect(lines.slice(-2)).toEqual(['县财政局', '审核日期：2024年5月6日']);
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
