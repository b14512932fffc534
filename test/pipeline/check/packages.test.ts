/**
 * A unit's package (SPEC §6–§7) end to end below the readers: supersession keyed by unit, year, kind
 * and project in a real SQLite store, the package rules over the current documents, and a corrected
 * resubmission clearing the finding. The form readers are not in this branch yet, so the results are
 * built from the rule tests' hand-built forms (test/rules/support/form-builder.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedSubmission } from '../../../extractors/model/report-schema.js';
import { buildPackages, documentKey } from '../../../pipeline/check/packages.js';
import { checkOutputChunks } from '../../../pipeline/cli/json-output.js';
import { type Db, openDatabase } from '../../../pipeline/desk/database.js';
import { packagesFromStore } from '../../../pipeline/desk/package-step.js';
import { SubmissionStore } from '../../../pipeline/desk/store.js';
import { memoBaseName } from '../../../reports/file-names.js';
import { type CheckResult, checkOutputSchema } from '../../../reports/result-schema.js';
import { runRules } from '../../../rules/engine.js';
import { basicData, overallForm } from '../../rules/support/form-builder.js';
import { submission } from '../../rules/support/submission-builder.js';

const unit = '衡山县贯塘乡人民政府';
const sha = (n: number): string => n.toString(16).padStart(64, '0');

function result(file: string, n: number, parsed: ParsedSubmission): CheckResult {
  return {
    file,
    sha256: sha(n),
    format: 'docx',
    status: 'checked',
    error: null,
    report: parsed.report,
    findings: runRules(parsed),
    extraction: parsed.extraction,
  };
}

/** The narrative report of 贯塘乡: 编制46, 在职50 (as the basic-data table says). */
const report = () =>
  submission()
    .mutate((s) => {
      s.report.unit = unit;
    })
    .set('staffing.authorized.total', 46)
    .set('staffing.actual.total', 50)
    .build();

/** The basic-data table with 在职 as given (the report says 50). */
const basic = (inPost: number) =>
  basicData()
    .set('staffing.actual.total', inPost)
    .set('staffing.controlRate', Number((inPost / 46).toFixed(4)))
    .build();

const project = (name: string, total: number) =>
  overallForm()
    .mutate((s) => {
      s.report.kind = 'project-form';
      s.report.project = name;
    })
    .set('scoring.tableTotal', total)
    .build();

describe('documentKey', () => {
  it('keys a project form by its project and every other document by its kind', () => {
    expect(documentKey(report().report)).toBe('report');
    expect(documentKey(basic(50).report)).toBe('basic-data');
    expect(documentKey(project('农村人居环境整治', 90).report)).toBe('project-form:农村人居环境整治');
    expect(documentKey(project('农村 人居环境整治', 90).report)).toBe('project-form:农村人居环境整治');
  });
});

describe('buildPackages (check --json without a store)', () => {
  it('gives one package.figures-agree error for a mismatched 在职人数, with evidence from both files', () => {
    const packages = buildPackages([
      result('in/贯塘乡基础数据表.xlsx', 1, basic(48)),
      result('in/贯塘乡自评报告.docx', 2, report()),
    ]);
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({
      unit,
      year: 2023,
      files: ['in/贯塘乡基础数据表.xlsx', 'in/贯塘乡自评报告.docx'],
    });
    const findings = packages[0]!.findings;
    expect(findings.map((f) => [f.ruleId, f.severity, f.data?.figure])).toEqual([
      ['package.figures-agree', 'error', '在职人数'],
    ]);
    expect(findings[0]!.evidence.map((e) => [e.file, e.value])).toEqual([
      ['in/贯塘乡基础数据表.xlsx', 48],
      ['in/贯塘乡自评报告.docx', 50],
    ]);
  });

  it('marks the finding 识别存疑 when it rests on a figure a scanned document listed as uncertain, and only then', () => {
    // The basic-data table as OCR read it: its 在职人数 below the threshold when it was checked.
    const scanned = result('in/贯塘乡基础数据表-扫描件.pdf', 1, basic(48));
    const path = 'staffing.actual.total';
    scanned.extraction = {
      ...scanned.extraction!,
      ocr: true,
      evidence: {
        ...scanned.extraction!.evidence,
        [path]: { ...scanned.extraction!.evidence[path]!, confidence: 0.6 },
      },
      uncertainFigures: [path],
    };
    const [marked] = buildPackages([scanned, result('in/贯塘乡自评报告.docx', 2, report())]);
    expect(marked!.findings.map((f) => [f.ruleId, f.severity, f.uncertain])).toEqual([
      ['package.figures-agree', 'error', true],
    ]);
    // Read with confidence, but not listed as uncertain: not marked.
    const sure = structuredClone(scanned);
    sure.extraction!.uncertainFigures = [];
    const [plain] = buildPackages([sure, result('in/贯塘乡自评报告.docx', 2, report())]);
    expect(plain!.findings.map((f) => f.uncertain)).toEqual([undefined]);
  });

  it('prints packages beside results in the check --json document, which the schema accepts', () => {
    const results = [result('表.xlsx', 1, basic(48)), result('报告.docx', 2, report())];
    const output = JSON.parse([...checkOutputChunks(results, buildPackages(results))].join(''));
    expect(checkOutputSchema.parse(output).packages).toHaveLength(1);
    expect(Object.keys(output)).toEqual(['version', 'results', 'packages', 'summary']);
    expect(JSON.parse([...checkOutputChunks(results)].join('')).packages).toEqual([]);
  });

  it('lets a later file of the same document supersede the earlier: the corrected table clears the finding', () => {
    const packages = buildPackages([
      result('表-初.xlsx', 1, basic(48)),
      result('报告.docx', 2, report()),
      result('表-改.xlsx', 3, basic(50)),
    ]);
    expect(packages).toEqual([{ unit, year: 2023, files: ['报告.docx', '表-改.xlsx'], findings: [] }]);
  });

  it('has no package for a unit that sent one document, even twice (DOCX and PDF)', () => {
    expect(buildPackages([result('报告.docx', 1, report()), result('报告.pdf', 2, report())])).toEqual([]);
  });

  it('keeps apart units and years', () => {
    const other = basicData()
      .mutate((s) => {
        s.report.year = 2024;
      })
      .set('staffing.actual.total', 40)
      .build();
    expect(buildPackages([result('报告.docx', 1, report()), result('表2024.xlsx', 2, other)])).toEqual([]);
  });
});

