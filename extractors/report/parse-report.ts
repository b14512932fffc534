/**
 * Document model → typed report (SPEC §3) with its extraction sidecar: the evidence of every
 * figure, the figures stated twice, the narrative's sentences with their figures, the numbered
 * headings, where the template's parts start, and the problems met on the way.
 */
import type { DocumentModel, TableBlock } from '../model/document-model.js';
import { Rejection } from '../model/rejection.js';
import { type Extraction, emptyReport, type ParsedSubmission, type Report } from '../model/report-schema.js';
import { parseConclusionScore } from './conclusion-score.js';
import { detectFormKind } from './document-kind.js';
import { parseDrugControl } from './drug-control.js';
import { attachOcrConfidence, doubtfulFigures, ExtractionRecorder, placeCellEvidence } from './evidence.js';
import { parseCarryover, parseExpenditure, parseIncome } from './finance.js';
import { formRows } from './form-cells.js';
import { type Narrative, readNarrative, sentencesForSidecar } from './narrative.js';
import { parseForm, readFormParts } from './parse-form.js';
import { parseProjects } from './projects.js';
import { parseSafety } from './safety.js';
import { findScoringTable, parseScoringTable } from './scoring-table.js';
import { findSections, looksLikeReport } from './sections.js';
import { parseStaffing } from './staffing.js';
import { parseUnit, parseYear } from './unit-year.js';
import { parseWelfare } from './welfare.js';

export function parseReport(model: DocumentModel): ParsedSubmission {
  const narrative = readNarrative(model.blocks);
  const rows = formRows(model.blocks);
  const formKind = detectFormKind(narrative.paragraphs, rows);
  let scoringTable = findScoringTable(model.blocks);
  // A form's 绩效指标 table (年度指标值 · 实际完成值 columns) is not the county's 打分表.
  if (scoringTable && formKind !== null && isFormIndicatorTable(scoringTable.table)) scoringTable = null;
  const sections = findSections(narrative.paragraphs, scoringTable?.table ?? null);
  const isReport = looksLikeReport(narrative.paragraphs, sections);
  if (!isReport && formKind === null && !scoringTable) {
    throw new Rejection(
      'not-a-report',
      '该文件不是部门整体绩效自评报告，也不是绩效自评表：未找到自评打分表，也没有自评报告的标题或“部门基本情况”“收支情况”“评价结论”等组成部分，也没有部门整体支出绩效自评表、项目支出绩效自评表或基础数据表的表头，请确认报送的文件。',
    );
  }
  const recorder = new ExtractionRecorder();
  if (!isReport && formKind !== null) {
    const { report, sections: parts } = parseForm(
      formKind,
      model.blocks,
      narrative.paragraphs,
      recorder,
      emptyReport('report'),
    );
    return {
      report,
      extraction: sidecar(model, narrative, recorder, { ...sections.sections, scoringTable: null, ...parts }),
    };
  }

  // Order matters where two paths could claim one figure: the first taker is recorded in `usedBy`.
  const unit = parseUnit(narrative, sections, recorder);
  const staffing = parseStaffing(narrative, recorder);
  const tables = { blocks: model.blocks, scoringParts: new Set(scoringTable?.joined.parts ?? []) };
  const income = parseIncome(narrative, sections, recorder, tables);
  const expenditure = parseExpenditure(narrative, sections, recorder, tables);
  const carryover = parseCarryover(narrative, sections, recorder, tables);
  const year = parseYear(narrative, sections, recorder);
  const { projects, largeProjectsClaim } = parseProjects(narrative, recorder, tables);
  // Forms attached to the report (附件：部门整体支出绩效自评表, 基础数据表) fill the same fields.
  // Read with a recorder of their own: a figure the narrative states keeps the narrative's evidence.
  const formRecorder = new ExtractionRecorder();
  const basicData = rows.some((row) => row.cells.some((cell) => /财政供养人员|基础数据表/.test(cell.text)));
  const attached = readFormParts(rows, narrative.paragraphs, year, basicData, formRecorder);
  const useForm = !scoringTable && attached.items !== null;
  for (const [path, evidence] of Object.entries(formRecorder.evidence)) {
    // The form's indicator rows and 总分 are the report's only when its own scoring table is missing:
    // otherwise their evidence would name items the report does not hold.
    if (!useForm && /^scoring\.(items\.|tableTotal$)/.test(path)) continue;
    if (!(path in recorder.evidence)) recorder.record(path, evidence);
  }
  recorder.problems.push(...formRecorder.problems);
  const tableScoring = useForm
    ? { items: attached.items ?? [], groups: [], tableTotal: attached.tableTotal }
    : parseScoringTable(scoringTable, recorder);
  if (useForm && attached.sections.indicators) sections.sections.scoringTable = attached.sections.indicators;
  const conclusionScore = parseConclusionScore(narrative, sections, recorder);
  const drugControl = parseDrugControl(narrative, recorder);
  const safety = parseSafety(narrative, recorder);
  const welfare = parseWelfare(narrative, recorder);
  const fromForm = (path: string, value: number | null, stated: number | null): number | null => {
    if (value !== null || stated === null) return value;
    // The narrative did not state it: the attachment's figure (its evidence is recorded) stands.
    recorder.problems.splice(
      0,
      recorder.problems.length,
      ...recorder.problems.filter((problem) => problem.path !== path),
    );
    return stated;
  };

  const report: Report = {
    kind: 'report',
    unit,
    year,
    project: null,
    budget: attached.budget,
    staffing: {
      ...staffing,
      authorized: {
        ...staffing.authorized,
        total: fromForm('staffing.authorized.total', staffing.authorized.total, attached.authorized),
      },
      actual: { ...staffing.actual, total: fromForm('staffing.actual.total', staffing.actual.total, attached.actual) },
      controlRate: attached.controlRate,
    },
    finance: {
      income: fromForm('finance.income', income, attached.income),
      expenditure: fromForm('finance.expenditure', expenditure, attached.expenditure),
      carryover,
      projects,
      largeProjectsClaim,
      basicExpenditure: attached.basicExpenditure,
      projectExpenditure: attached.projectExpenditure,
    },
    scoring: { ...tableScoring, conclusionScore, grade: attached.grade },
    facts: { drugControl, safety, welfare },
  };
  return {
    report,
    extraction: sidecar(model, narrative, recorder, { ...sections.sections, ...withoutNulls(attached.sections) }),
  };
}

