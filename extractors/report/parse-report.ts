/**
 * Document model → typed report (SPEC §3) with its extraction sidecar: the evidence of every
 * figure, the figures stated twice, the narrative's sentences with their figures, the numbered
 * headings, where the template's parts start, and the problems met on the way.
 */
import type { DocumentModel } from '../model/document-model.js';
import { Rejection } from '../model/rejection.js';
import type { ParsedSubmission, Report } from '../model/report-schema.js';
import { parseConclusionScore } from './conclusion-score.js';
import { parseDrugControl } from './drug-control.js';
import { ExtractionRecorder, placeCellEvidence } from './evidence.js';
import { parseCarryover, parseExpenditure, parseIncome } from './finance.js';
import { readNarrative, sentencesForSidecar } from './narrative.js';
import { parseProjects } from './projects.js';
import { parseSafety } from './safety.js';
import { findScoringTable, parseScoringTable } from './scoring-table.js';
import { findSections, looksLikeReport } from './sections.js';
import { parseStaffing } from './staffing.js';
import { parseUnit, parseYear } from './unit-year.js';
import { parseWelfare } from './welfare.js';

export function parseReport(model: DocumentModel): ParsedSubmission {
  const narrative = readNarrative(model.blocks);
  const scoringTable = findScoringTable(model.blocks);
  const sections = findSections(narrative.paragraphs, scoringTable?.table ?? null);
  if (!scoringTable && !looksLikeReport(narrative.paragraphs, sections)) {
    throw new Rejection(
      'not-a-report',
      '该文件不是部门整体绩效自评报告：未找到自评打分表，也没有自评报告的标题或“部门基本情况”“收支情况”“评价结论”等组成部分，请确认报送的文件。',
    );
  }
  const recorder = new ExtractionRecorder();

  // Order matters where two paths could claim one figure: the first taker is recorded in `usedBy`.
  const unit = parseUnit(narrative, sections, recorder);
  const staffing = parseStaffing(narrative, recorder);
  const tables = { blocks: model.blocks, scoringParts: new Set(scoringTable?.joined.parts ?? []) };
  const income = parseIncome(narrative, sections, recorder, tables);
  const expenditure = parseExpenditure(narrative, sections, recorder, tables);
  const carryover = parseCarryover(narrative, sections, recorder, tables);
  const year = parseYear(narrative, sections, recorder);
  const { projects, largeProjectsClaim } = parseProjects(narrative, recorder, tables);
  const tableScoring = parseScoringTable(scoringTable, recorder);
  const conclusionScore = parseConclusionScore(narrative, sections, recorder);
  const drugControl = parseDrugControl(narrative, recorder);
  const safety = parseSafety(narrative, recorder);
  const welfare = parseWelfare(narrative, recorder);

  const report: Report = {
    kind: 'report',
    unit,
    year,
    project: null,
    budget: null,
    staffing,
    finance: {
      income,
      expenditure,
      carryover,
      projects,
      largeProjectsClaim,
      basicExpenditure: null,
      projectExpenditure: null,
    },
    scoring: { ...tableScoring, conclusionScore, grade: null },
    facts: { drugControl, safety, welfare },
  };
  placeCellEvidence(model.blocks, [
    ...Object.values(recorder.evidence),
    ...recorder.repeatedFigures.flatMap((figure) => figure.occurrences),
  ]);
  return {
    report,
    extraction: {
      evidence: recorder.evidence,
      repeatedFigures: recorder.repeatedFigures,
      sentences: sentencesForSidecar(narrative),
      headings: [...narrative.headings],
      sections: sections.sections,
      problems: [...model.problems.map((problem) => ({ ...problem })), ...recorder.problems],
      ocr: false,
    },
  };
}
