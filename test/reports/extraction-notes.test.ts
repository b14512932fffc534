/**
 * Extraction problems reach the reviewer: the memo (Markdown, HTML, DOCX from one tree) lists them under
 * 「提取提示（请对照原件核对）」 with their places, the mail body lists them too, and a pass with a figure
 * that was never found does not read as a clean 通过. The documents are real: variants of the seed written
 * as DOCX and the committed discrepancy PDF, checked through reader, parser and rules.
 */
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemLine } from '../../reports/extraction-notes.js';
import { composeMail } from '../../reports/mail-message.js';
import { renderMemoDocx, renderMemoHtml, renderMemoMarkdown, verdictOf } from '../../reports/memo.js';
import type { CheckResult } from '../../reports/result-schema.js';
import { checkBytes, checkFixture, realSeedResult, seedVariantDocx } from './support/checked-submission.js';

const date = new Date('2024-05-06T02:00:00Z');
const contact = { unit: '龙山乡人民政府', to: ['longshan@example.cn'], cc: [] };
const memoForMail = { html: '<p></p>', docx: Buffer.from('PK'), docxName: '龙山乡人民政府-2023.docx' };

/** The seed under another name with its two scoring errors corrected and its carry-over sentence reworded without a figure. */
function noCarryoverDocx(): Promise<Buffer> {
  return seedVariantDocx('no-carryover', [
    { from: '平等乡人民政府', to: '龙山乡人民政府', count: 4 },
    { from: '平等乡', to: '龙山乡' },
    { from: '本年无结转结余。', to: '本年结转结余情况详见部门决算报表。' },
  ]);
}

describe('a submission whose carry-over figure is not found, with no error otherwise', () => {
  let result: CheckResult;
  let markdown: string;

  beforeAll(async () => {
    result = await checkBytes(await noCarryoverDocx(), 'submissions/龙山乡.docx');
    markdown = renderMemoMarkdown(result, { date });
  });

  it('is really so: only infos, and one missing-figure problem with no place', () => {
    expect(result.findings.map((finding) => finding.severity)).toEqual(['info', 'info']);
    expect(result.report!.finance.carryover).toBeNull();
    expect(result.extraction!.problems).toEqual([
      { code: 'missing-figure', message: '未找到结转结余', path: 'finance.carryover', location: null },
    ]);
  });

  it('passes only partly: the verdict asks for a check by hand', () => {
    expect(verdictOf(result)).toBe('通过（部分数据未能提取，请人工核对）');
    expect(markdown).toMatch(/\| 审核结论\s*\| \*\*通过（部分数据未能提取，请人工核对）\*\*\s*\|/);
    expect(markdown).not.toMatch(/\*\*通过\*\*/);
  });

  it('says in the counts that there is more to check, and lists the problem after the findings', () => {
    expect(markdown).toContain(
      '经审核，共发现问题2项：错误0项（须修改），警告0项（请核实），提示2项（供参考）。另有提取提示1项，请对照原件核对（见「提取提示」）。',
    );
    const lines = markdown.split('\n');
    const notes = lines.indexOf('## 提取提示（请对照原件核对）');
    expect(notes).toBeGreaterThan(lines.indexOf('## 提示（2项，供参考）'));
    expect(lines.slice(notes, notes + 6)).toEqual([
      '## 提取提示（请对照原件核对）',
      '',
      '以下内容未能从文件中可靠提取，涉及的数据可能未经核对，请对照原件核实：',
      '',
      '- 【未找到数据】未找到结转结余',
      '',
    ]);
    expect(markdown).toContain('审核通过。部分数据未能自动提取，相关核对须对照原件人工完成（见「提取提示」）。');
  });

  it('shows the same section in the DOCX memo, read back with mammoth', async () => {
    const { value } = await mammoth.extractRawText({ buffer: await renderMemoDocx(result, { date }) });
    const lines = value
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(lines).toContain('通过（部分数据未能提取，请人工核对）');
    const notes = lines.indexOf('提取提示（请对照原件核对）');
    expect(notes).toBeGreaterThan(0);
    expect(lines.slice(notes, notes + 3)).toEqual([
      '提取提示（请对照原件核对）',
      '以下内容未能从文件中可靠提取，涉及的数据可能未经核对，请对照原件核实：',
      '【未找到数据】未找到结转结余',
    ]);
  });

  it('shows it in the HTML memo as a heading and a list', () => {
    const html = renderMemoHtml(result, { date });
    expect(html).toContain('<h2>提取提示（请对照原件核对）</h2>');
    expect(html).toContain('<li>【未找到数据】未找到结转结余</li>');
    expect(html).toContain('<td><strong>通过（部分数据未能提取，请人工核对）</strong></td>');
  });

  it('tells the unit in the mail subject and body', () => {
    const mail = composeMail(result, memoForMail, contact, { date });
    expect(mail.subject).toBe(
      '【审核意见】龙山乡人民政府2023年度部门整体绩效自评报告：通过（部分数据未能提取，请人工核对）',
    );
    const lines = mail.text.split('\n');
    const notes = lines.indexOf('二、提取提示（请对照原件核对）');
    expect(lines[notes - 1]).toBe('');
    expect(lines.slice(notes, notes + 4)).toEqual([
      '二、提取提示（请对照原件核对）',
      '1. 【未找到数据】未找到结转结余',
      '',
      '部分数据未能自动提取，请对照上述提取提示核实原件。上述警告、提示事项请核实，如有误请一并更正。',
    ]);
  });
});

