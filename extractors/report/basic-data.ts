/**
 * The 部门整体支出绩效评价基础数据表 (SPEC §6): 财政供养人员情况 (编制数 / 实际在职人数 / 控制率, the
 * figures under their names or beside them) and, from 经费控制情况, the 基本支出 and 项目支出 of the
 * year's 决算数 column. Also where its parts stand: 财政供养人员情况, 经费控制情况, 楼堂馆所控制情况.
 */
import type { CellLocation } from '../model/document-model.js';
import type { ExtractionRecorder } from './evidence.js';
import {
  cellAt,
  cellNumber,
  cellRate,
  type FormRow,
  figureEvidence,
  type RowCell,
  valueRightOf,
} from './form-cells.js';
import { labelLocation } from './form-header.js';

const AUTHORIZED = /^(?:编制数|编制人数|核定编制数?)/;
const ACTUAL = /实际在职人数|在职人数|实有人数/;
const CONTROL_RATE = /^控制率|编制控制率/;
const SPENDING_HEADER = /决算数/;
const BASIC = /^(?:部门)?基本支出(?:合计)?$/;
const PROJECT = /^(?:部门)?项目支出(?:合计)?$/;
const NUMBERING = /^(?:[\d一二三四五六七八九十]+[.、．]|其中[：:]?)/;

export interface BasicData {
  authorized: number | null;
  actual: number | null;
  controlRate: number | null;
  basicExpenditure: number | null;
  projectExpenditure: number | null;
  readonly parts: {
    staffingTable: CellLocation | null;
    expenseControl: CellLocation | null;
    buildingControl: CellLocation | null;
  };
}

/** A staffing figure: in the row below its name (the official layout), else beside it. */
function staffingFigure(
  rows: readonly FormRow[],
  pattern: RegExp,
  rate: boolean,
  path: string,
  label: string,
  recorder: ExtractionRecorder,
): number | null {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const name = row.cells.find((cell) => cell.startsHere && pattern.test(cell.text));
    if (!name) continue;
    const below = rows[i + 1];
    const candidates: (RowCell | null | undefined)[] = [
      below && below.width === row.width ? cellAt(below, name.column) : null,
      valueRightOf(row, name, (text) => AUTHORIZED.test(text) || ACTUAL.test(text) || CONTROL_RATE.test(text)),
    ];
    for (const cell of candidates) {
      if (!cell) continue;
      const figure = rate ? cellRate(cell.cell.text) : cellNumber(cell.cell.text);
      if (!figure) continue;
      const evidence = figureEvidence(cell, label, figure, 1, rate ? '%' : '人');
      if (!rate) evidence.halfUnit = 0;
      recorder.record(path, evidence);
      return evidence.value;
    }
  }
  return null;
}

/** 基本支出 and 项目支出 under the year's 决算数 (本年决算数, or the latest year's). */
function expenditures(rows: readonly FormRow[], year: number | null, recorder: ExtractionRecorder) {
  const result = { basic: null as number | null, project: null as number | null };
  const headerAt = rows.findIndex((row) => row.cells.some((cell) => SPENDING_HEADER.test(cell.text)));
  if (headerAt < 0) return result;
  const header = rows[headerAt]!;
  const spent = header.cells.filter((cell) => SPENDING_HEADER.test(cell.text));
  const stated = spent.find((cell) => /本年/.test(cell.text) || (year !== null && cell.text.includes(`${year}年`)));
  // Columns that each name another year (2022年决算数 of a photo cut before 2023年决算数) are not the year's.
  if (!stated && year !== null && spent.every((cell) => /\d{4}年/.test(cell.text))) return result;
  const column = stated ?? spent.at(-1)!;
  const yuan = rows.some((row) => row.cells.some((cell) => /单位[：:]元$|[（(]元[）)]/.test(cell.text)));
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.width !== header.width) break;
    const label = row.cells.find((cell) => cell.startsHere && cell.text !== '');
    if (!label || label.column >= column.column) continue;
    const name = label.text.replace(NUMBERING, '').replace(/[：:]$/, '');
    const key = BASIC.test(name) ? 'basic' : PROJECT.test(name) ? 'project' : null;
    if (key === null || result[key] !== null) continue;
    const cell = cellAt(row, column.column);
    const figure = cell?.startsHere ? cellNumber(cell.cell.text) : null;
    if (!cell || !figure) continue;
    const evidence = figureEvidence(cell, name, figure, yuan ? 1 : 10000, yuan ? '元' : '万元');
    recorder.record(key === 'basic' ? 'finance.basicExpenditure' : 'finance.projectExpenditure', evidence);
    result[key] = evidence.value;
  }
  return result;
}

export function parseBasicData(rows: readonly FormRow[], year: number | null, recorder: ExtractionRecorder): BasicData {
  const spending = expenditures(rows, year, recorder);
  return {
    authorized: staffingFigure(rows, AUTHORIZED, false, 'staffing.authorized.total', '编制数', recorder),
    actual: staffingFigure(rows, ACTUAL, false, 'staffing.actual.total', '实际在职人数', recorder),
    controlRate: staffingFigure(rows, CONTROL_RATE, true, 'staffing.controlRate', '控制率', recorder),
    basicExpenditure: spending.basic,
    projectExpenditure: spending.project,
    parts: {
      staffingTable: labelLocation(rows, /财政供养人员/),
      expenseControl: labelLocation(rows, /^经费控制情况/),
      buildingControl: labelLocation(rows, /^楼堂馆所/),
    },
  };
}
