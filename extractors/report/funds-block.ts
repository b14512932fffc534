/**
 * A form's funds block (SPEC §6–§7): the header row found by its column names (年初预算数 ·
 * 全年预算数/全年（调整）预算数/调整后预算数 · 全年执行数/预算执行数 · 分值/权重/执行率权重 · 执行率 ·
 * 得分/自评得分, with or without (A)/(B) marks), then its rows found by their labels: 年度资金总额 (预算资金), the 其中 rows
 * 财政拨款/上年结转/其他资金, or 按收入性质分 (一般公共预算 · 政府性基金拨款 · 纳入专户管理的非税收入拨款 ·
 * 其他资金) and 按支出性质分 (基本支出 · 项目支出). No position is fixed: columns and rows are where
 * their labels are. Money is in 万元 unless the block says 元.
 */
import type { CellLocation } from '../model/document-model.js';
import type { Budget, BudgetLine } from '../model/report-schema.js';
import type { ExtractionRecorder } from './evidence.js';
import {
  type CellFigure,
  cellAt,
  cellNumber,
  cellRate,
  type FormRow,
  figureEvidence,
  type RowCell,
  valueRightOf,
} from './form-cells.js';

type Column = 'initial' | 'adjusted' | 'executed' | 'max' | 'rate' | 'score';

/** Column names, most specific first (执行率 before 执行数; the (A)/(B) marks are dropped before matching). */
const COLUMNS: readonly [Column, RegExp][] = [
  // Chongqing's 执行率权重 and 执行率得分（分） are the block's 分值 and 得分, not its 执行率.
  ['rate', /执行率(?!权重|得分)/],
  ['initial', /年初预算/],
  ['adjusted', /全年预算|全年[（(]调整[）)]预算|调整后预算|调整预算|预算调整数/],
  ['executed', /全年执行|预算执行数|执行数|实际执行/],
  ['max', /^(?:分值|权重|标准分)|执行率权重/],
  ['score', /得分/],
];
const MARKS = /[（(][A-Za-z/÷×*]+[）)]/g;

const TOTAL = /^(?:年度资金总额|资金总额|年度预算总额|总额|合计)|^预算资金(?:总额)?$/;
const INCOME_HEADER = /按收入性质分/;
const EXPENDITURE_HEADER = /按支出性质分/;
const SOURCE_LINE = /^(?:本年|当年)?财政(?:拨款|资金)|^上年结转|^其他资金|^财政专户管理资金|^单位资金|^自有资金/;
const INCOME_LINE = /^一般公共预算|^政府性基金|^纳入专户|^非税收入|^国有资本经营|^社会保险基金|^其他资金/;
const EXPENDITURE_LINE = /^基本支出|^项目支出/;

export interface FundsBlock {
  readonly budget: Budget;
  /** The 按收入性质分 / 按支出性质分 rows' own figure, where the form states one. */
  readonly income: number | null;
  readonly expenditure: number | null;
  readonly basicExpenditure: number | null;
  readonly projectExpenditure: number | null;
  /** Where the block's header stands. */
  readonly location: CellLocation;
}

const labelOf = (text: string) => text.replace(/^其中[：:]?/, '').replace(/[：:]$/, '');

function headerColumns(row: FormRow): Map<Column, number> | null {
  const columns = new Map<Column, number>();
  for (const cell of row.cells) {
    const text = cell.text.replace(MARKS, '');
    const found = COLUMNS.find(([, pattern]) => pattern.test(text));
    if (found && !columns.has(found[0])) columns.set(found[0], cell.column);
  }
  const amounts = ['initial', 'adjusted', 'executed'].filter((key) => columns.has(key as Column)).length;
  return amounts >= 2 ? columns : null;
}

/** Whether the rows hold a funds block header. */
export function findFundsHeader(rows: readonly FormRow[]): number {
  return rows.findIndex((row) => headerColumns(row) !== null);
}

