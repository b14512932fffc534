/**
 * The scoring table (县级部门整体绩效自评打分表): columns found by their header text, the tables that
 * continue it joined to it, leaf rows (those with a 指标分值) with their indicator path filled down
 * through merged or empty cells, the groups that declare points (目标管理（40分）), the 扣分项 row, the
 * 合计/小计 rows (totals, not items) and the 部门整体自评得分 row.
 */

import type { Block, CellLocation, GridCell, TableBlock } from '../model/document-model.js';
import type { Report, ScoringGroup, ScoringItem } from '../model/report-schema.js';
import { compact } from '../text/normalize.js';
import { parseCellNumber } from '../text/numbers.js';
import { cellEvidence, type ExtractionRecorder } from './evidence.js';
import { type JoinedTable, joinContinuations } from './scoring-table-join.js';

type TableScoring = Pick<Report['scoring'], 'items' | 'groups' | 'tableTotal'>;

// A header cell holds a column name and nothing else (「绩效指标」 also occurs inside 计分标准 texts).
const HEADER_WORD =
  /^(?:一级指标|二级指标|三级指标|指标名称|指标分值|分值|自评打分|自评得分|评价方式|评价属性|整体评价|样本评价|定性评价|定量评价|指标解释|指标说明|计分标准|评分标准|绩效指标|备注)(?:[（(][^）)]*[）)])?$/;
const SCORE_HEADER = /自评打分|自评得分|自评分|得分|打分/;
const MAX_HEADER = /指标分值|分值|标准分|满分/;
const TOTAL_ROW = /部门整体自评得分|整体自评得分|自评得分|自评总分|总分/;
/** 合计 and 总计 rows sum the table (their 自评 value is its total); a 小计 row sums a group. Neither is an item. */
const SUM_ROW = /^(?:[一二三四五六七八九十\d]+[、.．])?(合计|总计|小计)(?:得分|分值|分数)?[：:]?$/;
const DEDUCTION = /^扣分项|^扣分/;
const DECLARED_POINTS = /[（(](\d+(?:\.\d+)?)分[）)]$/;

export interface ScoringColumns {
  /** Indicator columns from the highest level down (一级, 二级, 三级). */
  readonly indicators: number[];
  /** How many of the indicator columns are group levels (the 一级 and 二级 columns). */
  readonly groupLevels: number;
  readonly max: number | null;
  readonly score: number;
  /** First row after the header rows. */
  readonly firstDataRow: number;
}

export interface ScoringTable {
  /** The table the header stands in. */
  readonly table: TableBlock;
  readonly columns: ScoringColumns;
  /** That table with the tables continuing it (a table a unit split in two). */
  readonly joined: JoinedTable;
}

/** Header text of each column, without caption rows that span the whole table. */
function columnHeaders(table: TableBlock, headerEnd: number): string[] {
  const width = table.rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, column) => {
    const texts: string[] = [];
    for (let row = 0; row < headerEnd; row++) {
      const cell = table.rows[row]![column]!;
      if (cell.colSpan >= width && width > 1) continue;
      const text = compact(cell.text);
      if (text !== '' && !texts.includes(text)) texts.push(text);
    }
    return texts.join('/');
  });
}

/** How many distinct cells of a row are column names. */
const headerCells = (row: GridCell[]) =>
  new Set(
    row
      .filter((cell) => HEADER_WORD.test(compact(cell.text)))
      .map((cell) => `${cell.origin.row}:${cell.origin.column}`),
  ).size;

