/**
 * The catalogue on real extracted data: the seed (as the parser's seed model, and as the DOCX and
 * PDF fixtures) gives exactly SPEC §4's four findings; every clean sample gives no error or
 * warning; every discrepancy fixture trips its own rule and no other error/warning rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../extractors/read-document.js';
import { parseReport } from '../../extractors/report/parse-report.js';
import { runRules } from '../../rules/engine.js';
import type { Finding } from '../../rules/finding-schema.js';
import { seedModel } from '../support/seed-model.js';

const fixtures = new URL('../../fixtures/', import.meta.url);

async function check(path: string): Promise<Finding[]> {
  const bytes = readFileSync(new URL(path, fixtures));
  return runRules(parseReport(await readDocument(bytes)));
}

const seedFindings = [
  ['structure.numbering', 'info'],
  ['scoring.group-points', 'error'],
  ['scoring.group-points', 'error'],
  ['text.year-mismatch', 'info'],
];

/**
 * What a reviewer needs from a finding: a Chinese message with every placeholder filled and no
 * programmer's words, and evidence pointing into the document with the figure's label and text.
 */
function expectReadable(finding: Finding): void {
  const where = `${finding.ruleId}: ${finding.message}`;
  expect(finding.message, where).toMatch(/[\u4e00-\u9fff]/);
  expect(finding.message, where).not.toMatch(/\{\{|undefined|NaN|null|Infinity|\[object/);
  expect(finding.suggestion ?? '', where).not.toMatch(/\{\{|undefined|NaN|null/);
  expect(finding.evidence.length, where).toBeGreaterThan(0);
  for (const evidence of finding.evidence) {
    expect(evidence.location, where).toBeTypeOf('object');
    expect(evidence.label.trim() + evidence.text.trim(), where).not.toBe('');
  }
}

const errorsAndWarnings = (findings: readonly Finding[]) => [
  ...new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)),
];

describe('the seed end to end', () => {
  it('gives exactly the four SPEC findings from the parser’s seed model', () => {
    const findings = runRules(parseReport(seedModel()));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual(seedFindings);
    expect(findings.map((f) => f.message)).toEqual([
      '标题编号不连续（2处）：「（一）坚持理论武装，把牢政治方向」编号回退（上一标题为（三）），应为（四）；「（四）部门整体支出绩效目标」与上一标题编号重复，应为（五）',
      '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
      '二级指标「信息公开」标注5分，其下三级指标分值合计10分',
      '「2024年医疗保险参保率83.79%」所述为2024年的数据，与报告年度2023年不符',
    ]);
    expect(findings[1]!.evidence.map((e) => e.location)).toEqual([
      { table: 0, row: 6, column: 1 },
      { table: 0, row: 6, column: 3 },
      { table: 0, row: 7, column: 3 },
      { table: 0, row: 8, column: 3 },
    ]);
  });

  for (const file of ['samples/pingdeng-2023.docx', 'samples/pingdeng-2023.pdf']) {
    it(`gives exactly the four SPEC findings from ${file}`, async () => {
      const findings = await check(file);
      expect(findings.map((f) => [f.ruleId, f.severity])).toEqual(seedFindings);
      for (const finding of findings) expectReadable(finding);
    });
  }
});

describe('the clean samples end to end', () => {
  const samples = readdirSync(new URL('samples/', fixtures)).filter(
    (f) => /\.(docx|pdf)$/.test(f) && !f.startsWith('pingdeng-2023'),
  );

  it('exist', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of samples) {
    it(`${file} has no error or warning`, async () => {
      expect(errorsAndWarnings(await check(`samples/${file}`))).toEqual([]);
    });
  }
});

describe('the discrepancy fixtures end to end', () => {
  const manifest = JSON.parse(readFileSync(new URL('discrepancies/manifest.json', fixtures), 'utf8')) as {
    file: string;
    ruleId: string;
  }[];

  for (const { file, ruleId } of manifest) {
    it(`${file} trips ${ruleId} and no other error or warning rule, each finding with Chinese text and evidence`, async () => {
      const findings = await check(`discrepancies/${file}`);
      expect(errorsAndWarnings(findings)).toEqual([ruleId]);
      for (const finding of findings) expectReadable(finding);
    });
  }
});
