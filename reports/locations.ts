/**
 * Where a piece of evidence stands, in the words a reviewer uses to find it (1-based): 「打分表第7行第2列」,
 * 「工作表「自评表」C7单元格」 for a spreadsheet,
 * 「全文第10段」 for a DOCX and 「第2页（全文第10段）」 for a PDF. A text location's paragraph counts every
 * paragraph of the document (so that a DOCX and the PDF made from it agree), not the paragraphs of its page:
 * calling it 「第2页第10段」 would send a reader holding the PDF to the wrong paragraph.
 */
import type { Evidence } from '../extractors/model/report-schema.js';
import type { CheckResult } from './result-schema.js';

type Location = Evidence['location'];

/**
 * The index of the scoring table among the document's tables. The parser's evidence for scoring figures
 * says which table it read; without it the first table is assumed, as in the template. A 基础数据表 has
 * no scoring table at all: -1, so that none of its tables is called 打分表.
 */
export function scoringTableIndex(
  result: Pick<CheckResult, 'extraction'> & Partial<Pick<CheckResult, 'report'>>,
): number {
  if (result.report?.kind === 'basic-data') return -1;
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

/** 「打分表」 for the scoring table, 「第2个表格」 for any other. */
export function describeTable(table: number, scoringTable = 0): string {
  return table === scoringTable ? '打分表' : `第${table + 1}个表格`;
}

export function describeLocation(location: Location, scoringTable = 0): string {
  // A spreadsheet cell by its sheet and address, as the reviewer sees them in Excel or WPS.
  if ('table' in location && location.sheet !== undefined && location.cell !== undefined) {
    return `工作表「${location.sheet}」${location.cell}单元格`;
  }
  if ('table' in location) {
    return `${describeTable(location.table, scoringTable)}第${location.row + 1}行第${location.column + 1}列`;
  }
  const paragraph = `全文第${location.paragraph + 1}段`;
  return location.page === null ? paragraph : `第${location.page}页（${paragraph}）`;
}