function readColumns(table: TableBlock): ScoringColumns | null {
  if (table.rows.length === 0) return null;
  let headerEnd = 0;
  // The header is the first run of rows naming columns (a caption row may stand before it).
  for (let r = 0; r < Math.min(6, table.rows.length); r++) {
    if (headerCells(table.rows[r]!) >= 2) headerEnd = r + 1;
    else if (headerEnd > 0) break;
  }
  if (headerEnd === 0) return null;
  const headers = columnHeaders(table, headerEnd);
  const find = (pattern: RegExp, except: number[] = []) =>
    headers.findIndex((text, column) => pattern.test(text) && !except.includes(column));
  const levels = [/一级指标/, /二级指标/, /三级指标/].map((pattern) => find(pattern)).filter((column) => column >= 0);
  const max = find(MAX_HEADER);
  const score = [find(/自评/, [max]), find(SCORE_HEADER, [max])].find(
    (column) => column >= 0 && SCORE_HEADER.test(headers[column]!),
  );
  if (score === undefined) return null;
  let indicators = [...new Set(levels)];
  let groupLevels = Math.max(0, indicators.length - 1);
  if (indicators.length === 0) {
    indicators = headers
      .map((text, column) => (/指标/.test(text) && !/分值|解释|说明|标准|内容/.test(text) ? column : -1))
      .filter((column) => column >= 0 && column !== score && column !== max);
    groupLevels = Math.max(0, indicators.length - 1);
  }
  if (indicators.length === 0) return null;
  return { indicators, groupLevels, max: max >= 0 ? max : null, score, firstDataRow: headerEnd };
}

export function findScoringTable(blocks: readonly Block[]): ScoringTable | null {
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    const columns = readColumns(block);
    if (columns) return { table: block, columns, joined: joinContinuations(blocks, block, columns, readColumns) };
  }
  return null;
}

interface Indicator {
  name: string;
  /** Where the cell stands in the joined grid, and in the document. */
  at: { row: number; column: number };
  location: CellLocation;
  cell: GridCell;
}

const stripPoints = (name: string) => name.replace(DECLARED_POINTS, '');

/**
 * The grid position whose text a cell shows (its origin when it is part of a merge): the cell, where it
 * stands in the joined grid (`at`), and where in the document (`location`).
 */
function originOf(
  joined: JoinedTable,
  row: number,
  column: number,
): { cell: GridCell; at: { row: number; column: number }; location: CellLocation } {
  const cell = joined.table.rows[row]![column]!;
  const at = cell.merged ? cell.origin : { row, column };
  return { cell: joined.table.rows[at.row]?.[at.column] ?? cell, at, location: joined.locate(at.row, at.column) };
}

