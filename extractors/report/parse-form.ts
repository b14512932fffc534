/**
 * The official forms (SPEC §6–§7) → the typed report: a 部门整体支出绩效自评表, a 项目支出绩效自评表 or
 * a 基础数据表 as a document of its own, and the same parts attached to a narrative report. Each part
 * is found by its labels; a part its kind has but the document lacks is an extraction problem.
 */
import type { Block, ParagraphBlock, SourceLocation } from '../model/document-model.js';
import type { Budget, Report, ScoringItem, SectionKey } from '../model/report-schema.js';
import { formSections, sectionNames } from '../model/report-schema.js';
import { parseBasicData } from './basic-data.js';
import type { FormKind } from './document-kind.js';
import type { ExtractionRecorder } from './evidence.js';
import { type FormRow, formRows } from './form-cells.js';
import { labelLocation, parseFormUnit, parseFormYear, parseGrade, parseProjectName } from './form-header.js';
import { parseFormIndicators } from './form-indicators.js';
import { parseFundsBlock } from './funds-block.js';

/** What the form parts of a document state, with where each part stands. */
export interface FormParts {
  readonly budget: Budget | null;
  readonly income: number | null;
  readonly expenditure: number | null;
  readonly basicExpenditure: number | null;
  readonly projectExpenditure: number | null;
  readonly items: ScoringItem[] | null;
  readonly tableTotal: number | null;
  readonly grade: string | null;
  readonly authorized: number | null;
  readonly actual: number | null;
  readonly controlRate: number | null;
  readonly sections: Partial<Record<SectionKey, SourceLocation | null>>;
}

/** Reads every form part a document holds; `basicData` also reads the 基础数据表's figures. */
export function readFormParts(
  rows: readonly FormRow[],
  paragraphs: readonly ParagraphBlock[],
  year: number | null,
  basicData: boolean,
  recorder: ExtractionRecorder,
): FormParts {
  const funds = parseFundsBlock(rows, recorder);
  const indicators = parseFormIndicators(rows, recorder);
  const basic = basicData ? parseBasicData(rows, year, recorder) : null;
  return {
    budget: funds?.budget ?? null,
    income: funds?.income ?? null,
    expenditure: funds?.expenditure ?? null,
    basicExpenditure: funds?.basicExpenditure ?? basic?.basicExpenditure ?? null,
    projectExpenditure: funds?.projectExpenditure ?? basic?.projectExpenditure ?? null,
    items: indicators?.items ?? null,
    tableTotal: indicators?.tableTotal ?? null,
    grade: parseGrade(rows, paragraphs, recorder),
    authorized: basic?.authorized ?? null,
    actual: basic?.actual ?? null,
    controlRate: basic?.controlRate ?? null,
    sections: {
      formHeader: labelLocation(
        rows,
        /^(?:预算部门名称|预算部门|部门[（(]单位[）)]名称|单位名称|预算单位|部门名称|项目名称|主管部门)/,
      ),
      funds: funds?.location ?? null,
      goals: labelLocation(rows, /^(?:项目)?年度(?:总体)?目标|^总体目标|^年度绩效目标|^当年绩效目标/),
      indicators: indicators?.location ?? null,
      formTotal:
        indicators?.tableTotal !== null && indicators?.tableTotal !== undefined ? indicators.totalLocation : null,
      ...(basic ? basic.parts : {}),
    },
  };
}

/** Lists the parts of `kind` the document lacks as extraction problems (shown as 提取提示). */
export function missingParts(
  kind: FormKind,
  sections: Partial<Record<SectionKey, SourceLocation | null>>,
  recorder: ExtractionRecorder,
): void {
  for (const key of formSections[kind]) {
    if (sections[key]) continue;
    recorder.problems.push({
      code: 'missing-part',
      message: `未找到「${sectionNames[key]}」部分`,
      path: `sections.${key}`,
      location: null,
    });
  }
}

/** A form as a document of its own. */
export function parseForm(
  kind: FormKind,
  blocks: readonly Block[],
  paragraphs: readonly ParagraphBlock[],
  recorder: ExtractionRecorder,
  emptyReport: Report,
): { report: Report; sections: Partial<Record<SectionKey, SourceLocation | null>> } {
  const rows = formRows(blocks);
  const unit = parseFormUnit(rows, paragraphs, kind === 'project-form', recorder);
  const year = parseFormYear(rows, paragraphs, recorder);
  const project = kind === 'project-form' ? parseProjectName(rows, recorder) : null;
  const parts = readFormParts(rows, paragraphs, year, kind === 'basic-data', recorder);
  missingParts(kind, parts.sections, recorder);
  const report: Report = {
    ...emptyReport,
    kind,
    unit,
    year,
    project,
    budget: parts.budget,
    staffing: {
      authorized: { ...emptyReport.staffing.authorized, total: parts.authorized },
      actual: { ...emptyReport.staffing.actual, total: parts.actual },
      controlRate: parts.controlRate,
    },
    finance: {
      ...emptyReport.finance,
      income: parts.income,
      expenditure: parts.expenditure,
      basicExpenditure: parts.basicExpenditure,
      projectExpenditure: parts.projectExpenditure,
    },
    scoring: {
      items: parts.items ?? [],
      groups: [],
      tableTotal: parts.tableTotal,
      conclusionScore: null,
      grade: parts.grade,
    },
  };
  return { report, sections: parts.sections };
}
