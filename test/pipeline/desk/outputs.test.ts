/**
 * The batch outputs read a whole store: the summary keeps only what it shows of each result, and
 * that must make no difference to what it shows.
 */
import { describe, expect, it } from 'vitest';
import { summaryResult } from '../../../pipeline/desk/outputs.js';
import { scoringTableIndex } from '../../../reports/locations.js';
import { renderSummaryMarkdown, type SummaryRow } from '../../../reports/summary.js';
import { checkBytes, checkFixture, seedVariantDocx } from '../../reports/support/checked-submission.js';

describe('summaryResult', () => {
  it('keeps of each result exactly what the summary shows, DOCX and PDF alike', async () => {
    const results = await Promise.all([
      checkFixture('samples/pingdeng-2023.docx', 'submissions/平等乡.docx'),
      checkFixture('samples/yanghe-2023.pdf', 'submissions/杨河乡.pdf'),
      checkFixture('discrepancies/scoring.group-points.pdf', 'submissions/平等乡-打分表.pdf'),
      checkFixture('discrepancies/funds.balance.docx', 'submissions/平等乡-收支.docx'),
      // A figure the extraction did not find: the summary must still list it and qualify the pass.
      seedVariantDocx('carryover-unstated', [
        { from: '本年无结转结余。', to: '本年结转结余情况详见部门决算报表。' },
      ]).then((bytes) => checkBytes(bytes, 'submissions/平等乡-结转.docx')),
    ]);
    expect(results[4]!.extraction?.problems.map((problem) => problem.path)).toContain('finance.carryover');
    const full: SummaryRow[] = results.map((result, index) => ({ result, superseded: index === 0 }));
    const slim: SummaryRow[] = full.map((row) => ({ ...row, result: summaryResult(row.result) }));
    expect(renderSummaryMarkdown(slim)).toBe(renderSummaryMarkdown(full));
    expect(renderSummaryMarkdown(slim)).toContain('未找到结转结余');
    for (const [index, row] of slim.entries()) {
      expect(scoringTableIndex(row.result)).toBe(scoringTableIndex(full[index]!.result));
      expect(row.result.extraction?.sentences).toEqual([]);
      expect(row.result.extraction?.problems).toEqual(full[index]!.result.extraction?.problems);
      expect(Object.keys(row.result.extraction?.evidence ?? {}).length).toBeLessThanOrEqual(1);
    }
  });
});
