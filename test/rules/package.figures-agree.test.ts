/** package.figures-agree and the package engine: one figure stated in two documents of a unit's package. */
import { describe, expect, it } from 'vitest';
import type { ParsedSubmission } from '../../extractors/model/report-schema.js';
import { checkRule } from '../../rules/engine.js';
import rule from '../../rules/package.figures-agree.js';
import { runPackageRules } from '../../rules/package-engine.js';
import { basicData, overallForm } from './support/form-builder.js';
import { submission } from './support/submission-builder.js';

/** The seed report restated for 贯塘乡: 编制46, 在职 as given. */
const report = (inPost: number) =>
  submission()
    .mutate((s) => {
      s.report.unit = '衡山县贯塘乡人民政府';
    })
    .set('staffing.authorized.total', 46)
    .set('staffing.actual.total', inPost)
    .build();

const pkg = (...documents: [string, ParsedSubmission][]) =>
  runPackageRules(documents.map(([file, s]) => ({ file, submission: s })));

describe('package.figures-agree', () => {
  it('finds nothing when the basic-data table and the report agree on 编制数 and 在职人数', () => {
    expect(pkg(['贯塘乡基础数据表.xlsx', basicData().build()], ['贯塘乡自评报告.docx', report(50)])).toEqual([]);
  });

  it('reports a mismatched 在职人数 once, with evidence from both files', () => {
    const findings = pkg(['in/贯塘乡基础数据表.xlsx', basicData().build()], ['in/贯塘乡自评报告.docx', report(48)]);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      ruleId: 'package.figures-agree',
      severity: 'error',
      title: '同一单位各文件数字一致',
      messageId: 'mismatch',
      message:
        '在职人数在各文件中不一致：基础数据表「贯塘乡基础数据表.xlsx」为50人，自评报告「贯塘乡自评报告.docx」为48名',
      suggestion: '请核对各文件的在职人数，改正有误的文件后重新报送',
    });
    expect(finding!.evidence).toEqual([
      expect.objectContaining({
        file: 'in/贯塘乡基础数据表.xlsx',
        value: 50,
        location: { table: 0, row: 3, column: 2 },
      }),
      expect.objectContaining({
        file: 'in/贯塘乡自评报告.docx',
        value: 48,
        location: { page: null, paragraph: expect.any(Number) },
      }),
    ]);
  });

  it('compares money within the stated precision (2030.12万元 against 20,301,210元)', () => {
    const form = overallForm().set('finance.income', 20_301_200, { halfUnit: 50, unit: '万元' }).build();
    const other = submission().set('finance.income', 20_301_210, { halfUnit: 0.5, unit: '元' }).build();
    expect(pkg(['表.xlsx', form], ['报告.docx', other]).filter((f) => f.data?.figure === '收入总额')).toEqual([]);
    const off = submission().set('finance.income', 20_401_200, { halfUnit: 50, unit: '万元' }).build();
    expect(pkg(['表.xlsx', form], ['报告.docx', off]).map((f) => f.data?.figure)).toContain('收入总额');
  });

  it('leaves project forms out: a project form states the project’s figures, not the unit’s', () => {
    const project = overallForm()
      .mutate((s) => {
        s.report.kind = 'project-form';
        s.report.project = '农村人居环境整治';
      })
      .set('scoring.tableTotal', 85)
      .build();
    expect(pkg(['项目表.xlsx', project], ['整体表.xlsx', overallForm().build()])).toEqual([]);
  });

  it('needs two documents: one document alone is no package comparison', () => {
    expect(pkg(['贯塘乡基础数据表.xlsx', basicData().build()])).toEqual([]);
  });

  it('is silent when run on one document by the document engine', () => {
    expect(checkRule(rule, basicData().build())).toEqual([]);
  });

  it('is turned off by the config like any rule', () => {
    const documents = [
      { file: 'a.xlsx', submission: basicData().build() },
      { file: 'b.docx', submission: report(48) },
    ];
    expect(runPackageRules(documents, { rules: { 'package.figures-agree': { severity: 'off' } } })).toEqual([]);
    expect(
      runPackageRules(documents, { rules: { 'package.figures-agree': { severity: 'warning' } } })[0]?.severity,
    ).toBe('warning');
  });
});
