/**
 * Extraction problems (STYLE §7) as the reviewer reads them: what the tool could not read reliably and
 * where to look in the original. Without them a memo could say 通过 while 收入总额 was never found.
 */
import type { Extraction } from '../extractors/model/report-schema.js';
import { describeLocation, describeTable, scoringTableIndex } from './locations.js';
import type { CheckResult } from './result-schema.js';

export type ExtractionProblem = Extraction['problems'][number];

export const extractionNotesTitle = '提取提示（请对照原件核对）';

/** What kind of problem, in a word the reviewer understands; codes are the extractors' (document-model.ts). */
const problemKinds: Readonly<Record<string, string>> = {
  'missing-figure': '未找到数据',
  'ambiguous-figure': '数值前后不一',
  'unparsed-number': '数字无法识别',
  'table-reconstruction': '表格识别存疑',
  'unmapped-glyphs': '文字无法识别',
};

type ResultWithProblems = Pick<CheckResult, 'status'> & Partial<Pick<CheckResult, 'extraction'>>;

/** The problems of a checked result; a rejected file has its rejection reason instead. */
export function extractionProblems(result: ResultWithProblems): ExtractionProblem[] {
  if (result.status !== 'checked') return [];
  return result.extraction?.problems ?? [];
}

/** A figure the template asks for (and the rules check) was not found: the rules that need it could not run. */
export function hasMissingFigures(result: ResultWithProblems): boolean {
  return extractionProblems(result).some((problem) => problem.code === 'missing-figure');
}

export function problemKind(problem: Pick<ExtractionProblem, 'code'>): string {
  return Object.hasOwn(problemKinds, problem.code) ? problemKinds[problem.code]! : '提取提示';
}

/**
 * Where to look, or null when the problem has no place (a figure not found anywhere). A table that could
 * not be rebuilt is named as a whole: its first cell is only where the extractor anchored the problem.
 */
export function problemPlace(problem: ExtractionProblem, scoringTable: number): string | null {
  const location = problem.location;
  if (location === null) return null;
  if (problem.code === 'table-reconstruction' && 'table' in location) {
    return describeTable(location.table, scoringTable);
  }
  return describeLocation(location, scoringTable);
}

/** 【数值前后不一】收入总额出现多个不同数值：…，已采用前者（第2页（全文第27段）） */
export function problemLine(problem: ExtractionProblem, scoringTable: number): string {
  const place = problemPlace(problem, scoringTable);
  return `【${problemKind(problem)}】${problem.message.trim()}${place === null ? '' : `（${place}）`}`;
}

/** Every problem of a result as one line each, in the order the extraction found them. */
export function problemLines(result: CheckResult): string[] {
  const scoringTable = scoringTableIndex(result);
  return extractionProblems(result).map((problem) => problemLine(problem, scoringTable));
}