/**
 * The extraction sidecar of a report or a form: the evidence (placed in its table cells, so that a PDF
 * figure carries its box), the narrative's sentences and headings, the parts found, and the problems.
 */
function sidecar(
  model: DocumentModel,
  narrative: Narrative,
  recorder: ExtractionRecorder,
  sections: Extraction['sections'],
): Extraction {
  const allEvidence = [
    ...Object.values(recorder.evidence),
    ...recorder.repeatedFigures.flatMap((figure) => figure.occurrences),
  ];
  placeCellEvidence(model.blocks, allEvidence);
  if (model.ocr) attachOcrConfidence(model.blocks, allEvidence);
  return {
    evidence: recorder.evidence,
    repeatedFigures: recorder.repeatedFigures,
    sentences: sentencesForSidecar(narrative),
    headings: [...narrative.headings],
    sections,
    problems: [
      ...model.problems.map((problem) => ({ ...problem })),
      ...recorder.problems,
      ...(model.ocr ? doubtfulFigures(recorder.evidence, model.ocr.minConfidence) : []),
    ],
    ocr: model.ocr !== undefined,
  };
}

const withoutNulls = <T extends object>(record: T): Partial<T> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined)) as Partial<T>;

/** The 绩效指标 header of a form names 年度指标值 and 实际完成值; the county's 打分表 does not. */
function isFormIndicatorTable(table: TableBlock): boolean {
  return table.rows
    .slice(0, 8)
    .some((row) =>
      row.some((cell) => /年度指标值|实际完成值|全年实际值|^指标值|^完成值/.test(cell.text.replace(/\s+/g, ''))),
    );
}
