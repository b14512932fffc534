/**
 * The report-level rules on the fixtures' expected reports: every clean sample variant passes
 * without errors or warnings, and each discrepancy variant trips its own rule and no other
 * error/warning rule. (The text.* rules and funds.repeated-figure need the extraction sidecar, so
 * their fixtures are only checked here for not tripping anything else; the end-to-end test covers them.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Evidence,
  type ParsedSubmission,
  type Report,
  reportSchema,
} from '../../extractors/model/report-schema.js';
import { runRules } from '../../rules/engine.js';

const expectedDir = new URL('../../fixtures/expected/', import.meta.url);
const read = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));

/** Evidence for every stated figure, each in its own paragraph, exact (half-unit 0) and in 元 for money. */
function withEvidence(report: Report): ParsedSubmission {
  const evidence: Record<string, Evidence> = {};
  let paragraph = 0;
  const walk = (node: unknown, path: string[]) => {
    if (typeof node === 'number') {
      const key = path.join('.');
      const money = /income|expenditure|carryover|amount|[fF]unds/.test(key);
      evidence[key] = {
        label: path[path.length - 1]!,
        value: node,
        text: `${key} ${node}`,
        location: { page: null, paragraph: paragraph++ },
        halfUnit: 0,
        approximate: false,
        unit: money ? '元' : '',
      };
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    }
  };
  walk(report, []);
  return {
    report,
    extraction: {
      ocr: false,
      evidence,
      repeatedFigures: [],
      sentences: [],
      headings: [],
      sections: {
        title: null,
        basicInfo: null,
        finance: null,
        performance: null,
        conclusion: null,
        scoringTable: null,
      },
      problems: [],
    },
  };
}

/** Sections are not part of the expected report: present unless the variant removed that part. */
function withSections(submission: ParsedSubmission, financeRemoved: boolean): ParsedSubmission {
  const at = (paragraph: number) => ({ page: null, paragraph: 10_000 + paragraph });
  submission.extraction.headings = [];
  submission.extraction.sections = {
    title: at(0),
    basicInfo: at(1),
    finance: financeRemoved ? null : at(2),
    performance: at(3),
    conclusion: at(4),
    scoringTable: { table: 0, row: 0, column: 0 },
  };
  return submission;
}

function errorsAndWarnings(report: Report, financeRemoved = false): string[] {
  const findings = runRules(withSections(withEvidence(report), financeRemoved));
  return [...new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId))];
}

const samples = readdirSync(expectedDir).filter((f) => f.endsWith('.report.json'));
const manifest = read(new URL('../../fixtures/discrepancies/manifest.json', import.meta.url)) as {
  file: string;
  ruleId: string;
  expected: string;
}[];
const discrepancies = [...new Map(manifest.map((m) => [m.ruleId, m])).values()];

describe('the fixtures’ expected reports', () => {
  it('include the clean samples and one discrepancy per error/warning rule', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
    expect(discrepancies.length).toBe(20);
  });

  for (const file of samples) {
    it(`${file} (a clean sample) has no error or warning`, () => {
      const report = reportSchema.parse(read(new URL(file, expectedDir)));
      const corrected = file.startsWith('pingdeng-2023') ? fixSeedScoring(report) : report;
      expect(errorsAndWarnings(corrected)).toEqual([]);
    });
  }

  for (const { ruleId, expected } of discrepancies) {
    const report = reportSchema.parse(
      read(new URL(expected, new URL('../../fixtures/discrepancies/', import.meta.url))),
    );
    const financeRemoved = ruleId === 'structure.required-sections';
    // These rules read the sidecar (sentences, repeated figures), which an expected report does not carry.
    if (ruleId.startsWith('text.') || ruleId === 'funds.repeated-figure') {
      it(`${ruleId}: the report-level rules find nothing else`, () => {
        expect(errorsAndWarnings(report)).toEqual([]);
      });
    } else {
      it(`${ruleId}: only its own rule reports an error or warning`, () => {
        expect(errorsAndWarnings(report, financeRemoved)).toEqual([ruleId]);
      });
    }
  }
});

/** The seed's two genuine scoring errors corrected, as the variants' clean base is. */
function fixSeedScoring(report: Report): Report {
  const fixed = structuredClone(report);
  for (const group of fixed.scoring.groups) {
    if (group.path.join('/') === '部门预算项目绩效管理/动态调整') group.declaredMax = 20;
    if (group.path.join('/') === '绩效结果应用/信息公开') group.declaredMax = 10;
  }
  return fixed;
}
