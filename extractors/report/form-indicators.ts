/**
 * A form's 绩效指标 table (SPEC §6–§7): the header row found by its column names (一级指标 · 二级指标 ·
 * 三级指标/指标名称 · 年度指标值/指标值/(A) · 实际完成值/全年实际值/完成值/(B) · 分值/权重 · 得分),
 * the leaf rows (those with a number under 分值) with their [一级, 二级, 三级] path read through
 * merged cells (or [指标名称] in a list without levels, as Chongqing's), their 年度指标值 (调整指标值
 * where stated) and 实际完成值 as the cells state them, and 总分 (or the header's 自评总分).
 */
import type { CellLocation } from '../model/document-model.js';
import type { ScoringItem } from '../model/report-schema.js';
import { cellEvidence, type ExtractionRecorder } from './evidence.js';
import { cellAt, cellNumber, type FormRow, figureEvidence, type RowCell } from './form-cells.js';

const LEVEL1 = /^一级指标/;
const LEVEL2 = /^二级指标/;
const LEVEL3 = /^(?:三级指标|指标名称|指标内容)/;
/** Column names, actual before target: 「实际完成值」 and 「完成值（B）」 are not 指标值. */
const ACTUAL = /实际完成值|全年实际值|实际完成|完成值|实际值|[（(]B[）)]$/;
const TARGET = /年度指标值|指标值|目标值|[（(]A[）)]$/;
/** Chongqing's 调整指标值 beside 年初指标值: the target once adjusted, where the row states one. */
const ADJUSTED_TARGET = /^(?:调整指标值|调整后指标值|全年[（(]调整[）)]指标值)/;
const MAX = /^(?:分值|权重|指标分值|标准分|指标权重)/;
/** Sichuan's forms split a target into 指标性质 (≥ = ≤), 指标值 and 度量单位. */
const NATURE = /^(?:指标性质|指标方向|符号)$/;
const UNIT = /^(?:度量单位|计量单位|单位)$/;
/** 得分, not Chongqing's 得分系数（%）. */
const SCORE = /得分(?!系数)|评分/;
/** A comparison stated in a 指标性质 column (Sichuan: ≥ = ≤); Chongqing's 定量指标/定性指标 is none. */
const COMPARISON = /^(?:[≥≤=＝<>＜＞]+|大于等于|小于等于|大于|小于|等于|不低于|不高于)$/;
/** The claimed total in a form's header (Chongqing: 自评总分（分） beside the 主管部门), when no 总分 row ends the table. */
const HEADER_TOTAL = /^(?:自评总分|自评得分|总分)(?:[（(]分[）)])?$/;
const TOTAL = /^(?:总分|合计得分|总得分|自评总分|合计|总计)$/;
const POINTS = /[（(]\d+(?:\.\d+)?分[）)]$/;

interface IndicatorColumns {
  readonly levels: number[];
  readonly adjustedTarget: number | null;
  readonly nature: number | null;
  readonly unit: number | null;
  readonly target: number | null;
  readonly actual: number | null;
  readonly max: number;
  readonly score: number;
}

function headerColumns(row: FormRow): IndicatorColumns | null {
  const find = (pattern: RegExp, except: number[] = []) =>
    row.cells.find((cell) => pattern.test(cell.text) && !except.includes(cell.column))?.column ?? -1;
  const hierarchy = [find(LEVEL1), find(LEVEL2), find(LEVEL3)];
  const max = find(MAX);
  const score = find(SCORE, [max]);
  if (max < 0 || score < 0 || hierarchy[2]! < 0) return null;
  const flat = hierarchy[0]! < 0 && hierarchy[1]! < 0;
  if (!flat && hierarchy.some((column) => column < 0)) return null;
  const levels = flat ? [hierarchy[2]!] : hierarchy;
  const actual = find(ACTUAL, [...levels, max, score]);
  const adjustedTarget = find(ADJUSTED_TARGET, [...levels, max, score, actual]);
  const target = find(TARGET, [...levels, max, score, actual, adjustedTarget]);
  // A list without 一级/二级 levels (Chongqing: 指标名称 alone) is an indicator table only with its target and actual columns.
  if (flat && (target < 0 || actual < 0)) return null;
  const nature = find(NATURE);
  const unit = find(UNIT);
  return {
    levels,
    adjustedTarget: adjustedTarget < 0 ? null : adjustedTarget,
    nature: nature < 0 ? null : nature,
    unit: unit < 0 ? null : unit,
    target: target < 0 ? null : target,
    actual: actual < 0 ? null : actual,
    max,
    score,
  };
}

export function findIndicatorHeader(rows: readonly FormRow[]): number {
  return rows.findIndex((row) => headerColumns(row) !== null);
}

export interface FormIndicators {
  readonly items: ScoringItem[];
  readonly tableTotal: number | null;
  /** Where the header row starts, and where the 总分 row stands. */
  readonly location: CellLocation;
  readonly totalLocation: CellLocation | null;
}

const textOf = (cell: RowCell | undefined) => cell?.text ?? '';

function withNatureAndUnit(value: string | null, nature: string, unit: string): string | null {
  if (value === null || value === '') return value;
  return `${value.startsWith(nature) ? '' : nature}${value}${value.endsWith(unit) ? '' : unit}`;
}

