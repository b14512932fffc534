/** The whole catalogue on the hand-built seed submission gives exactly SPEC §4's four seed findings. */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../rules/engine.js';
import { seedSubmission } from './support/submission-builder.js';

describe('the catalogue on the hand-built seed', () => {
  const findings = runRules(seedSubmission());

  it('reports exactly scoring.group-points twice, structure.numbering once and text.year-mismatch once', () => {
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['structure.numbering', 'info'],
      ['scoring.group-points', 'error'],
      ['scoring.group-points', 'error'],
      ['text.year-mismatch', 'info'],
    ]);
  });

  it('words the findings as a reviewer reads them', () => {
    expect(findings.map((f) => f.message)).toEqual([
      '标题编号不连续（2处）：「（一）坚持理论武装，把牢政治方向」编号回退（上一标题为（三）），应为（四）；「（四）部门整体支出绩效目标。」与上一标题编号重复，应为（五）',
      '二级指标「动态调整」标注15分，其下三级指标分值合计20分',
      '二级指标「信息公开」标注5分，其下三级指标分值合计10分',
      '「2024年医疗保险参保率83.79%」所述为2024年的数据，与报告年度2023年不符',
    ]);
    expect(findings[1]!.suggestion).toBe('标注应为20分，或三级指标分值应减少5分');
  });
});