export function parseScoringTable(found: ScoringTable | null, recorder: ExtractionRecorder): TableScoring {
  const scoring: TableScoring = { items: [], groups: [], tableTotal: null };
  if (!found) {
    recorder.missing('scoring.tableTotal', '县级部门整体绩效自评打分表及其部门整体自评得分');
    return scoring;
  }
  const { columns, joined } = found;
  const table = joined.table;
  const current: (Indicator | null)[] = columns.indicators.map(() => null);
  /** The 自评 value of a 合计/总计 row: the table total unless a 部门整体自评得分 row follows. */
  let summed: number | null = null;

  const numberAt = (row: number, column: number | null, label: string, path: string, unit = '分'): number | null => {
    if (column === null) return null;
    const { cell, at, location } = originOf(joined, row, column);
    if (at.row !== row) return null;
    const value = parseCellNumber(cell.text);
    if (value === null) {
      if (compact(cell.text) !== '') {
        recorder.problems.push({
          code: 'unparsed-number',
          message: `「${label}」的单元格内容「${cell.text.trim()}」不是数字`,
          path,
          location,
        });
      }
      return null;
    }
    recorder.record(path, cellEvidence(cell, location, label, value.toNumber(), unit));
    return value.toNumber();
  };

  for (let r = columns.firstDataRow; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    if (headerCells(row) >= 2) continue; // a header repeated on a new page
    const first = compact(row[columns.indicators[0]!]!.text);
    const rowLabel = first || compact(row.find((cell) => compact(cell.text) !== '')?.text ?? '');
    const labels = columns.indicators.map((column) => compact(originOf(joined, r, column).cell.text));
    const sum = labels.map((label) => SUM_ROW.exec(label)).find((match) => match !== null);

    if (sum) {
      // Its 分值 is the Σ max the unit states: evidence, not an item.
      if (sum[1] !== '小计') {
        numberAt(r, columns.max, sum[1]!, 'scoring.statedMaxTotal');
        const score = numberAt(r, columns.score, sum[1]!, 'scoring.tableTotal');
        if (score !== null) summed = score;
      }
      continue;
    }

    if (TOTAL_ROW.test(rowLabel) && parseCellNumber(row[columns.max ?? -1]?.text ?? '') === null) {
      scoring.tableTotal = readTotal(joined, r, columns, recorder);
      break;
    }

    const deduction = columns.indicators
      .map((column) => originOf(joined, r, column))
      .find(({ cell }) => DEDUCTION.test(compact(cell.text)));
    if (deduction) {
      const i = scoring.items.length;
      const item: ScoringItem = {
        path: ['扣分项'],
        max: null,
        score: null,
        deduction: true,
        target: null,
        actual: null,
      };
      item.max = numberAt(r, columns.max, '扣分项', `scoring.items.${i}.max`);
      if (item.max === null) {
        const declared = DECLARED_POINTS.exec(compact(deduction.cell.text));
        if (declared) {
          item.max = Number(declared[1]);
          recorder.record(
            `scoring.items.${i}.max`,
            cellEvidence(deduction.cell, deduction.location, '扣分项', item.max, '分'),
          );
        }
      }
      item.score = numberAt(r, columns.score, '扣分项', `scoring.items.${i}.score`);
      recorder.record(`scoring.items.${i}.path`, cellEvidence(deduction.cell, deduction.location, '扣分项', null));
      scoring.items.push(item);
      continue;
    }

    columns.indicators.forEach((column, level) => {
      const { cell, at, location } = originOf(joined, r, column);
      const text = compact(cell.text);
      if (text === '') return; // an empty indicator cell means "same as above"
      const name = stripPoints(text);
      const known = current[level];
      if (known && (known.name === name || (known.at.row === at.row && known.at.column === at.column))) return;
      current[level] = { name, at, location, cell };
      for (let lower = level + 1; lower < current.length; lower++) current[lower] = null;
      const declared = DECLARED_POINTS.exec(text);
      if (declared && level < columns.groupLevels) {
        const path = current.slice(0, level + 1).flatMap((indicator) => (indicator ? [indicator.name] : []));
        const group: ScoringGroup = { path, declaredMax: Number(declared[1]) };
        recorder.record(
          `scoring.groups.${scoring.groups.length}.declaredMax`,
          cellEvidence(cell, location, name, group.declaredMax, '分'),
        );
        scoring.groups.push(group);
      }
    });

    if (columns.max === null) continue;
    const maxCell = originOf(joined, r, columns.max);
    if (maxCell.at.row !== r || parseCellNumber(maxCell.cell.text) === null) continue;
    const leaf = [...current].reverse().find((indicator) => indicator !== null);
    if (!leaf) continue;
    const i = scoring.items.length;
    const path = current.flatMap((indicator) => (indicator ? [indicator.name] : []));
    const item: ScoringItem = {
      path,
      max: numberAt(r, columns.max, leaf.name, `scoring.items.${i}.max`),
      score: numberAt(r, columns.score, leaf.name, `scoring.items.${i}.score`),
      deduction: false,
      target: null,
      actual: null,
    };
    recorder.record(`scoring.items.${i}.path`, cellEvidence(leaf.cell, leaf.location, leaf.name, null));
    scoring.items.push(item);
  }
  scoring.tableTotal ??= summed;
  if (scoring.tableTotal === null) recorder.missing('scoring.tableTotal', '打分表中的部门整体自评得分');
  return scoring;
}

/** The total row's score: in the score column, else the last number in the row. */
function readTotal(
  joined: JoinedTable,
  row: number,
  columns: ScoringColumns,
  recorder: ExtractionRecorder,
): number | null {
  const cells = joined.table.rows[row]!;
  const candidates = [columns.score, ...cells.map((_, column) => column).reverse()];
  for (const column of candidates) {
    const { cell, location } = originOf(joined, row, column);
    const value = parseCellNumber(cell.text);
    if (value === null) continue;
    const label = TOTAL_ROW.exec(compact(cells[0]?.text ?? ''))?.[0] ?? '部门整体自评得分';
    recorder.record('scoring.tableTotal', cellEvidence(cell, location, label, value.toNumber(), '分'));
    return value.toNumber();
  }
  return null;
}
