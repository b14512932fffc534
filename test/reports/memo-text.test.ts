/**
 * The Markdown and HTML memos say what the reviewer needs: verdict, every finding, where to look, what to do.
 * The seed's memos are made from a real check of its DOCX and PDF; synthetic cases use the hand-made results.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rejectionCodes } from '../../extractors/model/rejection.js';
import { buildMemoTree, renderMemoHtml, renderMemoMarkdown } from '../../reports/memo.js';
import type { CheckResult } from '../../reports/result-schema.js';
import { resubmissionAdvice } from '../../reports/verdict.js';
import { realSeedResult } from './support/checked-submission.js';
import {
  dynamicAdjustmentFinding,
  informationDisclosureFinding,
  numberingFinding,
  rejectedResult,
  seedResult,
  warningFinding,
  yearMismatchFinding,
} from './support/seed-result.js';

const date = new Date('2024-05-06T02:00:00Z');

describe('the Markdown memo of the seed', () => {
  let result: CheckResult;
  let markdown: string;
  let lines: string[];

  beforeAll(async () => {
    result = await realSeedResult('docx');
    markdown = renderMemoMarkdown(result, { date });
    lines = markdown.split('\n');
  });

  it('starts with the memo title and identifies the unit, year, file, hash and claimed score', () => {
    expect(lines[0]).toBe('# 部门整体绩效自评报告审核意见');
    expect(markdown).toMatch(/\| 单位\s*\| 平等乡人民政府\s*\|/);
    expect(markdown).toMatch(/\| 年度\s*\| 2023年度\s*\|/);
    expect(markdown).toMatch(/\| 文件\s*\| submissions\/平等乡\.docx\s*\|/);
    expect(markdown).toContain(result.sha256);
    expect(markdown).toMatch(/\| 自评得分\s*\| 97分\s*\|/);
  });

  it('gives the verdict 需修改后重新报送 because there are errors', () => {
    expect(markdown).toMatch(/\| 审核结论\s*\| \*\*需修改后重新报送\*\*\s*\|/);
    expect(markdown).toContain('共发现问题4项：错误2项（须修改），警告0项（请核实），提示2项（供参考）');
  });

  it('lists each finding under its severity, errors first, with evidence locations in 1-based prose', () => {
    const errors = lines.indexOf('## 错误（2项，须修改）');
    const infos = lines.indexOf('## 提示（2项，供参考）');
    expect(errors).toBeGreaterThan(0);
    expect(infos).toBeGreaterThan(errors);
    expect(markdown).not.toContain('## 警告');
    const errorPart = lines.slice(errors, infos).join('\n');
    expect(errorPart).toContain(`1. **${dynamicAdjustmentFinding.message}**`);
    expect(errorPart).toContain(`2. **${informationDisclosureFinding.message}**`);
    expect(errorPart).toContain('动态调整：「动态调整（15分）」（打分表第7行第2列）');
    expect(errorPart).toContain('执行进度：「5」（打分表第9行第4列）');
    expect(errorPart).toContain('信息公开：「信息公开（5分）」（打分表第13行第2列）');
    expect(errorPart).toContain('自评公开：「10」（打分表第13行第4列）');
    expect(errorPart).toContain('规则：指标分值与下级合计一致（scoring.group-points）');
    expect(errorPart).toContain('建议：标注应为20分，或三级指标分值应减少5分');
    expect(errorPart).toContain('建议：标注应为10分，或三级指标分值应减少5分');
    const infoPart = lines.slice(infos).join('\n');
    expect(infoPart).toContain(numberingFinding.message);
    expect(infoPart).toContain('（一）：「（一）坚持理论武装，把牢政治方向」（全文第10段）');
    expect(infoPart).toContain(yearMismatchFinding.message);
    expect(infoPart).toContain('2024年医疗保险参保率83.79%');
    expect(infoPart).toContain('实施残疾人物化补贴24人。」（全文第24段）');
  });

  it('ends with the bureau and the date in China Standard Time', () => {
    expect(markdown.trimEnd().endsWith('审核日期：2024年5月6日')).toBe(true);
    const lateEvening = renderMemoMarkdown(result, { date: new Date('2024-05-06T17:30:00Z') });
    expect(lateEvening).toContain('审核日期：2024年5月7日');
  });
});

describe('the verdict', () => {
  it('is 通过 when there is no error, with warnings listed as 请核实', () => {
    const markdown = renderMemoMarkdown(seedResult({ findings: [warningFinding, yearMismatchFinding] }), { date });
    expect(markdown).toContain('**通过**');
    expect(markdown).toContain('## 警告（1项，请核实）');
    expect(markdown).toContain(warningFinding.message);
    expect(markdown).toContain('实施残疾人物化补贴24人。」（全文第24段）');
    expect(markdown).toContain('万元。」（第5页（全文第22段））');
    expect(markdown).not.toContain('需修改后重新报送');
  });

  it('is 通过 with a plain statement when there are no findings at all', () => {
    const markdown = renderMemoMarkdown(seedResult({ findings: [] }), { date });
    expect(markdown).toContain('**通过**');
    expect(markdown).toContain('经审核，未发现数据不一致或格式问题。');
    expect(markdown).not.toMatch(/## (错误|警告|提示)/);
  });
});

describe('a resubmission memo', () => {
  const context = {
    date,
    supersedes: {
      file: 'submissions/平等乡-初稿.docx',
      sha256: 'cd'.repeat(32),
      receivedAt: '2024-04-28T03:00:00Z',
      fixed: [informationDisclosureFinding],
      remaining: [numberingFinding, dynamicAdjustmentFinding],
      added: [],
    },
  };
  const markdown = renderMemoMarkdown(seedResult({ findings: [dynamicAdjustmentFinding, numberingFinding] }), context);

  it('says which version it replaces and when that one was received', () => {
    expect(markdown).toContain('## 与前次报送的比较');
    expect(markdown).toContain(
      `本次报送替代2024年4月28日收到的文件「submissions/平等乡-初稿.docx」（SHA-256：${'cd'.repeat(32)}）`,
    );
  });

  it('lists what was fixed, what remains and what is new', () => {
    const part = markdown.slice(markdown.indexOf('## 与前次报送的比较'), markdown.indexOf('## 错误'));
    expect(part).toContain(`### 已纠正（1项）\n\n- 【错误】${informationDisclosureFinding.message}`);
    // Errors first, whatever order the comparison gave.
    expect(part).toContain(
      `### 仍存在（2项）\n\n- 【错误】${dynamicAdjustmentFinding.message}\n- 【提示】${numberingFinding.message}`,
    );
    expect(part).toContain('### 新发现（0项）\n\n无。');
  });
});

describe('the memo of a rejected file', () => {
  it('says why the file could not be read and asks for a Word original or a PDF with a text layer', () => {
    const result = rejectedResult('no-text-layer', 'PDF没有文字层（可能是扫描件），暂时无法识别。');
    const markdown = renderMemoMarkdown(result, { date });
    expect(markdown).toContain('**退回，请重新报送**');
    expect(markdown).toContain('## 文件无法读取');
    expect(markdown).toContain('原因：PDF没有文字层（可能是扫描件），暂时无法识别。');
    expect(markdown).toContain('请提供Word原件（.docx）或由Word/WPS直接导出的带文字层的PDF');
    expect(markdown).toMatch(/\| 单位\s*\| 未能识别\s*\|/);
    expect(markdown).not.toContain('自评得分');
  });

  it('asks to remove the password from an encrypted file', () => {
    const markdown = renderMemoMarkdown(rejectedResult('encrypted', '文件已加密，无法读取。'), { date });
    expect(markdown).toContain('请取消密码后重新报送');
  });

  it.each(rejectionCodes)('gives advice for the rejection code %s in the HTML memo too', (code) => {
    const html = renderMemoHtml(rejectedResult(code, `原因说明（${code}）`), { date });
    expect(html).toContain(`<p>原因：原因说明（${code}）</p>`);
    expect(html).toContain(`<p>${resubmissionAdvice[code]}</p>`);
    expect(html).toContain('<td><strong>退回，请重新报送</strong></td>');
    expect(resubmissionAdvice[code]).toMatch(/请/);
  });

  it('asks for a .docx instead of a legacy .doc', () => {
    const markdown = renderMemoMarkdown(rejectedResult('unsupported-format', '不支持旧版Word（.doc）格式。'), { date });
    expect(markdown).toContain('另存为”.docx后报送');
  });
});

describe('evidence', () => {
  it('is listed once when a rule gives the same label, text and place twice', () => {
    // text.year-mismatch points at the year and at the rate, both in the same sentence.
    expect(yearMismatchFinding.evidence).toHaveLength(2);
    const markdown = renderMemoMarkdown(seedResult({ findings: [yearMismatchFinding] }), { date });
    expect(markdown.split('医疗保险参保率：「2024年医疗保险参保率83.79%')).toHaveLength(2);
  });

  it('names a table other than the scoring table by its number', () => {
    const finding = {
      ...warningFinding,
      evidence: [{ label: '低保资金', value: 1, text: '1', location: { table: 1, row: 2, column: 3 } }],
    };
    expect(renderMemoMarkdown(seedResult({ findings: [finding] }), { date })).toContain('（第2个表格第3行第4列）');
  });
});

describe('the memo tree', () => {
  it('keeps document text as text, so Markdown syntax in a unit name cannot inject structure', () => {
    const result = seedResult();
    result.report!.unit = '平等乡</td><script>alert(1)</script> **粗体** | 列';
    const html = renderMemoHtml(result, { date });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#x3C;script>');
    const markdown = renderMemoMarkdown(result, { date });
    expect(markdown).toContain('\\*\\*粗体\\*\\* \\| 列');
  });

  it('is a root of headings, a table, paragraphs and lists', () => {
    const tree = buildMemoTree(seedResult(), { date });
    expect(tree.type).toBe('root');
    expect(tree.children.map((node) => node.type)).toEqual([
      'heading',
      'table',
      'paragraph',
      'heading',
      'list',
      'heading',
      'list',
      'thematicBreak',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
  });
});

describe('the HTML memo of the seed checked from its PDF', () => {
  let result: CheckResult;
  let html: string;

  beforeAll(async () => {
    result = await realSeedResult('pdf');
    html = renderMemoHtml(result, { date });
  });

  it('is a complete UTF-8 page with a Chinese title and an inline stylesheet', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>平等乡人民政府2023年度部门整体绩效自评报告审核意见</title>');
    expect(html).toMatch(/<style>[\s\S]*@page \{ size: A4/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('holds the verdict, every finding with its locations and suggestions', () => {
    expect(html).toContain('<td><strong>需修改后重新报送</strong></td>');
    expect(result.findings).toHaveLength(4);
    for (const finding of result.findings) expect(html).toContain(`<strong>${finding.message}</strong>`);
    expect(html).toContain('（打分表第7行第2列）');
    expect(html).toContain('（打分表第13行第4列）');
    expect(html).toContain('建议：标注应为20分，或三级指标分值应减少5分');
    expect(html).toContain('<p class="closing">审核日期：2024年5月6日</p>');
  });

  it('sends the reader to the page and says the paragraph is counted over the whole document', () => {
    expect(html).toContain('<li>（一）：「（一）坚持理论武装，把牢政治方向」（第2页（全文第10段））</li>');
    expect(html).toContain('<li>（四）：「（四）部门整体支出绩效目标」（第6页（全文第25段））</li>');
    expect(html).toContain('实施残疾人物化补贴24人。」（第5页（全文第24段））</li>');
  });
});
