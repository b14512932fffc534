/**
 * The package memo (报送材料核对): the package findings once, in their own section, then one section per
 * document; in Markdown, and as the HTML page and Word document a document's memo also has (the DOCX read
 * back with mammoth, as Word shows it).
 */
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { ParsedSubmission } from '../../extractors/model/report-schema.js';
import { buildPackages } from '../../pipeline/check/packages.js';
import { renderPackageMemoDocx, renderPackageMemoHtml, renderPackageMemoMarkdown } from '../../reports/package-memo.js';
import type { CheckResult } from '../../reports/result-schema.js';
import { runRules } from '../../rules/engine.js';
import { basicData } from '../rules/support/form-builder.js';
import { submission } from '../rules/support/submission-builder.js';

const sha = (n: number): string => n.toString(16).padStart(64, '0');

function result(file: string, n: number, parsed: ParsedSubmission): CheckResult {
  const findings = runRules(parsed);
  return {
    file,
    sha256: sha(n),
    format: 'docx',
    status: 'checked',
    error: null,
    report: parsed.report,
    findings,
    extraction: parsed.extraction,
  };
}

const report = submission()
  .mutate((s) => {
    s.report.unit = '衡山县贯塘乡人民政府';
  })
  .set('staffing.authorized.total', 46)
  .set('staffing.actual.total', 48)
  .build();

describe('renderPackageMemoMarkdown', () => {
  const documents = [
    result('in/贯塘乡基础数据表.xlsx', 1, basicData().build()),
    result('in/贯塘乡自评报告.docx', 2, report),
  ];
  const [pkg] = buildPackages(documents);
  const markdown = renderPackageMemoMarkdown(pkg!, documents, new Date('2026-12-07T08:00:00Z'));

  it('lists the package finding once, with the figure from each file and where it stands', () => {
    expect(markdown.match(/在职人数在各文件中不一致/g)).toHaveLength(1);
    expect(markdown).toContain('## 各材料之间的核对（1项）');
    expect(markdown).toContain('贯塘乡基础数据表.xlsx：实际在职人数：「50」（第1个表格第4行第3列）');
    expect(markdown).toMatch(/贯塘乡自评报告\.docx：在职人员总数：「[^」]+」（全文第\d+段）/);
  });

  it('has one section per document with its own findings', () => {
    expect(markdown).toContain('## 部门整体支出绩效评价基础数据表：贯塘乡基础数据表.xlsx');
    expect(markdown).toContain('## 自评报告：贯塘乡自评报告.docx');
    // The basic-data table's own finding: 50 in post of 46.
    expect(markdown).toContain('在职人员总数50人，超过总编制46人');
  });
});

describe('the package memo as HTML and DOCX', () => {
  const documents = [
    result('in/贯塘乡基础数据表.xlsx', 1, basicData().build()),
    result('in/贯塘乡自评报告.docx', 2, report),
  ];
  const [pkg] = buildPackages(documents);
  const date = new Date('2026-12-07T08:00:00Z');

  it('renders the same parts as a printable page', () => {
    const html = renderPackageMemoHtml(pkg!, documents, date);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>衡山县贯塘乡人民政府2023年度单位报送材料核对意见</title>');
    expect(html).toContain('<h2>各材料之间的核对（1项）</h2>');
    expect(html.match(/在职人数在各文件中不一致/g)).toHaveLength(1);
    expect(html).toContain('贯塘乡基础数据表.xlsx：实际在职人数：「50」（第1个表格第4行第3列）');
    expect(html).toContain('<h2>自评报告：贯塘乡自评报告.docx</h2>');
  });

  it('renders a Word document that reads the same', async () => {
    const buffer = await renderPackageMemoDocx(pkg!, documents, date);
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const { value } = await mammoth.extractRawText({ buffer });
    const lines = value
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    expect(lines[0]).toBe('单位报送材料核对意见');
    expect(lines).toContain('各材料之间的核对（1项）');
    expect(lines.filter((line) => line.includes('在职人数在各文件中不一致'))).toHaveLength(1);
    expect(lines).toContain('部门整体支出绩效评价基础数据表：贯塘乡基础数据表.xlsx');
    expect(value).toContain('在职人员总数50人，超过总编制46人');
  });
});

describe('the package memo’s 与前次报送的比较', () => {
  // The rendering of a comparison (the desk works it out from the store: package-three-runs.test.ts): the
  // table resubmitted, and its 50 in post now disagrees with the report's 48.
  const now = [result('in/贯塘乡基础数据表（修改）.xlsx', 3, basicData().build()), result('in/报告.docx', 2, report)];
  const [pkg] = buildPackages(now);
  const finding = pkg!.findings[0]!;
  const comparison = {
    file: 'in/贯塘乡基础数据表（修改）.xlsx',
    replaced: { file: 'in/贯塘乡基础数据表.xlsx', receivedAt: '2026-12-01T02:00:00.000Z' },
    fixed: [],
    remaining: [],
    added: [finding],
  };
  const date = new Date('2026-12-07T08:00:00Z');

  it('comes before the package findings, in Markdown and HTML, naming the file replaced and when it came', () => {
    const markdown = renderPackageMemoMarkdown(pkg!, now, date, { comparison });
    const part = markdown.slice(markdown.indexOf('## 与前次报送的比较'), markdown.indexOf('## 各材料之间的核对'));
    expect(part).toContain('「贯塘乡基础数据表（修改）.xlsx」替代2026年12月1日收到的「贯塘乡基础数据表.xlsx」后');
    expect(part).toContain('### 已纠正（0项）\n\n无。');
    expect(part).toContain(`### 新发现（1项）\n\n- 【错误】${finding.message}`);
    const html = renderPackageMemoHtml(pkg!, now, date, { comparison });
    expect(html).toContain('<h2>与前次报送的比较</h2>');
    expect(html).toContain('<h3>新发现（1项）</h3>');
    // Without a comparison (no document replaced another yet) the section is not there.
    expect(renderPackageMemoMarkdown(pkg!, now, date)).not.toContain('与前次报送的比较');
  });

  it('reads the same in the Word document', async () => {
    const { value } = await mammoth.extractRawText({
      buffer: await renderPackageMemoDocx(pkg!, now, date, { comparison }),
    });
    const lines = value
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const at = lines.indexOf('与前次报送的比较');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at, at + 9)).toEqual([
      '与前次报送的比较',
      '「贯塘乡基础数据表（修改）.xlsx」替代2026年12月1日收到的「贯塘乡基础数据表.xlsx」后，各材料之间的核对：',
      '已纠正（0项）',
      '无。',
      '仍存在（0项）',
      '无。',
      '新发现（1项）',
      `【错误】${finding.message}`,
      '各材料之间的核对（1项）',
    ]);
  });
});
