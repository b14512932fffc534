/**
 * What a form's title and header state (SPEC §6): the unit (预算部门名称 / 部门（单位）名称 / 单位名称,
 * else 主管部门 (Chongqing); for a project form 主管部门 then 实施单位; else a 「填报单位：」 line), 项目名称, the year
 * (（2023年度）, 2023年度…表, else the year its column names give: 2023年实际在职人数) and 自评等级.
 */
import type { CellLocation, ParagraphBlock } from '../model/document-model.js';
import { cellEvidence, type ExtractionRecorder } from './evidence.js';
import { compact, type FormRow, type RowCell, valueRightOf } from './form-cells.js';

const UNIT_LABEL =
  /^(?:预算部门名称|预算部门|部门[（(]单位[）)]名称|部门[（(]单位[）)]|单位名称|预算单位名称|预算单位|部门名称|填报单位)(?:[（(]盖章[）)])?$/;
const PROJECT_LABEL = /^项目名称$/;
const COMPETENT_LABEL = /^主管部门(?:[（(]盖章[）)])?$/;
const IMPLEMENTING_LABEL = /^实施单位(?:[（(]盖章[）)])?$/;
const GRADE_LABEL = /^(?:自评等级|评价等级|绩效等级|等级)$/;
const GRADE = /^(优|良|中|差)(?:秀|好|等)?$/;
/** Any label a header row holds, so a label's value is never another label. */
const ANY_LABEL =
  /^(?:预算部门名称|预算部门|部门[（(]单位[）)]名称|单位名称|预算单位|部门名称|项目名称|主管部门|实施单位|自评等级|评价等级|项目负责人|联系电话|填报单位|财政处室|自评总分|部门联系人)/;
/** 「填报单位：衡山县贯塘乡人民政府（盖章）   金额单位：万元」 */
const SENDER_LINE =
  /^(?:填报单位|报送单位|预算部门|部门[（(]单位[）)]名称|单位名称|部门名称|预算单位)(?:[（(]盖章[）)])?[：:]\s*(.+?)(?:[（(]盖章[）)])?(?:\s{2,}|\t|金额单位|单位[：:]|填报日期|填表日期|$)/;

const cleanName = (text: string) =>
  compact(text)
    .replace(/[（(](?:盖章|公章)[）)]/g, '')
    .replace(/^[：:]|[：:]$/g, '');

interface Found {
  readonly value: string;
  readonly cell: RowCell;
}

/** A label's value: the next cell right of it, or the text after 「：」 in the label cell itself. */
function labelled(rows: readonly FormRow[], pattern: RegExp): Found | null {
  for (const row of rows) {
    for (const cell of row.cells) {
      if (!cell.startsHere) continue;
      const [label, inline] = cell.text.split(/[：:](.*)/s);
      if (!pattern.test(label ?? '')) continue;
      if (inline && cleanName(inline) !== '') return { value: cleanName(inline), cell };
      const value = valueRightOf(row, cell, (text) => ANY_LABEL.test(text));
      if (value && cleanName(value.text) !== '') return { value: cleanName(value.text), cell: value };
    }
  }
  return null;
}

function recordCell(recorder: ExtractionRecorder, path: string, label: string, found: Found): string {
  recorder.record(path, cellEvidence(found.cell.cell, found.cell.location, label, null));
  return found.value;
}

export function parseFormUnit(
  rows: readonly FormRow[],
  paragraphs: readonly ParagraphBlock[],
  projectForm: boolean,
  recorder: ExtractionRecorder,
): string | null {
  // Chongqing's overall form names the unit only as its 主管部门.
  const candidates = projectForm ? [COMPETENT_LABEL, IMPLEMENTING_LABEL, UNIT_LABEL] : [UNIT_LABEL, COMPETENT_LABEL];
  for (const pattern of candidates) {
    const found = labelled(rows, pattern);
    if (found) return recordCell(recorder, 'unit', '单位名称', found);
  }
  for (const paragraph of paragraphs) {
    const match = SENDER_LINE.exec(paragraph.text.trim());
    const unit = match ? cleanName(match[1]!) : '';
    if (unit !== '') {
      recorder.record('unit', {
        label: '单位名称',
        value: null,
        text: paragraph.text.trim(),
        location: { ...paragraph.location },
      });
      return unit;
    }
  }
  recorder.missing('unit', projectForm ? '表头的「主管部门」或「实施单位」' : '表头的「预算部门名称」');
  return null;
}

export function parseProjectName(rows: readonly FormRow[], recorder: ExtractionRecorder): string | null {
  const found = labelled(rows, PROJECT_LABEL);
  if (found) return recordCell(recorder, 'project', '项目名称', found);
  recorder.missing('project', '表头的「项目名称」');
  return null;
}

const YEAR_IN_TITLE = /[（(]\s*(\d{4})\s*年度?\s*[）)]|(\d{4})\s*年度/;
const YEAR_IN_COLUMN = /(\d{4})年(?:度)?(?:实际|决算|预算|执行)/;

export function parseFormYear(
  rows: readonly FormRow[],
  paragraphs: readonly ParagraphBlock[],
  recorder: ExtractionRecorder,
): number | null {
  for (const paragraph of paragraphs) {
    const match = YEAR_IN_TITLE.exec(paragraph.text);
    if (match) {
      recorder.record('year', {
        label: '年度',
        value: Number(match[1] ?? match[2]),
        text: paragraph.text.trim(),
        location: { ...paragraph.location },
      });
      return Number(match[1] ?? match[2]);
    }
  }
  // The latest year a column name gives (2022年决算数 · 2023年预算数 · 2023年决算数 → 2023).
  let best: { year: number; cell: RowCell } | null = null;
  for (const row of rows) {
    for (const cell of row.cells) {
      const match = YEAR_IN_TITLE.exec(cell.text) ?? YEAR_IN_COLUMN.exec(cell.text);
      const year = match ? Number(match[1] ?? match[2]) : null;
      if (year !== null && (best === null || year > best.year)) best = { year, cell };
    }
  }
  if (best) {
    recorder.record('year', cellEvidence(best.cell.cell, best.cell.location, '年度', best.year));
    return best.year;
  }
  recorder.missing('year', '表头的年度');
  return null;
}

/** The stated 自评等级 (优/良/中/差): a labelled cell, or 「自评等级：优」 in a paragraph. */
export function parseGrade(
  rows: readonly FormRow[],
  paragraphs: readonly ParagraphBlock[],
  recorder: ExtractionRecorder,
): string | null {
  const found = labelled(rows, GRADE_LABEL);
  const grade = found ? GRADE.exec(found.value) : null;
  if (found && grade) {
    recordCell(recorder, 'scoring.grade', '自评等级', found);
    return grade[1]!;
  }
  for (const paragraph of paragraphs) {
    const match = /(?:自评等级|评价等级)[：:为是]?\s*[“"「]?(优|良|中|差)/.exec(compact(paragraph.text));
    if (match) {
      recorder.record('scoring.grade', {
        label: '自评等级',
        value: null,
        text: paragraph.text.trim(),
        location: { ...paragraph.location },
      });
      return match[1]!;
    }
  }
  return null;
}

/** Where a label cell stands (for the form's parts). */
export function labelLocation(rows: readonly FormRow[], pattern: RegExp): CellLocation | null {
  for (const row of rows) {
    const cell = row.cells.find((c) => c.startsHere && pattern.test(c.text));
    if (cell) return { ...cell.location };
  }
  return null;
}
