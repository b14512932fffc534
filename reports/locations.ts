/** Where a piece of evidence stands, in the words a reviewer uses to find it: 「第3页第12段」, 「打分表第7行第2列」 (1-based). */
import type { Evidence } from '../extractors/report-schema.js';
import type { CheckResult } from './result-schema.js';

type Location = Evidence['location'];

/**
 * The index of the scoring table among the document's tables. The parser's evidence for scoring figures
 * says which table it read; without it the first table is assumed, as in the template.
 */
export function scoringTableIndex(result: Pick<CheckResult, 'extraction'>): number {
  const extraction = result.extraction;
  if (extraction) {
    for (const [key, evidence] of Object.entries(extraction.evidence)) {
      if (key.startsWith('scoring.') && 'table' in evidence.location) return evidence.location.table;
    }
    const section = extraction.sections.scoringTable;
    if (section && 'table' in section) return section.table;
  }
  return 0;
}

export function describeLocation(location: Location, scoringTable = 0): string {
  if ('table' in location) {
    const table = location.table === scoringTable ? '打分表' : `第${location.table + 1}个表格`;
    return `${table}第${location.row + 1}行第${location.column + 1}列`;
  }
  const paragraph = `第${location.paragraph + 1}段`;
  return location.page === null ? paragraph : `第${location.page}页${paragraph}`;
}
