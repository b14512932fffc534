/**
 * The rules of SPEC §8 on real form bytes: every fixture of fixtures/forms/discrepancies (one injected
 * discrepancy per rule, made by fixtures/forms/make-forms.ts) extracts to its expected report in every
 * format it has (DOCX, its LibreOffice PDF and .doc, XLSX and its .xls) and fires its own rule and no
 * other error or warning; the clean form each starts from fires none. The package rule's fixture, put in
 * place of the basic-data table of 贯塘乡's package, gives exactly one package.figures-agree error with
 * the figure of both files, and leaves every document's own findings as the clean package has them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParsedSubmission, Report } from '../../extractors/model/report-schema.js';
import { readDocument } from '../../extractors/read-document.js';
import { parseReport } from '../../extractors/report/parse-report.js';
import { cleanBases } from '../../fixtures/forms/form-discrepancies.js';
import { formDocx } from '../../fixtures/forms/form-writers.js';
import { runRules } from '../../rules/engine.js';
import type { Finding } from '../../rules/finding-schema.js';
import { runPackageRules } from '../../rules/package-engine.js';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const folder = `${fixtures}forms/discrepancies/`;
const formats = ['docx', 'pdf', 'xlsx', 'xls', 'doc'] as const;

interface ManifestEntry {
  file: string;
  ruleId: string;
  what: string;
  package?: string;
  expected: string;
}

const manifest = JSON.parse(readFileSync(`${folder}manifest.json`, 'utf8')) as ManifestEntry[];

async function parse(path: string): Promise<ParsedSubmission> {
  return parseReport(await readDocument(new Uint8Array(readFileSync(path))));
}

const errorsAndWarnings = (findings: readonly Finding[]) =>
  findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.ruleId);

describe('one injected discrepancy per rule of SPEC §8, in every format', () => {
  it('has a fixture for every rule of §8', () => {
    expect(manifest.map((entry) => entry.ruleId).sort()).toEqual([
      'budget.execution-rate',
      'budget.execution-score',
      'budget.sources-sum',
      'funds.execution-matches-expenditure',
      'package.figures-agree',
      'scoring.grade-matches-total',
      'scoring.target-missed-full-marks',
      'staffing.control-rate',
    ]);
  });

  const documentCases = manifest
    .filter((entry) => !entry.package)
    .flatMap((entry) => formats.map((format) => ({ ...entry, format })));

  it.each(documentCases)('$file.$format fires $ruleId and no other error or warning', async (entry) => {
    const parsed = await parse(`${folder}${entry.file}.${entry.format}`);
    const expected = JSON.parse(readFileSync(new URL(entry.expected, `file://${folder}`), 'utf8')) as Report;
    expect(parsed.report).toEqual(expected);
    const findings = runRules(parsed);
    expect(findings.map((finding) => finding.ruleId)).toContain(entry.ruleId);
    const mine = findings.filter((finding) => finding.ruleId === entry.ruleId);
    // scoring.grade-matches-total is an info rule; every other one reports at its default severity.
    const others = findings.filter((finding) => finding.ruleId !== entry.ruleId);
    expect(errorsAndWarnings(others)).toEqual([]);
    for (const finding of mine) {
      expect(finding.message).toMatch(/[\u4e00-\u9fff]/);
      expect(finding.evidence.length).toBeGreaterThan(0);
    }
  });

  it('names the real figures of the issue in the messages', async () => {
    const message = async (ruleId: string) =>
      runRules(await parse(`${folder}${ruleId}.docx`))
        .filter((finding) => finding.ruleId === ruleId)
        .map((finding) => finding.message)
        .join('\n');
    expect(await message('budget.execution-score')).toContain('7.6');
    expect(await message('funds.execution-matches-expenditure')).toMatch(/2030\.12.*1925\.67/);
    expect(await message('budget.sources-sum')).toContain('89.974');
    expect(await message('staffing.control-rate')).toContain('94.83%');
    expect(await message('scoring.target-missed-full-marks')).toContain('不低于95%');
    expect(await message('scoring.grade-matches-total')).toMatch(/98\.6.*「优」.*「良」/);
  });

  it.each(Object.keys(cleanBases))('the clean form %s starts from gives no error or warning', async (ruleId) => {
    const clean = cleanBases[ruleId]!();
    const parsed = parseReport(await readDocument(new Uint8Array(await formDocx(clean.document))));
    expect(parsed.report).toEqual(clean.expected);
    expect(errorsAndWarnings(runRules(parsed))).toEqual([]);
  });
});

describe('package.figures-agree: a basic-data table whose 在职人数 differs from the report', () => {
  const entry = manifest.find((e) => e.ruleId === 'package.figures-agree')!;
  const packageFiles = [
    'outline-basic-first-guantang-2023.docx',
    'overall-nature-guantang-2023.docx',
    'project-guantang-2023-renju.docx',
    'project-guantang-2023-yishiyiyi.docx',
  ];

  async function packageOf(basicData: string) {
    const files = [...packageFiles.map((name) => `${fixtures}${entry.package}/${name}`), basicData];
    const documents = await Promise.all(files.map(async (file) => ({ file, submission: await parse(file) })));
    return {
      findings: runPackageRules(documents),
      own: documents.map((d) => runRules(d.submission).map((finding) => `${finding.ruleId}:${finding.severity}`)),
    };
  }

  it.each(formats)('as .%s gives exactly one error, with the figure of both files', async (format) => {
    const wrong = `${folder}${entry.file}.${format}`;
    const clean = await packageOf(`${fixtures}${entry.package}/basic-data-guantang-2023.docx`);
    const mismatched = await packageOf(wrong);
    expect(clean.findings).toEqual([]);
    expect(mismatched.findings.map((f) => [f.ruleId, f.severity])).toEqual([['package.figures-agree', 'error']]);
    const [finding] = mismatched.findings;
    expect(finding!.message).toContain('在职人数');
    expect(finding!.evidence.map((e) => [e.file, e.value])).toEqual(
      expect.arrayContaining([
        [`${fixtures}${entry.package}/outline-basic-first-guantang-2023.docx`, 50],
        [wrong, 48],
      ]),
    );
    // Each document's own findings are those of the clean package (the real 50-in-post-over-46 warning included).
    expect(mismatched.own).toEqual(clean.own);
  });
});