/** 自评总分（分） stated in a header row above the indicators, with the number right of it. */
function headerTotal(
  rows: readonly FormRow[],
  recorder: ExtractionRecorder,
): { value: number; location: CellLocation } | null {
  for (const row of rows) {
    for (const label of row.cells) {
      if (!label.startsHere || !HEADER_TOTAL.test(label.text)) continue;
      const valueCell = row.cells.find((cell) => cell.column > label.column && cell.startsHere && cell.text !== '');
      const figure = valueCell ? cellNumber(valueCell.cell.text) : null;
      if (!valueCell || !figure) continue;
      const evidence = figureEvidence(valueCell, label.text, figure, 1, '分');
      if (evidence.value === null) continue;
      recorder.record('scoring.tableTotal', evidence);
      return { value: evidence.value, location: { ...label.location } };
    }
  }
  return null;
}

export function parseFormIndicators(rows: readonly FormRow[], recorder: ExtractionRecorder): FormIndicators | null {
  const headerAt = findIndicatorHeader(rows);
  if (headerAt < 0) return null;
  const header = rows[headerAt]!;
  const columns = headerColumns(header)!;
  const items: ScoringItem[] = [];
  let tableTotal: number | null = null;
  let totalLocation: CellLocation | null = null;

  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.width !== header.width) break;
    if (headerColumns(row)) continue; // the header repeated on a new page
    const totalLabel = row.cells.find((cell) => cell.startsHere && TOTAL.test(cell.text));
    if (totalLabel) {
      const scoreCell = cellAt(row, columns.score);
      const figure = scoreCell && scoreCell.column !== totalLabel.column ? cellNumber(scoreCell.cell.text) : null;
      if (scoreCell && figure) {
        const evidence = figureEvidence(scoreCell, totalLabel.text, figure, 1, '分');
        recorder.record('scoring.tableTotal', evidence);
        tableTotal = evidence.value;
      }
      totalLocation = { ...totalLabel.location };
      break;
    }
    const maxCell = cellAt(row, columns.max);
    const max = maxCell?.startsHere ? cellNumber(maxCell.cell.text) : undefined;
    if (!maxCell || !max) continue;
    const levels = columns.levels.map((column) => cellAt(row, column));
    const path = levels.map((cell) => textOf(cell).replace(POINTS, '')).filter((name) => name !== '');
    const leaf = [...levels].reverse().find((cell) => cell && cell.text !== '');
    if (!leaf) continue;
    const index = items.length;
    const scoreCell = cellAt(row, columns.score);
    const score = scoreCell?.startsHere ? cellNumber(scoreCell.cell.text) : null;
    const stated = (column: number | null, key: 'target' | 'actual', label: string): string | null => {
      if (column === null) return null;
      const cell = cellAt(row, column);
      if (!cell?.startsHere) return null;
      recorder.record(`scoring.items.${index}.${key}`, cellEvidence(cell.cell, cell.location, label, null));
      return cell.text;
    };
    // Where 指标性质 and 度量单位 stand in columns of their own, the stated target is their join: ≥ 95 % → ≥95%.
    const natureText = columns.nature === null ? '' : textOf(cellAt(row, columns.nature));
    const nature = COMPARISON.test(natureText) ? natureText : '';
    const adjusted = columns.adjustedTarget === null ? undefined : cellAt(row, columns.adjustedTarget);
    const targetColumn = adjusted?.startsHere && adjusted.text !== '' ? adjusted.column : columns.target;
    const unit = columns.unit === null ? '' : textOf(cellAt(row, columns.unit));
    const maxEvidence = figureEvidence(maxCell, leaf.text, max, 1, '分');
    recorder.record(`scoring.items.${index}.max`, maxEvidence);
    let scoreValue: number | null = null;
    if (scoreCell && score) {
      const evidence = figureEvidence(scoreCell, leaf.text, score, 1, '分');
      recorder.record(`scoring.items.${index}.score`, evidence);
      scoreValue = evidence.value;
    } else if (scoreCell && score === undefined) {
      recorder.problems.push({
        code: 'unparsed-number',
        message: `「${leaf.text}」的得分「${scoreCell.cell.text.trim()}」不是数字`,
        path: `scoring.items.${index}.score`,
        location: { ...scoreCell.location },
      });
    }
    recorder.record(`scoring.items.${index}.path`, cellEvidence(leaf.cell, leaf.location, leaf.text, null));
    items.push({
      path,
      max: maxEvidence.value,
      score: scoreValue,
      deduction: false,
      target: withNatureAndUnit(stated(targetColumn, 'target', `${leaf.text}（年度指标值）`), nature, unit),
      actual: withNatureAndUnit(stated(columns.actual, 'actual', `${leaf.text}（实际完成值）`), '', unit),
    });
  }
  if (tableTotal === null) {
    const stated = headerTotal(rows.slice(0, headerAt), recorder);
    if (stated) ({ value: tableTotal, location: totalLocation } = stated);
  }
  if (tableTotal === null) recorder.missing('scoring.tableTotal', '绩效指标表的「总分」');
  const first = header.cells.find((cell) => cell.column === columns.levels[0]) ?? header.cells[0]!;
  return { items, tableTotal, location: { ...first.location }, totalLocation };
}