describe('a submission that states its income twice with different values', () => {
  let result: CheckResult;

  beforeAll(async () => {
    // 三、部门整体绩效管理情况 states another total than 二、部门财政资金收支情况.
    const docx = await seedVariantDocx('rival-income', [
      { from: '支出总额控制在预算总额以内。', to: '支出总额控制在预算总额以内，全年收入总额790万元。' },
    ]);
    result = await checkBytes(docx, 'submissions/平等乡.docx');
  });

  it('lists the ambiguity with the paragraph to look at, and still passes cleanly (the figure was found)', () => {
    expect(result.extraction!.problems.map((problem) => problem.code)).toEqual(['ambiguous-figure']);
    const markdown = renderMemoMarkdown(result, { date });
    expect(markdown).toContain(
      '- 【数值前后不一】收入总额出现多个不同数值：「801.86万元」与「790万元」，已采用前者（全文第36段）',
    );
    expect(verdictOf(result)).toBe('通过');
    expect(markdown).toContain('审核通过。上述警告、提示事项请核实，如有误请一并更正。');
  });
});

describe('a submission with errors and missing figures (the discrepancy PDF without its finance part)', () => {
  let result: CheckResult;

  beforeAll(async () => {
    result = await checkFixture('discrepancies/structure.required-sections.pdf', 'submissions/平等乡.pdf');
  });

  it('asks for a correction and lists every missing figure after the findings', () => {
    expect(verdictOf(result)).toBe('需修改后重新报送');
    const markdown = renderMemoMarkdown(result, { date });
    const notes = markdown.slice(markdown.indexOf('## 提取提示（请对照原件核对）'), markdown.indexOf('\n---'));
    expect(notes).toContain(
      '- 【未找到数据】未找到收入总额\n- 【未找到数据】未找到支出总额\n- 【未找到数据】未找到结转结余',
    );
    expect(markdown.indexOf('## 提取提示')).toBeGreaterThan(markdown.indexOf('## 提示'));
    expect(markdown).toContain('另有提取提示3项');
  });

  it('names PDF places by page and whole-document paragraph in the same memo', () => {
    const markdown = renderMemoMarkdown(result, { date });
    expect(markdown).toContain('（一）：「（一）坚持理论武装，把牢政治方向」（第2页（全文第10段））');
  });
});

describe('the real seed', () => {
  it('has no extraction notes and a plain verdict', async () => {
    const result = await realSeedResult('pdf');
    expect(renderMemoMarkdown(result, { date })).not.toContain('提取提示');
    expect(composeMail(result, memoForMail, contact, { date }).text).not.toContain('提取提示');
  });
});

describe('a problem line', () => {
  it('names a table that could not be rebuilt as a whole, not by the cell the problem was anchored at', () => {
    const problem = {
      code: 'table-reconstruction',
      message: '第1个表格（第9页起）的边框线不完整，合并单元格可能识别有误，请对照原件核对。',
      path: null,
      location: { table: 0, row: 0, column: 0 },
    };
    expect(problemLine(problem, 0)).toBe(
      '【表格识别存疑】第1个表格（第9页起）的边框线不完整，合并单元格可能识别有误，请对照原件核对。（打分表）',
    );
    expect(problemLine(problem, 1)).toMatch(/（第1个表格）$/);
  });

  it('gives a PDF text place by page and whole-document paragraph, and a cell by row and column', () => {
    const glyphs = { code: 'unmapped-glyphs', message: '第3页有5个字符无法正确识别', path: null };
    expect(problemLine({ ...glyphs, location: { page: 3, paragraph: 11 } }, 0)).toBe(
      '【文字无法识别】第3页有5个字符无法正确识别（第3页（全文第12段））',
    );
    const cell = { code: 'unparsed-number', message: '「目标制定 自评打分」的单元格内容「十」不是数字', path: null };
    expect(problemLine({ ...cell, location: { table: 0, row: 2, column: 8 } }, 0)).toBe(
      '【数字无法识别】「目标制定 自评打分」的单元格内容「十」不是数字（打分表第3行第9列）',
    );
  });

  it('still reads for a code the reports do not know yet', () => {
    expect(problemLine({ code: 'new-kind', message: '新的提示', path: null, location: null }, 0)).toBe(
      '【提取提示】新的提示',
    );
  });
});