describe('the package in the store', () => {
  let folder: string;
  let db: Db;
  let store: SubmissionStore;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'package-'));
    db = openDatabase(folder);
    store = new SubmissionStore(db);
  });

  afterEach(() => {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  function record(file: string, n: number, parsed: ParsedSubmission): CheckResult {
    const checked = result(file, n, parsed);
    store.insertReceived({
      sha256: checked.sha256,
      fileName: file,
      sourcePath: file,
      size: 10,
      format: 'docx',
      archivePath: `archive/${checked.sha256}.docx`,
      inboxPath: null,
      mailWanted: false,
      receivedAt: new Date(),
    });
    store.recordResult(checked.sha256, checked, new Date());
    return checked;
  }

  it('never lets a project form supersede the report, nor one project form another project', () => {
    record('报告.docx', 1, report());
    record('项目A.xlsx', 2, project('农村人居环境整治', 90));
    record('项目B.xlsx', 3, project('乡村道路维护', 85));
    expect([1, 2, 3].map((n) => store.get(sha(n))?.supersededBy)).toEqual([null, null, null]);
    expect(store.currentPackage(sha(1)).map((s) => s.fileName)).toEqual(['报告.docx', '项目A.xlsx', '项目B.xlsx']);
    // The same project again supersedes its earlier form only.
    record('项目A-改.xlsx', 4, project('农村人居环境整治', 92));
    expect([1, 2, 3, 4].map((n) => store.get(sha(n))?.supersededBy ?? null)).toEqual([null, sha(4), null, null]);
  });

  it('runs the package rules over documents of earlier runs and clears the finding when the corrected table arrives', () => {
    const first = record('贯塘乡自评报告.docx', 1, report());
    expect(packagesFromStore(store, [first])).toEqual([]);
    // A later run brings the basic-data table with 48 in post: the package now disagrees.
    const wrong = record('贯塘乡基础数据表.xlsx', 2, basic(48));
    const packages = packagesFromStore(store, [wrong]);
    expect(packages.map((p) => p.files)).toEqual([['贯塘乡自评报告.docx', '贯塘乡基础数据表.xlsx']]);
    expect(packages[0]!.findings.map((f) => f.ruleId)).toEqual(['package.figures-agree']);
    // The corrected table supersedes the wrong one and the finding is gone.
    const corrected = record('贯塘乡基础数据表-更正.xlsx', 3, basic(50));
    expect(store.get(sha(2))?.supersededBy).toBe(sha(3));
    expect(store.get(sha(1))?.supersededBy).toBeNull();
    expect(packagesFromStore(store, [corrected])).toEqual([
      { unit, year: 2023, files: ['贯塘乡自评报告.docx', '贯塘乡基础数据表-更正.xlsx'], findings: [] },
    ]);
  });

  it('names each current document’s memo apart', () => {
    const names = [
      result('a', 1, report()),
      result('b', 2, basic(50)),
      result('c', 3, project('乡村道路维护', 85)),
    ].map(memoBaseName);
    expect(names).toEqual([`${unit}-2023`, `${unit}-2023-基础数据表`, `${unit}-2023-乡村道路维护`]);
  });
});
