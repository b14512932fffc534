/**
 * A submission read by OCR (issue #14): the memo says so and counts the 识别存疑 figures; a finding
 * resting on such a figure keeps its severity and is marked 「识别存疑」 in the memo, the summary's
 * 问题明细, the mail and the JSON. No OCR engine here: the seed DOCX is read for real, and the
 * confidences OCR would have given are set by hand on its evidence before the rules run, as the
 * OCR reader sets them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../extractors/model/report-schema.js';
import { readDocument } from '../../extractors/read-document.js';
import { parseReport } from '../../extractors/report/parse-report.js';
import { composeMail } from '../../reports/mail-message.js';
import { renderMemoMarkdown } from '../../reports/memo.js';
import { ocrNotice } from '../../reports/ocr-notes.js';
import { type CheckResult, checkResultSchema } from '../../reports/result-schema.js';
import { detailRows } from '../../reports/summary-rows.js';
import { runRules } from '../../rules/engine.js';
import { withUncertainFigures } from '../../rules/support/uncertain-figures.js';

const date = new Date('2024-05-06T02:00:00Z');
const seedDocx = readFileSync(new URL('../../fixtures/samples/pingdeng-2023.docx', import.meta.url));

/**
 * The seed checked as if OCR had read it: `confidences` maps an evidence label to the confidence its
 * figure gets (every other figure 0.97); `ocr` false leaves it born-digital.
 */
async function seedReadAs(confidences: Record<string, number>, minConfidence: number, ocr = true) {
  const submission = parseReport(await readDocument(new Uint8Array(seedDocx)));
  const extraction: Extraction = { ...submission.extraction, ocr };
  if (ocr) {
    for (const evidence of Object.values(extraction.evidence)) {
      evidence.confidence = confidences[evidence.label] ?? 0.97;
    }
  }
  const checked = withUncertainFigures(extraction, runRules({ ...submission, extraction }, {}), minConfidence);
  return checkResultSchema.parse({
    file: 'submissions/平等乡-扫描件.pdf',
    sha256: 'a'.repeat(64),
    format: 'pdf',
    status: 'checked',
    error: null,
    report: submission.report,
    findings: checked.findings,
    extraction: checked.extraction,
  }) as CheckResult;
}