export function parseFundsBlock(rows: readonly FormRow[], recorder: ExtractionRecorder): FundsBlock | null {
  const headerAt = findFundsHeader(rows);
  if (headerAt < 0) return null;
  const header = rows[headerAt]!;
  const columns = headerColumns(header)!;
  const firstValue = Math.min(...columns.values());
  const yuan = header.cells.some((cell) => /[（(]元[）)]|单位[：:]元$/.test(cell.text));
  const multiplier = yuan ? 1 : 10000;
  const moneyUnit = yuan ? '元' : '万元';

  const budget: Budget = {
    initial: null,
    adjusted: null,
    executed: null,
    rate: null,
    max: null,
    score: null,
    lines: [],
  };
  let income: number | null = null;
  let expenditure: number | null = null;
  let basicExpenditure: number | null = null;
  let projectExpenditure: number | null = null;
  let group: BudgetLine['group'] = 'source';
  let seenTotal = false;

  /** Where a side-by-side row's right half (按支出性质分 beside 按收入性质分) starts: the left half's figures stop there. */
  let limit = Number.POSITIVE_INFINITY;
  /** The right halves' lines, appended after the left halves' (their group comes last in the form's own order). */
  const rightLines: { line: BudgetLine; cell: RowCell; figure: CellFigure }[] = [];

  /** The figure under a column in this row, recorded under `path`; null when blank. */
  const read = (row: FormRow, column: Column, path: string, label: string): number | null => {
    const at = columns.get(column);
    if (at === undefined) return null;
    const cell = cellAt(row, at);
    if (!cell?.startsHere || cell.column < firstValue || cell.column >= limit) return null;
    const isRate = column === 'rate';
    const figure: CellFigure | null | undefined = isRate ? cellRate(cell.cell.text) : cellNumber(cell.cell.text);
    if (figure === undefined) {
      recorder.problems.push({
        code: 'unparsed-number',
        message: `「${label}」的单元格内容「${cell.cell.text.trim()}」不是数字`,
        path,
        location: { ...cell.location },
      });
      return null;
    }
    if (figure === null) return null;
    const money = column === 'initial' || column === 'adjusted' || column === 'executed';
    const evidence = figureEvidence(
      cell,
      label,
      figure,
      money ? multiplier : 1,
      money ? moneyUnit : isRate ? '%' : '分',
    );
    recorder.record(path, evidence);
    return evidence.value;
  };

  /** 「按支出性质分：| 1925.67」 or 「其中：基本支出：| 900.47」 in the right half of a row: its figure is the one beside it. */
  function readRightHalf(row: FormRow, right: RowCell): void {
    const label = labelOf(right.text);
    const valueCell = valueRightOf(row, right, (text) => EXPENDITURE_LINE.test(labelOf(text)));
    const figure = valueCell ? cellNumber(valueCell.cell.text) : null;
    if (EXPENDITURE_HEADER.test(label)) {
      if (valueCell && figure) {
        const evidence = figureEvidence(valueCell, label, figure, multiplier, moneyUnit);
        recorder.record('finance.expenditure', evidence);
        expenditure = evidence.value;
      }
      return;
    }
    const line: BudgetLine = { name: label, group: 'expenditure', initial: null, adjusted: null, executed: null };
    if (valueCell && figure) rightLines.push({ line, cell: valueCell, figure });
    else budget.lines.push(line);
  }

  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.width !== header.width) break;
    const right = row.cells.find(
      (cell) =>
        cell.startsHere &&
        cell.column >= firstValue &&
        (EXPENDITURE_HEADER.test(labelOf(cell.text)) || EXPENDITURE_LINE.test(labelOf(cell.text))),
    );
    limit = right ? right.column : Number.POSITIVE_INFINITY;
    if (right) readRightHalf(row, right);
    const labelCells = row.cells.filter((cell) => cell.startsHere && cell.column < firstValue && cell.text !== '');
    const label = labelOf(labelCells.map((cell) => cell.text).at(-1) ?? '');
    if (label === '') continue;
    if (TOTAL.test(label) && !seenTotal) {
      seenTotal = true;
      budget.initial = read(row, 'initial', 'budget.initial', label);
      budget.adjusted = read(row, 'adjusted', 'budget.adjusted', label);
      budget.executed = read(row, 'executed', 'budget.executed', label);
      budget.max = read(row, 'max', 'budget.max', label);
      budget.rate = read(row, 'rate', 'budget.rate', label);
      budget.score = read(row, 'score', 'budget.score', label);
      continue;
    }
    if (INCOME_HEADER.test(label) || EXPENDITURE_HEADER.test(label)) {
      const isIncome = INCOME_HEADER.test(label);
      group = isIncome ? 'income' : 'expenditure';
      const path = isIncome ? 'finance.income' : 'finance.expenditure';
      const value = read(row, 'executed', path, label) ?? read(row, 'adjusted', path, label);
      if (isIncome) income = value;
      else expenditure = value;
      continue;
    }
    const lineGroup: BudgetLine['group'] | null = EXPENDITURE_LINE.test(label)
      ? 'expenditure'
      : group === 'source' && SOURCE_LINE.test(label)
        ? 'source'
        : INCOME_LINE.test(label)
          ? 'income'
          : SOURCE_LINE.test(label)
            ? 'source'
            : null;
    if (lineGroup === null) break; // the block ends where a row is none of its labels (年度总体目标 …)
    const index = budget.lines.length;
    const line: BudgetLine = {
      name: label,
      group: lineGroup,
      initial: read(row, 'initial', `budget.lines.${index}.initial`, label),
      adjusted: read(row, 'adjusted', `budget.lines.${index}.adjusted`, label),
      executed: read(row, 'executed', `budget.lines.${index}.executed`, label),
    };
    budget.lines.push(line);
    if (lineGroup === 'expenditure') {
      const value = line.executed ?? line.adjusted;
      const evidence = recorder.evidence[`budget.lines.${index}.${line.executed !== null ? 'executed' : 'adjusted'}`];
      const path = /^基本支出/.test(label) ? 'finance.basicExpenditure' : 'finance.projectExpenditure';
      if (evidence && value !== null) recorder.record(path, evidence);
      if (path === 'finance.basicExpenditure') basicExpenditure ??= value;
      else projectExpenditure ??= value;
    }
  }
  for (const { line, cell, figure } of rightLines) {
    const index = budget.lines.length;
    const evidence = figureEvidence(cell, line.name, figure, multiplier, moneyUnit);
    recorder.record(`budget.lines.${index}.executed`, evidence);
    budget.lines.push({ ...line, executed: evidence.value });
    const path = /^基本支出/.test(line.name) ? 'finance.basicExpenditure' : 'finance.projectExpenditure';
    recorder.record(path, evidence);
    if (path === 'finance.basicExpenditure') basicExpenditure ??= evidence.value;
    else projectExpenditure ??= evidence.value;
  }
  if (!seenTotal) recorder.missing('budget.executed', '资金情况中的「年度资金总额」行');
  const first = header.cells.find((cell) => cell.column === firstValue) ?? header.cells[0]!;
  return { budget, income, expenditure, basicExpenditure, projectExpenditure, location: { ...first.location } };
}