describe('the seed read by OCR with the 动态调整 group figure at confidence 0.62', () => {
  it('marks exactly the finding resting on that figure, at its own severity', async () => {
    const result = await seedReadAs({ 动态调整: 0.62 }, 0.85);
    const marked = result.findings.filter((finding) => finding.uncertain);
    expect(marked.map((finding) => [finding.ruleId, finding.severity, finding.message])).toEqual([
      ['scoring.group-points', 'error', '二级指标「动态调整」标注15分，其下三级指标分值合计20分'],
    ]);
    // The other findings of the seed are as a born-digital read gives them, without the key.
    const born = await seedReadAs({}, 0.85, false);
    expect(result.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual(
      born.findings.map((finding) => [finding.ruleId, finding.severity]),
    );
    expect(born.findings.some((finding) => 'uncertain' in finding)).toBe(false);
    expect(result.extraction!.uncertainFigures).toEqual(
      Object.entries(result.extraction!.evidence)
        .filter(([, evidence]) => evidence.label === '动态调整')
        .map(([path]) => path),
    );
    expect(result.extraction!.uncertainFigures!.length).toBeGreaterThan(0);
  });

  it('says in the memo that the file was read by OCR, how many figures are 识别存疑, and marks the finding', async () => {
    const result = await seedReadAs({ 动态调整: 0.62 }, 0.85);
    const count = result.extraction!.uncertainFigures!.length;
    const markdown = renderMemoMarkdown(result, { date });
    expect(markdown).toContain(`本文件为扫描件/照片，经文字识别（OCR）读取。识别存疑的数字${count}项，请对照原件核对`);
    expect(markdown).toContain('**【识别存疑】二级指标「动态调整」标注15分，其下三级指标分值合计20分**');
    expect(markdown).toContain('识别存疑：所依据的数字经文字识别读取，可信度较低');
    // Still listed among the errors.
    const errors = markdown.split('## 错误')[1]!.split('## ')[0]!;
    expect(errors).toContain('识别存疑');
    expect(markdown.match(/【识别存疑】/g)).toHaveLength(1);
  });

  it('marks it in the summary 问题明细 and the mail, and nowhere else', async () => {
    const result = await seedReadAs({ 动态调整: 0.62 }, 0.85);
    const rows = detailRows([{ result, superseded: false }]);
    const marked = rows.filter((row) => String(row.说明).startsWith('【识别存疑】'));
    expect(marked.map((row) => row.说明)).toEqual([
      '【识别存疑】二级指标「动态调整」标注15分，其下三级指标分值合计20分',
    ]);
    const mail = composeMail(
      result,
      { html: '<p></p>', docx: Buffer.from('PK'), docxName: '平等乡人民政府-2023.docx' },
      { unit: '平等乡人民政府', to: ['pingdeng@example.cn'], cc: [] },
      { date },
    );
    expect(mail.text).toContain('本文件为扫描件/照片，经文字识别（OCR）读取。');
    expect(mail.text).toMatch(/1\. 【识别存疑】二级指标「动态调整」标注15分/);
    expect(mail.text.match(/【识别存疑】/g)).toHaveLength(1);
  });
});

describe('the threshold decides', () => {
  it('marks nothing when every figure is at or above it, and still says the file was read by OCR', async () => {
    const result = await seedReadAs({ 动态调整: 0.85 }, 0.85);
    expect(result.findings.some((finding) => finding.uncertain)).toBe(false);
    expect(result.extraction!.uncertainFigures).toEqual([]);
    expect(ocrNotice(result)).toBe(
      '本文件为扫描件/照片，经文字识别（OCR）读取。识别存疑的数字0项；数字均由机器识别，重要数字仍请对照原件核对。',
    );
  });

  it('marks a figure at 0.9 under a configured threshold of 0.95', async () => {
    const result = await seedReadAs({ 信息公开: 0.9 }, 0.95);
    expect(result.findings.filter((finding) => finding.uncertain).map((finding) => finding.message)).toEqual([
      '二级指标「信息公开」标注5分，其下三级指标分值合计10分',
    ]);
  });

  it('says nothing about OCR for a born-digital file', async () => {
    const result = await seedReadAs({}, 0.85, false);
    expect(ocrNotice(result)).toBeNull();
    expect(renderMemoMarkdown(result, { date })).not.toMatch(/OCR|识别存疑/);
    expect(result.extraction!.uncertainFigures).toBeUndefined();
  });
});

describe('a finding that a part is missing from a document read by OCR', () => {
  const missing = {
    ruleId: 'structure.required-sections',
    severity: 'error' as const,
    message: '报告缺少「三、部门整体支出绩效情况」部分',
    evidence: [],
  };

  it('is 识别存疑 whatever the figures’ confidence, and only when read by OCR', async () => {
    const born = parseReport(await readDocument(new Uint8Array(seedDocx)));
    const [asRead] = withUncertainFigures({ ...born.extraction, ocr: true }, [missing]).findings;
    expect(asRead?.uncertain).toBe(true);
    const [asWritten] = withUncertainFigures({ ...born.extraction, ocr: false }, [missing]).findings;
    expect(asWritten?.uncertain).toBeUndefined();
  });

  it('tells the reviewer in the memo that OCR or the photo may have missed the part', async () => {
    const result = await seedReadAs({}, 0.85);
    const [marked] = withUncertainFigures(result.extraction!, [missing]).findings;
    const markdown = renderMemoMarkdown({ ...result, findings: [...result.findings, marked!] }, { date });
    expect(markdown).toContain('**【识别存疑】报告缺少「三、部门整体支出绩效情况」部分**');
    expect(markdown).toContain('所缺部分或数字也可能是未能识别或照片未拍全所致');
  });
});
